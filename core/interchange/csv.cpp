#include "core/interchange/csv.h"

#include <QDate>

namespace quorum {

namespace {

QString numberText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return QString::number(value.toLongLong());
    default:
        return QString::number(value.toDouble(), 'g', 15);
    }
}

QString cellText(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    switch (value.typeId()) {
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return numberText(value);
    default:
        break;
    }
    QString text = spreadsheetSafeText(value.toString());
    // A bare carriage return would read back as a line end; spreadsheets use LF inside a cell.
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char(';')) || (!text.isEmpty() && (text.front().isSpace() || text.back().isSpace()))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

QChar guessDelimiter(QStringView text)
{
    // The first non-empty line, outside quotes, decides: the separator that occurs most.
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool quoted = false;
    bool seenText = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && (c == u'\n' || c == u'\r')) {
            if (seenText)
                break;
        } else if (!quoted) {
            if (c == u',')
                ++commas;
            else if (c == u';')
                ++semicolons;
            else if (c == u'\t')
                ++tabs;
        }
        if (!c.isSpace())
            seenText = true;
    }
    if (semicolons > commas && semicolons >= tabs)
        return u';';
    if (tabs > commas && tabs > semicolons)
        return u'\t';
    return u',';
}

bool isBlank(const QStringList &fields)
{
    for (const QString &field : fields) {
        if (!field.trimmed().isEmpty())
            return false;
    }
    return true;
}

} // namespace

QByteArray Csv::write(const Sheet &sheet)
{
    QString text;
    QStringList header;
    for (const SheetColumn &column : sheet.columns)
        header << cellText(column.title);
    text += header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const QVariantList &row : sheet.rows) {
        QStringList cells;
        for (const QVariant &value : row)
            cells << cellText(value);
        text += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    // Line breaks inside quoted cells are CRLF too, as RFC 4180 writes them.
    QString crlf;
    crlf.reserve(text.size() + text.size() / 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\n' && (i == 0 || text[i - 1] != u'\r'))
            crlf += QLatin1Char('\r');
        crlf += text[i];
    }
    return QByteArray("\xEF\xBB\xBF") + crlf.toUtf8();
}

qsizetype Csv::firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = data[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned int minimum = 0;
        unsigned int code = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
            code = c & 0x07;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((data[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (data[i + k] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

ReadTable Csv::read(const QByteArray &input, const QString &fileName)
{
    auto fail = [&](int line, const QString &what) {
        throw Error(Error::Kind::InvalidInput, line > 0
                                                   ? QStringLiteral("%1, line %2: %3").arg(fileName).arg(line).arg(what)
                                                   : QStringLiteral("%1: %2").arg(fileName, what));
    };
    auto lineAt = [&](const QByteArray &bytes, qsizetype offset) { return int(bytes.left(offset).count('\n')) + 1; };

    QByteArray bytes = input;
    if (bytes.startsWith("PK\x03\x04"))
        fail(0, QStringLiteral("this is a zip file (an XLSX workbook?), not CSV text; give it the .xlsx extension."));
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        fail(0, QStringLiteral("the text is UTF-16; save the file as \"CSV UTF-8\" and import it again."));
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const qsizetype nul = bytes.indexOf('\0');
    if (nul >= 0)
        fail(lineAt(bytes, nul), QStringLiteral("the file contains a NUL byte, so it is not a text CSV file."));
    const qsizetype invalid = firstInvalidUtf8(bytes);
    if (invalid >= 0) {
        const qsizetype lineStart = bytes.lastIndexOf('\n', invalid) + 1;
        fail(lineAt(bytes, invalid),
             QStringLiteral("the text is not valid UTF-8 (byte 0x%1 at position %2 of the line); save the file as "
                            "\"CSV UTF-8\" and import it again.")
                 .arg(static_cast<unsigned char>(bytes[invalid]), 2, 16, QLatin1Char('0'))
                 .arg(invalid - lineStart + 1));
    }
    const QString text = QString::fromUtf8(bytes);

    ReadTable table;
    table.fileName = fileName;
    const QChar delimiter = guessDelimiter(text);
    if (delimiter == u';')
        table.notes << QStringLiteral("values are separated by semicolons");
    else if (delimiter == u'\t')
        table.notes << QStringLiteral("values are separated by tabs");

    int line = 1;
    int recordLine = 1;
    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool afterQuote = false; // a quoted value has closed; only a delimiter or a line end may follow
    int quoteLine = 0;
    bool haveHeader = false;

    auto endRecord = [&] {
        fields << field;
        field.clear();
        if (!isBlank(fields)) {
            ReadTable::Row row;
            row.line = recordLine;
            for (const QString &value : std::as_const(fields))
                row.cells.append({value, std::nullopt});
            if (!haveHeader) {
                if (row.cells.size() > kMaxSpreadsheetColumns)
                    fail(recordLine, QStringLiteral("the header has %1 columns; at most %2 are read.")
                                         .arg(row.cells.size())
                                         .arg(kMaxSpreadsheetColumns));
                table.header = row;
                haveHeader = true;
            } else {
                const qsizetype columns = table.header.cells.size();
                while (row.cells.size() > columns && row.cells.constLast().text.trimmed().isEmpty())
                    row.cells.removeLast();
                if (row.cells.size() > columns)
                    fail(recordLine,
                         QStringLiteral("this row has %1 values but the header has %2 columns; a value that contains "
                                        "a \"%3\" must be in double quotes.")
                             .arg(row.cells.size())
                             .arg(columns)
                             .arg(delimiter == u'\t' ? QStringLiteral("tab") : QString(delimiter)));
                while (row.cells.size() < columns)
                    row.cells.append({QString(), std::nullopt});
                if (table.rows.size() >= kMaxSpreadsheetRows)
                    fail(recordLine, QStringLiteral("the file has more than %1 rows; Quorum imports at most %1.")
                                         .arg(kMaxSpreadsheetRows));
                table.rows.append(row);
            }
        }
        fields.clear();
        afterQuote = false;
    };

    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < size && text[i + 1] == u'"') {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else if (c == u'\r') {
                // CRLF or a lone CR inside a value is one line break, kept as LF.
                if (i + 1 < size && text[i + 1] == u'\n')
                    ++i;
                field += QLatin1Char('\n');
                ++line;
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == delimiter) {
            fields << field;
            field.clear();
            afterQuote = false;
            continue;
        }
        if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < size && text[i + 1] == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
            continue;
        }
        if (afterQuote) {
            if (c == u' ')
                continue;
            fail(line, QStringLiteral("there is text after a closing double quote; write a quote inside a quoted "
                                      "value as two quotes (\"\")."));
        }
        if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear();
            inQuotes = true;
            quoteLine = line;
            continue;
        }
        field += c;
    }
    if (inQuotes)
        fail(quoteLine, QStringLiteral("a double quote opens a value here that is never closed."));
    if (!field.isEmpty() || !fields.isEmpty())
        endRecord();
    if (!haveHeader)
        fail(0,
             QStringLiteral("the file is empty; it needs a header row (id, owner, rating, ...) and a row per action."));
    return table;
}

} // namespace quorum
