#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/rules/attention.h"
#include "core/storage/database.h"
#include "core/storage/integritycheck.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/workspace/dashboardprefetch.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "workspacetest.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <atomic>

using namespace quorum;
using namespace quorum::test;

namespace {

class WorkspaceTest : public WorkspaceTestBase {
protected:
    EvidenceInput file(const QString &title, const QByteArray &content, const QStringList &actions)
    {
        EvidenceInput input;
        input.title = title;
        input.isFile = true;
        input.fileName = title + u".pdf"_qs;
        input.content = content;
        input.actionIds = actions;
        return input;
    }

    int blobs()
    {
        return SqlQuery(workspace->database().connection(), u"SELECT count(*) FROM blob"_qs).scalar().toInt();
    }

    Error::Kind kindOf(const std::function<void()> &action)
    {
        try {
            action();
        } catch (const Error &error) {
            return error.kind();
        }
        return Error::Kind::Storage;
    }
};

/** Every part of two evidence summaries agrees. */
void expectSameSummary(const EvidenceSummary &summary, const EvidenceSummary &fresh, const char *when)
{
    EXPECT_EQ(summary.counts.asOf, fresh.counts.asOf) << when;
    EXPECT_EQ(summary.counts.current, fresh.counts.current) << when;
    EXPECT_EQ(summary.counts.expiring, fresh.counts.expiring) << when;
    EXPECT_EQ(summary.counts.expired, fresh.counts.expired) << when;
    EXPECT_EQ(summary.counts.currentByAction, fresh.counts.currentByAction) << when;
    EXPECT_EQ(summary.counts.expiringByAction, fresh.counts.expiringByAction) << when;
    EXPECT_EQ(summary.counts.expiredByAction, fresh.counts.expiredByAction) << when;
    ASSERT_EQ(summary.expired.size(), fresh.expired.size()) << when;
    for (qsizetype i = 0; i < fresh.expired.size(); ++i) {
        EXPECT_EQ(summary.expired[i].id, fresh.expired[i].id) << when;
        EXPECT_EQ(summary.expired[i].actionIds, fresh.expired[i].actionIds) << when;
    }
    EXPECT_EQ(summary.latestFormalReport, fresh.latestFormalReport) << when;
}

/** The demo organisation in a file of its own, opened as the desktop app opens it: checked in the background. */
struct CheckedInBackground {
    std::unique_ptr<TestDatabase> db = createDatabase(true);
    std::unique_ptr<Workspace> workspace;
    const BackgroundIntegrityCheck *check = nullptr;

    CheckedInBackground()
    {
        db->close();
        workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock(), nullptr,
                                    Database::IntegrityCheck::InBackground);
        check = workspace->database().backgroundIntegrityCheck();
    }
};

/**
 * The demo organisation reopened with its dashboard read ahead, the read finished: a change made now comes
 * after it, so only dropping the read ahead gives the new figures.
 */
/** A read-ahead of the record at @p location as the desktop app starts one: a file's once it is open, a server's
 * before. */
std::unique_ptr<DashboardPrefetch> readAheadOf(const QString &location)
{
    if (ServerConnection::isServer(location))
        return DashboardPrefetch::beforeOpening(location, fixedClock());
    return std::make_unique<DashboardPrefetch>([location] { return Database::openReader(location); }, fixedClock());
}

struct ReadAhead {
    std::unique_ptr<TestDatabase> db = createDatabase(true);
    std::unique_ptr<Workspace> workspace;
    int expiredBefore = 0;

    ReadAhead()
    {
        db->close();
        workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
        expiredBefore = workspace->store().evidenceSummary(fixedToday()).counts.expired;
        workspace->prefetchDashboard();
        if (workspace->dashboardPrefetch())
            workspace->dashboardPrefetch()->waitUntilRead();
    }
};

/** What a list, a score or a report reads of each action's state, one line an action, to compare two reads. */
QStringList statesOf(const QList<ActionState> &states)
{
    QStringList lines;
    for (const ActionState &state : states)
        lines << u"%1 %2 %3 %4 %5 %6 %7 %8 %9"_qs
                         .arg(state.id, state.framework, state.principleId, state.ownerName, state.directorName)
                         .arg(int(state.assessment.rating))
                         .arg(int(state.assessment.target))
                         .arg(state.assessment.targetDate.toString(Qt::ISODate))
                         .arg(state.assessment.maturity.value_or(-1))
                     + u" %1 %2 %3 %4"_qs.arg(state.assessment.version)
                           .arg(state.evidenceCurrent)
                           .arg(state.evidenceExpiring)
                           .arg(state.evidenceExpired);
    return lines;
}

/** A link to evidence whose review date passed three days ago, for A1. */
EvidenceInput lapsedLink(const QString &title)
{
    EvidenceInput input;
    input.title = title;
    input.url = u"https://example.org/lapsed"_qs;
    input.effective = fixedToday().addYears(-2);
    input.reviewBy = fixedToday().addDays(-3);
    input.actionIds = {u"A1"_qs};
    return input;
}

} // namespace

