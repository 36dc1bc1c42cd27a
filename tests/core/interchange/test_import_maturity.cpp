#include "testsupport.h"

#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "core/interchange/registers.h"
#include "core/interchange/workbookwriter.h"

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// Maturity in the actions register and its import (issue 18): columns only while the organisation tracks it,
// read back without changes, validated on each item's scale and applied through the store. The demo tracks
// maturity and has levels for the Code's actions; the tests that need tracking off turn it off.

namespace {

class ImportMaturity : public ::testing::Test {
protected:
    std::unique_ptr<TestDatabase> db = createDatabase(true);
    TempFolder folder;

    void track(bool on)
    {
        Organisation organisation = db->store->organisation();
        organisation.trackMaturity = on;
        db->store->setOrganisation(organisation);
    }

    void appraise(const QString &id, std::optional<int> maturity, std::optional<int> target, const QDate &assessed,
                  MaturityAssessor assessor)
    {
        db->store->updateAssessment(id, {{AssessmentField::Maturity, maturity ? QVariant(*maturity) : QVariant()},
                                         {AssessmentField::MaturityTarget, target ? QVariant(*target) : QVariant()},
                                         {AssessmentField::MaturityAssessed, assessed},
                                         {AssessmentField::MaturityAssessor, QVariant::fromValue(assessor)}});
    }

    ActionImportPlan check(const QString &path) { return ActionImport::check(*db->store, path); }

    QString csv(const QByteArray &bytes, const QString &name = u"in.csv"_qs)
    {
        const QString path = folder.path(name);
        writeFile(path, bytes);
        return path;
    }

    static QStringList titles(const Sheet &sheet)
    {
        QStringList result;
        for (const SheetColumn &column : sheet.columns)
            result << column.title;
        return result;
    }
};

} // namespace

TEST_F(ImportMaturity, TheRegisterHasMaturityColumnsOnlyWhileTracked)
{
    track(false);
    const Sheet before = Registers::actions(*db->store);
    ASSERT_EQ(before.columns.size(), 15);
    track(true);
    appraise(u"A2"_qs, 3, 4, QDate(2026, 5, 1), MaturityAssessor::Internal);
    const Sheet sheet = Registers::actions(*db->store);
    EXPECT_EQ(titles(sheet).mid(0, 15), titles(before)); // the columns a register always had keep their places
    EXPECT_EQ(titles(sheet).mid(15),
              (QStringList{u"Maturity"_qs, u"Target maturity"_qs, u"Maturity assessed"_qs, u"Maturity assessor"_qs}));
    const QVariantList &a2 = sheet.rows[1];
    ASSERT_EQ(a2.size(), 19);
    EXPECT_EQ(a2[0].toString(), u"A2"_qs);
    EXPECT_EQ(a2[15].typeId(), QMetaType::Int); // a number, as the import reads it back
    EXPECT_EQ(a2[15].toInt(), 3);
    EXPECT_EQ(a2[16].toInt(), 4);
    EXPECT_EQ(a2[17].toDate(), QDate(2026, 5, 1));
    EXPECT_EQ(a2[18].toString(), u"internal"_qs);
    const QVariantList &ssc = sheet.rows[22];
    ASSERT_EQ(ssc[0].toString(), u"ssc:1.1"_qs);
    ASSERT_EQ(ssc.size(), 19);
    for (int column = 15; column < 19; ++column)
        EXPECT_TRUE(ssc[column].isNull()) << column; // not appraised: empty cells

    track(false);
    const Sheet off = Registers::actions(*db->store);
    EXPECT_EQ(titles(off), titles(before));
    EXPECT_EQ(off.rows, before.rows);
}

