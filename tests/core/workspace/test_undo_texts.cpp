#include "core/domain/catalogue.h"
#include "core/domain/userdate.h"
#include "core/workspace/undocommands.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "workspacetest.h"

#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** Every undo entry says what changed, in words a director reads in Edit > Undo. */
class UndoTexts : public WorkspaceTestBase {
protected:
    QString change(const QString &actionId, const AssessmentChanges &changes)
    {
        workspace->changeAssessment(actionId, changes);
        return stack.undoText();
    }
};

} // namespace

TEST_F(UndoTexts, AssessmentChangesSayWhatAndToWhat)
{
    const qint64 owen = workspace->addPerson({0, u"Owen Price"_qs, u"CIO"_qs, false, true});
    const qint64 helen = workspace->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const QDate date(2027, 3, 31);
    using F = AssessmentField;
    EXPECT_EQ(change(u"E5"_qs, {{F::Rating, QVariant::fromValue(Rating::Limited)}}), u"Change E5 rating to Limited"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::Target, QVariant::fromValue(Rating::Substantial)}}),
              u"Change E5 target rating to Substantial"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::Owner, QVariant::fromValue(owen)}}), u"Change E5 owner to Owen Price"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::Owner, QVariant::fromValue<qint64>(0)}}), u"Remove the owner of E5"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::Director, QVariant::fromValue(helen)}}),
              u"Change E5 accountable director to Helen Marsh"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::TargetDate, date}}), u"Change E5 target date to 31 Mar 2027"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::TargetDate, QDate()}}), u"Remove the target date of E5"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::NextReview, date}}), u"Change E5 next review date to 31 Mar 2027"_qs);
    EXPECT_EQ(change(u"E5"_qs, {{F::Commentary, u"Board briefed"_qs}}), u"Change the commentary of E5"_qs);
    EXPECT_EQ(change(u"E4"_qs,
                     {{F::Rating, QVariant::fromValue(Rating::NotApplicable)}, {F::Justification, u"No suppliers"_qs}}),
              u"Change E4 rating to Not applicable, with its justification"_qs);
    EXPECT_EQ(change(u"E4"_qs, {{F::Justification, u"No third-party suppliers"_qs}}),
              u"Change the Not applicable justification of E4"_qs);
    EXPECT_EQ(change(u"A1"_qs, {{F::Rating, QVariant::fromValue(Rating::Reasonable)},
                                {F::Commentary, u"Reviewed"_qs},
                                {F::NextReview, date}}),
              u"Change the rating, commentary and next review date of A1"_qs);
}

TEST_F(UndoTexts, PeopleOrganisationEvidenceAndBoardRecordsSayWhatChanged)
{
    const qint64 owen = workspace->addPerson({0, u"Owen Price"_qs, u"CIO"_qs, false, true});
    EXPECT_EQ(stack.undoText(), u"Add person Owen Price"_qs);
    workspace->updatePerson({owen, u"Owen Price"_qs, u"CISO"_qs, false, true});
    EXPECT_EQ(stack.undoText(), u"Change the role of Owen Price to CISO"_qs);
    workspace->updatePerson({owen, u"Owen Pryce"_qs, u"CISO"_qs, false, true});
    EXPECT_EQ(stack.undoText(), u"Rename Owen Price to Owen Pryce"_qs);
    workspace->updatePerson({owen, u"Owen Pryce"_qs, u"CISO"_qs, true, true});
    EXPECT_EQ(stack.undoText(), u"Make Owen Pryce a board member"_qs);
    workspace->updatePerson({owen, u"Owen Price"_qs, u"CIO"_qs, true, true});
    EXPECT_EQ(stack.undoText(), u"Change the name and role of Owen Pryce"_qs);

    Organisation organisation = store.organisation();
    organisation.marking = u"OFFICIAL-SENSITIVE"_qs;
    workspace->setOrganisation(organisation);
    EXPECT_EQ(stack.undoText(), u"Change the protective marking to OFFICIAL-SENSITIVE"_qs);

    EvidenceInput input;
    input.title = u"Strategy"_qs;
    input.isFile = true;
    input.fileName = u"strategy.pdf"_qs;
    input.content = "pdf";
    input.actionIds = {u"A1"_qs};
    const qint64 evidence = workspace->addEvidence(input);
    Evidence edited = *store.evidenceItem(evidence);
    edited.reviewBy = QDate(2027, 6, 30);
    workspace->updateEvidence(edited);
    EXPECT_EQ(stack.undoText(), u"Change the review-by date of evidence \"Strategy\" to 30 Jun 2027"_qs);
    workspace->setEvidenceActions(evidence, {u"A1"_qs, u"A2"_qs, u"B1"_qs});
    EXPECT_EQ(stack.undoText(), u"Make evidence \"Strategy\" support A1, A2 and B1"_qs);

    const qint64 training = workspace->addTraining({0, owen, u"Board toolkit"_qs, fixedToday(), QDate()});
    workspace->updateTraining({training, owen, u"Board toolkit"_qs, fixedToday(), fixedToday().addYears(1)});
    EXPECT_EQ(stack.undoText(), u"Change the valid-until date of Owen Price's training to %1"_qs.arg(
                                    formatUserDate(fixedToday().addYears(1))));

    Metric metric = metricOf(u"Patching"_qs, true, 95, 90);
    metric.id = workspace->addMetric(metric);
    metric.greenThreshold = 97;
    metric.amberThreshold = 92;
    workspace->updateMetric(metric);
    EXPECT_EQ(stack.undoText(), u"Change the green threshold and amber threshold of metric Patching"_qs);
    workspace->addReading({0, metric.id, QDate(2026, 6, 1), 96, {}});
    EXPECT_EQ(stack.undoText(), u"Record the 1 Jun 2026 reading of Patching"_qs);

    BoardEvent event;
    event.title = u"Ransomware tabletop"_qs;
    event.occurredOn = fixedToday().addMonths(-2);
    event.actionIds = {u"D2"_qs};
    event.id = workspace->addEvent(event);
    event.occurredOn = fixedToday().addMonths(-1);
    workspace->updateEvent(event);
    EXPECT_EQ(stack.undoText(),
              u"Change the date of exercise Ransomware tabletop to %1"_qs.arg(formatUserDate(event.occurredOn)));
    event.lessons = u"Decision rights unclear"_qs;
    event.followUps = u"Agree the decision rights"_qs;
    workspace->updateEvent(event);
    EXPECT_EQ(stack.undoText(), u"Change the lessons learned and follow-ups of exercise Ransomware tabletop"_qs);

    // No entry is left saying only "Change X" or "Edit X".
    static const QRegularExpression vague(u"^(Change|Edit) \\S+$"_qs);
    for (int index = 0; index < stack.count(); ++index)
        EXPECT_FALSE(vague.match(stack.text(index)).hasMatch()) << stack.text(index).toStdString();
}