TEST_F(WorkspaceTest, AddingEvidenceUndoesAndRedoesWithTheSameIdAndFile)
{
    QSignalSpy evidenceChanged(workspace.get(), &Workspace::evidenceChanged);
    QSignalSpy dataChanged(workspace.get(), &Workspace::dataChanged);
    const qint64 id = workspace->addEvidence(file(u"Strategy"_qs, "strategy", {u"B1"_qs, u"B2"_qs}));
    EXPECT_EQ(evidenceChanged.count(), 1);
    EXPECT_EQ(dataChanged.count(), 1);
    EXPECT_EQ(stack.count(), 1);
    EXPECT_EQ(stack.undoText(), u"Add evidence \"Strategy\""_qs);

    stack.undo();
    EXPECT_FALSE(store.evidenceItem(id).has_value());
    EXPECT_EQ(blobs(), 0);
    EXPECT_EQ(evidenceChanged.count(), 2);
    EXPECT_EQ(dataChanged.count(), 2);
    stack.redo();
    ASSERT_TRUE(store.evidenceItem(id).has_value());
    EXPECT_EQ(store.evidenceContent(id), QByteArray("strategy"));
    EXPECT_EQ(store.evidenceItem(id)->actionIds, (QStringList{u"B1"_qs, u"B2"_qs}));
    EXPECT_EQ(evidenceChanged.count(), 3);
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST_F(WorkspaceTest, EditingAndRelinkingEvidenceUndo)
{
    const qint64 id = workspace->addEvidence(file(u"Report"_qs, "report", {u"A1"_qs}));
    Evidence changed = *store.evidenceItem(id);
    changed.title = u"Quarterly report"_qs;
    changed.reviewBy = QDate(2026, 7, 1);
    workspace->updateEvidence(changed);
    workspace->setEvidenceActions(id, {u"A1"_qs, u"E2"_qs});
    EXPECT_EQ(stack.count(), 3);
    const qsizetype count = stack.count();
    workspace->updateEvidence(changed); // no change: nothing pushed
    workspace->setEvidenceActions(id, {u"e2"_qs, u"a1"_qs});
    EXPECT_EQ(stack.count(), count);

    stack.undo();
    EXPECT_EQ(store.evidenceItem(id)->actionIds, QStringList{u"A1"_qs});
    stack.undo();
    EXPECT_EQ(store.evidenceItem(id)->title, u"Report"_qs);
    EXPECT_FALSE(store.evidenceItem(id)->reviewBy.isValid());
    stack.redo();
    stack.redo();
    EXPECT_EQ(store.evidenceItem(id)->title, u"Quarterly report"_qs);
    EXPECT_EQ(store.evidenceItem(id)->actionIds, (QStringList{u"A1"_qs, u"E2"_qs}));

    // A refused change throws and pushes nothing.
    EXPECT_EQ(kindOf([&] { workspace->setEvidenceActions(id, {}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(stack.count(), count);
}

TEST_F(WorkspaceTest, UndoingAReplacementMakesThePreviousVersionCurrentAsANewRevision)
{
    const qint64 id = workspace->addEvidence(file(u"Plan"_qs, "plan v1", {u"D1"_qs}));
    workspace->replaceEvidenceFile(id, u"plan-v2.pdf"_qs, "plan v2");
    EXPECT_EQ(store.evidenceItem(id)->revision, 2);

    stack.undo();
    Evidence item = *store.evidenceItem(id);
    EXPECT_EQ(store.evidenceContent(id), QByteArray("plan v1"));
    EXPECT_EQ(item.fileName, u"Plan.pdf"_qs);
    EXPECT_EQ(item.revision, 3); // revisions only grow; nothing is lost
    EXPECT_EQ(store.revisionContent(id, 2), QByteArray("plan v2"));

    stack.redo();
    item = *store.evidenceItem(id);
    EXPECT_EQ(store.evidenceContent(id), QByteArray("plan v2"));
    EXPECT_EQ(item.fileName, u"plan-v2.pdf"_qs);
    EXPECT_EQ(item.revision, 4);
    EXPECT_EQ(store.evidenceRevisions(id).size(), 4);
    EXPECT_TRUE(store.verifyEvidence().isEmpty());
}

TEST_F(WorkspaceTest, RemovingEvidenceUndoesExactly)
{
    const qint64 id = workspace->addEvidence(file(u"Minutes"_qs, "minutes v1", {u"E1"_qs, u"E3"_qs}));
    workspace->replaceEvidenceFile(id, u"minutes-v2.pdf"_qs, "minutes v2");
    const Evidence before = *store.evidenceItem(id);
    workspace->removeEvidence(id);
    EXPECT_FALSE(store.evidenceItem(id).has_value());
    EXPECT_EQ(blobs(), 0);
    EXPECT_EQ(stack.undoText(), u"Remove evidence \"Minutes\""_qs);

    stack.undo();
    const Evidence after = *store.evidenceItem(id);
    EXPECT_EQ(after.title, before.title);
    EXPECT_EQ(after.sha256, before.sha256);
    EXPECT_EQ(after.revision, before.revision);
    EXPECT_EQ(after.createdAt, before.createdAt);
    EXPECT_EQ(after.actionIds, before.actionIds);
    EXPECT_EQ(store.revisionContent(id, 1), QByteArray("minutes v1"));
    EXPECT_EQ(store.evidenceContent(id), QByteArray("minutes v2"));

    stack.redo();
    EXPECT_FALSE(store.evidenceItem(id).has_value());
    stack.undo();
    EXPECT_TRUE(store.evidenceItem(id).has_value());

    // Undo all the way back: the evidence is gone, and so are its files.
    while (stack.canUndo())
        stack.undo();
    EXPECT_TRUE(store.evidence().isEmpty());
    EXPECT_EQ(blobs(), 0);
    // Redo all the way: the replacement finds the revision it refers to, and the removal happens again.
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    while (stack.canRedo())
        stack.redo();
    EXPECT_EQ(errors.count(), 0);
    EXPECT_FALSE(store.evidenceItem(id).has_value());
    stack.undo();
    EXPECT_EQ(store.evidenceContent(id), QByteArray("minutes v2"));
    EXPECT_EQ(store.evidenceItem(id)->revision, 4);
    EXPECT_EQ(store.revisionContent(id, 3), QByteArray("minutes v1"));
    EXPECT_TRUE(store.verifyEvidence().isEmpty());
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST_F(WorkspaceTest, AFailedUndoIsReportedAndTheCommandDropped)
{
    const qint64 id = workspace->addEvidence(file(u"Opinion"_qs, "opinion", {u"E4"_qs}));
    workspace->removeEvidence(id);
    // Another program puts an item with the same id back meanwhile: the undo cannot restore over it.
    SqlQuery(workspace->database().connection(),
             u"INSERT INTO evidence (id, title, type, source, url, created_at) VALUES (:id, 'Other', 'other', "
             "'management', 'https://example.org', '2026-01-01T00:00:00.000Z')"_qs)
        .bind(u":id"_qs, id)
        .exec();
    QSignalSpy errors(workspace.get(), &Workspace::errorOccurred);
    stack.undo();
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.first().first().toString().startsWith(u"Undo failed"_qs));
    EXPECT_EQ(store.evidenceItem(id)->title, u"Other"_qs);
}

TEST_F(WorkspaceTest, TrainingChangesUndoWithTheirIds)
{
    const qint64 chair = workspace->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    QSignalSpy trainingChanged(workspace.get(), &Workspace::trainingChanged);
    QSignalSpy dataChanged(workspace.get(), &Workspace::dataChanged);
    TrainingRecord record;
    record.personId = chair;
    record.course = u"NCSC board toolkit"_qs;
    record.completed = QDate(2025, 6, 1);
    record.validUntil = QDate(2026, 6, 1);
    const qint64 id = workspace->addTraining(record);
    EXPECT_EQ(trainingChanged.count(), 1);
    EXPECT_EQ(dataChanged.count(), 1);
    EXPECT_EQ(store.trainingStatus(chair, fixedToday()), TrainingStatus::Expired);

    record.id = id;
    record.validUntil = QDate(2027, 6, 1);
    workspace->updateTraining(record);
    EXPECT_EQ(store.trainingStatus(chair, fixedToday()), TrainingStatus::Current);
    workspace->removeTraining(id);
    EXPECT_EQ(store.trainingStatus(chair, fixedToday()), TrainingStatus::Missing);
    EXPECT_EQ(trainingChanged.count(), 3);

    stack.undo(); // removal
    ASSERT_TRUE(store.trainingRecord(id).has_value());
    EXPECT_EQ(store.trainingRecord(id)->validUntil, QDate(2027, 6, 1));
    stack.undo(); // update
    EXPECT_EQ(store.trainingRecord(id)->validUntil, QDate(2026, 6, 1));
    stack.undo(); // addition
    EXPECT_FALSE(store.trainingRecord(id).has_value());
    stack.redo();
    EXPECT_EQ(store.trainingRecord(id)->course, u"NCSC board toolkit"_qs);
    stack.redo();
    stack.redo();
    EXPECT_FALSE(store.trainingRecord(id).has_value());
    EXPECT_EQ(trainingChanged.count(), 9);
}

TEST_F(WorkspaceTest, RemovingAPersonUndoesWithTheSameId)
{
    const qint64 id = workspace->addPerson({0, u"Raj Iyer"_qs, u"CISO"_qs, false, true});
    workspace->addPerson({0, u"Later Person"_qs, u"CFO"_qs, true, true});
    QSignalSpy peopleChanged(workspace.get(), &Workspace::peopleChanged);
    workspace->removePerson(id);
    EXPECT_FALSE(store.person(id).has_value());
    EXPECT_EQ(peopleChanged.count(), 1);
    stack.undo();
    ASSERT_TRUE(store.person(id).has_value());
    EXPECT_EQ(store.person(id)->name, u"Raj Iyer"_qs);
    EXPECT_EQ(store.person(id)->role, u"CISO"_qs);
    // Later commands that name the id keep working.
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue(id)}});
    EXPECT_EQ(store.actionState(u"A1"_qs).ownerName, u"Raj Iyer"_qs);
    // Someone who owns an action cannot be removed, and nothing is pushed.
    const qsizetype count = stack.count();
    EXPECT_EQ(kindOf([&] { workspace->removePerson(id); }), Error::Kind::Conflict);
    EXPECT_EQ(stack.count(), count);
}

TEST_F(WorkspaceTest, ActingAsIsRecordedInTheAuditTrail)
{
    workspace->addPerson({0, u"Gareth Lloyd"_qs, u"Company Secretary"_qs, false, true});
    QSignalSpy actingChanged(workspace.get(), &Workspace::actingAsChanged);
    workspace->setActingAs(u"gareth lloyd"_qs);
    EXPECT_EQ(workspace->actingAs(), u"Gareth Lloyd"_qs);
    ASSERT_EQ(actingChanged.count(), 1);
    EXPECT_EQ(actingChanged.first().first().toString(), u"Gareth Lloyd"_qs);
    workspace->setRating(u"D2"_qs, Rating::Limited);
    const AuditEntry last = store.auditEntries().last();
    EXPECT_EQ(last.record.actingAs, u"Gareth Lloyd"_qs);
    EXPECT_FALSE(last.record.actor.isEmpty());

    EXPECT_EQ(kindOf([&] { workspace->setActingAs(u"Nobody Known"_qs); }), Error::Kind::NotFound);
    EXPECT_EQ(workspace->actingAs(), u"Gareth Lloyd"_qs);
    workspace->setActingAs(QString());
    EXPECT_TRUE(workspace->actingAs().isEmpty());
    workspace->setRating(u"D2"_qs, Rating::Reasonable);
    EXPECT_TRUE(store.auditEntries().last().record.actingAs.isEmpty());
}

TEST_F(WorkspaceTest, TheKeptEvidenceSummaryFollowsEveryEvidenceChangeAndUndo)
{
    const Store &kept = workspace->store();
    auto expectFresh = [&](const char *when) {
        expectSameSummary(workspace->evidenceSummary(), kept.evidenceSummary(fixedToday()), when);
        // The totals kept by triggers (evidence_tally) agree with counting.
        const QSqlDatabase db = workspace->database().connection();
        EXPECT_EQ(
            SqlQuery(db, u"SELECT coalesce(sum(n), 0) FROM evidence_tally WHERE subject = ''"_qs).scalar().toInt(),
            SqlQuery(db, u"SELECT count(*) FROM evidence"_qs).scalar().toInt())
            << when;
        EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM evidence_tally t WHERE t.subject <> '' AND t.n <> "
                               "(SELECT count(*) FROM evidence_action l WHERE l.action_id = t.subject)"_qs)
                      .scalar()
                      .toInt(),
                  0)
            << when;
        EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM evidence_action l WHERE NOT EXISTS "
                               "(SELECT 1 FROM evidence_tally t WHERE t.subject = l.action_id)"_qs)
                      .scalar()
                      .toInt(),
                  0)
            << when;
        for (const ActionState &state : workspace->actionStates())
            EXPECT_EQ(state.evidenceCurrent, kept.actionState(state.id).evidenceCurrent)
                << when << state.id.toStdString();
    };
    expectFresh("empty");
    EvidenceInput input;
    input.title = u"Lapsing policy"_qs;
    input.url = u"https://example.org/policy"_qs;
    input.effective = fixedToday().addYears(-1);
    input.reviewBy = fixedToday().addDays(10);
    input.actionIds = {u"A1"_qs};
    const qint64 id = workspace->addEvidence(input);
    expectFresh("added");
    EXPECT_EQ(workspace->evidenceSummary().counts.currentByAction.value(u"A1"_qs), 1);
    Evidence changed = *kept.evidenceItem(id);
    changed.reviewBy = fixedToday().addDays(-1);
    workspace->updateEvidence(changed);
    expectFresh("expired by edit");
    EXPECT_EQ(workspace->evidenceSummary().expired.size(), 1);
    workspace->setEvidenceActions(id, {u"B1"_qs, u"C1"_qs});
    expectFresh("relinked");
    workspace->undoStack()->undo();
    expectFresh("relink undone");
    workspace->removeEvidence(id);
    expectFresh("removed");
    workspace->undoStack()->undo();
    expectFresh("removal undone");
    workspace->undoStack()->redo();
    expectFresh("removal redone");
    // An assessment edit keeps the summary: it is the same object, not recomputed.
    const EvidenceSummary *before = &workspace->evidenceSummary();
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Note"_qs}});
    EXPECT_EQ(&workspace->evidenceSummary(), before);
}

