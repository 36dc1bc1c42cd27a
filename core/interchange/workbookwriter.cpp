#include "core/interchange/workbookwriter.h"

#include "core/rules/scoring.h"
#include "core/storage/helddatabasefiles.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUuid>

#include <xlsxwriter.h>

namespace quorum {

namespace {

constexpr lxw_color_t kHeaderFill = 0xE0E0E0;
constexpr lxw_color_t kWhite = 0xFFFFFF;
constexpr lxw_color_t kBlack = 0x000000;

/** The formats of one workbook (libxlsxwriter owns and frees them with the workbook). */
struct Formats {
    lxw_format *header = nullptr;
    lxw_format *text = nullptr;
    lxw_format *longText = nullptr;
    lxw_format *number = nullptr;
    lxw_format *date = nullptr;
    QHash<QString, lxw_format *> rag; ///< by RAG label
};

lxw_format *topAligned(lxw_workbook *workbook)
{
    lxw_format *format = workbook_add_format(workbook);
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    return format;
}

Formats makeFormats(lxw_workbook *workbook)
{
    Formats formats;
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bg_color(formats.header, kHeaderFill);
    format_set_bottom(formats.header, LXW_BORDER_THIN);
    format_set_text_wrap(formats.header);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
    formats.text = topAligned(workbook);
    formats.longText = topAligned(workbook);
    format_set_text_wrap(formats.longText);
    formats.number = topAligned(workbook);
    formats.date = topAligned(workbook);
    format_set_num_format(formats.date, "yyyy-mm-dd");
    // The colours of docs/scoring.md; the word is always in the cell too, for those who cannot see colour.
    const struct {
        Rag rag;
        lxw_color_t fill;
        lxw_color_t font;
        bool hatched;
    } colours[] = {
        {Rag::Green, 0x2E7D32, kWhite, false},         {Rag::Amber, 0xF2A900, kBlack, false},
        {Rag::Red, 0xC62828, kWhite, false},           {Rag::Gap, 0x757575, kWhite, true},
        {Rag::NotApplicable, 0xBDBDBD, kBlack, false},
    };
    for (const auto &colour : colours) {
        lxw_format *format = topAligned(workbook);
        if (colour.hatched) {
            format_set_pattern(format, LXW_PATTERN_LIGHT_UP);
            format_set_fg_color(format, 0x9E9E9E);
        } else {
            format_set_pattern(format, LXW_PATTERN_SOLID);
        }
        format_set_bg_color(format, colour.fill);
        format_set_font_color(format, colour.font);
        format_set_bold(format);
        formats.rag.insert(ragLabel(colour.rag), format);
    }
    return formats;
}

QByteArray cellText(const QString &text)
{
    QString safe = spreadsheetSafeText(text);
    if (safe.size() > WorkbookWriter::kMaxCellChars) {
        safe.truncate(WorkbookWriter::kMaxCellChars);
        safe += QStringLiteral(" [cut at %1 characters; the CSV and JSON exports hold the whole text]")
                    .arg(WorkbookWriter::kMaxCellChars);
    }
    return safe.toUtf8();
}

void check(lxw_error error, const QString &path)
{
    if (error != LXW_NO_ERROR)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not write %1: %2.")
                        .arg(QDir::toNativeSeparators(path), QString::fromUtf8(lxw_strerror(error))));
}

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

void writeSheet(lxw_workbook *workbook, const Formats &formats, const Sheet &sheet, const QString &path)
{
    const QByteArray name = sheet.name.left(31).toUtf8();
    lxw_worksheet *worksheet = workbook_add_worksheet(workbook, name.constData());
    if (!worksheet)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not add the worksheet \"%1\" to %2.").arg(sheet.name, path));
    const auto columnCount = static_cast<lxw_col_t>(sheet.columns.size());
    for (lxw_col_t column = 0; column < columnCount; ++column) {
        const SheetColumn &spec = sheet.columns[column];
        check(worksheet_set_column(worksheet, column, column, spec.width, nullptr), path);
        check(worksheet_write_string(worksheet, 0, column, cellText(spec.title).constData(), formats.header), path);
    }
    for (qsizetype r = 0; r < sheet.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const QVariantList &values = sheet.rows[r];
        for (lxw_col_t column = 0; column < columnCount && column < values.size(); ++column) {
            const QVariant &value = values[column];
            const ColumnKind kind = sheet.columns[column].kind;
            lxw_format *format = kind == ColumnKind::LongText ? formats.longText : formats.text;
            if (value.isNull() || !value.isValid()) {
                check(worksheet_write_blank(worksheet, row, column, format), path);
            } else if (value.typeId() == QMetaType::QDate) {
                const QDate date = value.toDate();
                lxw_datetime when{date.year(), date.month(), date.day(), 0, 0, 0.0};
                check(worksheet_write_datetime(worksheet, row, column, &when, formats.date), path);
            } else if (isNumber(value)) {
                check(worksheet_write_number(worksheet, row, column, value.toDouble(), formats.number), path);
            } else {
                const QString text = value.toString();
                if (kind == ColumnKind::Rag)
                    format = formats.rag.value(text, format);
                check(worksheet_write_string(worksheet, row, column, cellText(text).constData(), format), path);
            }
        }
    }
    worksheet_freeze_panes(worksheet, 1, 0);
    if (columnCount > 0)
        check(worksheet_autofilter(worksheet, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()), columnCount - 1), path);
}

} // namespace

void WorkbookWriter::write(const QList<Sheet> &sheets, const QString &path, const QString &title)
{
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("overwritten by the export"));
    const QFileInfo target(path);
    const QString temporary = target.absoluteDir().filePath(
        QStringLiteral(".%1.%2.part").arg(target.fileName(), QUuid::createUuid().toString(QUuid::Id128).left(8)));
    const QByteArray encoded = QFile::encodeName(temporary);
    lxw_workbook *workbook = workbook_new(encoded.constData());
    if (!workbook)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not create %1; check that the folder exists and can be written.")
                        .arg(QDir::toNativeSeparators(path)));
    QByteArray titleUtf8 = title.toUtf8();
    QByteArray author("Quorum");
    lxw_doc_properties properties{};
    properties.title = titleUtf8.isEmpty() ? nullptr : titleUtf8.data();
    properties.author = author.data();
    workbook_set_properties(workbook, &properties);
    try {
        const Formats formats = makeFormats(workbook);
        for (const Sheet &sheet : sheets)
            writeSheet(workbook, formats, sheet, path);
    } catch (...) {
        workbook_close(workbook);
        QFile::remove(temporary);
        throw;
    }
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) {
        QFile::remove(temporary);
        check(closed, path);
    }
    if (QFile::exists(path) && !QFile::remove(path)) {
        QFile::remove(temporary);
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not replace %1; close it in other programs and try again.")
                        .arg(QDir::toNativeSeparators(path)));
    }
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(path)));
    }
}

} // namespace quorum
