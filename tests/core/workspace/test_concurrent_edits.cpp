// Two people editing one record at once (issue 15): a change made from what someone saw is refused when
// another person changed the assessment since, with a message naming who and what is recorded now; undo
// never goes back over someone else's later change. On a file (two connections) and on the server.

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/models/actionsmodel.h"
#include "core/models/roles.h"
#include "core/rules/attention.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

using namespace quorum;
using namespace quorum::test;

namespace {

enum class Engine { File, Server };

/** One record, and a way to open another connection to it, as a second person's program would. */
class ConcurrentEdits : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override
    {
        if (GetParam() == Engine::File) {
            m_file = createDatabase();
            m_file->close();
            m_location = m_file->path;
        } else {
            m_server.emplace();
            m_location = m_server->connectionString();
            Database::openServer(ServerConnection::parse(m_location), Database::Mode::CreateNew, Catalogue::builtIn());
        }
    }

    std::unique_ptr<Workspace> openWorkspace(const QString &person) const
    {
        // On a server each person signs in as themselves: the trail names the login, not a claim.
        auto workspace = Workspace::open(locationAs(m_location, person), false, Catalogue::builtIn(), fixedClock());
        workspace->store().setActor(person);
        return workspace;
    }

    qint64 auditRows(Workspace &workspace) const { return workspace.store().auditRowCount(); }

    /** The ids of one record of each kind edited in place, as addOneOfEach made them. */
    struct OneOfEach {
        qint64 person, metric, event, evidence, training;
    };
    /** Adds a person, a metric, an exercise, evidence and a training record through @p workspace. */
    static OneOfEach addOneOfEach(Workspace &workspace)
    {
        const qint64 person =
            workspace.addPerson({0, QStringLiteral("Lucy Tran"), QStringLiteral("CISO"), false, true});
        Metric patching;
        patching.name = QStringLiteral("Patching");
        patching.unit = QStringLiteral("%");
        patching.greenThreshold = 95;
        patching.amberThreshold = 85;
        patching.actionIds = {QStringLiteral("E2")};
        const qint64 metric = workspace.addMetric(patching);
        BoardEvent exercise;
        exercise.occurredOn = QDate(2026, 3, 1);
        exercise.title = QStringLiteral("Ransomware tabletop");
        exercise.actionIds = {QStringLiteral("D2")};
        const qint64 event = workspace.addEvent(exercise);
        EvidenceInput policy;
        policy.title = QStringLiteral("Risk appetite statement");
        policy.url = QStringLiteral("https://intranet.example/risk-appetite");
        policy.actionIds = {QStringLiteral("A3")};
        const qint64 evidence = workspace.addEvidence(policy);
        const qint64 training = workspace.addTraining(
            {0, person, QStringLiteral("Board cyber briefing"), QDate(2026, 1, 10), QDate(2027, 1, 10)});
        return {person, metric, event, evidence, training};
    }

    std::unique_ptr<TestDatabase> m_file;
    std::optional<TestPostgresDatabase> m_server;
    QString m_location;
};

} // namespace

TEST_P(ConcurrentEdits, EveryChangeCountsTheVersionUp)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    const int first = alice->store().assessment(QStringLiteral("A1")).version;
    alice->setRating(QStringLiteral("A1"), Rating::Limited);
    EXPECT_EQ(alice->store().assessment(QStringLiteral("A1")).version, first + 1);
    EXPECT_EQ(alice->actionState(QStringLiteral("A1")).assessment.version, first + 1);
    // A change that changes nothing leaves it.
    alice->setRating(QStringLiteral("A1"), Rating::Limited);
    EXPECT_EQ(alice->store().assessment(QStringLiteral("A1")).version, first + 1);
}