TEST_F(WorkspaceTest, TheKeptAttentionItemsAndActionStatesFollowEveryKindOfChange)
{
    // What the workspace keeps between edits is dropped by the kind of each change: after every change and
    // every undo it must be what a computation from scratch gives.
    int checks = 0;
    auto expectFresh = [&](const char *when) {
        ++checks;
        const EvidenceSummary fresh = store.evidenceSummary(fixedToday());
        const QList<ActionState> states = store.actionStates(fresh.counts);
        ASSERT_EQ(workspace->actionStates().size(), states.size()) << when;
        for (qsizetype i = 0; i < states.size(); ++i) {
            EXPECT_EQ(workspace->actionStates()[i].assessment.rating, states[i].assessment.rating) << when;
            EXPECT_EQ(workspace->actionStates()[i].ownerName, states[i].ownerName) << when;
            EXPECT_EQ(workspace->actionStates()[i].evidenceCurrent, states[i].evidenceCurrent) << when;
        }
        EXPECT_EQ(workspace->attention(), Attention::compute(store, fixedToday(), fresh)) << when;
        EXPECT_EQ(workspace->organisation().name, store.organisation().name) << when;
    };
    expectFresh("empty");
    const QList<AttentionItem> empty = workspace->attention();

    workspace->setRating(u"A1"_qs, Rating::Substantial);
    expectFresh("rated without evidence");
    Person director;
    director.name = u"Dana Director"_qs;
    director.role = u"Chair"_qs;
    director.board = true;
    const qint64 directorId = workspace->addPerson(director);
    expectFresh("a director without training");
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Owner, directorId}});
    expectFresh("owned");
    director = *store.person(directorId);
    director.name = u"Dana Renamed"_qs;
    workspace->updatePerson(director);
    expectFresh("owner renamed");
    TrainingRecord training;
    training.personId = directorId;
    training.course = u"Board cyber briefing"_qs;
    training.completed = fixedToday().addMonths(-2);
    training.validUntil = fixedToday().addMonths(10);
    workspace->addTraining(training);
    expectFresh("trained");
    for (const char *actionId : {"C3", "D2", "E2"}) {
        workspace->setRating(QString::fromLatin1(actionId), Rating::NotApplicable, u"Not for us this year"_qs);
        expectFresh(actionId);
    }
    BoardEvent exercise;
    exercise.kind = BoardEvent::Kind::Exercise;
    exercise.occurredOn = fixedToday().addMonths(-1);
    exercise.title = u"Ransomware tabletop"_qs;
    exercise.actionIds = {u"D2"_qs};
    workspace->addEvent(exercise);
    expectFresh("exercised");
    EvidenceInput input;
    input.title = u"Lapsed policy"_qs;
    input.url = u"https://example.org/policy"_qs;
    input.effective = fixedToday().addYears(-2);
    input.reviewBy = fixedToday().addDays(-3);
    input.actionIds = {u"A1"_qs, u"E2"_qs};
    workspace->addEvidence(input);
    expectFresh("expired evidence");
    workspace->createReview(u"Q2 board"_qs, fixedToday().addDays(-7));
    expectFresh("reviewed");
    workspace->setRating(u"A1"_qs, Rating::Limited);
    expectFresh("rating fell");
    Metric metric;
    metric.name = u"Patching within 14 days"_qs;
    metric.unit = u"%"_qs;
    metric.greenThreshold = 95;
    metric.amberThreshold = 85;
    metric.actionIds = {u"E2"_qs};
    const qint64 metricId = workspace->addMetric(metric);
    MetricReading reading;
    reading.metricId = metricId;
    reading.takenOn = fixedToday().addDays(-1);
    reading.value = 60;
    workspace->addReading(reading);
    expectFresh("metric out of tolerance");
    Organisation organisation = store.organisation();
    organisation.name = u"Renamed Ltd"_qs;
    workspace->setOrganisation(organisation);
    expectFresh("organisation renamed");

    while (workspace->undoStack()->canUndo()) {
        workspace->undoStack()->undo();
        expectFresh(qPrintable(u"undo to "_qs + QString::number(workspace->undoStack()->index())));
    }
    EXPECT_EQ(workspace->attention(), empty);
    EXPECT_GT(checks, 20);
}

