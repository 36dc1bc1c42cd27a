#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/interchange/frameworklibrary.h"
#include "core/interchange/jsonbackup.h"
#include "core/report/boardpack.h"
#include "core/rules/attention.h"
#include "core/rules/reviewcomparison.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/store.h"
#include "core/workspace/dashboard.h"
#include "core/workspace/workspace.h"

#include <QTimeZone>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// Issue 18: maturity beside assurance. The organisation's setting (off means absent), each framework's scale (CMMI,
// or a library file's own), the levels of an item (validated, audited, undoable), reviews and their diff, the
// attention rule, the dashboard's view and the board pack's page, and backups; on both engines.

namespace {

/** A library whose framework defines its own four levels (1 to 4), as CISO Assistant's NIST CSF 1.1 does. */
const QByteArray kScoredLibrary(R"(urn: urn:t:library:tiers
name: Tiers
version: 1
objects:
  framework:
    urn: urn:t:framework:tiers
    name: Tiered baseline
    min_score: 1
    max_score: 4
    scores_definition:
    - score: 1
      name: Partial
      description: Ad hoc.
    - score: 2
      name: Risk Informed
    - score: 3
      name: Repeatable
    - score: 4
      name: Adaptive
    requirement_nodes:
    - urn: urn:t:g
      depth: 1
      ref_id: G
      name: Govern
    - urn: urn:t:g1
      depth: 2
      parent_urn: urn:t:g
      ref_id: G.1
      name: Policy
      assessable: true
)");

QByteArray withScores(const QByteArray &scores)
{
    QByteArray yaml = kScoredLibrary;
    const qsizetype from = yaml.indexOf("    min_score");
    const qsizetype to = yaml.indexOf("    requirement_nodes");
    return yaml.replace(from, to - from, scores);
}

void track(Store &store, bool on)
{
    Organisation organisation = store.organisation();
    organisation.trackMaturity = on;
    store.setOrganisation(organisation);
}

AssessmentChanges levels(int current, int target)
{
    return {{AssessmentField::Maturity, current}, {AssessmentField::MaturityTarget, target}};
}

BoardPackContent pack(const Store &store, const QString &review = {})
{
    BoardPackOptions options;
    options.reviewName = review;
    options.createdAt = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
    return BoardPack::build(store, options);
}

bool hasRule(const QList<AttentionItem> &items, AttentionRule rule, const QString &subject = {})
{
    return std::any_of(items.cbegin(), items.cend(), [&](const AttentionItem &item) {
        return item.rule == rule && (subject.isEmpty() || item.subject == subject);
    });
}

} // namespace

TEST(Maturity, IsOffInANewRecordAndTheSettingIsAudited)
{
    const auto db = createDatabase();
    EXPECT_FALSE(db->store->organisation().trackMaturity);
    track(*db->store, true);
    db->reopen();
    EXPECT_TRUE(db->store->organisation().trackMaturity);
    AuditFilter filter;
    filter.limit = 1;
    const AuditEntry last = db->store->auditEntries(filter).constFirst();
    EXPECT_EQ(last.record.field, u"track maturity"_qs);
    EXPECT_EQ(last.record.oldValue, u"off"_qs);
    EXPECT_EQ(last.record.newValue, u"on"_qs);
}