TEST_P(ConcurrentEdits, TheSecondChangeFromTheSameViewIsRefusedNamingWhoChangedItAndWhatIsRecorded)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    auto bob = openWorkspace(QStringLiteral("bob"));
    // Both read A1 as it is.
    const int seen = alice->actionState(QStringLiteral("A1")).assessment.version;
    ASSERT_EQ(bob->actionState(QStringLiteral("A1")).assessment.version, seen);

    alice->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}},
                            seen);
    const qint64 rowsBefore = auditRows(*bob);
    QSignalSpy refreshed(bob.get(), &Workspace::assessmentChanged);
    try {
        bob->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}},
                              seen);
        FAIL() << "bob's change from an older view replaced alice's";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Conflict);
        EXPECT_TRUE(error.message().contains(QStringLiteral("alice"))) << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(QStringLiteral("substantial"))) << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(QStringLiteral("not made"))) << error.message().toStdString();
    }
    // Nothing of bob's was written, and his views were told to read what is recorded now.
    EXPECT_EQ(bob->store().assessment(QStringLiteral("A1")).rating, Rating::Substantial);
    EXPECT_EQ(auditRows(*bob), rowsBefore);
    EXPECT_EQ(refreshed.count(), 1);
    EXPECT_EQ(bob->undoStack()->count(), 0);

    // From the view as it is now, his change goes through.
    const int now = bob->actionState(QStringLiteral("A1")).assessment.version;
    bob->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}}, now);
    EXPECT_EQ(alice->store().assessment(QStringLiteral("A1")).rating, Rating::Limited);
    EXPECT_TRUE(alice->store().verifyAuditChain().ok);
}

TEST_P(ConcurrentEdits, TheRefusalNamesThePersonActedAsAndAChangeToAnotherActionIsNoConflict)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    const qint64 chair = alice->addPerson({0, QStringLiteral("Dame Helen Ward"), QStringLiteral("Chair"), true, true});
    Q_UNUSED(chair);
    alice->setActingAs(QStringLiteral("Dame Helen Ward"));
    auto bob = openWorkspace(QStringLiteral("bob"));
    const int a1 = bob->actionState(QStringLiteral("A1")).assessment.version;
    const int a2 = bob->actionState(QStringLiteral("A2")).assessment.version;

    alice->changeAssessment(QStringLiteral("A1"),
                            {{AssessmentField::Commentary, QStringLiteral("Reviewed by the board")}});
    // Another action is untouched by alice: bob's change there goes through.
    bob->changeAssessment(QStringLiteral("A2"), {{AssessmentField::Commentary, QStringLiteral("bob's note")}}, a2);
    try {
        bob->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Commentary, QStringLiteral("bob's note")}}, a1);
        FAIL() << "bob's commentary replaced the chair's";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Conflict);
        EXPECT_TRUE(error.message().contains(QStringLiteral("Dame Helen Ward (alice)")))
            << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(QStringLiteral("Reviewed by the board"))) << error.message().toStdString();
    }
    EXPECT_EQ(alice->store().assessment(QStringLiteral("A1")).commentary, QStringLiteral("Reviewed by the board"));
}

TEST_P(ConcurrentEdits, UndoOverSomeoneElsesLaterChangeIsRefusedAndTheirChangeStays)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    auto bob = openWorkspace(QStringLiteral("bob"));
    alice->setRating(QStringLiteral("B1"), Rating::Reasonable);
    bob->changeAssessment(QStringLiteral("B1"), {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});

    QSignalSpy errors(alice.get(), &Workspace::errorOccurred);
    alice->undoStack()->undo();
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.first().first().toString().contains(QStringLiteral("bob")))
        << errors.first().first().toString().toStdString();
    EXPECT_EQ(bob->store().assessment(QStringLiteral("B1")).rating, Rating::Limited);
    EXPECT_TRUE(alice->store().verifyAuditChain().ok);
}