TEST(WorkspacePrefetch, WhatIsReadAheadIsWhatTheRecordHolds)
{
    auto db = createDatabase(true);
    db->close();
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    workspace->prefetchDashboard();
    const EvidenceSummary fresh = workspace->store().evidenceSummary(fixedToday());
    // The demo organisation has expired evidence and formal reports, so every part is compared.
    EXPECT_FALSE(fresh.expired.isEmpty());
    EXPECT_TRUE(fresh.latestFormalReport.isValid());
    const QList<AttentionItem> attention = Attention::compute(workspace->store(), fixedToday(), fresh);
    EXPECT_FALSE(attention.isEmpty());
    expectSameSummary(workspace->evidenceSummary(), fresh, "read ahead");
    EXPECT_EQ(workspace->attention(), attention);

    // The read itself, not the workspace reading for itself after a failed one.
    const std::unique_ptr<DashboardPrefetch> prefetch = readAheadOf(db->path);
    const std::optional<EvidenceSummary> read = prefetch->takeEvidence();
    ASSERT_TRUE(read.has_value());
    expectSameSummary(*read, fresh, "read on the other thread");
    const std::optional<QList<ActionState>> states = prefetch->takeActionStates();
    ASSERT_TRUE(states.has_value());
    EXPECT_EQ(statesOf(*states), statesOf(workspace->store().actionStates(fresh.counts)));
    EXPECT_FALSE(prefetch->takeActionStates().has_value()) << "taken once";
    const std::optional<AttentionParts> parts = prefetch->takeAttention();
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(Attention::assemble(*parts, workspace->store().actionStates(fresh.counts)), attention);
}

