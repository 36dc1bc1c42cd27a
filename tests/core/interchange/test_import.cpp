#include "testsupport.h"

#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "core/interchange/registers.h"
#include "core/interchange/workbookwriter.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

class Import : public ::testing::Test {
protected:
    std::unique_ptr<TestDatabase> db = createDatabase(true);
    TempFolder folder;

    QString csv(const QByteArray &bytes, const QString &name = u"in.csv"_qs)
    {
        const QString path = folder.path(name);
        writeFile(path, bytes);
        return path;
    }

    ActionImportPlan check(const QString &path, bool createPeople = false)
    {
        ActionImportOptions options;
        options.createPeople = createPeople;
        return ActionImport::check(*db->store, path, options);
    }

    /** The one error of a plan, as text. */
    QString onlyError(const ActionImportPlan &plan)
    {
        EXPECT_EQ(plan.errors.size(), 1);
        return plan.errors.isEmpty() ? QString() : plan.errors.constFirst().text();
    }

    QString thrown(const QString &path)
    {
        try {
            check(path);
        } catch (const Error &error) {
            return error.message();
        }
        ADD_FAILURE() << "no error for " << path.toStdString();
        return {};
    }

    qint64 auditRows() { return db->store->verifyAuditChain().rows; }

    /** Zips the files of @p parts (name -> XML) with Python's zipfile: a workbook another program wrote. */
    QString handMadeWorkbook(const QMap<QString, QByteArray> &parts)
    {
        const QString root = folder.path(u"parts"_qs);
        for (auto it = parts.constBegin(); it != parts.constEnd(); ++it) {
            const QString file = root + u'/' + it.key();
            QDir().mkpath(QFileInfo(file).absolutePath());
            writeFile(file, it.value());
        }
        const QString path = folder.path(u"hand.xlsx"_qs);
        QProcess python;
        python.start(QStringLiteral(QUORUM_PYTHON3),
                     {u"-c"_qs,
                      u"import os,sys,zipfile\n"
                      "z=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED)\n"
                      "for d,_,fs in os.walk(sys.argv[1]):\n"
                      "  for f in fs:\n"
                      "    p=os.path.join(d,f); z.write(p,os.path.relpath(p,sys.argv[1]))\n"
                      "z.close()\n"_qs,
                      root, path});
        EXPECT_TRUE(python.waitForFinished(60000));
        EXPECT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
        return path;
    }
};

} // namespace

TEST_F(Import, AnExportedRegisterImportsWithoutChanges)
{
    const QString path = folder.path(u"register.csv"_qs);
    writeFile(path, Csv::write(Registers::actions(*db->store)));
    const ActionImportPlan plan = check(path);
    EXPECT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    EXPECT_TRUE(plan.warnings.isEmpty()) << plan.warnings.value(0).text().toStdString();
    // The Code's 22 actions and the 14 principles of the Software Security Code, which the demo follows too.
    EXPECT_EQ(plan.rows, 36);
    EXPECT_EQ(plan.unchanged, 36);
    EXPECT_TRUE(plan.actions.isEmpty());

    const QString xlsx = folder.path(u"register.xlsx"_qs);
    WorkbookWriter::write({Registers::actions(*db->store), Registers::evidence(*db->store)}, xlsx);
    const ActionImportPlan fromXlsx = check(xlsx);
    EXPECT_TRUE(fromXlsx.isClean()) << fromXlsx.errors.value(0).text().toStdString();
    EXPECT_EQ(fromXlsx.unchanged, 36);
}

