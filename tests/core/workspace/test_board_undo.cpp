#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/userdate.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "workspacetest.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

class BoardUndo : public WorkspaceTestBase {
protected:
    static Metric metric() { return metricOf(u"Patching"_qs, true, 95, 90); }

    BoardEvent exercise()
    {
        BoardEvent event;
        event.title = u"Ransomware tabletop"_qs;
        event.occurredOn = fixedToday().addMonths(-2);
        event.lessons = u"Decision rights unclear"_qs;
        event.actionIds = {u"D2"_qs};
        return event;
    }
};

} // namespace

TEST_F(BoardUndo, CreatingAReviewUndoesAndRedoesTheSameSnapshot)
{
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    QSignalSpy reviews(workspace.get(), &Workspace::reviewsChanged);
    QSignalSpy data(workspace.get(), &Workspace::dataChanged);
    const qint64 id = workspace->createReview(u"Board June"_qs, fixedToday(), u"Approve the plan"_qs);
    EXPECT_EQ(reviews.count(), 1);
    EXPECT_EQ(data.count(), 1);
    EXPECT_EQ(stack.undoText(), u"Create board review Board June"_qs);

    stack.undo();
    EXPECT_FALSE(store.review(id).has_value());
    EXPECT_EQ(reviews.count(), 2);

    // The live state moves on (outside the stack); redo brings back the snapshot as it was frozen.
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
    stack.redo();
    const auto restored = store.review(id);
    ASSERT_TRUE(restored.has_value());
    EXPECT_EQ(restored->name, u"Board June"_qs);
    EXPECT_EQ(restored->decisions, u"Approve the plan"_qs);
    const QList<ReviewItem> items = store.reviewItems(id);
    ASSERT_EQ(items.size(), 22);
    EXPECT_EQ(items.first().rating, Rating::Limited);
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST_F(BoardUndo, SigningIsNotUndoableAndLaterUndoOfTheCreationIsRefused)
{
    const qint64 chair = workspace->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const qint64 id = workspace->createReview(u"Board June"_qs, fixedToday());
    const int commands = stack.count();
    QSignalSpy reviews(workspace.get(), &Workspace::reviewsChanged);
    QSignalSpy data(workspace.get(), &Workspace::dataChanged);
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    workspace->signReview(id, chair, u"M1"_qs);
    EXPECT_EQ(stack.count(), commands); // nothing pushed, nothing cleared
    EXPECT_EQ(reviews.count(), 1);
    EXPECT_EQ(data.count(), 1);

    stack.undo(); // tries to delete the signed review
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.first().first().toString().contains(u"signed off"_qs))
        << errors.first().first().toString().toStdString();
    EXPECT_TRUE(store.review(id)->isSigned());
    EXPECT_EQ(store.reviewItems(id).size(), 22);
}

TEST_F(BoardUndo, DecisionsAndRemovalOfAReview)
{
    const qint64 id = workspace->createReview(u"Board June"_qs, fixedToday(), u"First"_qs);
    workspace->setReviewDecisions(id, u"Second"_qs);
    workspace->setReviewDecisions(id, u"Second"_qs); // unchanged: nothing pushed
    EXPECT_EQ(stack.count(), 2);
    stack.undo();
    EXPECT_EQ(store.review(id)->decisions, u"First"_qs);
    stack.redo();
    EXPECT_EQ(store.review(id)->decisions, u"Second"_qs);

    const QList<ReviewItem> items = store.reviewItems(id);
    workspace->removeReview(id);
    EXPECT_FALSE(store.review(id).has_value());
    stack.undo();
    ASSERT_TRUE(store.review(id).has_value());
    EXPECT_EQ(store.review(id)->decisions, u"Second"_qs);
    EXPECT_EQ(store.reviewItems(id).size(), items.size());
    stack.redo();
    EXPECT_FALSE(store.review(id).has_value());
}

TEST_F(BoardUndo, DecisionsChangedElsewhereAreNotOverwrittenByUndo)
{
    const qint64 id = workspace->createReview(u"Board June"_qs, fixedToday(), u"First"_qs);
    workspace->setReviewDecisions(id, u"Second"_qs);
    store.setReviewDecisions(id, u"Typed in another window"_qs);
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    stack.undo();
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.first().first().toString().contains(u"changed elsewhere"_qs));
    EXPECT_EQ(store.review(id)->decisions, u"Typed in another window"_qs);
}