TEST(Maturity, LevelsAreStoredAuditedAndCheckedAgainstTheScale)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.updateAssessment(u"A1"_qs,
                           {{AssessmentField::Maturity, 2},
                            {AssessmentField::MaturityTarget, 4},
                            {AssessmentField::MaturityAssessed, QDate(2026, 1, 15)},
                            {AssessmentField::MaturityAssessor, QVariant::fromValue(MaturityAssessor::Independent)}});
    db->reopen();
    const Assessment a = db->store->assessment(u"A1"_qs);
    EXPECT_EQ(a.maturity, 2);
    EXPECT_EQ(a.maturityTarget, 4);
    EXPECT_EQ(a.maturityAssessed, QDate(2026, 1, 15));
    EXPECT_EQ(a.maturityAssessor, MaturityAssessor::Independent);
    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    QStringList fields;
    for (const AuditEntry &entry : db->store->auditEntries(filter))
        fields << entry.record.field + u'=' + entry.record.newValue;
    EXPECT_TRUE(fields.contains(u"maturity=2"_qs));
    EXPECT_TRUE(fields.contains(u"maturity target=4"_qs));
    EXPECT_TRUE(fields.contains(u"maturity assessor=independent"_qs));

    // Out of the CMMI scale, or assessed in the future: refused, nothing changed.
    const qint64 rows = db->store->auditRowCount();
    EXPECT_EQ(errorOf([&] {
                  db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Maturity, 6}});
              }).kind(),
              Error::Kind::InvalidInput);
    EXPECT_EQ(errorOf([&] {
                  db->store->updateAssessment(u"A1"_qs,
                                              {{AssessmentField::Maturity, 3},
                                               {AssessmentField::MaturityAssessed, fixedClock().today().addDays(1)}});
              }).kind(),
              Error::Kind::InvalidInput);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).maturity, 2);
    EXPECT_EQ(db->store->auditRowCount(), rows);

    // Cleared: none again.
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Maturity, QVariant()}});
    EXPECT_FALSE(db->store->assessment(u"A1"_qs).maturity.has_value());
}

TEST(Maturity, ALibraryFileCanBringItsOwnScale)
{
    const Catalogue tiers = FrameworkLibrary::parse(kScoredLibrary, u"tiers.yaml"_qs);
    ASSERT_EQ(tiers.maturityScale().levels().size(), 4);
    EXPECT_EQ(tiers.maturityScale().label(2), u"2 Risk Informed"_qs);
    EXPECT_FALSE(tiers.maturityScale().isCmmi());

    const auto db = createDatabase();
    db->store->importFramework(tiers);
    track(*db->store, true);
    db->reopen();
    EXPECT_EQ(db->store->framework(u"tiers"_qs).maturityScale, tiers.maturityScale());
    EXPECT_TRUE(db->store->framework(u"cgc"_qs).maturityScale.isCmmi());
    EXPECT_EQ(errorOf([&] {
                  db->store->updateAssessment(u"tiers:G.1"_qs, {{AssessmentField::Maturity, 0}});
              })
                  .message()
                  .contains(u"1 to 4"_qs),
              true);
    db->store->updateAssessment(u"tiers:G.1"_qs, levels(4, 4));
    EXPECT_EQ(db->store->assessment(u"tiers:G.1"_qs).maturity, 4);
    // The Code keeps CMMI: 5 is a level there.
    db->store->updateAssessment(u"A1"_qs, levels(5, 5));

    // Without scores_definition: CMMI, whatever min_score and max_score say.
    EXPECT_TRUE(FrameworkLibrary::parse(withScores("    min_score: 0\n    max_score: 100\n"), u"plain.yaml"_qs)
                    .maturityScale()
                    .isCmmi());
}

TEST(Maturity, ABadScaleInALibraryIsRefusedNamingTheProblem)
{
    const auto refusal = [](const QByteArray &scores) {
        return errorOf([&] { FrameworkLibrary::parse(withScores(scores), u"bad.yaml"_qs); }).message();
    };
    EXPECT_TRUE(refusal("    scores_definition:\n    - score: 1\n      name: A\n    - score: 1\n      name: B\n")
                    .contains(u"defined twice"_qs));
    EXPECT_TRUE(refusal("    max_score: 3\n    scores_definition:\n    - score: 1\n      name: A\n    - score: 4\n"
                        "      name: B\n")
                    .contains(u"from 0 to 3"_qs));
    EXPECT_TRUE(refusal("    scores_definition:\n    - score: 1\n      name: A\n").contains(u"at least two"_qs));
    EXPECT_TRUE(refusal("    scores_definition: lots\n").contains(u"scores_definition"_qs));
    EXPECT_TRUE(
        refusal("    scores_definition:\n    - score: 1\n    - score: 2\n      name: B\n").contains(u"name"_qs));
    QByteArray many("    scores_definition:\n");
    for (int score = 0; score < 12; ++score)
        many += QByteArray("    - score: ") + QByteArray::number(score) + "\n      name: L" + QByteArray::number(score)
                + "\n";
    EXPECT_TRUE(refusal(many).contains(u"at most 11"_qs));
}