TEST_F(Import, AppliesEveryFieldInOneAuditedTransaction)
{
    const qint64 before = auditRows();
    const QString path =
        csv("\xEF\xBB\xBF"
            "Next Review,ID,rating,Target,Owner,Director,Commentary,justification,Due,Notes\r\n"
            "2027-03-01,b3,Substantial,substantial,mark elliott,David Okafor,\"New, better\r\ncommentary\",,"
            "01/02/2027,ignored\r\n"
            "2027-04-01,C1,not-applicable,reasonable,,,\"'=not a formula\",Outsourced to the group,,\r\n");
    const ActionImportPlan plan = check(path);
    ASSERT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    ASSERT_EQ(plan.warnings.size(), 1);
    EXPECT_EQ(plan.warnings[0].text(), u"line 1, column Notes: Quorum does not import this column; it was ignored"_qs);
    ASSERT_EQ(plan.actions.size(), 2);
    ActionImport::apply(*db->store, plan);

    const ActionState b3 = db->store->actionState(u"B3"_qs);
    EXPECT_EQ(b3.assessment.rating, Rating::Substantial);
    EXPECT_EQ(b3.ownerName, u"Mark Elliott"_qs);
    EXPECT_EQ(b3.directorName, u"David Okafor"_qs);
    EXPECT_EQ(b3.assessment.commentary, u"New, better\ncommentary"_qs);
    EXPECT_EQ(b3.assessment.targetDate, QDate(2027, 2, 1));
    EXPECT_EQ(b3.assessment.nextReview, QDate(2027, 3, 1));
    const ActionState c1 = db->store->actionState(u"C1"_qs);
    EXPECT_EQ(c1.assessment.rating, Rating::NotApplicable);
    EXPECT_TRUE(c1.ownerName.isEmpty());
    EXPECT_EQ(c1.assessment.commentary, u"=not a formula"_qs);
    EXPECT_FALSE(c1.assessment.targetDate.isValid());
    // Audited like any other change: one row per changed field, the chain intact.
    const ChainCheck chain = db->store->verifyAuditChain();
    EXPECT_TRUE(chain.ok);
    int changedFields = 0;
    for (const ImportedAction &action : plan.actions)
        changedFields += int(action.fields.size());
    EXPECT_EQ(chain.rows - before, changedFields);
    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    filter.entityId = u"B3"_qs;
    filter.limit = 1;
    EXPECT_FALSE(db->store->auditEntries(filter).isEmpty());
}

TEST_F(Import, EveryErrorNamesItsLineAndColumnAndNothingChanges)
{
    db->close(); // the file's bytes are only final once it is closed
    const QByteArray fileBefore = recordFingerprint(db->path);
    db->reopen();
    const qint64 before = auditRows();
    const QString path = csv("id,owner,director,rating,target,commentary,target date,next review\n"
                             "A1,,,great,reasonable,,,\n"
                             "A2,,,limited,not-assessed,,,\n"
                             "Z9,,,limited,reasonable,,,\n"
                             "A1,,,limited,reasonable,,,\n"
                             ",,,limited,reasonable,,,\n"
                             "A3,,,limited,,,,\n"
                             "A4,,,limited,reasonable,,31/02/2027,\n"
                             "A5,,Mark Elliott,limited,reasonable,,,\n"
                             "B1,,,limited,reasonable,\"bell\x07\",,\n"
                             "B2,,,not-applicable,reasonable,,,\n"
                             "B3,Nobody Known,Another Stranger,limited,reasonable,,,2027-13-01\n");
    const ActionImportPlan plan = check(path);
    QStringList errors;
    for (const ImportIssue &issue : plan.errors)
        errors << issue.text();
    const QStringList expected{
        u"line 2, column rating: \"great\" is not a rating"_qs,
        u"line 3, column target: \"not assessed\" cannot be a target"_qs,
        u"line 4, column id: there is no action \"Z9\"; the actions are A1 to E5"_qs,
        u"line 5, column id: action A1 appears again (first at line 2)"_qs,
        u"line 6, column id: the action id is empty"_qs,
        u"line 7, column target: the target is empty"_qs,
        u"line 8, column target date: \"31/02/2027\" is not a date"_qs,
        u"line 9, column director: Mark Elliott is recorded as an executive, not a board member"_qs,
        u"line 10, column commentary: The commentary contains a control character (U+0007)"_qs,
        u"line 11, column rating: action B2 is rated not applicable, which needs a justification"_qs,
        u"line 12, column next review: \"2027-13-01\" is not a date"_qs,
    };
    ASSERT_EQ(errors.size(), expected.size() + 1) << errors.join(u'\n').toStdString();
    for (qsizetype i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(errors[i].startsWith(expected[i])) << errors[i].toStdString();
    EXPECT_TRUE(errors.last().startsWith(u"line 12, column owner: 2 people are not recorded: \"Nobody Known\" (line "
                                         "12), \"Another Stranger\" (line 12)"_qs))
        << errors.last().toStdString();
    try {
        ActionImport::apply(*db->store, plan);
        ADD_FAILURE() << "applied a plan with errors";
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"nothing was changed"_qs));
    }
    EXPECT_EQ(auditRows(), before);
    db->close();
    EXPECT_EQ(recordFingerprint(db->path), fileBefore);
}

