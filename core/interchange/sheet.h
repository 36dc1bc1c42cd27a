#pragma once

#include "core/domain/error.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace quorum {

/** How the writers treat a column: plain text, wrapped long text, a number, a date, or a RAG colour. */
enum class ColumnKind { Text, LongText, Number, Date, Rag };

/** One column of a sheet: its heading, its kind and its width in characters (for XLSX). */
struct SheetColumn {
    QString title;
    ColumnKind kind = ColumnKind::Text;
    double width = 12;
};

/**
 * One table to export, such as the actions register or the evidence index: titled columns and rows of
 * values. A value is a QString, a number (int, qint64 or double), a QDate or null (an empty cell). The
 * CSV and XLSX writers both take a Sheet, so the two formats always hold the same cells.
 */
struct Sheet {
    QString name;
    QList<SheetColumn> columns;
    QList<QVariantList> rows;
};

/**
 * Text as written to a spreadsheet cell: text that a spreadsheet would run as a formula (starting with
 * =, +, -, @, a tab or a carriage return) gets a leading apostrophe, and so does text that would read
 * back as such an escaped value (one or more apostrophes followed by one of those), so the escape can
 * always be undone exactly.
 */
QString spreadsheetSafeText(const QString &text);

/** Undoes spreadsheetSafeText: removes the one apostrophe it added. */
QString fromSpreadsheetText(const QString &text);

/** "A" for column 0, "Z" for 25, "AA" for 26 (spreadsheet column letters). */
QString columnLetters(int column);

/**
 * A table read from a CSV or XLSX file for import: the header cells and the data rows, each cell as
 * text plus the number when the file stored a number (XLSX), and where each row came from so an error
 * can name the CSV line or the XLSX cell.
 */
struct ReadTable {
    struct Cell {
        QString text;
        std::optional<double> number; ///< set when the file stored a number (XLSX dates are numbers too)
    };
    struct Row {
        int line = 0; ///< CSV: the line the record starts on; XLSX: the row number
        QList<Cell> cells;
    };

    QString fileName;      ///< for messages
    bool cellRefs = false; ///< locations are cells ("C7") rather than lines ("line 7")
    bool date1904 = false; ///< XLSX: serial dates count from 1904
    QString sheetName;     ///< XLSX: the worksheet read
    Row header;
    QList<Row> rows;   ///< data rows in file order; empty rows left out
    QStringList notes; ///< what the reader noticed (delimiter guessed, ...)

    /** "line 7" or "C7" for a cell of a data or header row. */
    QString location(const Row &row, int column) const;
};

/** A spreadsheet file larger than this is refused before it is read (50 MB). */
constexpr qint64 kMaxSpreadsheetBytes = 50LL * 1024 * 1024;

/** At most this many data rows are read from a spreadsheet. */
constexpr int kMaxSpreadsheetRows = 10000;

/** At most this many columns are read from a spreadsheet. */
constexpr int kMaxSpreadsheetColumns = 256;

} // namespace quorum