TEST(WorkspacePrefetch, TheWorkspaceTakesTheActionsStatesReadAheadWithTheSummary)
{
    // The dashboard's scores come from the states read ahead, not from a second read on the window's session.
    ReadAhead opened;
    Workspace *workspace = opened.workspace.get();
    ASSERT_NE(workspace->dashboardPrefetch(), nullptr);
    const EvidenceSummary fresh = workspace->store().evidenceSummary(fixedToday());
    EXPECT_EQ(statesOf(workspace->actionStates()), statesOf(workspace->store().actionStates(fresh.counts)));
    ASSERT_NE(workspace->dashboardPrefetch(), nullptr) << "the attention items are still to be taken";
    EXPECT_FALSE(const_cast<DashboardPrefetch *>(workspace->dashboardPrefetch())->takeActionStates().has_value())
        << "the states were taken from the read ahead";
}

TEST(WorkspacePrefetch, AChangeBeforeItIsAskedForDropsTheReadAhead)
{
    ReadAhead opened;
    Workspace *workspace = opened.workspace.get();
    ASSERT_NE(workspace->dashboardPrefetch(), nullptr);
    workspace->addEvidence(lapsedLink(u"Lapsed after the read ahead"_qs));
    EXPECT_EQ(workspace->dashboardPrefetch(), nullptr);
    EXPECT_EQ(workspace->evidenceSummary().counts.expired, opened.expiredBefore + 1);
    EXPECT_EQ(statesOf(workspace->actionStates()),
              statesOf(workspace->store().actionStates(workspace->store().evidenceSummary(fixedToday()).counts)));
    expectSameSummary(workspace->evidenceSummary(), workspace->store().evidenceSummary(fixedToday()), "changed");
    EXPECT_EQ(workspace->attention(),
              Attention::compute(workspace->store(), fixedToday(), workspace->store().evidenceSummary(fixedToday())));

    // Not only evidence: an assessment change drops it too, since the attention items depend on everything.
    workspace->prefetchDashboard();
    workspace->dashboardPrefetch()->waitUntilRead();
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue(qint64(0))}});
    const QList<AttentionItem> fresh = Attention::compute(workspace->store(), fixedToday());
    EXPECT_EQ(workspace->attention(), fresh);
}

