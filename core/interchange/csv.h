#pragma once

#include "core/interchange/sheet.h"

#include <QByteArray>

namespace quorum {

/**
 * CSV as RFC 4180 describes it, written so that spreadsheet programs read it correctly: UTF-8 with a
 * byte-order mark (so Excel reads UTF-8), CRLF line ends, fields with commas, quotes or line breaks in
 * double quotes with quotes doubled, and formula-like text made inert (see spreadsheetSafeText).
 * Reading is forgiving where files in the wild differ (a BOM or none, CRLF or LF, commas, semicolons or
 * tabs between values, empty lines) and strict where guessing would corrupt data: invalid UTF-8, an
 * unclosed quote or a row with more values than the header is an Error that names the line.
 */
class Csv {
public:
    /** The sheet's header and rows as CSV bytes. */
    static QByteArray write(const Sheet &sheet);

    /**
     * Parses @p bytes; @p fileName is used in messages. The header is the first non-empty record.
     * Throws Error (InvalidInput) for text that is not UTF-8, an unclosed quoted value, text after a
     * closing quote, a row with more values than there are columns or more than kMaxSpreadsheetRows rows.
     */
    static ReadTable read(const QByteArray &bytes, const QString &fileName);

    /** The offset of the first byte that is not valid UTF-8, or -1 when all of @p bytes is valid. */
    static qsizetype firstInvalidUtf8(const QByteArray &bytes);
};

} // namespace quorum