TEST(Maturity, AChangeIsOneUndoableStep)
{
    auto db = createDatabase();
    track(*db->store, true);
    db->close();
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    workspace->changeAssessment(u"B1"_qs, {{AssessmentField::Maturity, 3}});
    EXPECT_EQ(workspace->undoStack()->undoText(), u"Change B1 maturity to 3 Defined"_qs);
    workspace->changeAssessment(u"B1"_qs, levels(1, 3));
    EXPECT_EQ(workspace->store().assessment(u"B1"_qs).maturity, 1);
    workspace->undoStack()->undo();
    EXPECT_EQ(workspace->store().assessment(u"B1"_qs).maturity, 3);
    EXPECT_FALSE(workspace->store().assessment(u"B1"_qs).maturityTarget.has_value());
    workspace->undoStack()->undo();
    EXPECT_FALSE(workspace->store().assessment(u"B1"_qs).maturity.has_value());
    workspace->undoStack()->redo();
    EXPECT_EQ(workspace->store().assessment(u"B1"_qs).maturity, 3);

    workspace->setOrganisation([&] {
        Organisation off = workspace->organisation();
        off.trackMaturity = false;
        return off;
    }());
    EXPECT_EQ(workspace->undoStack()->undoText(), u"Stop tracking maturity"_qs);
    workspace->undoStack()->undo();
    EXPECT_TRUE(workspace->organisation().trackMaturity);
}

TEST(Maturity, AReviewFreezesTheLevelsAndTheDiffShowsThemOnlyWhileTracked)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.updateAssessment(u"A2"_qs, levels(1, 3));
    const qint64 first = store.createReview(u"Board March"_qs, fixedClock().today());
    store.updateAssessment(u"A2"_qs, {{AssessmentField::Maturity, 2}});
    const qint64 second = store.createReview(u"Board June"_qs, fixedClock().today());
    const auto frozen = [&](qint64 review) {
        for (const ReviewItem &item : store.reviewItems(review)) {
            if (item.actionId == u"A2"_qs)
                return item;
        }
        return ReviewItem();
    };
    EXPECT_EQ(frozen(first).maturity, 1);
    EXPECT_EQ(frozen(second).maturity, 2);
    EXPECT_EQ(frozen(second).maturityTarget, 3);

    const ReviewDiff diff = compareReviews(store, first, second);
    const auto moved = std::find_if(diff.changes.cbegin(), diff.changes.cend(), [](const ReviewChange &change) {
        return change.kind == ReviewChangeKind::MaturityChanged;
    });
    ASSERT_NE(moved, diff.changes.cend());
    EXPECT_EQ(moved->actionId, u"A2"_qs);
    EXPECT_EQ(moved->before, u"1 Initial"_qs);
    EXPECT_EQ(moved->after, u"2 Managed"_qs);

    track(store, false);
    for (const ReviewChange &change : compareReviews(store, first, second).changes)
        EXPECT_NE(change.kind, ReviewChangeKind::MaturityChanged);
}

