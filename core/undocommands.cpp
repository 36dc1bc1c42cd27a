#include "undocommands.h"

#include "error.h"
#include "workspace.h"

#include <QCoreApplication>

namespace quorum {

QString describeAssessmentChange(const QString &actionId, const AssessmentChanges &after)
{
    if (after.size() == 1) {
        const AssessmentField field = after.firstKey();
        if (field == AssessmentField::Rating || field == AssessmentField::Target)
            return QCoreApplication::translate("Undo", "Set %1 %2 to %3")
                .arg(actionId, assessmentFieldKey(field), ratingLabel(after.first().value<Rating>()));
        return QCoreApplication::translate("Undo", "Change %1 %2").arg(actionId, assessmentFieldKey(field));
    }
    return QCoreApplication::translate("Undo", "Change %1").arg(actionId);
}

WorkspaceCommand::WorkspaceCommand(Workspace *workspace, const QString &text)
    : m_workspace(workspace)
{
    setText(text);
}

void WorkspaceCommand::undo()
{
    try {
        applyUndo();
    } catch (const Error &error) {
        setObsolete(true);
        m_workspace->reportError(QCoreApplication::translate("Undo", "Undo failed: %1").arg(error.message()));
    }
}

void WorkspaceCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    try {
        applyRedo();
    } catch (const Error &error) {
        setObsolete(true);
        m_workspace->reportError(QCoreApplication::translate("Undo", "Redo failed: %1").arg(error.message()));
    }
}

ChangeAssessmentCommand::ChangeAssessmentCommand(Workspace *workspace, const QString &actionId,
                                                 AssessmentChanges before, AssessmentChanges after)
    : WorkspaceCommand(workspace, describeAssessmentChange(actionId, after))
    , m_actionId(actionId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void ChangeAssessmentCommand::applyUndo()
{
    workspace()->applyAssessment(m_actionId, m_before);
}

void ChangeAssessmentCommand::applyRedo()
{
    workspace()->applyAssessment(m_actionId, m_after);
}

AddPersonCommand::AddPersonCommand(Workspace *workspace, const Person &person)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add %1").arg(person.name))
    , m_person(person)
{
}

void AddPersonCommand::applyUndo()
{
    workspace()->applyPersonRemoval(m_person.name);
}

void AddPersonCommand::applyRedo()
{
    workspace()->applyPersonInsert(m_person);
}

EditPersonCommand::EditPersonCommand(Workspace *workspace, const Person &before, const Person &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit %1").arg(after.name))
    , m_before(before)
    , m_after(after)
{
}

void EditPersonCommand::applyUndo()
{
    workspace()->applyPerson(m_after.name, m_before);
}

void EditPersonCommand::applyRedo()
{
    workspace()->applyPerson(m_before.name, m_after);
}

EditOrganisationCommand::EditOrganisationCommand(Workspace *workspace, const Organisation &before,
                                                 const Organisation &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit organisation"))
    , m_before(before)
    , m_after(after)
{
}

void EditOrganisationCommand::applyUndo()
{
    workspace()->applyOrganisation(m_before);
}

void EditOrganisationCommand::applyRedo()
{
    workspace()->applyOrganisation(m_after);
}

RemovePersonCommand::RemovePersonCommand(Workspace *workspace, const Person &person)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Remove %1").arg(person.name))
    , m_person(person)
{
}

void RemovePersonCommand::applyUndo()
{
    workspace()->applyPersonInsert(m_person);
}

void RemovePersonCommand::applyRedo()
{
    workspace()->applyPersonRemoval(m_person.name);
}

AddEvidenceCommand::AddEvidenceCommand(Workspace *workspace, qint64 evidenceId, const QString &title)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add evidence \"%1\"").arg(title))
    , m_evidenceId(evidenceId)
{
}

void AddEvidenceCommand::applyUndo()
{
    // The snapshot is taken now, not when the evidence was added, so that redo also brings back the
    // revisions that later commands (now undone) still refer to.
    m_removed = workspace()->applyEvidenceRemoval(m_evidenceId);
}

void AddEvidenceCommand::applyRedo()
{
    workspace()->applyEvidenceRestore(m_removed);
    m_removed = EvidenceSnapshot();
}

EditEvidenceCommand::EditEvidenceCommand(Workspace *workspace, const Evidence &before, const Evidence &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit evidence \"%1\"").arg(after.title))
    , m_before(before)
    , m_after(after)
{
}