TEST_F(BoardUndo, MetricsAddEditRemoveWithReadings)
{
    QSignalSpy metrics(workspace.get(), &Workspace::metricsChanged);
    const qint64 id = workspace->addMetric(metric());
    EXPECT_EQ(metrics.count(), 1);
    const qint64 first = workspace->addReading({0, id, fixedToday().addDays(-40), 91, u"Q1"_qs});
    const qint64 second = workspace->addReading({0, id, fixedToday().addDays(-10), 96, {}});
    Metric edited = *store.metric(id);
    edited.amberThreshold = 85;
    edited.name = u"Critical patching"_qs;
    workspace->updateMetric(edited);
    EXPECT_EQ(metrics.count(), 4);
    EXPECT_EQ(stack.count(), 4);

    // Removing the metric takes its readings; undo brings all back with their ids.
    workspace->removeMetric(id);
    EXPECT_FALSE(store.metric(id).has_value());
    EXPECT_TRUE(store.readings(id).isEmpty());
    stack.undo();
    EXPECT_EQ(*store.metric(id), edited);
    ASSERT_EQ(store.readings(id).size(), 2);
    EXPECT_EQ(store.reading(first)->note, u"Q1"_qs);
    EXPECT_EQ(store.reading(second)->value, 96);

    stack.undo(); // the edit
    EXPECT_EQ(store.metric(id)->name, u"Patching"_qs);
    EXPECT_EQ(store.metric(id)->amberThreshold, 90);
    stack.undo(); // the second reading
    EXPECT_FALSE(store.reading(second).has_value());
    stack.undo(); // the first reading
    stack.undo(); // the metric
    EXPECT_TRUE(store.metrics().isEmpty());

    for (int i = 0; i < 5; ++i)
        stack.redo();
    EXPECT_TRUE(store.metrics().isEmpty()); // the removal was redone last
    stack.undo();
    EXPECT_EQ(*store.metric(id), edited);
    EXPECT_EQ(store.readings(id).size(), 2);
    EXPECT_EQ(store.latestReading(id)->id, second);
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST_F(BoardUndo, RemovingAReadingUndoesWithItsId)
{
    const qint64 id = workspace->addMetric(metric());
    const qint64 reading = workspace->addReading({0, id, fixedToday(), 80, u"Bad month"_qs});
    workspace->removeReading(reading);
    EXPECT_FALSE(store.reading(reading).has_value());
    stack.undo();
    EXPECT_EQ(store.reading(reading)->note, u"Bad month"_qs);
    stack.redo();
    EXPECT_FALSE(store.reading(reading).has_value());
}

TEST_F(BoardUndo, AMetricChangedElsewhereIsNotOverwritten)
{
    const qint64 id = workspace->addMetric(metric());
    Metric edited = *store.metric(id);
    edited.greenThreshold = 99;
    workspace->updateMetric(edited);
    Metric elsewhere = *store.metric(id); // as another person reads it, after this workspace's change
    elsewhere.unit = u"percent"_qs;
    store.updateMetric(elsewhere);
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    stack.undo();
    EXPECT_EQ(errors.count(), 1);
    EXPECT_EQ(*store.metric(id), elsewhere);
}

TEST_F(BoardUndo, EventsAddEditRemove)
{
    QSignalSpy events(workspace.get(), &Workspace::eventsChanged);
    QSignalSpy data(workspace.get(), &Workspace::dataChanged);
    const qint64 id = workspace->addEvent(exercise());
    EXPECT_EQ(stack.undoText(), u"Add exercise Ransomware tabletop"_qs);
    BoardEvent edited = *store.event(id);
    edited.kind = BoardEvent::Kind::Incident;
    edited.followUps = u"Retest in a year"_qs;
    workspace->updateEvent(edited);
    workspace->removeEvent(id);
    EXPECT_EQ(events.count(), 3);
    EXPECT_EQ(data.count(), 3);
    EXPECT_FALSE(store.event(id).has_value());

    stack.undo();
    EXPECT_EQ(*store.event(id), edited);
    stack.undo();
    EXPECT_EQ(store.event(id)->kind, BoardEvent::Kind::Exercise);
    EXPECT_TRUE(store.event(id)->followUps.isEmpty());
    stack.undo();
    EXPECT_TRUE(store.events().isEmpty());
    stack.redo();
    stack.redo();
    EXPECT_EQ(*store.event(id), edited);
    EXPECT_EQ(events.count(), 8);
}

TEST_F(BoardUndo, RefusedChangesPushNothing)
{
    Metric backwards = metric();
    backwards.greenThreshold = 80;
    EXPECT_THROW(workspace->addMetric(backwards), Error);
    BoardEvent future = exercise();
    future.occurredOn = fixedToday().addDays(1);
    EXPECT_THROW(workspace->addEvent(future), Error);
    EXPECT_THROW(workspace->createReview(u""_qs, fixedToday()), Error);
    EXPECT_EQ(stack.count(), 0);
}

namespace {

QList<AuditRecord> meetingDateRows(const Store &store, const QString &reviewName)
{
    AuditFilter filter;
    filter.entity = u"review"_qs;
    filter.entityId = reviewName;
    QList<AuditRecord> rows;
    for (const AuditEntry &entry : store.auditEntries(filter)) {
        if (entry.record.field == u"meeting date"_qs)
            rows.prepend(entry.record); // oldest first
    }
    return rows;
}

} // namespace

TEST_F(BoardUndo, MeetingDateIsCorrectedAuditedAndUndoneUntilSignedOff)
{
    const QDate first = fixedToday().addDays(-10);
    const QDate corrected = fixedToday().addDays(-3);
    const qint64 chair = workspace->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const qint64 id = workspace->createReview(u"Board June"_qs, first);
    QSignalSpy reviews(workspace.get(), &Workspace::reviewsChanged);
    workspace->setReviewMeetingDate(id, corrected);
    EXPECT_EQ(store.review(id)->meetingDate, corrected);
    EXPECT_EQ(reviews.count(), 1);
    EXPECT_EQ(stack.undoText(),
              u"Move the meeting of Board June from %1 to %2"_qs.arg(formatUserDate(first), formatUserDate(corrected)));
    QList<AuditRecord> rows = meetingDateRows(store, u"Board June"_qs);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].oldValue, first.toString(Qt::ISODate));
    EXPECT_EQ(rows[0].newValue, corrected.toString(Qt::ISODate));

    workspace->setReviewMeetingDate(id, corrected); // unchanged: nothing pushed or audited
    EXPECT_EQ(stack.count(), 3);
    EXPECT_EQ(meetingDateRows(store, u"Board June"_qs).size(), 1);
    EXPECT_THROW(workspace->setReviewMeetingDate(id, QDate()), Error);

    stack.undo();
    EXPECT_EQ(store.review(id)->meetingDate, first);
    stack.redo();
    EXPECT_EQ(store.review(id)->meetingDate, corrected);
    rows = meetingDateRows(store, u"Board June"_qs);
    ASSERT_EQ(rows.size(), 3); // the change, its undo and its redo, each in the trail
    EXPECT_EQ(rows[1].newValue, first.toString(Qt::ISODate));
    EXPECT_EQ(rows[2].newValue, corrected.toString(Qt::ISODate));
    EXPECT_EQ(store.reviewItems(id).size(), 22); // the frozen state is untouched

    // Once signed, the date is refused with a clear message, and an undo is refused too.
    workspace->signReview(id, chair, u"M1"_qs);
    try {
        workspace->setReviewMeetingDate(id, first);
        ADD_FAILURE() << "a signed review's meeting date was changed";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Conflict);
        EXPECT_TRUE(error.message().contains(u"signed off"_qs)) << error.message().toStdString();
    }
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    stack.undo(); // the date change: refused, and said so
    ASSERT_GE(errors.count(), 1);
    EXPECT_TRUE(errors.last().first().toString().contains(u"signed off"_qs));
    EXPECT_EQ(store.review(id)->meetingDate, corrected);
    EXPECT_EQ(meetingDateRows(store, u"Board June"_qs).size(), 3);
}