TEST(Maturity, AnItemTwoLevelsBelowTargetPastItsDateNeedsAttentionOnlyWhileTracked)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    const QDate past = fixedClock().today().addDays(-1);
    track(store, true);
    store.updateAssessment(
        u"C1"_qs,
        {{AssessmentField::Maturity, 1}, {AssessmentField::MaturityTarget, 3}, {AssessmentField::TargetDate, past}});
    store.updateAssessment(
        u"C2"_qs,
        {{AssessmentField::Maturity, 2}, {AssessmentField::MaturityTarget, 3}, {AssessmentField::TargetDate, past}});
    store.updateAssessment(u"C4"_qs, {{AssessmentField::Maturity, 0},
                                      {AssessmentField::MaturityTarget, 3},
                                      {AssessmentField::TargetDate, fixedClock().today().addDays(30)}});
    track(store, false);
    EXPECT_FALSE(hasRule(Attention::compute(store, fixedClock().today()), AttentionRule::MaturityBelowTarget));
    track(store, true);
    const QList<AttentionItem> items = Attention::compute(store, fixedClock().today());
    EXPECT_TRUE(hasRule(items, AttentionRule::MaturityBelowTarget, u"C1"_qs));
    EXPECT_FALSE(hasRule(items, AttentionRule::MaturityBelowTarget, u"C2"_qs)) << "one level below is a plan";
    EXPECT_FALSE(hasRule(items, AttentionRule::MaturityBelowTarget, u"C4"_qs)) << "not yet due";
}

TEST(Maturity, TheDashboardAveragesEachPrincipleAndNamesTheLargestGaps)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    EXPECT_FALSE(DashboardData::build(store, fixedClock().today()).maturity.has_value());
    track(store, true);
    store.updateAssessment(u"A1"_qs, levels(1, 3));
    store.updateAssessment(u"A2"_qs, levels(2, 3));
    store.updateAssessment(u"A3"_qs, levels(0, 4));
    store.updateAssessment(u"B1"_qs, levels(3, 3));
    store.updateAssessment(u"A5"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NotApplicable)},
                                      {AssessmentField::Justification, u"Not ours."_qs},
                                      {AssessmentField::Maturity, 5}});
    const DashboardData data = DashboardData::build(store, fixedClock().today());
    ASSERT_TRUE(data.maturity.has_value());
    const MaturityView &view = *data.maturity;
    ASSERT_EQ(view.groups.size(), 5);
    EXPECT_EQ(view.groups[0].label, u"A"_qs);
    EXPECT_EQ(view.groups[0].assessed, 3) << "A5 is not applicable: no practice to appraise";
    EXPECT_EQ(view.groups[0].items, 4);
    EXPECT_DOUBLE_EQ(*view.groups[0].current, 1.0);
    EXPECT_NEAR(*view.groups[0].target, 10.0 / 3, 1e-9);
    EXPECT_FALSE(view.groups[2].current.has_value());
    ASSERT_EQ(view.largestGaps.size(), 3);
    EXPECT_EQ(view.largestGaps[0].itemId, u"A3"_qs);
    EXPECT_EQ(view.largestGaps[1].itemId, u"A1"_qs);
    EXPECT_EQ(view.largestGaps[2].itemId, u"A2"_qs);
    EXPECT_EQ(view.radar.kind, ChartSpec::Kind::Radar);
    EXPECT_EQ(view.radar.categories, (QStringList{u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs, u"E"_qs}));
    EXPECT_EQ(view.radar.maximum, 5);
}

TEST(Maturity, OffMeansAbsentThePackReadsAsIfTheSettingWasNeverTouched)
{
    const auto db = createDatabase(true);
    Store &store = *db->store;
    // The demo tracks maturity: its pack has the page.
    const BoardPackContent on = pack(store);
    ASSERT_TRUE(on.maturity.has_value());
    EXPECT_TRUE(on.toPlainText().contains(u"== 10 Maturity =="_qs)) << on.toPlainText().toStdString();
    track(store, false);
    const QString off = pack(store).toPlainText();
    EXPECT_FALSE(off.contains(u"aturity"_qs)) << off.toStdString();
    EXPECT_FALSE(hasRule(Attention::compute(store, fixedClock().today()), AttentionRule::MaturityBelowTarget));

    // A record whose setting was turned on and off again prints what one never touched prints.
    const auto fresh = createDatabase();
    const QString untouched = pack(*fresh->store).toPlainText();
    track(*fresh->store, true);
    fresh->store->updateAssessment(u"A1"_qs, levels(2, 3));
    EXPECT_NE(pack(*fresh->store).toPlainText(), untouched);
    track(*fresh->store, false);
    EXPECT_EQ(pack(*fresh->store).toPlainText(), untouched);
}

