#include "catalogue.h"
#include "demodata.h"
#include "models/actionsmodel.h"
#include "models/roles.h"
#include "testsupport.h"
#include "workspace.h"

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
    ASSERT_EQ(model.rowCount(), 5);
    int actions = 0;
    for (int p = 0; p < model.rowCount(); ++p)
        actions += model.rowCount(model.index(p, 0));
    EXPECT_EQ(actions, 22);
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
    EXPECT_EQ(workspace->undoStack()->undoText(), u"Set D3 rating to Substantial"_qs);

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
