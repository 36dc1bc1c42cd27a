#include "core/interchange/workbookreader.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QXmlStreamReader>

#include <unzip.h>

#include <algorithm>
#include <cmath>

namespace quorum {

namespace {

const QString kRelationshipsNs = QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships");

struct SheetEntry {
    QString name;
    QString part; ///< path inside the zip
};

struct WorkbookInfo {
    QString part;
    bool date1904 = false;
    QList<SheetEntry> sheets;
    QString sharedStrings; ///< path inside the zip, or empty
};

/** An open XLSX file: reads parts by name, refusing parts that would unpack beyond the limit. */
class Package {
public:
    explicit Package(const QString &path)
        : m_shown(QFileInfo(path).fileName())
    {
        if (!QFileInfo::exists(path))
            fail(QStringLiteral("the file does not exist."));
        const QByteArray encoded = QFile::encodeName(path);
        m_zip = unzOpen64(encoded.constData());
        if (!m_zip)
            fail(QStringLiteral("this is not an XLSX workbook (it is not a zip file); save it from your "
                                "spreadsheet program as \"Excel Workbook (.xlsx)\"."));
        int status = unzGoToFirstFile(m_zip);
        while (status == UNZ_OK) {
            char name[1024];
            unz_file_info64 info;
            if (unzGetCurrentFileInfo64(m_zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) == UNZ_OK) {
                const QByteArray raw(name);
                m_names.insert(QString::fromUtf8(raw).toLower(), raw);
            }
            status = unzGoToNextFile(m_zip);
        }
        if (status != UNZ_END_OF_LIST_OF_FILE) {
            // Throwing from the constructor skips the destructor: close here (found by fuzz_xlsx).
            unzClose(m_zip);
            m_zip = nullptr;
            fail(QStringLiteral("the list of parts cannot be read; the workbook is damaged."));
        }
    }
    ~Package()
    {
        if (m_zip)
            unzClose(m_zip);
    }
    Package(const Package &) = delete;
    Package &operator=(const Package &) = delete;

    [[noreturn]] void fail(const QString &what) const
    {
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1: %2").arg(m_shown, what));
    }

    bool has(const QString &part) const { return m_names.contains(part.toLower()); }

