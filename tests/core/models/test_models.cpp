#include "core/domain/catalogue.h"
#include "core/models/actionsmodel.h"
#include "core/models/auditmodel.h"
#include "core/models/roles.h"
#include "core/samples/demodata.h"
#include "core/storage/database.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

std::unique_ptr<Workspace> demoWorkspace(TempFolder &folder)
{
    const QString path = folder.path(u"model.quorum"_qs);
    auto workspace = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    return workspace;
}

} // namespace

TEST(ActionsModel, PassesTheModelTesterAndHasFivePrinciplesOf22Actions)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    ActionsModel model(workspace.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The Code's five principles, then the four themes of the Software Security Code that the demo follows too.
    ASSERT_EQ(model.rowCount(), 9);
    int actions = 0;
    for (int p = 0; p < 5; ++p)
        actions += model.rowCount(model.index(p, 0));
    EXPECT_EQ(actions, 22);
    int principles = 0;
    for (int p = 5; p < 9; ++p)
        principles += model.rowCount(model.index(p, 0));
    EXPECT_EQ(principles, 14);
    EXPECT_EQ(model.index(5, ActionsModel::IdColumn).data().toString(), u"1"_qs);
    EXPECT_EQ(model.index(5, ActionsModel::TitleColumn).data().toString(),
              u"Software Security Code: Secure design and development"_qs);
    const QModelIndex disclosure = model.indexOfAction(u"ssc:3.2"_qs);
    EXPECT_EQ(disclosure.siblingAtColumn(ActionsModel::IdColumn).data().toString(), u"3.2"_qs);
    EXPECT_EQ(disclosure.data(ActionIdRole).toString(), u"ssc:3.2"_qs);
    const QModelIndex a1 = model.indexOfAction(u"A1"_qs);
    EXPECT_EQ(a1.data(ActionIdRole).toString(), u"A1"_qs);
    EXPECT_EQ(model.parent(a1).data().toString(), u"A"_qs);
}

TEST(ActionsModel, EditingARatingSavesAuditsAndUndoes)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    ActionsModel model(workspace.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex rating = model.indexOfAction(u"D3"_qs).siblingAtColumn(ActionsModel::RatingColumn);
    const Rating before = workspace->store().actionState(u"D3"_qs).assessment.rating;
    ASSERT_NE(before, Rating::Substantial);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ASSERT_TRUE(model.setData(rating, u"substantial"_qs));
    EXPECT_GE(changed.count(), 1);
    EXPECT_EQ(rating.data().toString(), u"Substantial"_qs);
    EXPECT_EQ(workspace->store().actionState(u"D3"_qs).assessment.rating, Rating::Substantial);
    EXPECT_EQ(workspace->undoStack()->count(), 1);
    EXPECT_EQ(workspace->undoStack()->undoText(), u"Change D3 rating to Substantial"_qs);

    workspace->undoStack()->undo();
    EXPECT_EQ(workspace->store().actionState(u"D3"_qs).assessment.rating, before);
    EXPECT_EQ(rating.data().toString(), ratingLabel(before));
    workspace->undoStack()->redo();
    EXPECT_EQ(workspace->store().actionState(u"D3"_qs).assessment.rating, Rating::Substantial);
    EXPECT_TRUE(workspace->store().verifyAuditChain().ok);
}

TEST(ActionsModel, ARefusedEditChangesNothingAndSaysWhy)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    ActionsModel model(workspace.get());
    const QModelIndex rating = model.indexOfAction(u"A1"_qs).siblingAtColumn(ActionsModel::RatingColumn);
    QSignalSpy failed(&model, &ActionsModel::editFailed);
    EXPECT_FALSE(model.setData(rating, u"not-applicable"_qs)); // needs a justification
    EXPECT_FALSE(model.setData(rating, u"excellent"_qs));
    EXPECT_EQ(failed.count(), 2);
    EXPECT_EQ(workspace->undoStack()->count(), 0);
    EXPECT_FALSE(model.flags(rating.siblingAtColumn(ActionsModel::OwnerColumn)) & Qt::ItemIsEditable);
}