TEST(WorkspacePrefetch, AViewReadingOnTheFirstChangeSignalSeesTheChange)
{
    // Views listen to evidenceChanged, which comes before dataChanged: the read ahead must be gone by then.
    ReadAhead opened;
    Workspace *workspace = opened.workspace.get();
    ASSERT_NE(workspace->dashboardPrefetch(), nullptr);
    int seenByView = -1;
    int attentionSeenByView = -1;
    QObject view;
    QObject::connect(workspace, &Workspace::evidenceChanged, &view, [&] {
        seenByView = workspace->evidenceSummary().counts.expired;
        attentionSeenByView = int(workspace->attention().size());
    });
    workspace->addEvidence(lapsedLink(u"Lapsed while the window was built"_qs));
    EXPECT_EQ(seenByView, opened.expiredBefore + 1);
    EXPECT_EQ(attentionSeenByView, int(Attention::compute(workspace->store(), fixedToday()).size()));
}

TEST(WorkspacePrefetch, ANewDayBeforeItIsAskedForDropsTheReadAhead)
{
    auto db = createDatabase(true);
    db->close();
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    workspace->prefetchDashboard();
    const QDate later = fixedToday().addDays(90);
    workspace->store().setClock(Clock(later.startOfDay().addSecs(12 * 3600)));
    EXPECT_EQ(workspace->evidenceSummary().counts.asOf, later);
    expectSameSummary(workspace->evidenceSummary(), workspace->store().evidenceSummary(later), "a new day");
    EXPECT_EQ(workspace->attention(), Attention::compute(workspace->store(), later));
}