TEST_P(ConcurrentEdits, UndoOfAnyRecordOverSomeoneElsesLaterChangeIsRefusedAndTheirChangeStays)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    const auto [personId, metricId, eventId, evidenceId, trainingId] = addOneOfEach(*alice);
    auto bob = openWorkspace(QStringLiteral("bob"));

    // Alice changes each record, bob changes it after her, and alice's undo must not put hers back over his.
    const auto check = [&](const char *what, const std::function<void(Workspace &, const QString &)> &change,
                           const std::function<QString(Workspace &)> &recorded) {
        SCOPED_TRACE(what);
        change(*alice, QStringLiteral("alice's"));
        change(*bob, QStringLiteral("bob's"));
        const qint64 rows = auditRows(*alice);
        QSignalSpy errors(alice.get(), &Workspace::errorOccurred);
        alice->undoStack()->undo();
        ASSERT_EQ(errors.count(), 1);
        EXPECT_TRUE(errors.first().first().toString().contains(QStringLiteral("bob")))
            << errors.first().first().toString().toStdString();
        EXPECT_EQ(recorded(*alice), QStringLiteral("bob's"));
        EXPECT_EQ(auditRows(*alice), rows);
    };
    check(
        "a person",
        [&](Workspace &w, const QString &text) {
            Person p = *w.store().person(personId);
            p.role = text;
            w.updatePerson(p);
        },
        [&](Workspace &w) { return w.store().person(personId)->role; });
    check(
        "the organisation",
        [&](Workspace &w, const QString &text) {
            Organisation o = w.store().organisation();
            o.name = text;
            w.setOrganisation(o);
        },
        [&](Workspace &w) { return w.store().organisation().name; });
    check(
        "evidence",
        [&](Workspace &w, const QString &text) {
            Evidence e = *w.store().evidenceItem(evidenceId);
            e.title = text;
            w.updateEvidence(e);
        },
        [&](Workspace &w) { return w.store().evidenceItem(evidenceId)->title; });
    check(
        "training",
        [&](Workspace &w, const QString &text) {
            TrainingRecord t = *w.store().trainingRecord(trainingId);
            t.course = text;
            w.updateTraining(t);
        },
        [&](Workspace &w) { return w.store().trainingRecord(trainingId)->course; });
    EXPECT_TRUE(alice->store().verifyAuditChain().ok);
}

TEST_P(ConcurrentEdits, UndoAndRedoOfOnesOwnChangesInOrderStillWork)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    const Rating original = alice->store().assessment(QStringLiteral("C1")).rating;
    alice->setRating(QStringLiteral("C1"), Rating::Limited);
    alice->changeAssessment(QStringLiteral("C1"), {{AssessmentField::Commentary, QStringLiteral("first")}});
    alice->changeAssessment(QStringLiteral("C1"), {{AssessmentField::Commentary, QStringLiteral("second")}});
    // Someone else's change elsewhere does not stand in the way.
    auto bob = openWorkspace(QStringLiteral("bob"));
    bob->setRating(QStringLiteral("C2"), Rating::Limited);

    QSignalSpy errors(alice.get(), &Workspace::errorOccurred);
    alice->undoStack()->undo();
    alice->undoStack()->undo();
    alice->undoStack()->undo();
    EXPECT_EQ(errors.count(), 0);
    EXPECT_EQ(alice->store().assessment(QStringLiteral("C1")).rating, original);
    EXPECT_TRUE(alice->store().assessment(QStringLiteral("C1")).commentary.isEmpty());
    alice->undoStack()->redo();
    alice->undoStack()->redo();
    EXPECT_EQ(errors.count(), 0);
    EXPECT_EQ(alice->store().assessment(QStringLiteral("C1")).commentary, QStringLiteral("first"));
}