TEST(Maturity, AFrozenReviewsPackShowsTheLevelsItFroze)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.updateAssessment(u"D1"_qs, levels(1, 4));
    store.createReview(u"Board September"_qs, fixedClock().today());
    store.updateAssessment(u"D1"_qs, levels(4, 4));
    const BoardPackContent frozen = pack(store, u"Board September"_qs);
    ASSERT_TRUE(frozen.maturity.has_value());
    ASSERT_FALSE(frozen.maturity->largestGaps.isEmpty());
    EXPECT_EQ(frozen.maturity->largestGaps[0].itemId, u"D1"_qs);
    EXPECT_EQ(frozen.maturity->largestGaps[0].current, 1);
    EXPECT_TRUE(frozen.maturityNote.contains(u"frozen"_qs));
    EXPECT_TRUE(pack(store).maturity->largestGaps.isEmpty());
}

TEST(Maturity, ABackupCarriesTheSettingTheLevelsAndALibrarysScale)
{
    QUORUM_FILE_ONLY("a JSON backup is restored into a new file");
    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.importFramework(FrameworkLibrary::parse(kScoredLibrary, u"tiers.yaml"_qs));
    store.updateAssessment(u"tiers:G.1"_qs, levels(2, 4));
    store.updateAssessment(u"E2"_qs,
                           {{AssessmentField::Maturity, 3},
                            {AssessmentField::MaturityAssessed, QDate(2026, 2, 1)},
                            {AssessmentField::MaturityAssessor, QVariant::fromValue(MaturityAssessor::Internal)}});
    store.createReview(u"Board"_qs, fixedClock().today());
    const QString json = db->folder.path(u"maturity.json"_qs);
    JsonBackup::write(*db->database, json, fixedClock().now());
    const QString restoredPath = db->folder.path(u"restored.quorum"_qs);
    auto restored = Database::open(restoredPath, Database::Mode::CreateNew, Catalogue::builtIn());
    JsonBackup::restore(JsonBackup::read(json), *restored);
    Store copy(*restored, fixedClock());
    EXPECT_TRUE(copy.organisation().trackMaturity);
    EXPECT_EQ(copy.assessment(u"tiers:G.1"_qs).maturityTarget, 4);
    EXPECT_EQ(copy.assessment(u"E2"_qs).maturityAssessed, QDate(2026, 2, 1));
    EXPECT_EQ(copy.assessment(u"E2"_qs).maturityAssessor, MaturityAssessor::Internal);
    EXPECT_EQ(copy.framework(u"tiers"_qs).maturityScale.label(4), u"4 Adaptive"_qs);
    EXPECT_EQ(copy.reviewItems(copy.reviewNamed(u"Board"_qs).id).constFirst().maturity.has_value(), false);
    EXPECT_TRUE(copy.verifyAuditChain().ok);
    EXPECT_EQ(pack(copy).toPlainText(), pack(store).toPlainText());
}

TEST(Maturity, NothingOfItIsRecordedWhileItIsNotTracked)
{
    const auto db = createDatabase();
    const qint64 rows = db->store->auditRowCount();
    const Error refused = errorOf([&] { db->store->updateAssessment(u"A1"_qs, levels(2, 3)); });
    EXPECT_EQ(refused.kind(), Error::Kind::InvalidInput);
    EXPECT_TRUE(refused.message().contains(u"does not track maturity"_qs)) << refused.message().toStdString();
    EXPECT_FALSE(db->store->assessment(u"A1"_qs).maturity.has_value());
    EXPECT_EQ(db->store->auditRowCount(), rows);
}

