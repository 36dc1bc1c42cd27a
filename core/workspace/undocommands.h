#pragma once

#include "core/domain/domain.h"
#include "core/storage/store.h"

#include <QUndoCommand>

namespace quorum {

class Workspace;

/**
 * Base for Quorum's undo commands: the change has already been applied by the intent method when the
 * command is pushed, so the first redo() does nothing. A later undo or redo that fails (the file became
 * read-only, another program holds the lock) reports the error and makes the command obsolete, so the
 * stack never claims a state the database does not have.
 */
class WorkspaceCommand : public QUndoCommand {
public:
    WorkspaceCommand(Workspace *workspace, const QString &text);
    void undo() final;
    void redo() final;

protected:
    virtual void applyUndo() = 0;
    virtual void applyRedo() = 0;
    Workspace *workspace() const { return m_workspace; }

private:
    Workspace *m_workspace;
    bool m_firstRedo = true;
};

/** Changes fields of one action's assessment; stores both sets of values. */
class ChangeAssessmentCommand : public WorkspaceCommand {
public:
    ChangeAssessmentCommand(Workspace *workspace, const QString &actionId, AssessmentChanges before,
                            AssessmentChanges after);

private:
    void applyUndo() override;
    void applyRedo() override;
    QString m_actionId;
    AssessmentChanges m_before;
    AssessmentChanges m_after;
};

/** Adds a person; undo removes them again (by name, since ids are not reused). */
class AddPersonCommand : public WorkspaceCommand {
public:
    AddPersonCommand(Workspace *workspace, const Person &person);

private:
    void applyUndo() override;
    void applyRedo() override;
    Person m_person;
};

/** Edits a person's name, role, board membership or active flag. */
class EditPersonCommand : public WorkspaceCommand {
public:
    EditPersonCommand(Workspace *workspace, const Person &before, const Person &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Person m_before;
    Person m_after;
};

/** Changes the organisation's name or protective marking. */
class EditOrganisationCommand : public WorkspaceCommand {
public:
    EditOrganisationCommand(Workspace *workspace, const Organisation &before, const Organisation &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Organisation m_before;
    Organisation m_after;
};

/**
 * Changes whether a framework is followed, its vendor role or its owner. Undo and redo are refused when someone
 * else changed the framework's settings since (its version moved on).
 */
class EditFrameworkCommand : public WorkspaceCommand {
public:
    EditFrameworkCommand(Workspace *workspace, const Framework &before, const Framework &after, const QString &text);

private:
    void applyUndo() override;
    void applyRedo() override;
    Framework m_before;
    Framework m_after;
};

/** Removes a person; undo adds them back with the same id. */
class RemovePersonCommand : public WorkspaceCommand {
public:
    RemovePersonCommand(Workspace *workspace, const Person &person);

private:
    void applyUndo() override;
    void applyRedo() override;
    Person m_person;
};

/**
 * Adds evidence; undo removes it, keeping a snapshot taken at that moment, and redo restores that
 * snapshot (same id, links, revisions and files).
 */
class AddEvidenceCommand : public WorkspaceCommand {
public:
    AddEvidenceCommand(Workspace *workspace, qint64 evidenceId, const QString &title);

private:
    void applyUndo() override;
    void applyRedo() override;
    qint64 m_evidenceId;
    EvidenceSnapshot m_removed;
};

/** Changes the title, type, source, dates (or link address) of one piece of evidence. */
class EditEvidenceCommand : public WorkspaceCommand {
public:
    EditEvidenceCommand(Workspace *workspace, const Evidence &before, const Evidence &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Evidence m_before;
    Evidence m_after;
};

/** Changes which actions one piece of evidence supports. */
class SetEvidenceActionsCommand : public WorkspaceCommand {
public:
    SetEvidenceActionsCommand(Workspace *workspace, qint64 evidenceId, const QString &title, QStringList before,
                              QStringList after);

private:
    void applyUndo() override;
    void applyRedo() override;
    qint64 m_evidenceId;
    QStringList m_before;
    QStringList m_after;
};

/**
 * Replaces an evidence file. Stores revision numbers, not bytes: undo makes @p previousRevision current
 * again and redo makes @p replacingRevision current again, each as a new revision (the store keeps every
 * version, so both are always in the history).
 */
class ReplaceEvidenceFileCommand : public WorkspaceCommand {
public:
    ReplaceEvidenceFileCommand(Workspace *workspace, qint64 evidenceId, const QString &title, int previousRevision,
                               int replacingRevision);

private:
    void applyUndo() override;
    void applyRedo() override;
    qint64 m_evidenceId;
    int m_previousRevision;
    int m_replacingRevision;
};

/** Removes evidence; undo restores it exactly from the snapshot taken before the (latest) removal. */
class RemoveEvidenceCommand : public WorkspaceCommand {
public:
    RemoveEvidenceCommand(Workspace *workspace, EvidenceSnapshot removed);

private:
    void applyUndo() override;
    void applyRedo() override;
    EvidenceSnapshot m_removed;
};

/** Adds a training record; undo removes it, redo adds it back with the same id. */
class AddTrainingCommand : public WorkspaceCommand {
public:
    AddTrainingCommand(Workspace *workspace, const TrainingRecord &record, const QString &personName);

private:
    void applyUndo() override;
    void applyRedo() override;
    TrainingRecord m_record;
};

/** Changes the course or dates of a training record. */
class EditTrainingCommand : public WorkspaceCommand {
public:
    EditTrainingCommand(Workspace *workspace, const TrainingRecord &before, const TrainingRecord &after,
                        const QString &personName);

private:
    void applyUndo() override;
    void applyRedo() override;
    TrainingRecord m_before;
    TrainingRecord m_after;
};

/** Removes a training record; undo adds it back with the same id. */
class RemoveTrainingCommand : public WorkspaceCommand {
public:
    RemoveTrainingCommand(Workspace *workspace, const TrainingRecord &record, const QString &personName);

private:
    void applyUndo() override;
    void applyRedo() override;
    TrainingRecord m_record;
};

/** Creates a board review; undo deletes it (refused once it is signed), redo puts back the same snapshot. */
class CreateReviewCommand : public WorkspaceCommand {
public:
    CreateReviewCommand(Workspace *workspace, const Review &review, const QList<ReviewItem> &items);

private:
    void applyUndo() override;
    void applyRedo() override;
    Review m_review;
    QList<ReviewItem> m_items;
};

/** Deletes an unsigned board review; undo puts it back exactly as it was frozen. */
class RemoveReviewCommand : public WorkspaceCommand {
public:
    RemoveReviewCommand(Workspace *workspace, const Review &review, const QList<ReviewItem> &items);

private:
    void applyUndo() override;
    void applyRedo() override;
    Review m_review;
    QList<ReviewItem> m_items;
};

/** Changes the decisions sought of an unsigned board review. */
class SetReviewDecisionsCommand : public WorkspaceCommand {
public:
    SetReviewDecisionsCommand(Workspace *workspace, const Review &review, const QString &before, const QString &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    qint64 m_reviewId;
    QString m_before;
    QString m_after;
};

/** Corrects the meeting date of an unsigned board review. */
class SetReviewMeetingDateCommand : public WorkspaceCommand {
public:
    SetReviewMeetingDateCommand(Workspace *workspace, const Review &review, const QDate &before, const QDate &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    qint64 m_reviewId;
    QDate m_before;
    QDate m_after;
};

/** Adds a metric; undo removes it, redo adds it back with the same id. */
class AddMetricCommand : public WorkspaceCommand {
public:
    AddMetricCommand(Workspace *workspace, const Metric &metric);

private:
    void applyUndo() override;
    void applyRedo() override;
    Metric m_metric;
};

/** Changes a metric's name, unit, direction, thresholds or actions. */
class EditMetricCommand : public WorkspaceCommand {
public:
    EditMetricCommand(Workspace *workspace, const Metric &before, const Metric &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Metric m_before;
    Metric m_after;
};

/** Removes a metric and its readings; undo puts them all back with their ids. */
class RemoveMetricCommand : public WorkspaceCommand {
public:
    RemoveMetricCommand(Workspace *workspace, const Metric &metric, const QList<MetricReading> &readings);

private:
    void applyUndo() override;
    void applyRedo() override;
    Metric m_metric;
    QList<MetricReading> m_readings;
};

/** Records a metric reading; undo removes it, redo records it again with the same id. */
class AddReadingCommand : public WorkspaceCommand {
public:
    AddReadingCommand(Workspace *workspace, const MetricReading &reading, const QString &metricName);

private:
    void applyUndo() override;
    void applyRedo() override;
    MetricReading m_reading;
};

/** Removes a metric reading; undo records it again with the same id. */
class RemoveReadingCommand : public WorkspaceCommand {
public:
    RemoveReadingCommand(Workspace *workspace, const MetricReading &reading, const QString &metricName);

private:
    void applyUndo() override;
    void applyRedo() override;
    MetricReading m_reading;
};

/** Records an exercise or incident; undo removes it, redo adds it back with the same id. */
class AddEventCommand : public WorkspaceCommand {
public:
    AddEventCommand(Workspace *workspace, const BoardEvent &event);

private:
    void applyUndo() override;
    void applyRedo() override;
    BoardEvent m_event;
};

/** Changes an exercise or incident. */
class EditEventCommand : public WorkspaceCommand {
public:
    EditEventCommand(Workspace *workspace, const BoardEvent &before, const BoardEvent &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    BoardEvent m_before;
    BoardEvent m_after;
};

/** Removes an exercise or incident; undo adds it back with the same id. */
class RemoveEventCommand : public WorkspaceCommand {
public:
    RemoveEventCommand(Workspace *workspace, const BoardEvent &event);

private:
    void applyUndo() override;
    void applyRedo() override;
    BoardEvent m_event;
};

// Undo texts say what changed in a director's words ("Change E5 rating to Limited"), so that Edit > Undo
// and the undo history can be read without knowing the program.

/** "a", "a and b", "a, b and c". */
QString inWordsList(const QStringList &parts);
/** For a set of assessment changes: "Change E5 rating to Limited"; @p store names people (may be null). */
QString describeAssessmentChange(const QString &actionId, const AssessmentChanges &after, const Store *store = nullptr);
QString describePersonChange(const Person &before, const Person &after);
QString describeOrganisationChange(const Organisation &before, const Organisation &after);
QString describeEvidenceChange(const Evidence &before, const Evidence &after);
QString describeTrainingChange(const TrainingRecord &before, const TrainingRecord &after, const QString &personName);
QString describeMetricChange(const Metric &before, const Metric &after);
QString describeEventChange(const BoardEvent &before, const BoardEvent &after);

} // namespace quorum