TEST_F(Import, WholeFileProblems)
{
    EXPECT_TRUE(thrown(csv("owner,rating\nJo,limited\n"))
                    .contains(u"there is no id column (the headings read: owner, rating)"_qs));
    EXPECT_TRUE(thrown(csv("id|owner\nA1|Jo\n")).contains(u"separate the values with commas"_qs));
    EXPECT_TRUE(thrown(csv("id,owner\nA1,Jos\xE9\n")).contains(u"in.csv, line 2: the text is not valid UTF-8"_qs));
    EXPECT_TRUE(thrown(csv("id", u"in.xls"_qs)).contains(u"Excel 97-2003"_qs));
    EXPECT_TRUE(thrown(csv("id", u"in.ods"_qs)).contains(u".csv and .xlsx"_qs));
    EXPECT_TRUE(thrown(folder.path(u"missing.csv"_qs)).contains(u"does not exist"_qs));
    // Larger than the limit: refused before it is read.
    const QString big = folder.path(u"big.csv"_qs);
    {
        QFile file(big);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_TRUE(file.resize(kMaxSpreadsheetBytes + 1));
    }
    EXPECT_TRUE(thrown(big).contains(u"up to 50 MB"_qs));
    // Two columns for one field.
    const ActionImportPlan plan = check(csv("id,owner,Action owner\nA1,,\n"));
    EXPECT_TRUE(
        onlyError(plan).startsWith(u"line 1, column Action owner: this column repeats the column \"owner\""_qs));
}

TEST_F(Import, SemicolonsAndTabsAreDetected)
{
    ActionImportPlan plan = check(csv("id;rating;target\nA1;limited;reasonable\n"));
    EXPECT_TRUE(plan.isClean());
    ASSERT_EQ(plan.actions.size(), 1);
    EXPECT_TRUE(plan.warnings.value(0).text().contains(u"semicolons"_qs));
    plan = check(csv("id\trating\nA2\tsubstantial\n", u"tabs.csv"_qs));
    EXPECT_TRUE(plan.isClean());
    EXPECT_EQ(plan.actions.value(0).actionId, u"A2"_qs);
}

TEST_F(Import, UnknownPeopleCanBeCreated)
{
    const QString path = csv("id,owner,director\nA1,Pat Newman,Dana Board\nA2,dana board,\nA3,PAT NEWMAN,\n");
    EXPECT_FALSE(check(path).isClean());
    const ActionImportPlan plan = check(path, true);
    ASSERT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    ASSERT_EQ(plan.newPeople.size(), 2);
    EXPECT_EQ(plan.newPeople[0].name, u"Pat Newman"_qs);
    EXPECT_FALSE(plan.newPeople[0].board);
    EXPECT_EQ(plan.newPeople[1].name, u"Dana Board"_qs);
    EXPECT_TRUE(plan.newPeople[1].board); // named as a director: a board member
    ActionImport::apply(*db->store, plan);
    EXPECT_EQ(db->store->actionState(u"A1"_qs).ownerName, u"Pat Newman"_qs);
    EXPECT_EQ(db->store->actionState(u"A1"_qs).directorName, u"Dana Board"_qs);
    EXPECT_EQ(db->store->actionState(u"A2"_qs).ownerName, u"Dana Board"_qs);
    EXPECT_EQ(db->store->actionState(u"A3"_qs).ownerName, u"Pat Newman"_qs);
    EXPECT_TRUE(db->store->personByName(u"dana board"_qs).board);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
}

TEST_F(Import, AFailureWhileApplyingChangesNothing)
{
    const QString path = csv("id,owner,rating\nA1,Pat Newman,limited\nA2,,limited\n");
    const ActionImportPlan plan = check(path, true);
    ASSERT_TRUE(plan.isClean());
    const qint64 before = auditRows();
    const Rating a2 = db->store->assessment(u"A2"_qs).rating;
    // Someone records the same name between the check and the apply: adding them is refused.
    Person clash;
    clash.name = u"pat newman"_qs;
    clash.role = u"Elsewhere"_qs;
    db->store->addPerson(clash);
    EXPECT_THROW(ActionImport::apply(*db->store, plan), Error);
    EXPECT_EQ(auditRows(), before + 1);
    EXPECT_EQ(db->store->assessment(u"A2"_qs).rating, a2);
}