TEST_P(ConcurrentEdits, EveryOtherRecordEditedFromAnOlderViewIsRefusedAndTheNextTryFromTheNewOneGoesThrough)
{
    auto alice = openWorkspace(QStringLiteral("alice"));
    const auto [personId, metricId, eventId, evidenceId, trainingId] = addOneOfEach(*alice);
    auto bob = openWorkspace(QStringLiteral("bob"));

    // One check per kind of record: bob reads it, alice changes it, bob's change from what he read is refused
    // naming alice and writing nothing; read again, his change goes through.
    const auto check = [&](const char *what, const std::function<void(Workspace &)> &aliceChanges,
                           const std::function<void(Workspace &, bool fresh)> &bobChanges) {
        SCOPED_TRACE(what);
        aliceChanges(*alice);
        const qint64 rows = auditRows(*bob);
        try {
            bobChanges(*bob, false);
            ADD_FAILURE() << "bob's change from an older view replaced alice's";
        } catch (const Error &error) {
            EXPECT_EQ(error.kind(), Error::Kind::Conflict) << error.message().toStdString();
            EXPECT_TRUE(error.message().contains(QStringLiteral("alice"))) << error.message().toStdString();
            EXPECT_TRUE(error.message().contains(QStringLiteral("not made"))) << error.message().toStdString();
        }
        EXPECT_EQ(auditRows(*bob), rows);
        bobChanges(*bob, true);
        EXPECT_GT(auditRows(*bob), rows);
    };

    const Person lucy = *bob->store().person(personId);
    check(
        "a person",
        [&](Workspace &w) {
            Person p = *w.store().person(personId);
            p.role = QStringLiteral("Chief Information Security Officer");
            w.updatePerson(p);
        },
        [&](Workspace &w, bool fresh) {
            Person p = fresh ? *w.store().person(personId) : lucy;
            p.active = false;
            w.updatePerson(p);
        });
    const Organisation organisation = bob->store().organisation();
    check(
        "the organisation",
        [&](Workspace &w) {
            w.setOrganisation({QStringLiteral("Northgate"), QStringLiteral("OFFICIAL"), 0});
        },
        [&](Workspace &w, bool fresh) {
            Organisation o = fresh ? w.store().organisation() : organisation;
            o.marking = QStringLiteral("OFFICIAL-SENSITIVE");
            w.setOrganisation(o);
        });
    const Metric metric = *bob->store().metric(metricId);
    check(
        "a metric",
        [&](Workspace &w) {
            Metric m = *w.store().metric(metricId);
            m.greenThreshold = 97;
            w.updateMetric(m);
        },
        [&](Workspace &w, bool fresh) {
            Metric m = fresh ? *w.store().metric(metricId) : metric;
            m.unit = QStringLiteral("percent");
            w.updateMetric(m);
        });
    const BoardEvent event = *bob->store().event(eventId);
    check(
        "an exercise",
        [&](Workspace &w) {
            BoardEvent e = *w.store().event(eventId);
            e.lessons = QStringLiteral("Call the insurer first");
            w.updateEvent(e);
        },
        [&](Workspace &w, bool fresh) {
            BoardEvent e = fresh ? *w.store().event(eventId) : event;
            e.summary = QStringLiteral("Four hours to contain");
            w.updateEvent(e);
        });
    const Evidence evidence = *bob->store().evidenceItem(evidenceId);
    check(
        "evidence",
        [&](Workspace &w) {
            Evidence e = *w.store().evidenceItem(evidenceId);
            e.reviewBy = QDate(2027, 6, 30);
            w.updateEvidence(e);
        },
        [&](Workspace &w, bool fresh) {
            Evidence e = fresh ? *w.store().evidenceItem(evidenceId) : evidence;
            e.title = QStringLiteral("Risk appetite statement 2026");
            w.updateEvidence(e);
        });
    const TrainingRecord training = *bob->store().trainingRecord(trainingId);
    check(
        "a training record",
        [&](Workspace &w) {
            TrainingRecord t = *w.store().trainingRecord(trainingId);
            t.validUntil = QDate(2027, 3, 1);
            w.updateTraining(t);
        },
        [&](Workspace &w, bool fresh) {
            TrainingRecord t = fresh ? *w.store().trainingRecord(trainingId) : training;
            t.course = QStringLiteral("NCSC board toolkit");
            w.updateTraining(t);
        });
    EXPECT_TRUE(alice->store().verifyAuditChain().ok);
}

INSTANTIATE_TEST_SUITE_P(BothEngines, ConcurrentEdits, ::testing::Values(Engine::File, Engine::Server),
                         [](const ::testing::TestParamInfo<Engine> &param) {
                             return param.param == Engine::File ? std::string("File") : std::string("Server");
                         });

