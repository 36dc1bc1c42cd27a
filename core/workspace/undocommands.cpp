#include "core/workspace/undocommands.h"

#include "core/domain/error.h"
#include "core/domain/userdate.h"
#include "core/workspace/workspace.h"

#include <QCoreApplication>

namespace quorum {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Undo", text);
}

/** A date in an undo text, as the date fields show it. */
QString dateText(const QDate &date)
{
    return formatUserDate(date);
}

/** What a field of an assessment is called in an undo text. */
QString assessmentFieldWords(AssessmentField field)
{
    switch (field) {
    case AssessmentField::Owner:
        return tr("owner");
    case AssessmentField::Director:
        return tr("accountable director");
    case AssessmentField::Rating:
        return tr("rating");
    case AssessmentField::Target:
        return tr("target rating");
    case AssessmentField::Justification:
        return tr("Not applicable justification");
    case AssessmentField::Commentary:
        return tr("commentary");
    case AssessmentField::TargetDate:
        return tr("target date");
    case AssessmentField::NextReview:
        return tr("next review date");
    case AssessmentField::Maturity:
        return tr("maturity");
    case AssessmentField::MaturityTarget:
        return tr("target maturity");
    case AssessmentField::MaturityAssessed:
        return tr("maturity assessment date");
    case AssessmentField::MaturityAssessor:
        return tr("maturity assessor");
    }
    return {};
}

QString personName(const Store *store, const QVariant &id)
{
    const auto person = store ? store->person(id.toLongLong()) : std::nullopt;
    return person ? person->name : QString();
}

/** The text of an edit that changed @p fields of @p subject: "Change the title and type of evidence "X"". */
QString changeOf(const QStringList &fields, const QString &subject)
{
    if (fields.isEmpty())
        return tr("Change %1").arg(subject);
    return tr("Change the %1 of %2").arg(inWordsList(fields), subject);
}

} // namespace

QString inWordsList(const QStringList &parts)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return QCoreApplication::translate("Undo", "%1 and %2")
        .arg(parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")), parts.last());
}

QString describeAssessmentChange(const QString &actionId, const AssessmentChanges &after, const Store *store)
{
    const QList<AssessmentField> fields = after.keys();
    // Choosing Not applicable also records why: one change in the person's eyes.
    if (fields == QList<AssessmentField>{AssessmentField::Rating, AssessmentField::Justification})
        return tr("Change %1 rating to %2, with its justification")
            .arg(actionId, ratingLabel(after.value(AssessmentField::Rating).value<Rating>()));
    if (fields.size() == 1) {
        const QVariant value = after.first();
        switch (fields.first()) {
        case AssessmentField::Rating:
            return tr("Change %1 rating to %2").arg(actionId, ratingLabel(value.value<Rating>()));
        case AssessmentField::Target:
            return tr("Change %1 target rating to %2").arg(actionId, ratingLabel(value.value<Rating>()));
        case AssessmentField::Owner: {
            const QString name = personName(store, value);
            return name.isEmpty() ? tr("Remove the owner of %1").arg(actionId)
                                  : tr("Change %1 owner to %2").arg(actionId, name);
        }
        case AssessmentField::Director: {
            const QString name = personName(store, value);
            return name.isEmpty() ? tr("Remove the accountable director of %1").arg(actionId)
                                  : tr("Change %1 accountable director to %2").arg(actionId, name);
        }
        case AssessmentField::TargetDate:
            return value.toDate().isValid() ? tr("Change %1 target date to %2").arg(actionId, dateText(value.toDate()))
                                            : tr("Remove the target date of %1").arg(actionId);
        case AssessmentField::NextReview:
            return value.toDate().isValid()
                       ? tr("Change %1 next review date to %2").arg(actionId, dateText(value.toDate()))
                       : tr("Remove the next review date of %1").arg(actionId);
        case AssessmentField::Justification:
            return tr("Change the Not applicable justification of %1").arg(actionId);
        case AssessmentField::Commentary:
            return tr("Change the commentary of %1").arg(actionId);
        case AssessmentField::Maturity:
        case AssessmentField::MaturityTarget: {
            const QString what = assessmentFieldWords(fields.first());
            if (value.isNull())
                return tr("Clear the %1 of %2").arg(what, actionId);
            const QString level = store ? store->maturityScale(actionId).label(value.toInt()) : value.toString();
            return tr("Change %1 %2 to %3").arg(actionId, what, level);
        }
        case AssessmentField::MaturityAssessed:
            return value.toDate().isValid()
                       ? tr("Change the maturity assessment date of %1 to %2").arg(actionId, dateText(value.toDate()))
                       : tr("Remove the maturity assessment date of %1").arg(actionId);
        case AssessmentField::MaturityAssessor: {
            const QString label = maturityAssessorLabel(value.value<MaturityAssessor>());
            return label.isEmpty() ? tr("Clear who assessed the maturity of %1").arg(actionId)
                                   : tr("Record the maturity of %1 as an %2").arg(actionId, label.toLower());
        }
        }
    }
    QStringList words;
    for (AssessmentField field : fields)
        words << assessmentFieldWords(field);
    return changeOf(words, actionId);
}