TEST_F(ImportMaturity, AnExportedRegisterWithMaturityImportsWithoutChanges)
{
    track(true);
    appraise(u"A1"_qs, 2, 3, QDate(2026, 6, 1), MaturityAssessor::Independent);
    appraise(u"A3"_qs, std::nullopt, std::nullopt, QDate(), MaturityAssessor::None);
    appraise(u"B4"_qs, 0, std::nullopt, QDate(), MaturityAssessor::None);
    appraise(u"ssc:2.1"_qs, std::nullopt, 5, QDate(2026, 1, 31), MaturityAssessor::Internal);

    const QString path = folder.path(u"register.csv"_qs);
    writeFile(path, Csv::write(Registers::actions(*db->store)));
    const ActionImportPlan plan = check(path);
    EXPECT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    EXPECT_TRUE(plan.warnings.isEmpty()) << plan.warnings.value(0).text().toStdString();
    EXPECT_EQ(plan.rows, 36);
    EXPECT_EQ(plan.unchanged, 36);

    const QString xlsx = folder.path(u"register.xlsx"_qs);
    WorkbookWriter::write({Registers::actions(*db->store), Registers::evidence(*db->store)}, xlsx);
    const ActionImportPlan fromXlsx = check(xlsx);
    EXPECT_TRUE(fromXlsx.isClean()) << fromXlsx.errors.value(0).text().toStdString();
    EXPECT_TRUE(fromXlsx.warnings.isEmpty()) << fromXlsx.warnings.value(0).text().toStdString();
    EXPECT_EQ(fromXlsx.unchanged, 36);
}

TEST_F(ImportMaturity, AppliesMaturityColumnsThroughTheStoreAudited)
{
    track(true);
    appraise(u"C1"_qs, std::nullopt, std::nullopt, QDate(), MaturityAssessor::None);
    appraise(u"C2"_qs, 1, 2, QDate(2025, 12, 1), MaturityAssessor::Internal);
    const qint64 rowsBefore = db->store->verifyAuditChain().rows;
    const QString path = csv("ID,Maturity level,Maturity target,Maturity assessed,Maturity assessor\n"
                             "c1,3,Quantitatively managed,01/06/2026,Independent appraisal\n"
                             "C2,,5 Optimizing,,\n"
                             "ssc:1.1,Defined,4,2026-06-15,INTERNAL\n");
    const ActionImportPlan plan = check(path);
    ASSERT_TRUE(plan.isClean()) << plan.errors.value(0).text().toStdString();
    EXPECT_TRUE(plan.warnings.isEmpty()) << plan.warnings.value(0).text().toStdString();
    ASSERT_EQ(plan.actions.size(), 3);
    QStringList c2;
    for (const ImportFieldChange &field : plan.actions[1].fields)
        c2 << u"%1: %2 -> %3"_qs.arg(field.field, field.before, field.after);
    EXPECT_EQ(c2,
              (QStringList{u"maturity: 1 Initial -> "_qs, u"maturity target: 2 Managed -> 5 Optimizing"_qs,
                           u"maturity assessed: 2025-12-01 -> "_qs, u"maturity assessor: Internal assessment -> "_qs}));
    ActionImport::apply(*db->store, plan);

    const Assessment c1 = db->store->assessment(u"C1"_qs);
    EXPECT_EQ(c1.maturity, 3);
    EXPECT_EQ(c1.maturityTarget, 4);
    EXPECT_EQ(c1.maturityAssessed, QDate(2026, 6, 1));
    EXPECT_EQ(c1.maturityAssessor, MaturityAssessor::Independent);
    const Assessment c2After = db->store->assessment(u"C2"_qs);
    EXPECT_FALSE(c2After.maturity);
    EXPECT_EQ(c2After.maturityTarget, 5);
    EXPECT_FALSE(c2After.maturityAssessed.isValid());
    EXPECT_EQ(c2After.maturityAssessor, MaturityAssessor::None);
    const Assessment ssc = db->store->assessment(u"ssc:1.1"_qs);
    EXPECT_EQ(ssc.maturity, 3);
    EXPECT_EQ(ssc.maturityAssessor, MaturityAssessor::Internal);
    // One trail row per field changed, the chain intact.
    const ChainCheck chain = db->store->verifyAuditChain();
    EXPECT_TRUE(chain.ok);
    EXPECT_EQ(chain.rows - rowsBefore, 4 + 4 + 4);
}