TEST(WorkspacePrefetch, AReadAheadBeforeOpeningReadsOnlyARecordAtThisProgramsSchema)
{
    // A server's record is read ahead while the window's own session opens it: one that the opening will upgrade
    // is left to the window, which reads it once upgraded. A file is read ahead only once open.
    auto db = createDatabase(true);
    if (!ServerConnection::isServer(db->path)) {
        EXPECT_EQ(DashboardPrefetch::beforeOpening(db->path, fixedClock()), nullptr);
        return;
    }
    const EvidenceSummary fresh = db->store->evidenceSummary(fixedToday());
    SqlQuery(db->database->connection(), u"UPDATE quorum_schema SET version = :older"_qs)
        .bind(u":older"_qs, Database::currentSchemaVersion() - 1)
        .exec();
    db->close();
    std::unique_ptr<DashboardPrefetch> early = DashboardPrefetch::beforeOpening(db->path, fixedClock());
    ASSERT_NE(early, nullptr);
    early->waitUntilRead();
    EXPECT_FALSE(early->takeEvidence().has_value());
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    workspace->prefetchDashboard(std::move(early));
    expectSameSummary(workspace->evidenceSummary(), fresh, "read by the window after the upgrade");

    // At this program's schema, and a connection that cannot be made, as the desktop app meets them.
    const std::unique_ptr<DashboardPrefetch> current = DashboardPrefetch::beforeOpening(db->path, fixedClock());
    ASSERT_TRUE(current->takeEvidence().has_value());
    const std::unique_ptr<DashboardPrefetch> nowhere =
        DashboardPrefetch::beforeOpening(u"host=/nonexistent/socket dbname=quorum"_qs, fixedClock());
    ASSERT_NE(nowhere, nullptr);
    EXPECT_FALSE(nowhere->takeEvidence().has_value());
    EXPECT_FALSE(nowhere->takeAttention().has_value());
    EXPECT_EQ(DashboardPrefetch::beforeOpening(u"postgresql://[broken"_qs, fixedClock()), nullptr);
}

TEST(WorkspacePrefetch, AChangeCommittedBeforeTheWindowsSessionOpensIsNotHiddenByTheReadAhead)
{
    // Read ahead before the window's session opens: a change another person commits in between is before where
    // that session's listener starts, so no notice of it will come; what was read must not be shown for it.
    auto db = createDatabase(true);
    if (!ServerConnection::isServer(db->path))
        GTEST_SKIP() << "a file is read ahead only once open";
    db->close();
    std::unique_ptr<DashboardPrefetch> early = DashboardPrefetch::beforeOpening(db->path, fixedClock());
    ASSERT_NE(early, nullptr);
    early->waitUntilRead();
    {
        auto other = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
        other->addEvidence(lapsedLink(u"Lapsed meanwhile"_qs));
    }
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    const EvidenceSummary fresh = workspace->store().evidenceSummary(fixedToday());
    workspace->prefetchDashboard(std::move(early));
    expectSameSummary(workspace->evidenceSummary(), fresh, "changed before the window's session opened");
    EXPECT_EQ(statesOf(workspace->actionStates()), statesOf(workspace->store().actionStates(fresh.counts)));
    EXPECT_EQ(workspace->attention(), Attention::compute(workspace->store(), fixedToday(), fresh));
}

TEST(WorkspacePrefetch, AFileThatCannotBeReadLeavesTheReadToTheCaller)
{
    TempFolder folder;
    const QString missing = folder.path(u"missing.quorum"_qs);
    DashboardPrefetch prefetch([missing] { return Database::openReader(missing); }, fixedClock());
    EXPECT_FALSE(prefetch.takeEvidence().has_value());
    EXPECT_FALSE(prefetch.takeActionStates().has_value());
    EXPECT_FALSE(prefetch.takeAttention().has_value());
    EXPECT_FALSE(QFileInfo::exists(folder.path(u"missing.quorum"_qs)));
}

TEST_F(WorkspaceTest, TheKeptAttentionItemsFollowEveryChangeAndUndo)
{
    auto expectFresh = [&](const char *when) {
        EXPECT_EQ(workspace->attention(), Attention::compute(workspace->store(), fixedToday())) << when;
    };
    expectFresh("empty");
    workspace->changeAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
    expectFresh("rated without evidence");
    const QList<AttentionItem> *kept = &workspace->attention();
    EXPECT_EQ(&workspace->attention(), kept) << "asked again without a change, it is the same list";
    EvidenceInput input;
    input.title = u"Policy"_qs;
    input.url = u"https://example.org/policy"_qs;
    input.reviewBy = fixedToday().addDays(-1);
    input.actionIds = {u"A1"_qs};
    workspace->addEvidence(input);
    expectFresh("expired evidence added");
    workspace->addPerson({0, u"New Director"_qs, u"Director"_qs, true, true});
    expectFresh("a director without training");
    stack.undo();
    expectFresh("person undone");
    stack.undo();
    expectFresh("evidence undone");
    stack.redo();
    expectFresh("evidence redone");
}

TEST(WorkspaceIntegrity, TheBackgroundCheckWaitsUntilItIsStarted)
{
    QUORUM_FILE_ONLY("the integrity check of a file (a server keeps its own data sound)");
    CheckedInBackground opened;
    Workspace *workspace = opened.workspace.get();
    const BackgroundIntegrityCheck *check = opened.check;
    ASSERT_NE(check, nullptr);
    workspace->evidenceSummary(); // reading does not start it
    EXPECT_FALSE(check->isStarted());
    EXPECT_FALSE(check->isFinished());
    workspace->startIntegrityCheck();
    EXPECT_TRUE(check->isStarted());
    EXPECT_EQ(check->failure(), QString());
    EXPECT_TRUE(check->isFinished());
}