TEST(ActionsModel, TrendComparesWithTheLastBoardReview)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    ActionsModel model(workspace.get());
    // The demo lowers A4 since the last review.
    EXPECT_EQ(model.trend(u"A4"_qs), std::optional<int>(-1));
    EXPECT_TRUE(model.indexOfAction(u"A4"_qs).data(NeedsAttentionRole).toBool());
    workspace->setRating(u"A4"_qs, Rating::Substantial);
    EXPECT_EQ(model.trend(u"A4"_qs), std::optional<int>(1));
}

TEST(Workspace, AddPersonUndoRedoKeepsTheSameId)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"p.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    const qint64 id = workspace->addPerson({0, u"Grace Hopper"_qs, u"NED"_qs, true, true});
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Director, QVariant::fromValue(id)}});
    workspace->undoStack()->undo();
    workspace->undoStack()->undo();
    EXPECT_TRUE(workspace->store().people().isEmpty());
    workspace->undoStack()->redo();
    workspace->undoStack()->redo();
    EXPECT_EQ(workspace->store().actionState(u"A1"_qs).directorName, u"Grace Hopper"_qs);
    EXPECT_EQ(workspace->store().personByName(u"Grace Hopper"_qs).id, id);
}

#include "core/models/auditmodel.h"
#include "core/models/evidencemodel.h"
#include "core/models/peoplemodel.h"
TEST(PeopleModel, PassesTheTesterAndMarksDirectorsWithoutCurrentTraining)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    PeopleModel model(workspace.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), workspace->store().people().size());
    int missing = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        missing += model.index(row, PeopleModel::TrainingColumn).data().toString() == u"Missing"_qs ? 1 : 0;
    EXPECT_EQ(missing, 1);
    // Adding training for that director through the workspace updates the row (and undo reverts it).
    qint64 untrained = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, PeopleModel::TrainingColumn).data().toString() == u"Missing"_qs)
            untrained = model.personAt(row)->id;
    }
    workspace->addTraining({0, untrained, u"Board cyber essentials"_qs, fixedToday(), fixedToday().addYears(1)});
    EXPECT_TRUE(model.index(model.rowOfPerson(untrained), PeopleModel::TrainingColumn)
                    .data()
                    .toString()
                    .startsWith(u"Current"_qs));
    workspace->undoStack()->undo();
    EXPECT_EQ(model.index(model.rowOfPerson(untrained), PeopleModel::TrainingColumn).data().toString(), u"Missing"_qs);
}

TEST(EvidenceModel, PassesTheTesterAndFiltersByAction)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    EvidenceModel model(workspace.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), workspace->store().evidence().size());
    model.setActionFilter(u"E2"_qs);
    ASSERT_GT(model.rowCount(), 0);
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_TRUE(model.evidenceAt(row)->actionIds.contains(u"E2"_qs));
    const int before = model.rowCount();
    EvidenceInput link;
    link.title = u"Q4 dashboard"_qs;
    link.url = u"https://intranet.example/q4"_qs;
    link.actionIds = {u"E2"_qs};
    workspace->addEvidence(link);
    EXPECT_EQ(model.rowCount(), before + 1);
    const int row = model.rowOfEvidence(workspace->store().evidence().constLast().id);
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.index(row, EvidenceModel::KindColumn).data().toString(), u"Link"_qs);
    EXPECT_EQ(model.index(row, EvidenceModel::StatusColumn).data().toString(), u"Current"_qs);
}

TEST(AuditModel, PassesTheTesterShowsNewestFirstAndFetchesMore)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    // Enough history that the trail needs more than one page.
    for (int i = 0; i < 100; ++i)
        workspace->store().updateAssessment(u"C4"_qs, {{AssessmentField::Commentary, u"Revision %1"_qs.arg(i)}});
    AuditModel model(workspace.get());
    const qsizetype total = workspace->store().auditEntries().size();
    ASSERT_GT(total, AuditModel::kPageSize);
    EXPECT_EQ(model.rowCount(), AuditModel::kPageSize); // one page first (the tester below fetches more itself)
    EXPECT_GT(model.entryAt(0)->id, model.entryAt(1)->id);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), total);
    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    filter.entityId = u"B4"_qs;
    model.setFilter(filter);
    ASSERT_GT(model.rowCount(), 0);
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_EQ(model.entryAt(row)->record.entityId, u"B4"_qs);
    workspace->setRating(u"B4"_qs, Rating::Substantial);
    EXPECT_EQ(model.entryAt(0)->record.newValue, u"substantial"_qs);
}