TEST(Maturity, LevelsAreCountedOnTheScaleNotByTheirScores)
{
    // A scale of quarters: 25 to 75 is two levels, not fifty.
    const Catalogue quarters =
        FrameworkLibrary::parse(withScores("    min_score: 0\n    max_score: 100\n    scores_definition:\n"
                                           "    - score: 0\n      name: None\n    - score: 25\n      name: Some\n"
                                           "    - score: 50\n      name: Half\n    - score: 75\n      name: Most\n"
                                           "    - score: 100\n      name: All\n"),
                                u"quarters.yaml"_qs);
    const MaturityScale &scale = quarters.maturityScale();
    EXPECT_EQ(scale.levelsBetween(25, 75), 2);
    EXPECT_EQ(scale.levelsBetween(50, 75), 1);
    EXPECT_EQ(scale.levelsBetween(75, 25), -2);
    EXPECT_EQ(MaturityScale::cmmi().levelsBetween(1, 4), 3);

    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.importFramework(quarters);
    const QDate past = fixedClock().today().addDays(-1);
    store.updateAssessment(
        u"tiers:G.1"_qs,
        {{AssessmentField::Maturity, 50}, {AssessmentField::MaturityTarget, 75}, {AssessmentField::TargetDate, past}});
    EXPECT_FALSE(hasRule(Attention::compute(store, fixedClock().today()), AttentionRule::MaturityBelowTarget))
        << "one level below, whatever its scores";
    store.updateAssessment(u"tiers:G.1"_qs, {{AssessmentField::Maturity, 25}});
    const QList<AttentionItem> items = Attention::compute(store, fixedClock().today());
    ASSERT_TRUE(hasRule(items, AttentionRule::MaturityBelowTarget, u"tiers:G.1"_qs));
    const auto item = std::find_if(items.cbegin(), items.cend(), [](const AttentionItem &candidate) {
        return candidate.rule == AttentionRule::MaturityBelowTarget;
    });
    EXPECT_TRUE(item->detail.contains(u"2 levels below its target of 75 Most"_qs)) << item->detail.toStdString();
    const MaturityView view = MaturityView::build(statesOfFramework(store.actionStates(), u"tiers"_qs), scale,
                                                  DashboardScope::of(store, u"tiers"_qs));
    ASSERT_EQ(view.largestGaps.size(), 1);
    EXPECT_EQ(view.largestGaps[0].levelsBelow, 2);
    EXPECT_EQ(view.radar.levels, 5) << "one ring per level";
}

TEST(Maturity, ANewerLibraryWithAnotherScaleClearsTheLevelsItNoLongerHasAudited)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    track(store, true);
    store.importFramework(FrameworkLibrary::parse(kScoredLibrary, u"tiers.yaml"_qs));
    store.updateAssessment(u"tiers:G.1"_qs, levels(1, 4));
    // Version 2 drops tier 4 (and so its scale is 1 to 3).
    QByteArray v2 = kScoredLibrary;
    v2.replace("version: 1", "version: 2");
    v2.replace("    max_score: 4\n", "    max_score: 3\n");
    v2.replace("    - score: 4\n      name: Adaptive\n", "");
    store.importFramework(FrameworkLibrary::parse(v2, u"tiers-v2.yaml"_qs));
    const Assessment after = store.assessment(u"tiers:G.1"_qs);
    EXPECT_EQ(after.maturity, 1) << "a level the new scale still has is kept";
    EXPECT_FALSE(after.maturityTarget.has_value());
    AuditFilter filter;
    filter.limit = 3;
    bool audited = false;
    for (const AuditEntry &entry : store.auditEntries(filter))
        audited = audited || (entry.record.field == u"maturity target"_qs && entry.record.oldValue == u"4"_qs);
    EXPECT_TRUE(audited);
    EXPECT_TRUE(store.verifyAuditChain().ok);
    // And the item can be edited on its new scale.
    store.updateAssessment(u"tiers:G.1"_qs, {{AssessmentField::MaturityTarget, 3}});
}

TEST(Maturity, AReviewHeldBeforeMaturityWasTrackedHasNoMaturityPage)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    store.createReview(u"Board before"_qs, fixedClock().today());
    track(store, true);
    store.updateAssessment(u"A1"_qs, levels(2, 3));
    EXPECT_FALSE(pack(store, u"Board before"_qs).maturity.has_value());
    EXPECT_TRUE(pack(store).maturity.has_value());
}