TEST(WorkspaceIntegrity, ASoundFileCheckedInTheBackgroundTakesChangesAndReportsNothing)
{
    QUORUM_FILE_ONLY("the integrity check of a file (a server keeps its own data sound)");
    CheckedInBackground opened;
    Workspace *workspace = opened.workspace.get();
    const BackgroundIntegrityCheck *check = opened.check;
    ASSERT_NE(check, nullptr);
    QSignalSpy failed(workspace, &Workspace::integrityFailed);
    EXPECT_FALSE(check->isStarted());
    // The first change starts the check and waits for it, then is written as usual.
    workspace->setRating(u"A1"_qs, Rating::Substantial, u"checked first"_qs);
    EXPECT_TRUE(check->isFinished());
    EXPECT_EQ(check->failure(), QString());
    EXPECT_EQ(workspace->store().assessment(u"A1"_qs).rating, Rating::Substantial);
    QCoreApplication::processEvents(); // delivers the check's report, had there been one
    EXPECT_EQ(failed.count(), 0);
}

TEST(WorkspaceIntegrity, OpeningOnlyForTheWindowChecksBeforeNothing)
{
    QUORUM_FILE_ONLY("the integrity check of a file (a server keeps its own data sound)");
    // Opened as the CLI and the tests open (the default), there is no background check at all.
    auto db = createDatabase();
    EXPECT_EQ(db->database->backgroundIntegrityCheck(), nullptr);
    EXPECT_NO_THROW(db->database->ensureIntact());
}

TEST_F(WorkspaceTest, TheKeptReviewScoresFollowEveryReviewChangeAndUndo)
{
    auto scores = [](const QList<ReviewPosture> &postures) {
        QStringList result;
        for (const ReviewPosture &held : postures)
            result << u"%1 %2"_qs.arg(held.review.name).arg(held.score.score.value_or(-1));
        return result;
    };
    auto check = [&](const char *when) {
        EXPECT_EQ(scores(workspace->reviewPostures()), scores(recentReviewPostures(store, {}, fixedToday()))) << when;
    };
    check("opened");
    workspace->setRating(u"A1"_qs, Rating::Substantial, u"Tested"_qs);
    const qint64 id = workspace->createReview(u"Q2 board"_qs, fixedToday(), QString());
    check("created");
    EXPECT_EQ(workspace->reviewPostures().size(), 1);
    workspace->setRating(u"A2"_qs, Rating::Substantial, u"Tested"_qs); // the frozen review keeps its score
    check("rated after");
    workspace->undoStack()->undo();
    workspace->undoStack()->undo();
    check("undone");
    EXPECT_TRUE(workspace->reviewPostures().isEmpty());
    workspace->undoStack()->redo();
    check("redone");
    workspace->removeReview(workspace->store().reviews().constFirst().id);
    check("removed");
    EXPECT_NE(id, 0);
}

TEST(WorkspaceIntegrity, ClosingInterruptsARunningCheckWhichThenReportsNoDamage)
{
    QUORUM_FILE_ONLY("the integrity check of a file (a server keeps its own data sound)");
    // A file big enough that its check (tens of milliseconds) is still running when the workspace goes.
    std::unique_ptr<TestDatabase> db = createDatabase(true);
    db->close();
    rawSql(db->path, {u"CREATE TABLE bulk (id INTEGER PRIMARY KEY, payload BLOB)"_qs,
                      u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000) "
                      "INSERT INTO bulk (payload) SELECT randomblob(200) FROM n"_qs});
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock(), nullptr,
                                     Database::IntegrityCheck::InBackground);
    const BackgroundIntegrityCheck *check = workspace->database().backgroundIntegrityCheck();
    ASSERT_NE(check, nullptr);
    // Direct: the check's thread reports while the workspace is being destroyed.
    std::atomic<bool> interrupted = false;
    std::atomic<bool> finished = false;
    QObject::connect(
        check, &BackgroundIntegrityCheck::interrupted, check, [&] { interrupted = true; }, Qt::DirectConnection);
    QObject::connect(
        check, &BackgroundIntegrityCheck::finished, check, [&] { finished = true; }, Qt::DirectConnection);
    QSignalSpy failed(workspace.get(), &Workspace::integrityFailed);
    workspace->startIntegrityCheck();
    workspace.reset(); // as when the app quits
    EXPECT_TRUE(interrupted) << "closing waited for the whole check instead of interrupting it";
    EXPECT_FALSE(finished) << "an interrupted check must not report a result (SQLite's \"interrupted\" is no damage)";
    QCoreApplication::processEvents();
    EXPECT_EQ(failed.count(), 0);

    // Interrupted on its own: it found nothing, and waiting for its result returns at once.
    BackgroundIntegrityCheck direct(db->path);
    direct.start();
    direct.interrupt();
    EXPECT_TRUE(direct.wasInterrupted());
    EXPECT_EQ(direct.failure(), QString());
    BackgroundIntegrityCheck neverStarted(db->path);
    neverStarted.interrupt();
    EXPECT_EQ(neverStarted.failure(), QString()) << "a check interrupted before it started never starts";
    EXPECT_FALSE(neverStarted.isStarted());

    // Not interrupted, the same file checks sound to the end.
    BackgroundIntegrityCheck whole(db->path);
    EXPECT_EQ(whole.failure(), QString());
    EXPECT_FALSE(whole.wasInterrupted());
}
