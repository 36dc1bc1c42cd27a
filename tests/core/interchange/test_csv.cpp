#include "testsupport.h"

#include "core/interchange/csv.h"
#include "core/interchange/registers.h"
#include "core/interchange/sheet.h"

#include <QDate>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

Sheet oneColumn(const QVariantList &values)
{
    Sheet sheet;
    sheet.name = u"Test"_qs;
    sheet.columns = {{u"Value"_qs, ColumnKind::Text, 10}};
    for (const QVariant &value : values)
        sheet.rows.append(QVariantList{value});
    return sheet;
}

QString expectFailure(const QByteArray &bytes)
{
    try {
        Csv::read(bytes, u"in.csv"_qs);
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::InvalidInput);
        return error.message();
    }
    ADD_FAILURE() << "no error for " << bytes.toStdString();
    return {};
}

} // namespace

TEST(InterchangeCsv, WritesBomCrlfAndQuotesWhatNeedsIt)
{
    const QByteArray csv = Csv::write(
        oneColumn({u"plain"_qs, u"a, b"_qs, u"say \"hi\""_qs, u"two\nlines"_qs, 42, QDate(2027, 1, 10), QVariant()}));
    EXPECT_TRUE(csv.startsWith("\xEF\xBB\xBF"));
    EXPECT_EQ(csv.mid(3), QByteArray("Value\r\nplain\r\n\"a, b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\r\nlines\"\r\n42\r\n"
                                     "2027-01-10\r\n\r\n"));
}

TEST(InterchangeCsv, NeutralisesFormulasButNotNumbers)
{
    const QByteArray csv = Csv::write(oneColumn({u"=HYPERLINK(\"http://x\")"_qs, u"+1"_qs, u"-2"_qs, u"@SUM(A1)"_qs,
                                                 u"\tTab"_qs, u"\rCR"_qs, -3, u"'=already"_qs, u"it's fine"_qs}));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(u"\r\n"_qs);
    EXPECT_EQ(lines[1], u"\"'=HYPERLINK(\"\"http://x\"\")\""_qs);
    EXPECT_EQ(lines[2], u"'+1"_qs);
    EXPECT_EQ(lines[3], u"'-2"_qs);
    EXPECT_EQ(lines[4], u"'@SUM(A1)"_qs);
    EXPECT_EQ(lines[5], u"'\tTab"_qs);
    EXPECT_EQ(lines[6], u"\"'"_qs); // the CR became a line break inside the value: quoted, over two lines
    EXPECT_EQ(lines[7], u"CR\""_qs);
    EXPECT_EQ(lines[8], u"-3"_qs);
    EXPECT_EQ(lines[9], u"''=already"_qs);
    EXPECT_EQ(lines[10], u"it's fine"_qs);
    // The escape is undone exactly on the way back.
    for (const QString &text : {u"=1+1"_qs, u"'=x"_qs, u"''@y"_qs, u"it's"_qs, u"'quoted'"_qs, u"-"_qs})
        EXPECT_EQ(fromSpreadsheetText(spreadsheetSafeText(text)), text) << text.toStdString();
}