TEST_F(Import, XlsxErrorsNameTheCellAndDatesMayBeSerials)
{
    Sheet sheet;
    sheet.name = u"Register"_qs;
    sheet.columns = {{u"Notes"_qs}, {u"ID"_qs}, {u"Rating"_qs}, {u"Target date"_qs, ColumnKind::Date}};
    sheet.rows = {{u"x"_qs, u"A1"_qs, u"substantial"_qs, QDate(2027, 5, 4)},
                  {u"y"_qs, u"A2"_qs, u"excellent"_qs, QVariant()},
                  {u"z"_qs, u"A3"_qs, u"limited"_qs, u"soon"_qs}};
    const QString path = folder.path(u"register.xlsx"_qs);
    WorkbookWriter::write({sheet}, path);
    const ActionImportPlan plan = check(path);
    ASSERT_EQ(plan.errors.size(), 2);
    EXPECT_TRUE(plan.errors[0].text().startsWith(u"C3, column Rating: \"excellent\" is not a rating"_qs));
    EXPECT_TRUE(plan.errors[1].text().startsWith(u"D4, column Target date: \"soon\" is not a date"_qs));
    EXPECT_EQ(plan.warnings.value(0).text(),
              u"A1, column Notes: Quorum does not import this column; it was ignored"_qs);
    sheet.rows.removeLast();
    sheet.rows.removeLast();
    WorkbookWriter::write({sheet}, path);
    const ActionImportPlan clean = check(path);
    ASSERT_TRUE(clean.isClean());
    ActionImport::apply(*db->store, clean);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).targetDate, QDate(2027, 5, 4));
}

TEST_F(Import, ReadsWorkbooksOtherProgramsWrite)
{
    // Inline strings, rich-text shared strings with a phonetic run, a cached formula result, 1904 dates,
    // escaped control characters, cells without references and a header that does not start in column A.
    const QString path = handMadeWorkbook({
        {u"[Content_Types].xml"_qs, "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                                    "package/2006/content-types\"/>"},
        {u"_rels/.rels"_qs,
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {u"xl/workbook.xml"_qs,
         "<?xml version=\"1.0\"?><workbook "
         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr "
         "date1904=\"1\"/><sheets><sheet name=\"Cover\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Actions\" "
         "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
        {u"xl/_rels/workbook.xml.rels"_qs,
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/worksheet\" Target=\"worksheets/cover.xml\"/><Relationship Id=\"rId2\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
         "Target=\"/xl/worksheets/data.xml\"/><Relationship Id=\"rId3\" "
         "Type=\"http://schemas.openxmlformats.org/"
         "officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/></Relationships>"},
        {u"xl/strings.xml"_qs,
         "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<si><t>id</t></si><si><r><t>Com</t></r><r><rPr><b/></rPr><t>mentary</t></r><rPh><t>x</t></rPh></si>"
         "<si><t xml:space=\"preserve\">Line one_x000D_\nline two</t></si></sst>"},
        {u"xl/worksheets/cover.xml"_qs, "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats."
                                        "org/spreadsheetml/2006/main\"><sheetData/></worksheet>"},
        {u"xl/worksheets/data.xml"_qs,
         "<?xml version=\"1.0\"?><worksheet "
         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c "
         "t=\"inlineStr\"><is><t>rating</t></is></c>"
         "<c r=\"D2\" t=\"s\"><v>1</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>Due</t></is></c></row>"
         "<row r=\"3\"><c r=\"B3\" t=\"str\"><f>LOWER(\"E5\")</f><v>e5</v></c><c r=\"C3\" "
         "t=\"inlineStr\"><is>"
         "<t>Reasonable</t></is></c><c r=\"D3\" t=\"s\"><v>2</v></c><c r=\"E3\"><v>45000</v></c></row>"
         "</sheetData></worksheet>"},
    });
    ActionImportOptions options;
    options.sheet = u"actions"_qs;
    const ActionImportPlan plan = ActionImport::check(*db->store, path, options);
    ASSERT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    ASSERT_EQ(plan.actions.size(), 1);
    ActionImport::apply(*db->store, plan);
    const Assessment e5 = db->store->assessment(u"E5"_qs);
    EXPECT_EQ(e5.rating, Rating::Reasonable);
    EXPECT_EQ(e5.commentary, u"Line one\nline two"_qs); // _x000D_ and the line break: one line break
    EXPECT_EQ(e5.targetDate, QDate(1904, 1, 1).addDays(45000));
    // The first sheet is empty: a clear error.
    try {
        ActionImport::check(*db->store, path);
        ADD_FAILURE() << "no error";
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"the worksheet \"Cover\" is empty"_qs)) << error.message().toStdString();
    }
}
