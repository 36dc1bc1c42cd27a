#pragma once

#include "core/interchange/sheet.h"
namespace quorum {

/**
 * Writes sheets as an XLSX workbook with libxlsxwriter, formatted for a board member who opens it in a
 * spreadsheet program: a bold, frozen header row with an autofilter, set column widths, wrapped long
 * text, real dates and numbers, and the RAG column filled with the colours of docs/scoring.md. Text is
 * always written as a string, never as a formula, with the same apostrophe escape as the CSV export
 * (spreadsheetSafeText) so it stays inert when the workbook is saved again as CSV. Excel holds at most
 * 32,767 characters in a cell: longer text is cut there and says so (the CSV and JSON exports hold all).
 */
class WorkbookWriter {
public:
    /** Most characters written to one cell, within Excel's limit of 32,767. */
    static constexpr int kMaxCellChars = 32000;

    /**
     * Writes @p sheets (one worksheet each, in order) to @p path, replacing it only once the whole
     * workbook is written. Throws Error when the file cannot be written.
     */
    static void write(const QList<Sheet> &sheets, const QString &path, const QString &title = {});
};

} // namespace quorum