TEST(InterchangeCsv, ReadsWhatItWrites)
{
    const QVariantList values{u"a, b"_qs, u"say \"hi\""_qs, u"two\nlines\nthree"_qs, u"=SUM(1)"_qs, u"  spaced  "_qs};
    const ReadTable table = Csv::read(Csv::write(oneColumn(values)), u"x.csv"_qs);
    ASSERT_EQ(table.rows.size(), values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        EXPECT_EQ(fromSpreadsheetText(table.rows[i].cells[0].text), values[i].toString());
    EXPECT_EQ(table.rows[0].line, 2);
    EXPECT_EQ(table.rows[3].line, 7); // the value over three lines starts on line 4
}

TEST(InterchangeCsv, QuotingEdgeCases)
{
    const ReadTable table = Csv::read("id,commentary\n"
                                      "A1,\"\"\n"
                                      "A2,\"\"\"\"\n"
                                      "A3,\"a,\"\"b\"\"\r\nc\"\n"
                                      "A4, \"lead\" \n"
                                      "A5,no \"quotes\" here\n"
                                      "A6,\"lone\rcr\"\n",
                                      u"q.csv"_qs);
    ASSERT_EQ(table.rows.size(), 6);
    EXPECT_EQ(table.rows[0].cells[1].text, u""_qs);
    EXPECT_EQ(table.rows[1].cells[1].text, u"\""_qs);
    EXPECT_EQ(table.rows[2].cells[1].text, u"a,\"b\"\nc"_qs);
    EXPECT_EQ(table.rows[3].cells[1].text, u"lead"_qs);
    EXPECT_EQ(table.rows[4].cells[1].text, u"no \"quotes\" here"_qs);
    EXPECT_EQ(table.rows[5].cells[1].text, u"lone\ncr"_qs);
    EXPECT_EQ(table.rows[3].line, 6);
}

TEST(InterchangeCsv, BomLineEndsEmptyLinesAndDelimiters)
{
    for (const QByteArray &newline : {QByteArray("\n"), QByteArray("\r\n"), QByteArray("\r")}) {
        QByteArray bytes = "\xEF\xBB\xBF"
                           "id,owner"
                           + newline + newline + "A1,Jo" + newline + ",," + newline + "A2,Sam";
        const ReadTable table = Csv::read(bytes, u"x.csv"_qs);
        ASSERT_EQ(table.rows.size(), 2);
        EXPECT_EQ(table.header.cells[0].text, u"id"_qs); // no BOM in the first heading
        EXPECT_EQ(table.rows[0].line, 3);
        EXPECT_EQ(table.rows[1].line, 5);
        EXPECT_EQ(table.rows[1].cells[1].text, u"Sam"_qs);
    }
    const ReadTable semicolons = Csv::read("id;owner;commentary\nA1;Jo;\"a; b, c\"\n", u"s.csv"_qs);
    EXPECT_EQ(semicolons.rows[0].cells[2].text, u"a; b, c"_qs);
    EXPECT_TRUE(semicolons.notes.join(u' ').contains(u"semicolons"_qs));
    const ReadTable tabs = Csv::read("id\towner\nA1\tJo, Smith\n", u"t.tsv"_qs);
    EXPECT_EQ(tabs.rows[0].cells[1].text, u"Jo, Smith"_qs);
}

TEST(InterchangeCsv, MalformedInputNamesTheLine)
{
    EXPECT_TRUE(expectFailure("id,owner\nA1,Jo\nA2,Caf\xE9\n").contains(u"line 3"_qs));
    EXPECT_TRUE(expectFailure("id,owner\nA1,Jo\nA2,Caf\xE9\n").contains(u"UTF-8"_qs));
    EXPECT_TRUE(expectFailure("id,owner\nA1,\"open\nstill open\n").contains(u"line 2: a double quote opens"_qs));
    EXPECT_TRUE(expectFailure("id,owner\nA1,\"x\"y\n").contains(u"line 2: there is text after a closing"_qs));
    EXPECT_TRUE(expectFailure("id,owner\nA1,Jo,extra,more\n").contains(u"line 2: this row has 4 values"_qs));
    EXPECT_TRUE(expectFailure("").contains(u"empty"_qs));
    EXPECT_TRUE(expectFailure("\xFF\xFEi\0d\0").contains(u"UTF-16"_qs));
    EXPECT_TRUE(expectFailure(QByteArray("id\nA\0"
                                         "1\n",
                                         8))
                    .contains(u"line 2"_qs));
    EXPECT_TRUE(expectFailure("PK\x03\x04rest").contains(u"xlsx"_qs));
    EXPECT_EQ(Csv::firstInvalidUtf8("ok \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), -1);
    EXPECT_EQ(Csv::firstInvalidUtf8("ab\xC0\xAF"), 2);     // overlong
    EXPECT_EQ(Csv::firstInvalidUtf8("ab\xED\xA0\x80"), 2); // surrogate
}

TEST(InterchangeCsv, RowLimit)
{
    QByteArray bytes = "id,owner\n";
    for (int i = 0; i <= kMaxSpreadsheetRows; ++i)
        bytes += "A1,x\n";
    EXPECT_TRUE(expectFailure(bytes).contains(u"more than 10000 rows"_qs));
}

TEST(InterchangeCsv, ActionsRegisterHasTheDocumentedColumns)
{
    auto db = createDatabase(true);
    const Sheet sheet = Registers::actions(*db->store);
    QStringList titles;
    for (const SheetColumn &column : sheet.columns)
        titles << column.title;
    EXPECT_EQ(titles,
              (QStringList{u"ID"_qs, u"Principle"_qs, u"Short title"_qs, u"Owner"_qs, u"Director"_qs, u"Rating"_qs,
                           u"Target"_qs, u"RAG"_qs, u"Unsupported claim"_qs, u"Commentary"_qs, u"Justification"_qs,
                           u"Target date"_qs, u"Next review"_qs, u"Current evidence"_qs, u"Expired evidence"_qs,
                           // The demo tracks maturity (issue 18): its four columns come last.
                           u"Maturity"_qs, u"Target maturity"_qs, u"Maturity assessed"_qs, u"Maturity assessor"_qs}));
    // The Code's 22 actions, then the 14 principles of the Software Security Code, which the demo follows too.
    ASSERT_EQ(sheet.rows.size(), 36);
    EXPECT_EQ(sheet.rows[22][0].toString(), u"ssc:1.1"_qs);
    EXPECT_EQ(sheet.rows[0][0].toString(), u"A1"_qs);
    EXPECT_EQ(sheet.rows[0][13].typeId(), QMetaType::Int); // evidence counts are numbers
    const Sheet evidence = Registers::evidence(*db->store);
    EXPECT_EQ(evidence.rows.size(), db->store->evidence().size());
}