    QByteArray read(const QString &part)
    {
        const QByteArray actual = m_names.value(part.toLower());
        if (actual.isEmpty() || unzLocateFile(m_zip, actual.constData(), 1) != UNZ_OK)
            fail(QStringLiteral("the workbook has no part %1; it is damaged or not an XLSX workbook.").arg(part));
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(m_zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
            fail(QStringLiteral("the part %1 cannot be read; the workbook is damaged.").arg(part));
        if (static_cast<qint64>(info.uncompressed_size) > WorkbookReader::kMaxPartBytes)
            fail(QStringLiteral("the part %1 unpacks to %2 MB; Quorum reads parts up to %3 MB.")
                     .arg(part)
                     .arg(info.uncompressed_size / (1024 * 1024))
                     .arg(WorkbookReader::kMaxPartBytes / (1024 * 1024)));
        if (unzOpenCurrentFile(m_zip) != UNZ_OK)
            fail(QStringLiteral("the part %1 cannot be unpacked; the workbook is damaged or encrypted.").arg(part));
        // The size in the directory can lie; never read more than the limit whatever it says.
        QByteArray bytes;
        bytes.reserve(qsizetype(std::min<quint64>(info.uncompressed_size, 16 * 1024 * 1024)));
        char buffer[64 * 1024];
        int got = 0;
        while ((got = unzReadCurrentFile(m_zip, buffer, sizeof buffer)) > 0) {
            bytes.append(buffer, got);
            if (bytes.size() > WorkbookReader::kMaxPartBytes) {
                unzCloseCurrentFile(m_zip);
                fail(QStringLiteral("the part %1 unpacks to more than %2 MB.")
                         .arg(part)
                         .arg(WorkbookReader::kMaxPartBytes / (1024 * 1024)));
            }
        }
        const int closed = unzCloseCurrentFile(m_zip);
        if (got < 0 || closed != UNZ_OK)
            fail(QStringLiteral("the part %1 is damaged (it cannot be unpacked, or its checksum does not match).")
                     .arg(part));
        return bytes;
    }

    void checkXml(const QXmlStreamReader &xml, const QString &part) const
    {
        if (xml.hasError())
            fail(QStringLiteral("the part %1 is not well-formed XML (line %2: %3).")
                     .arg(part)
                     .arg(xml.lineNumber())
                     .arg(xml.errorString()));
    }

    const QString &shownName() const { return m_shown; }

private:
    QString m_shown;
    unzFile m_zip = nullptr;
    QHash<QString, QByteArray> m_names; ///< lower-case name -> name in the zip
};

/** Resolves a relationship target against the folder of the part that holds the relationship. */
QString resolve(const QString &basePart, const QString &target)
{
    if (target.startsWith(QLatin1Char('/')))
        return QDir::cleanPath(target.mid(1));
    const QString folder =
        basePart.contains(QLatin1Char('/')) ? basePart.left(basePart.lastIndexOf(QLatin1Char('/'))) : QString();
    return QDir::cleanPath(folder.isEmpty() ? target : folder + QLatin1Char('/') + target);
}

QString relsPartOf(const QString &part)
{
    const qsizetype slash = part.lastIndexOf(QLatin1Char('/'));
    const QString folder = slash >= 0 ? part.left(slash + 1) : QString();
    return folder + QStringLiteral("_rels/") + part.mid(slash + 1) + QStringLiteral(".rels");
}

/** Id -> (type, resolved target) for the relationships of @p part. */
QHash<QString, QPair<QString, QString>> relationships(Package &package, const QString &part)
{
    QHash<QString, QPair<QString, QString>> result;
    const QString rels = relsPartOf(part);
    if (!package.has(rels))
        return result;
    QXmlStreamReader xml(package.read(rels));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"Relationship") {
            const auto attributes = xml.attributes();
            result.insert(attributes.value(QLatin1String("Id")).toString(),
                          {attributes.value(QLatin1String("Type")).toString(),
                           resolve(part, attributes.value(QLatin1String("Target")).toString())});
        }
    }
    package.checkXml(xml, rels);
    return result;
}

WorkbookInfo workbookInfo(Package &package)
{
    WorkbookInfo info;
    info.part = QStringLiteral("xl/workbook.xml");
    const auto packageRels = relationships(package, QString());
    for (const auto &relationship : packageRels) {
        if (relationship.first.endsWith(u"/officeDocument"))
            info.part = relationship.second;
    }
    if (!package.has(info.part))
        package.fail(QStringLiteral("this is a zip file but not an XLSX workbook (it has no workbook part)."));
    const auto rels = relationships(package, info.part);
    QXmlStreamReader xml(package.read(info.part));
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"workbookPr") {
            const QStringView value = xml.attributes().value(QLatin1String("date1904"));
            info.date1904 = value == u"1" || value.compare(u"true", Qt::CaseInsensitive) == 0;
        } else if (xml.name() == u"sheet") {
            const auto attributes = xml.attributes();
            QString id = attributes.value(kRelationshipsNs, QLatin1String("id")).toString();
            if (id.isEmpty())
                id = attributes.value(QLatin1String("r:id")).toString();
            const auto found = rels.constFind(id);
            if (found != rels.constEnd())
                info.sheets.append(SheetEntry{attributes.value(QLatin1String("name")).toString(), found->second});
        }
    }
    package.checkXml(xml, info.part);
    for (const auto &relationship : rels) {
        if (relationship.first.endsWith(u"/sharedStrings"))
            info.sharedStrings = relationship.second;
    }
    if (info.sharedStrings.isEmpty() && package.has(QStringLiteral("xl/sharedStrings.xml")))
        info.sharedStrings = QStringLiteral("xl/sharedStrings.xml");
    return info;
}

/** Undoes OOXML's escapes of characters XML cannot hold: _x000D_ is a carriage return, _x005F_ an underscore.
 */