QString describePersonChange(const Person &before, const Person &after)
{
    QStringList fields;
    if (after.name != before.name)
        fields << tr("name");
    if (after.role != before.role)
        fields << tr("role");
    if (after.board != before.board)
        fields << tr("board membership");
    if (after.active != before.active)
        fields << tr("status");
    if (fields.size() == 1) {
        if (after.name != before.name)
            return tr("Rename %1 to %2").arg(before.name, after.name);
        if (after.role != before.role)
            return tr("Change the role of %1 to %2").arg(after.name, after.role);
        if (after.board != before.board)
            return after.board ? tr("Make %1 a board member").arg(after.name)
                               : tr("Record that %1 is no longer a board member").arg(after.name);
        return after.active ? tr("Record that %1 is active again").arg(after.name)
                            : tr("Record that %1 has left").arg(after.name);
    }
    return changeOf(fields, before.name);
}

QString describeOrganisationChange(const Organisation &before, const Organisation &after)
{
    const bool name = after.name != before.name;
    const bool marking = after.marking != before.marking;
    const bool maturity = after.trackMaturity != before.trackMaturity;
    if (maturity && !name && !marking)
        return after.trackMaturity ? tr("Track maturity") : tr("Stop tracking maturity");
    if (name && !marking && !maturity)
        return tr("Rename the organisation to %1").arg(after.name);
    if (marking && !name && !maturity)
        return after.marking.isEmpty() ? tr("Remove the protective marking")
                                       : tr("Change the protective marking to %1").arg(after.marking);
    QStringList fields;
    if (name)
        fields << tr("name");
    if (marking)
        fields << tr("protective marking");
    if (maturity)
        fields << tr("maturity tracking");
    return tr("Change the organisation's %1").arg(inWordsList(fields));
}

QString describeEvidenceChange(const Evidence &before, const Evidence &after)
{
    const QString subject = tr("evidence \"%1\"").arg(before.title);
    QStringList fields;
    if (after.title != before.title)
        fields << tr("title");
    if (after.type != before.type)
        fields << tr("type");
    if (after.source != before.source)
        fields << tr("source");
    if (after.effective != before.effective)
        fields << tr("effective date");
    if (after.reviewBy != before.reviewBy)
        fields << tr("review-by date");
    if (after.url != before.url)
        fields << tr("address");
    if (fields.size() == 1) {
        if (after.title != before.title)
            return tr("Rename evidence \"%1\" to \"%2\"").arg(before.title, after.title);
        if (after.type != before.type)
            return tr("Change the type of %1 to %2").arg(subject, evidenceTypeLabel(after.type));
        if (after.source != before.source)
            return tr("Change the source of %1 to %2").arg(subject, evidenceSourceLabel(after.source));
        if (after.effective != before.effective && after.effective.isValid())
            return tr("Change the effective date of %1 to %2").arg(subject, dateText(after.effective));
        if (after.reviewBy != before.reviewBy && after.reviewBy.isValid())
            return tr("Change the review-by date of %1 to %2").arg(subject, dateText(after.reviewBy));
        if (after.reviewBy != before.reviewBy)
            return tr("Remove the review-by date of %1").arg(subject);
    }
    return changeOf(fields, subject);
}

