#include "testsupport.h"

#include "core/interchange/registers.h"
#include "core/interchange/sheet.h"
#include "core/interchange/workbookreader.h"
#include "core/interchange/workbookwriter.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** Reads a workbook with Python's zipfile and ElementTree (tests/tools/read_xlsx.py): another program. */
QJsonObject independentRead(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral(QUORUM_PYTHON3), {QStringLiteral(QUORUM_XLSX_CHECKER), path});
    EXPECT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(process.readAllStandardOutput(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError);
    return document.object();
}

Sheet sample()
{
    Sheet sheet;
    sheet.name = u"Sample"_qs;
    sheet.columns = {{u"Text"_qs, ColumnKind::Text, 10},
                     {u"Long"_qs, ColumnKind::LongText, 40},
                     {u"Number"_qs, ColumnKind::Number, 8},
                     {u"Date"_qs, ColumnKind::Date, 12},
                     {u"RAG"_qs, ColumnKind::Rag, 14}};
    sheet.rows = {
        {u"=1+2"_qs, u"line one\nline two"_qs, 7, QDate(2027, 1, 10), u"Green"_qs},
        {u"@cmd"_qs, u"-- minus"_qs, 2.5, QVariant(), u"Amber"_qs},
        {u"+44 20"_qs, u"Caf\u00e9 \u2014 \u2603"_qs, -4, QDate(1900, 2, 28), u"Red"_qs},
        {u"plain"_qs, QString(QChar(u'x')).repeated(40000), 0, QDate(2000, 1, 1), u"Gap (not assessed)"_qs},
    };
    return sheet;
}

} // namespace

TEST(InterchangeXlsx, OurReaderReadsWhatTheWriterWrote)
{
    TempFolder folder;
    const QString path = folder.path(u"sample.xlsx"_qs);
    WorkbookWriter::write({sample()}, path, u"Title"_qs);
    EXPECT_EQ(WorkbookReader::sheetNames(path), QStringList{u"Sample"_qs});
    const ReadTable table = WorkbookReader::read(path);
    EXPECT_TRUE(table.cellRefs);
    EXPECT_EQ(table.header.line, 1);
    ASSERT_EQ(table.rows.size(), 4);
    EXPECT_EQ(table.header.cells[3].text, u"Date"_qs);
    EXPECT_EQ(table.rows[0].cells[0].text, u"'=1+2"_qs); // a string with the escape, never a formula
    EXPECT_EQ(fromSpreadsheetText(table.rows[0].cells[0].text), u"=1+2"_qs);
    EXPECT_EQ(table.rows[0].cells[1].text, u"line one\nline two"_qs);
    EXPECT_EQ(table.rows[0].cells[2].number, 7.0);
    ASSERT_TRUE(table.rows[0].cells[3].number.has_value());
    EXPECT_EQ(WorkbookReader::dateFromSerial(*table.rows[0].cells[3].number), QDate(2027, 1, 10));
    EXPECT_EQ(WorkbookReader::dateFromSerial(*table.rows[2].cells[3].number), QDate(1900, 2, 28));
    EXPECT_EQ(WorkbookReader::dateFromSerial(*table.rows[3].cells[3].number), QDate(2000, 1, 1));
    EXPECT_TRUE(table.rows[1].cells[3].text.isEmpty());
    EXPECT_EQ(table.rows[1].cells[1].text, u"'-- minus"_qs);
    EXPECT_EQ(table.rows[2].cells[1].text, u"Caf\u00e9 \u2014 \u2603"_qs);
    EXPECT_EQ(table.rows[2].cells[2].number, -4.0);
    EXPECT_EQ(table.location(table.rows[2], 1), u"B4"_qs);
    // Excel's cell limit: cut, and saying so.
    EXPECT_LE(table.rows[3].cells[1].text.size(), 32767);
    EXPECT_TRUE(table.rows[3].cells[1].text.contains(u"cut at 32000 characters"_qs));
}