QString unescape(const QString &text)
{
    if (!text.contains(QStringLiteral("_x")))
        return text;
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'_' && i + 6 < text.size() && text[i + 1] == u'x' && text[i + 6] == u'_') {
            bool ok = false;
            const uint code = text.mid(i + 2, 4).toUInt(&ok, 16);
            if (ok) {
                result += QChar(static_cast<char16_t>(code));
                i += 6;
                continue;
            }
        }
        result += text[i];
    }
    return result;
}

/** The text of an <si> or <is> element: its <t> runs, leaving out phonetic guides (<rPh>). */
QString readStringItem(QXmlStreamReader &xml)
{
    QString text;
    const QString end = xml.name().toString();
    int phonetic = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"rPh")
                ++phonetic;
            else if (xml.name() == u"t" && phonetic == 0)
                text += xml.readElementText();
        } else if (xml.isEndElement()) {
            if (xml.name() == u"rPh")
                --phonetic;
            else if (xml.name() == end)
                break;
        }
    }
    return unescape(text);
}

QStringList sharedStrings(Package &package, const QString &part)
{
    QStringList strings;
    if (part.isEmpty())
        return strings;
    QXmlStreamReader xml(package.read(part));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"si")
            strings << readStringItem(xml);
    }
    package.checkXml(xml, part);
    return strings;
}

/** "C7" -> column 2 (0-based) and row 7; false when it is not a cell reference. */
bool parseReference(QStringView reference, int &column, int &row)
{
    qsizetype i = 0;
    int letters = 0;
    column = 0;
    while (i < reference.size() && reference[i].isLetter() && reference[i].unicode() < 128) {
        column = column * 26 + (reference[i].toUpper().unicode() - u'A' + 1);
        ++i;
        if (++letters > 3)
            return false;
    }
    if (letters == 0 || i == reference.size())
        return false;
    bool ok = false;
    row = reference.mid(i).toInt(&ok);
    --column;
    return ok && row > 0;
}

QString numberText(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 15);
}

} // namespace

QDate WorkbookReader::dateFromSerial(double serial, bool date1904)
{
    if (!std::isfinite(serial) || serial < 1 || serial > 2958465)
        return {};
    const auto days = static_cast<qint64>(std::floor(serial));
    if (date1904)
        return QDate(1904, 1, 1).addDays(days);
    // Serial 60 is 29 February 1900, a day that never was (Lotus's bug, kept by Excel).
    if (days < 60)
        return QDate(1899, 12, 31).addDays(days);
    return QDate(1899, 12, 30).addDays(days);
}

QStringList WorkbookReader::sheetNames(const QString &path)
{
    Package package(path);
    QStringList names;
    for (const SheetEntry &sheet : workbookInfo(package).sheets)
        names << sheet.name;
    return names;
}