TEST(AuditModel, TakesTheRowsOfAnEditOnTopAndKeepsTheRestAsShown)
{
    TempFolder folder;
    auto workspace = demoWorkspace(folder);
    AuditModel model(workspace.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    const int before = model.rowCount();
    const qint64 newestBefore = model.entryAt(0)->id;

    workspace->setRating(u"B4"_qs, Rating::Substantial, u"Tested quarterly"_qs);
    ASSERT_EQ(inserts.count(), 1);
    EXPECT_EQ(inserts.constFirst().at(1).toInt(), 0); // on top
    const int added = model.rowCount() - before;
    EXPECT_GE(added, 1);
    EXPECT_EQ(model.entryAt(added)->id, newestBefore); // what was shown is below, unchanged
    for (int row = 0; row < added; ++row)
        EXPECT_GT(model.entryAt(row)->id, newestBefore);
    EXPECT_EQ(model.entryAt(0)->id, workspace->store().auditEntries().constLast().id);

    // Undo writes rows of its own: they come on top too.
    workspace->undoStack()->undo();
    EXPECT_GT(model.entryAt(0)->id, model.entryAt(1)->id);
    EXPECT_EQ(model.entryAt(0)->id, workspace->store().auditEntries().constLast().id);

    // With a filter, rows of other subjects are not taken.
    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    filter.entityId = u"B4"_qs;
    model.setFilter(filter);
    const int filtered = model.rowCount();
    workspace->setRating(u"C1"_qs, Rating::Limited);
    EXPECT_EQ(model.rowCount(), filtered);
    EXPECT_EQ(resets.count(), 1); // only setFilter read everything again
}

TEST(AuditModel, FetchesTheNextOlderPageByKeyWithoutGapsOrRepeats)
{
    // On both engines: the record lives on the test server in the "server." run.
    TestLocation place;
    auto workspace = Workspace::open(place.location(), true, Catalogue::builtIn(), fixedClock());
    Store &store = workspace->store();
    {
        Transaction transaction(store.database());
        for (int i = 0; i < 3 * AuditModel::kPageSize; ++i)
            store.updateAssessment(i % 3 ? u"C4"_qs : u"B2"_qs, {{AssessmentField::Commentary, u"Note %1"_qs.arg(i)}});
        transaction.commit();
    }
    QList<qint64> newestFirst;
    for (const AuditEntry &entry : store.auditEntries())
        newestFirst.prepend(entry.id);
    ASSERT_GT(newestFirst.size(), 3 * AuditModel::kPageSize);

    // The store: only the rows older than the one given, the newest of them first in the page.
    AuditFilter older;
    older.beforeId = newestFirst.at(10);
    older.limit = 5;
    QList<qint64> page;
    for (const AuditEntry &entry : store.auditEntries(older))
        page.prepend(entry.id);
    EXPECT_EQ(page, newestFirst.mid(11, 5));

    // The model: a page, then each fetch the next page down, until the first row; an edit in between goes on top.
    AuditModel model(workspace.get());
    EXPECT_EQ(model.rowCount(), AuditModel::kPageSize);
    model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 2 * AuditModel::kPageSize);
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Written while scrolling"_qs}});
    const qint64 newest = model.entryAt(0)->id;
    EXPECT_GT(newest, newestFirst.constFirst());
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<qint64> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.entryAt(row)->id;
    QList<qint64> expected;
    for (qint64 id = newest; id > newestFirst.constFirst(); --id)
        expected << id;
    EXPECT_EQ(shown, expected + newestFirst);

    // With a filter, the same, page by page.
    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    filter.entityId = u"C4"_qs;
    model.setFilter(filter);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<qint64> filtered;
    for (const AuditEntry &entry : store.auditEntries(filter))
        filtered.prepend(entry.id);
    ASSERT_GT(filtered.size(), AuditModel::kPageSize);
    shown.clear();
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.entryAt(row)->id;
    EXPECT_EQ(shown, filtered);
}