TEST_F(ImportMaturity, MaturityColumnsWhileNotTrackedAreIgnoredWithAWarning)
{
    track(false);
    const std::optional<int> a1Before = db->store->assessment(u"A1"_qs).maturity;
    const std::optional<int> a1TargetBefore = db->store->assessment(u"A1"_qs).maturityTarget;
    const QString path = csv("id,rating,Target maturity,maturity\nA1,limited,3,2\nA2,great,,\n");
    const ActionImportPlan plan = check(path);
    QStringList errors;
    for (const ImportIssue &issue : plan.errors)
        errors << issue.text();
    // Only the rating is wrong: a spreadsheet that has a "Maturity" column imports as it did before maturity.
    ASSERT_EQ(errors.size(), 1) << errors.join(u'\n').toStdString();
    EXPECT_TRUE(errors[0].startsWith(u"line 3, column rating: \"great\" is not a rating"_qs))
        << errors[0].toStdString();
    QStringList warnings;
    for (const ImportIssue &issue : plan.warnings)
        warnings << issue.text();
    EXPECT_TRUE(warnings.join(u'\n').contains(
        u"the maturity columns (maturity, Target maturity) were ignored: the organisation does not track maturity"_qs))
        << warnings.join(u'\n').toStdString();

    const ActionImportPlan clean = check(csv("id,rating,Target maturity,maturity\nA1,limited,3,2\n"));
    ASSERT_TRUE(clean.isClean());
    ActionImport::apply(*db->store, clean);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).rating, Rating::Limited);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).maturity, a1Before) << "nothing of maturity was written";
    EXPECT_EQ(db->store->assessment(u"A1"_qs).maturityTarget, a1TargetBefore);
}

TEST_F(ImportMaturity, EveryBadMaturityValueNamesItsLineAndColumn)
{
    track(true);
    const QString path = csv("id,maturity,target maturity,maturity assessed,maturity assessor\n"
                             "A1,6,,,\n"
                             "A2,high,,,\n"
                             "A3,,-1,,\n"
                             "A4,,,2026-06-16,\n"
                             "A5,,,31/02/2026,\n"
                             "B1,,,,the auditors\n"
                             "B2,2,3,2026-06-15,independent\n");
    const ActionImportPlan plan = check(path);
    QStringList errors;
    for (const ImportIssue &issue : plan.errors)
        errors << issue.text();
    const QStringList expected{
        u"line 2, column maturity: \"6\" is not a maturity level of A1; its levels are 0 to 5 (CMMI)"_qs,
        u"line 3, column maturity: \"high\" is not a maturity level of A2"_qs,
        u"line 4, column target maturity: \"-1\" is not a maturity level of A3"_qs,
        u"line 5, column maturity assessed: the maturity cannot have been assessed on 2026-06-16, which is after "
        "today"_qs,
        u"line 6, column maturity assessed: \"31/02/2026\" is not a date"_qs,
        u"line 7, column maturity assessor: \"the auditors\" is not an assessor; use internal (Internal assessment) "
        "or independent (Independent appraisal)"_qs,
    };
    ASSERT_EQ(errors.size(), expected.size()) << errors.join(u'\n').toStdString();
    for (qsizetype i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(errors[i].startsWith(expected[i])) << errors[i].toStdString();

    // In a workbook the error names the cell; a level that is not a whole number is refused too.
    Sheet sheet;
    sheet.name = u"Register"_qs;
    sheet.columns = {{u"ID"_qs}, {u"Maturity"_qs, ColumnKind::Number}};
    sheet.rows = {{u"A1"_qs, 2}, {u"A2"_qs, 2.5}};
    const QString xlsx = folder.path(u"register.xlsx"_qs);
    WorkbookWriter::write({sheet}, xlsx);
    const ActionImportPlan fromXlsx = check(xlsx);
    ASSERT_EQ(fromXlsx.errors.size(), 1);
    EXPECT_TRUE(fromXlsx.errors[0].text().startsWith(u"B3, column Maturity: \"2.5\" is not a maturity level of A2"_qs))
        << fromXlsx.errors[0].text().toStdString();
}