TEST(InterchangeXlsx, AnotherProgramReadsTheWorkbook)
{
    if (QStringLiteral(QUORUM_PYTHON3).isEmpty() || !QFile::exists(QStringLiteral(QUORUM_PYTHON3)))
        GTEST_FAIL() << "python3 is needed for the independent XLSX reader; run ./setup.sh";
    auto db = createDatabase(true);
    TempFolder folder;
    const QString path = folder.path(u"register.xlsx"_qs);
    WorkbookWriter::write({Registers::actions(*db->store), Registers::evidence(*db->store), sample()}, path);
    const QJsonArray sheets = independentRead(path).value(u"sheets"_qs).toArray();
    ASSERT_EQ(sheets.size(), 3);
    const QJsonObject actions = sheets[0].toObject();
    EXPECT_EQ(actions.value(u"name"_qs).toString(), u"Actions"_qs);
    EXPECT_EQ(sheets[1].toObject().value(u"name"_qs).toString(), u"Evidence"_qs);
    EXPECT_TRUE(actions.value(u"frozen"_qs).toBool());
    // 19 columns: the demo tracks maturity, so its four columns (P to S) follow the register's fifteen.
    EXPECT_EQ(actions.value(u"autofilter"_qs).toString(), u"A1:S37"_qs);
    const QJsonObject cells = actions.value(u"cells"_qs).toObject();
    EXPECT_EQ(cells.value(u"A1"_qs).toObject().value(u"v"_qs).toString(), u"ID"_qs);
    EXPECT_EQ(cells.value(u"A2"_qs).toObject().value(u"v"_qs).toString(), u"A1"_qs);
    // The whole register matches what the store says, cell by cell.
    const QList<ActionState> states = db->store->actionStates();
    for (int i = 0; i < states.size(); ++i) {
        const QString row = QString::number(i + 2);
        EXPECT_EQ(cells.value(u"A"_qs + row).toObject().value(u"v"_qs).toString(), states[i].id);
        EXPECT_EQ(cells.value(u"F"_qs + row).toObject().value(u"v"_qs).toString(),
                  ratingKey(states[i].assessment.rating));
        EXPECT_EQ(cells.value(u"N"_qs + row).toObject().value(u"v"_qs).toDouble(), states[i].evidenceCurrent);
        EXPECT_EQ(cells.value(u"N"_qs + row).toObject().value(u"t"_qs).toString(), u"n"_qs);
        if (const std::optional<int> maturity = states[i].assessment.maturity) {
            EXPECT_EQ(cells.value(u"P"_qs + row).toObject().value(u"v"_qs).toDouble(), *maturity);
            EXPECT_EQ(cells.value(u"P"_qs + row).toObject().value(u"t"_qs).toString(), u"n"_qs);
        }
        const QJsonObject rag = cells.value(u"H"_qs + row).toObject();
        const QString fill = rag.value(u"fill"_qs).toString();
        const QString word = rag.value(u"v"_qs).toString();
        const QHash<QString, QString> colours{{u"Green"_qs, u"FF2E7D32"_qs},
                                              {u"Amber"_qs, u"FFF2A900"_qs},
                                              {u"Red"_qs, u"FFC62828"_qs},
                                              {u"Gap (not assessed)"_qs, u"FF757575"_qs},
                                              {u"Not applicable"_qs, u"FFBDBDBD"_qs}};
        EXPECT_EQ(fill, colours.value(word)) << word.toStdString();
    }
    // Formula-like text is a string with the apostrophe, and nothing anywhere is a formula.
    const QJsonObject sampleCells = sheets[2].toObject().value(u"cells"_qs).toObject();
    EXPECT_EQ(sampleCells.value(u"A2"_qs).toObject().value(u"v"_qs).toString(), u"'=1+2"_qs);
    EXPECT_EQ(sampleCells.value(u"A3"_qs).toObject().value(u"v"_qs).toString(), u"'@cmd"_qs);
    EXPECT_EQ(sampleCells.value(u"A4"_qs).toObject().value(u"v"_qs).toString(), u"'+44 20"_qs);
    EXPECT_EQ(sampleCells.value(u"C4"_qs).toObject().value(u"v"_qs).toDouble(), -4.0);    // numbers stay numbers
    EXPECT_EQ(sampleCells.value(u"D2"_qs).toObject().value(u"t"_qs).toString(), u"n"_qs); // dates are serials
    for (const QJsonValue &sheet : sheets) {
        const QJsonObject all = sheet.toObject().value(u"cells"_qs).toObject();
        for (auto it = all.constBegin(); it != all.constEnd(); ++it)
            EXPECT_FALSE(it.value().toObject().contains(u"formula"_qs)) << it.key().toStdString();
    }
}

TEST(InterchangeXlsx, ReadsNamedSheetsAndRefusesWhatIsNotAWorkbook)
{
    TempFolder folder;
    const QString path = folder.path(u"two.xlsx"_qs);
    Sheet second = sample();
    second.name = u"Second"_qs;
    second.rows = {{u"only"_qs, QVariant(), 1, QVariant(), QVariant()}};
    WorkbookWriter::write({sample(), second}, path);
    EXPECT_EQ(WorkbookReader::read(path, u"second"_qs).rows.size(), 1);
    try {
        WorkbookReader::read(path, u"Third"_qs);
        ADD_FAILURE() << "no error";
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"no worksheet \"Third\"; the worksheets are Sample, Second"_qs));
    }
    const QString notZip = folder.path(u"fake.xlsx"_qs);
    writeFile(notZip, "id,owner\nA1,Jo\n");
    try {
        WorkbookReader::read(notZip);
        ADD_FAILURE() << "no error";
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"not a zip file"_qs)) << error.message().toStdString();
    }
}

TEST(InterchangeXlsx, SerialDates)
{
    EXPECT_EQ(WorkbookReader::dateFromSerial(1), QDate(1900, 1, 1));
    EXPECT_EQ(WorkbookReader::dateFromSerial(59), QDate(1900, 2, 28));
    EXPECT_EQ(WorkbookReader::dateFromSerial(61), QDate(1900, 3, 1));
    EXPECT_EQ(WorkbookReader::dateFromSerial(46032.75), QDate(2026, 1, 10));
    EXPECT_EQ(WorkbookReader::dateFromSerial(0, true), QDate());
    EXPECT_EQ(WorkbookReader::dateFromSerial(1, true), QDate(1904, 1, 2));
    EXPECT_FALSE(WorkbookReader::dateFromSerial(-5).isValid());
}
