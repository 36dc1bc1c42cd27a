// Undo commands for the board: reviews, metrics, exercises and incidents (declared in undocommands.h).
#include "core/domain/userdate.h"
#include "core/workspace/undocommands.h"
#include "core/workspace/workspace.h"

#include <QCoreApplication>

namespace quorum {

// ---- Board reviews -----------------------------------------------------------------------------

CreateReviewCommand::CreateReviewCommand(Workspace *workspace, const Review &review, const QList<ReviewItem> &items)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Create board review %1").arg(review.name))
    , m_review(review)
    , m_items(items)
{
}

void CreateReviewCommand::applyUndo()
{
    workspace()->applyReviewRemoval(m_review.id);
}

void CreateReviewCommand::applyRedo()
{
    workspace()->applyReviewRestore(m_review, m_items);
}

RemoveReviewCommand::RemoveReviewCommand(Workspace *workspace, const Review &review, const QList<ReviewItem> &items)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Delete board review %1").arg(review.name))
    , m_review(review)
    , m_items(items)
{
}

void RemoveReviewCommand::applyUndo()
{
    workspace()->applyReviewRestore(m_review, m_items);
}

void RemoveReviewCommand::applyRedo()
{
    workspace()->applyReviewRemoval(m_review.id);
}

SetReviewDecisionsCommand::SetReviewDecisionsCommand(Workspace *workspace, const Review &review, const QString &before,
                                                     const QString &after)
    : WorkspaceCommand(workspace,
                       QCoreApplication::translate("Undo", "Change the decisions sought of %1").arg(review.name))
    , m_reviewId(review.id)
    , m_before(before)
    , m_after(after)
{
}

void SetReviewDecisionsCommand::applyUndo()
{
    workspace()->applyReviewDecisions(m_reviewId, m_after, m_before);
}

void SetReviewDecisionsCommand::applyRedo()
{
    workspace()->applyReviewDecisions(m_reviewId, m_before, m_after);
}

SetReviewMeetingDateCommand::SetReviewMeetingDateCommand(Workspace *workspace, const Review &review,
                                                         const QDate &before, const QDate &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Move the meeting of %1 from %2 to %3")
                                      .arg(review.name, formatUserDate(before), formatUserDate(after)))
    , m_reviewId(review.id)
    , m_before(before)
    , m_after(after)
{
}

void SetReviewMeetingDateCommand::applyUndo()
{
    workspace()->applyReviewMeetingDate(m_reviewId, m_after, m_before);
}

void SetReviewMeetingDateCommand::applyRedo()
{
    workspace()->applyReviewMeetingDate(m_reviewId, m_before, m_after);
}

// ---- Metrics -----------------------------------------------------------------------------------

AddMetricCommand::AddMetricCommand(Workspace *workspace, const Metric &metric)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add metric %1").arg(metric.name))
    , m_metric(metric)
{
}

void AddMetricCommand::applyUndo()
{
    workspace()->applyMetricRemoval(m_metric);
}

void AddMetricCommand::applyRedo()
{
    workspace()->applyMetricInsert(m_metric, {});
}

EditMetricCommand::EditMetricCommand(Workspace *workspace, const Metric &before, const Metric &after)
    : WorkspaceCommand(workspace, describeMetricChange(before, after))
    , m_before(before)
    , m_after(after)
{
}

void EditMetricCommand::applyUndo()
{
    workspace()->applyMetric(m_after, m_before);
}

void EditMetricCommand::applyRedo()
{
    workspace()->applyMetric(m_before, m_after);
}

RemoveMetricCommand::RemoveMetricCommand(Workspace *workspace, const Metric &metric,
                                         const QList<MetricReading> &readings)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Remove metric %1").arg(metric.name))
    , m_metric(metric)
    , m_readings(readings)
{
}

void RemoveMetricCommand::applyUndo()
{
    workspace()->applyMetricInsert(m_metric, m_readings);
}

void RemoveMetricCommand::applyRedo()
{
    workspace()->applyMetricRemoval(m_metric);
}

AddReadingCommand::AddReadingCommand(Workspace *workspace, const MetricReading &reading, const QString &metricName)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Record the %1 reading of %2")
                                      .arg(formatUserDate(reading.takenOn), metricName))
    , m_reading(reading)
{
}

void AddReadingCommand::applyUndo()
{
    workspace()->applyReadingRemoval(m_reading);
}

void AddReadingCommand::applyRedo()
{
    workspace()->applyReadingInsert(m_reading);
}

RemoveReadingCommand::RemoveReadingCommand(Workspace *workspace, const MetricReading &reading,
                                           const QString &metricName)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Remove the %1 reading of %2")
                                      .arg(formatUserDate(reading.takenOn), metricName))
    , m_reading(reading)
{
}

void RemoveReadingCommand::applyUndo()
{
    workspace()->applyReadingInsert(m_reading);
}

void RemoveReadingCommand::applyRedo()
{
    workspace()->applyReadingRemoval(m_reading);
}

// ---- Exercises and incidents -------------------------------------------------------------------

AddEventCommand::AddEventCommand(Workspace *workspace, const BoardEvent &event)
    : WorkspaceCommand(workspace,
                       QCoreApplication::translate("Undo", "Add %1 %2").arg(boardEventKindKey(event.kind), event.title))
    , m_event(event)
{
}

void AddEventCommand::applyUndo()
{
    workspace()->applyEventRemoval(m_event);
}

void AddEventCommand::applyRedo()
{
    workspace()->applyEventInsert(m_event);
}

EditEventCommand::EditEventCommand(Workspace *workspace, const BoardEvent &before, const BoardEvent &after)
    : WorkspaceCommand(workspace, describeEventChange(before, after))
    , m_before(before)
    , m_after(after)
{
}

void EditEventCommand::applyUndo()
{
    workspace()->applyEvent(m_after, m_before);
}

void EditEventCommand::applyRedo()
{
    workspace()->applyEvent(m_before, m_after);
}

RemoveEventCommand::RemoveEventCommand(Workspace *workspace, const BoardEvent &event)
    : WorkspaceCommand(
        workspace, QCoreApplication::translate("Undo", "Remove %1 %2").arg(boardEventKindKey(event.kind), event.title))
    , m_event(event)
{
}

void RemoveEventCommand::applyUndo()
{
    workspace()->applyEventInsert(m_event);
}

void RemoveEventCommand::applyRedo()
{
    workspace()->applyEventRemoval(m_event);
}

} // namespace quorum