// Live updates (server only): what another client commits reaches this workspace's models by itself.
TEST(LiveUpdates, AChangeCommittedByAnotherClientReachesTheModelsAndTheDashboardData)
{
    TestPostgresDatabase database;
    const ServerConnection server = ServerConnection::parse(database.connectionString());
    Database::openServer(server, Database::Mode::CreateNew, Catalogue::builtIn());
    auto watching = Workspace::open(server, false, Catalogue::builtIn(), fixedClock());
    ActionsModel actions(watching.get());
    const QModelIndex a1 = actions.indexOfAction(u"A1"_qs);
    ASSERT_TRUE(a1.isValid());
    const int before = watching->actionState(u"A1"_qs).assessment.version;
    // The dashboard's attention items are read and kept: A1 is unowned, so it is among them.
    const auto mentionsA1 = [&watching] {
        for (const AttentionItem &item : watching->attention()) {
            if (item.subject == u"A1"_qs && item.rule == AttentionRule::UnownedAction)
                return true;
        }
        return false;
    };
    ASSERT_TRUE(mentionsA1());

    // Carol signs in as herself: the trail names the login.
    auto editing = Workspace::open(ServerConnection::parse(locationAs(database.connectionString(), u"carol"_qs)), false,
                                   Catalogue::builtIn(), fixedClock());
    editing->store().setActor(u"carol"_qs);
    QSignalSpy heard(watching.get(), &Workspace::othersChanged);
    QSignalSpy rowChanged(&actions, &QAbstractItemModel::dataChanged);
    editing->setRating(u"A1"_qs, Rating::Substantial);
    const qint64 owner = editing->addPerson({0, u"Dan Okoro"_qs, u"CISO"_qs, false, true});
    editing->changeAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue(owner)}});
    ASSERT_TRUE(heard.wait(5000)) << "no notice of carol's change arrived";
    // Three commits, heard as they come (one notice may carry several).
    QList<AuditEntry> entries;
    for (const QList<QVariant> &signal : std::as_const(heard))
        entries += signal.first().value<QList<AuditEntry>>();
    while (entries.size() < 3 && heard.wait(5000)) {
        entries.clear();
        for (const QList<QVariant> &signal : std::as_const(heard))
            entries += signal.first().value<QList<AuditEntry>>();
    }
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries.first().record.actor, u"carol"_qs);
    EXPECT_EQ(entries.first().record.entityId, u"A1"_qs);
    EXPECT_GE(rowChanged.count(), 1);
    const QModelIndex rating = actions.index(a1.row(), ActionsModel::RatingColumn, a1.parent());
    EXPECT_EQ(rating.data(RatingRole).value<Rating>(), Rating::Substantial);
    EXPECT_EQ(actions.index(a1.row(), ActionsModel::OwnerColumn, a1.parent()).data().toString(), u"Dan Okoro"_qs);
    EXPECT_EQ(watching->actionState(u"A1"_qs).assessment.version, before + 2);
    // The dashboard's data is read again: A1 has an owner now.
    EXPECT_FALSE(mentionsA1());

    // A refused change (rolled back) is never announced.
    heard.clear();
    EXPECT_THROW(
        editing->changeAssessment(u"A2"_qs, {{AssessmentField::Target, QVariant::fromValue(Rating::NotAssessed)}}),
        Error);
    editing->setRating(u"A3"_qs, Rating::Limited);
    ASSERT_TRUE(heard.wait(5000));
    const auto next = heard.first().first().value<QList<AuditEntry>>();
    ASSERT_EQ(next.size(), 1);
    EXPECT_EQ(next.first().record.entityId, u"A3"_qs);
}

TEST(LiveUpdates, AClientsOwnChangesNeverComeBackToItAsSomeoneElses)
{
    TestPostgresDatabase database;
    const ServerConnection server = ServerConnection::parse(database.connectionString());
    Database::openServer(server, Database::Mode::CreateNew, Catalogue::builtIn());
    auto watching = Workspace::open(ServerConnection::parse(locationAs(database.connectionString(), u"alice"_qs)),
                                    false, Catalogue::builtIn(), fixedClock());
    watching->store().setActor(u"alice"_qs);
    auto editing = Workspace::open(ServerConnection::parse(locationAs(database.connectionString(), u"carol"_qs)), false,
                                   Catalogue::builtIn(), fixedClock());
    editing->store().setActor(u"carol"_qs);
    QSignalSpy heard(watching.get(), &Workspace::othersChanged);

    // Alice's own changes, one of them refused and rolled back (its row id then goes to the next writer).
    watching->setRating(u"A4"_qs, Rating::Limited);
    EXPECT_THROW(
        watching->changeAssessment(u"A2"_qs, {{AssessmentField::Target, QVariant::fromValue(Rating::NotAssessed)}}),
        Error);
    // Then carol's, which reach alice's window by their notice: only carol's rows, none of alice's.
    editing->setRating(u"A5"_qs, Rating::Substantial);
    ASSERT_TRUE(heard.wait(5000));
    QList<AuditEntry> entries;
    for (const QList<QVariant> &signal : std::as_const(heard))
        entries += signal.first().value<QList<AuditEntry>>();
    ASSERT_FALSE(entries.isEmpty());
    for (const AuditEntry &entry : entries) {
        EXPECT_EQ(entry.record.actor, u"carol"_qs) << entry.record.entityId.toStdString();
        EXPECT_EQ(entry.record.entityId, u"A5"_qs);
    }
}