QString describeTrainingChange(const TrainingRecord &before, const TrainingRecord &after, const QString &personName)
{
    const QString subject = tr("%1's training").arg(personName);
    QStringList fields;
    if (after.course != before.course)
        fields << tr("course");
    if (after.completed != before.completed)
        fields << tr("completion date");
    if (after.validUntil != before.validUntil)
        fields << tr("valid-until date");
    if (fields.size() == 1) {
        if (after.course != before.course)
            return tr("Change the course of %1 to %2").arg(subject, after.course);
        if (after.completed != before.completed)
            return tr("Change the completion date of %1 to %2").arg(subject, dateText(after.completed));
        return after.validUntil.isValid()
                   ? tr("Change the valid-until date of %1 to %2").arg(subject, dateText(after.validUntil))
                   : tr("Make %1 never expire").arg(subject);
    }
    return changeOf(fields, subject);
}

QString describeMetricChange(const Metric &before, const Metric &after)
{
    const QString subject = tr("metric %1").arg(before.name);
    QStringList fields;
    if (after.name != before.name)
        fields << tr("name");
    if (after.unit != before.unit)
        fields << tr("unit");
    if (after.higherIsBetter != before.higherIsBetter)
        fields << tr("direction");
    if (after.greenThreshold != before.greenThreshold)
        fields << tr("green threshold");
    if (after.amberThreshold != before.amberThreshold)
        fields << tr("amber threshold");
    if (after.actionIds != before.actionIds)
        fields << tr("actions");
    if (fields.size() == 1 && after.name != before.name)
        return tr("Rename metric %1 to %2").arg(before.name, after.name);
    return changeOf(fields, subject);
}

QString describeEventChange(const BoardEvent &before, const BoardEvent &after)
{
    const QString subject = QStringLiteral("%1 %2").arg(boardEventKindKey(before.kind), before.title);
    QStringList fields;
    if (after.kind != before.kind)
        fields << tr("kind");
    if (after.occurredOn != before.occurredOn)
        fields << tr("date");
    if (after.title != before.title)
        fields << tr("title");
    if (after.summary != before.summary)
        fields << tr("summary");
    if (after.stakeholders != before.stakeholders)
        fields << tr("stakeholders");
    if (after.lessons != before.lessons)
        fields << tr("lessons learned");
    if (after.followUps != before.followUps)
        fields << tr("follow-ups");
    if (after.actionIds != before.actionIds)
        fields << tr("actions");
    if (fields.size() == 1 && after.occurredOn != before.occurredOn)
        return tr("Change the date of %1 to %2").arg(subject, dateText(after.occurredOn));
    if (fields.size() == 1 && after.title != before.title)
        return tr("Rename %1 %2 to %3").arg(boardEventKindKey(before.kind), before.title, after.title);
    return changeOf(fields, subject);
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
    : WorkspaceCommand(workspace, describeAssessmentChange(actionId, after, &workspace->store()))
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
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add person %1").arg(person.name))
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
    : WorkspaceCommand(workspace, describePersonChange(before, after))
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
    : WorkspaceCommand(workspace, describeOrganisationChange(before, after))
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

EditFrameworkCommand::EditFrameworkCommand(Workspace *workspace, const Framework &before, const Framework &after,
                                           const QString &text)
    : WorkspaceCommand(workspace, text)
    , m_before(before)
    , m_after(after)
{
}

void EditFrameworkCommand::applyUndo()
{
    workspace()->applyFramework(m_before, m_after);
}

void EditFrameworkCommand::applyRedo()
{
    workspace()->applyFramework(m_after, m_before);
}

RemovePersonCommand::RemovePersonCommand(Workspace *workspace, const Person &person)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Remove person %1").arg(person.name))
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
    : WorkspaceCommand(workspace, describeEvidenceChange(before, after))
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
        QCoreApplication::translate("Undo", "Make evidence \"%1\" support %2").arg(title, inWordsList(after)))
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
    : WorkspaceCommand(workspace, describeTrainingChange(before, after, personName))
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