ReadTable WorkbookReader::read(const QString &path, const QString &sheetName)
{
    Package package(path);
    const WorkbookInfo info = workbookInfo(package);
    if (info.sheets.isEmpty())
        package.fail(QStringLiteral("the workbook has no worksheets."));
    const SheetEntry *chosen = &info.sheets.constFirst();
    if (!sheetName.isEmpty()) {
        chosen = nullptr;
        QStringList names;
        for (const SheetEntry &sheet : info.sheets) {
            names << sheet.name;
            if (sheet.name.compare(sheetName.trimmed(), Qt::CaseInsensitive) == 0)
                chosen = &sheet;
        }
        if (!chosen)
            package.fail(QStringLiteral("there is no worksheet \"%1\"; the worksheets are %2.")
                             .arg(sheetName, names.join(QStringLiteral(", "))));
    }
    const QStringList strings = sharedStrings(package, info.sharedStrings);

    ReadTable table;
    table.fileName = package.shownName();
    table.cellRefs = true;
    table.date1904 = info.date1904;
    table.sheetName = chosen->name;

    QXmlStreamReader xml(package.read(chosen->part));
    bool haveHeader = false;
    int headerWidth = 0;
    int implicitRow = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement() || xml.name() != u"row")
            continue;
        ReadTable::Row row;
        bool rowOk = false;
        row.line = xml.attributes().value(QLatin1String("r")).toInt(&rowOk);
        if (!rowOk || row.line <= 0)
            row.line = implicitRow + 1;
        implicitRow = row.line;
        int implicitColumn = -1;
        bool anyValue = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isEndElement() && xml.name() == u"row")
                break;
            if (!xml.isStartElement() || xml.name() != u"c")
                continue;
            const auto attributes = xml.attributes();
            int column = implicitColumn + 1;
            int referencedRow = 0;
            const QStringView reference = attributes.value(QLatin1String("r"));
            if (!reference.isEmpty() && !parseReference(reference, column, referencedRow))
                package.fail(QStringLiteral("the worksheet has a cell with the reference \"%1\", which is not a cell.")
                                 .arg(reference.toString()));
            implicitColumn = column;
            const QString type = attributes.value(QLatin1String("t")).toString();
            QString value;
            QString inlineText;
            bool haveInline = false;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isEndElement() && xml.name() == u"c")
                    break;
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == u"v")
                    value = xml.readElementText();
                else if (xml.name() == u"is") {
                    inlineText = readStringItem(xml);
                    haveInline = true;
                }
            }
            ReadTable::Cell cell;
            if (type == u"s") {
                bool ok = false;
                const int index = value.toInt(&ok);
                if (!ok || index < 0 || index >= strings.size())
                    package.fail(QStringLiteral("cell %1 refers to a shared string that does not exist; the workbook "
                                                "is damaged.")
                                     .arg(columnLetters(column) + QString::number(row.line)));
                cell.text = strings[index];
            } else if (type == u"inlineStr") {
                cell.text = haveInline ? inlineText : unescape(value);
            } else if (type == u"str" || type == u"e" || type == u"d") {
                cell.text = unescape(value);
            } else if (type == u"b") {
                cell.text = value.trimmed() == u"1" ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
            } else if (!value.isEmpty()) {
                bool ok = false;
                const double number = value.trimmed().toDouble(&ok);
                if (ok) {
                    cell.number = number;
                    cell.text = numberText(number);
                } else {
                    cell.text = value;
                }
            }
            if (cell.text.isEmpty())
                continue;
            if (column >= kMaxSpreadsheetColumns * 64)
                package.fail(QStringLiteral("cell %1 is beyond the columns Quorum reads.")
                                 .arg(columnLetters(column) + QString::number(row.line)));
            if (!cell.text.trimmed().isEmpty())
                anyValue = true;
            while (row.cells.size() <= column)
                row.cells.append(ReadTable::Cell{});
            row.cells[column] = cell;
        }
        if (!anyValue)
            continue;
        if (!haveHeader) {
            if (row.cells.size() > kMaxSpreadsheetColumns)
                package.fail(QStringLiteral("the header row %1 has %2 columns; at most %3 are read.")
                                 .arg(row.line)
                                 .arg(row.cells.size())
                                 .arg(kMaxSpreadsheetColumns));
            table.header = row;
            headerWidth = int(row.cells.size());
            haveHeader = true;
            continue;
        }
        for (int column = headerWidth; column < row.cells.size(); ++column) {
            if (!row.cells[column].text.trimmed().isEmpty()) {
                table.notes << QStringLiteral("cell %1 has a value but no column heading; it was ignored")
                                   .arg(columnLetters(column) + QString::number(row.line));
            }
        }
        row.cells.resize(headerWidth);
        if (table.rows.size() >= kMaxSpreadsheetRows)
            package.fail(QStringLiteral("the worksheet \"%1\" has more than %2 rows; Quorum imports at most %2.")
                             .arg(chosen->name)
                             .arg(kMaxSpreadsheetRows));
        table.rows.append(row);
    }
    package.checkXml(xml, chosen->part);
    if (!haveHeader)
        package.fail(QStringLiteral("the worksheet \"%1\" is empty; it needs a header row (id, owner, rating, ...) and "
                                    "a row per action.")
                         .arg(chosen->name));
    return table;
}

} // namespace quorum