void EditEvidenceCommand::applyUndo()
{
    workspace()->applyEvidence(m_before);
}

void EditEvidenceCommand::applyRedo()
{
    workspace()->applyEvidence(m_after);
}

SetEvidenceActionsCommand::SetEvidenceActionsCommand(Workspace *workspace, qint64 evidenceId, const QString &title,
                                                     QStringList before, QStringList after)
    : WorkspaceCommand(
        workspace,
        QCoreApplication::translate("Undo", "Link \"%1\" to %2").arg(title, after.join(QStringLiteral(", "))))
    , m_evidenceId(evidenceId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SetEvidenceActionsCommand::applyUndo()
{
    workspace()->applyEvidenceActions(m_evidenceId, m_before);
}

void SetEvidenceActionsCommand::applyRedo()
{
    workspace()->applyEvidenceActions(m_evidenceId, m_after);
}

ReplaceEvidenceFileCommand::ReplaceEvidenceFileCommand(Workspace *workspace, qint64 evidenceId, const QString &title,
                                                       int previousRevision, int replacingRevision)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Replace the file of \"%1\"").arg(title))
    , m_evidenceId(evidenceId)
    , m_previousRevision(previousRevision)
    , m_replacingRevision(replacingRevision)
{
}

void ReplaceEvidenceFileCommand::applyUndo()
{
    workspace()->applyEvidenceRevision(m_evidenceId, m_previousRevision);
}

void ReplaceEvidenceFileCommand::applyRedo()
{
    workspace()->applyEvidenceRevision(m_evidenceId, m_replacingRevision);
}

RemoveEvidenceCommand::RemoveEvidenceCommand(Workspace *workspace, EvidenceSnapshot removed)
    : WorkspaceCommand(workspace,
                       QCoreApplication::translate("Undo", "Remove evidence \"%1\"").arg(removed.evidence.title))
    , m_removed(std::move(removed))
{
}

void RemoveEvidenceCommand::applyUndo()
{
    workspace()->applyEvidenceRestore(m_removed);
}

void RemoveEvidenceCommand::applyRedo()
{
    m_removed = workspace()->applyEvidenceRemoval(m_removed.evidence.id);
}

AddTrainingCommand::AddTrainingCommand(Workspace *workspace, const TrainingRecord &record, const QString &personName)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add training for %1").arg(personName))
    , m_record(record)
{
}

void AddTrainingCommand::applyUndo()
{
    workspace()->applyTrainingRemoval(m_record.id);
}

void AddTrainingCommand::applyRedo()
{
    workspace()->applyTrainingInsert(m_record);
}

EditTrainingCommand::EditTrainingCommand(Workspace *workspace, const TrainingRecord &before,
                                         const TrainingRecord &after, const QString &personName)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit training for %1").arg(personName))
    , m_before(before)
    , m_after(after)
{
}

void EditTrainingCommand::applyUndo()
{
    workspace()->applyTraining(m_before);
}

void EditTrainingCommand::applyRedo()
{
    workspace()->applyTraining(m_after);
}

RemoveTrainingCommand::RemoveTrainingCommand(Workspace *workspace, const TrainingRecord &record,
                                             const QString &personName)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Remove training for %1").arg(personName))
    , m_record(record)
{
}

void RemoveTrainingCommand::applyUndo()
{
    workspace()->applyTrainingInsert(m_record);
}

void RemoveTrainingCommand::applyRedo()
{
    workspace()->applyTrainingRemoval(m_record.id);
}

} // namespace quorum
