// Losing the server (issue 15). A dropped connection is noticed at once, every change is refused while it is
// gone (never queued for later), Quorum reconnects by itself and catches up with what others did meanwhile,
// and a change whose commit the loss cut off is reported truthfully as saved or not. Each test has a server
// of its own (TestPostgresCluster), which it stops, crashes and starts again: the shared test server must
// stay up for the tests beside it. Acknowledged commits must survive a crash: synchronous_commit is on.

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/models/actionsmodel.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/postgresdialect.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"
#include "faultprocess.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QThread>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <thread>

using namespace quorum;
using namespace quorum::test;

namespace {

/** How long a test waits for the server to be noticed gone, or to be back: generous, for a loaded machine. */
constexpr int kWaitMs = 60000;

/** Every commentary the trail records as written, oldest first. */
QStringList commentariesInTrail(Workspace &workspace)
{
    QStringList written;
    for (const AuditEntry &entry : AuditTrail::entries(workspace.database().connection())) {
        if (entry.record.entity == QLatin1String("assessment") && entry.record.field == QLatin1String("commentary"))
            written << entry.record.newValue;
    }
    return written;
}

class ServerFaults : public ::testing::Test {
protected:
    void SetUp() override
    {
        Database::openServer(ServerConnection::parse(location), Database::Mode::CreateNew, Catalogue::builtIn());
    }

    /** Another program, signed in as second.director, sets @p action's commentary to @p text. */
    void commentAsAnotherClient(const QString &action, const QString &text) const
    {
        // Signed in as themselves: the trail names the login.
        auto other =
            Database::openServer(ServerConnection::parse(locationAs(location, QStringLiteral("second.director"))),
                                 Database::Mode::OpenExisting, Catalogue::builtIn());
        Store store(*other, fixedClock());
        store.setActor(QStringLiteral("second.director"));
        store.updateAssessment(action, {{AssessmentField::Commentary, text}});
    }

    std::unique_ptr<Workspace> openWorkspace(const QString &person) const
    {
        auto workspace = Workspace::open(location, false, Catalogue::builtIn(), fixedClock());
        workspace->store().setActor(person);
        return workspace;
    }

    /** Every commentary the trail records as written, oldest first. */
    static QStringList commentariesInTrail(Workspace &workspace)
    {
        QStringList written;
        for (const AuditEntry &entry : AuditTrail::entries(workspace.database().connection())) {
            if (entry.record.entity == QLatin1String("assessment") && entry.record.field == QLatin1String("commentary"))
                written << entry.record.newValue;
        }
        return written;
    }

    /**
     * Runs @p statement on the cluster's maintenance database from a thread of its own, as soon as a server
     * session waits on @p waitEvent (pg_stat_activity), with that session's pid bound to :pid; then @p after.
     * For cutting a change off at a chosen point while the test's own thread is blocked in it.
     */
    std::jthread cutWhenWaiting(const QString &waitEvent, const QString &statement, const QString &after = {}) const
    {
        return std::jthread([this, waitEvent, statement, after] {
            const QString name = QStringLiteral("quorum-test-cutter");
            {
                QSqlDatabase db = openPostgres(cluster.server(), QStringLiteral("postgres"), name);
                QSqlQuery query(db);
                QElapsedTimer waited;
                waited.start();
                qint64 pid = 0;
                while (pid == 0 && waited.elapsed() < kWaitMs) {
                    query.prepare(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE wait_event = :event"));
                    query.bindValue(QStringLiteral(":event"), waitEvent);
                    query.exec();
                    if (query.next())
                        pid = query.value(0).toLongLong();
                    else
                        QThread::yieldCurrentThread(); // a poll for a state, not a wait for time
                }
                query.prepare(statement);
                query.bindValue(QStringLiteral(":pid"), pid);
                query.exec();
                if (!after.isEmpty())
                    for (const QString &next : after.split(QLatin1Char(';')))
                        query.exec(next);
                query.finish();
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        });
    }

    TestPostgresCluster cluster{QStringLiteral("-c synchronous_commit=on")};
    QString location = cluster.createDatabase(QStringLiteral("record"));
};

TEST_F(ServerFaults, ALostServerIsNoticedAtOnceRefusesChangesAndIsCaughtUpWithOnReconnecting)
{
    auto workspace = openWorkspace(QStringLiteral("first.director"));
    QSignalSpy lost(workspace.get(), &Workspace::connectionLost);
    QSignalSpy restored(workspace.get(), &Workspace::connectionRestored);
    QSignalSpy others(workspace.get(), &Workspace::othersChanged);
    workspace->changeAssessment(QStringLiteral("A1"),
                                {{AssessmentField::Commentary, QStringLiteral("before")},
                                 {AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    ActionsModel actions(workspace.get());
    const QModelIndex ratingOfA1 =
        actions.indexOfAction(QStringLiteral("A1")).siblingAtColumn(ActionsModel::RatingColumn);
    const QVariant ratingShown = actions.data(ratingOfA1);

    cluster.halt();
    // Noticed without a statement of this client's: the connection waiting for change notices finds it gone.
    ASSERT_TRUE(lost.wait(kWaitMs));
    EXPECT_TRUE(workspace->isOffline());
    EXPECT_TRUE(lost.first().first().toString().contains(QStringLiteral("nothing can be changed")));
    // What was read stays on show; every change is refused at once, and nothing is kept to be sent later.
    EXPECT_EQ(actions.data(ratingOfA1), ratingShown);
    try {
        workspace->changeAssessment(QStringLiteral("A1"),
                                    {{AssessmentField::Commentary, QStringLiteral("while it was gone")}});
        FAIL() << "a change was accepted while the server was gone";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Disconnected);
        EXPECT_TRUE(error.message().contains(QStringLiteral("nothing was changed"))) << error.message().toStdString();
    }
    EXPECT_EQ(workspace->undoStack()->count(), 1);

    cluster.resume();
    // Someone else gets there first, before this window has reconnected.
    commentAsAnotherClient(QStringLiteral("B2"), QStringLiteral("made while you were away"));
    ASSERT_TRUE(restored.wait(kWaitMs));
    EXPECT_FALSE(workspace->isOffline());
    EXPECT_EQ(workspace->lastInterruptedChange(), Database::InterruptedChange::None);
    ASSERT_FALSE(others.isEmpty());
    EXPECT_EQ(others.last().first().value<QList<AuditEntry>>().last().record.actor, QStringLiteral("second.director"));
    EXPECT_EQ(workspace->store().assessment(QStringLiteral("B2")).commentary,
              QStringLiteral("made while you were away"));

    workspace->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Commentary, QStringLiteral("after")}});
    EXPECT_EQ(
        commentariesInTrail(*workspace),
        QStringList({QStringLiteral("before"), QStringLiteral("made while you were away"), QStringLiteral("after")}));
    EXPECT_TRUE(AuditTrail::verify(workspace->database().connection()).ok);
}

TEST_F(ServerFaults, ACommitCutOffAfterTheServerMadeItIsReportedSaved)
{
    auto workspace = openWorkspace(QStringLiteral("first.director"));
    QSignalSpy restored(workspace.get(), &Workspace::connectionRestored);
    // Every commit now waits for a standby that does not exist: the change is made on the server and then
    // waits, and the session is ended there, as a server going away right after the commit would.
    cluster.administer(QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = 'nobody'"));
    cluster.administer(QStringLiteral("SELECT pg_reload_conf()"));
    std::jthread cutter = cutWhenWaiting(QStringLiteral("SyncRep"), QStringLiteral("SELECT pg_terminate_backend(:pid)"),
                                         QStringLiteral("ALTER SYSTEM RESET synchronous_standby_names;"
                                                        "SELECT pg_reload_conf()"));
    try {
        workspace->changeAssessment(QStringLiteral("C1"),
                                    {{AssessmentField::Commentary, QStringLiteral("cut off at its commit")}});
        cutter.join();
        FAIL() << "the change reported success though its connection was cut";
    } catch (const CommitInterrupted &interrupted) {
        cutter.join();
        EXPECT_FALSE(interrupted.transactionId().isEmpty());
        EXPECT_TRUE(interrupted.message().contains(QStringLiteral("is not known yet")))
            << interrupted.message().toStdString();
    }
    ASSERT_TRUE(restored.count() > 0 || restored.wait(kWaitMs));
    EXPECT_EQ(workspace->lastInterruptedChange(), Database::InterruptedChange::Saved);
    EXPECT_TRUE(restored.first().first().toString().contains(QStringLiteral("was saved")))
        << restored.first().first().toString().toStdString();
    EXPECT_EQ(workspace->store().assessment(QStringLiteral("C1")).commentary, QStringLiteral("cut off at its commit"));
    EXPECT_TRUE(AuditTrail::verify(workspace->database().connection()).ok);
}

TEST_F(ServerFaults, AChangeCutOffBeforeItsCommitIsNotSavedAndSaysSo)
{
    auto workspace = openWorkspace(QStringLiteral("first.director"));
    QSignalSpy restored(workspace.get(), &Workspace::connectionRestored);
    // Another session holds the writers' lock, so this change waits for it inside its transaction; the server
    // ends the waiting session there.
    const QString lockHolder = QStringLiteral("quorum-test-lock-holder");
    {
        QSqlDatabase holder = openPostgres(cluster.server(), QStringLiteral("record"), lockHolder);
        QSqlQuery(holder).exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(PostgresDialect::kWriterLock));
        std::jthread cutter =
            cutWhenWaiting(QStringLiteral("advisory"), QStringLiteral("SELECT pg_terminate_backend(:pid)"));
        try {
            workspace->changeAssessment(QStringLiteral("C1"),
                                        {{AssessmentField::Commentary, QStringLiteral("never committed")}});
            cutter.join();
            FAIL() << "the change reported success though its connection was cut";
        } catch (const CommitInterrupted &) {
            cutter.join();
            FAIL() << "a change cut off before its commit was reported as perhaps saved";
        } catch (const Error &error) {
            cutter.join();
            EXPECT_EQ(error.kind(), Error::Kind::Disconnected);
            EXPECT_TRUE(error.message().contains(QStringLiteral("nothing was changed")))
                << error.message().toStdString();
        }
        holder.close();
    }
    QSqlDatabase::removeDatabase(lockHolder);
    ASSERT_TRUE(restored.count() > 0 || restored.wait(kWaitMs));
    EXPECT_EQ(workspace->lastInterruptedChange(), Database::InterruptedChange::None);
    EXPECT_FALSE(commentariesInTrail(*workspace).contains(QStringLiteral("never committed")));
    EXPECT_TRUE(AuditTrail::verify(workspace->database().connection()).ok);
}

TEST_F(ServerFaults, TheCliFindsOutWhetherACommitCutOffWasSavedAndSaysSo)
{
    cluster.administer(QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = 'nobody'"));
    cluster.administer(QStringLiteral("SELECT pg_reload_conf()"));
    std::jthread cutter = cutWhenWaiting(QStringLiteral("SyncRep"), QStringLiteral("SELECT pg_terminate_backend(:pid)"),
                                         QStringLiteral("ALTER SYSTEM RESET synchronous_standby_names;"
                                                        "SELECT pg_reload_conf()"));
    QProcess cli;
    cli.start(QStringLiteral(QUORUM_CLI_PATH),
              {QStringLiteral("--db"), location, QStringLiteral("set"), QStringLiteral("C1"),
               QStringLiteral("--comment"), QStringLiteral("cut off at its commit")});
    ASSERT_TRUE(cli.waitForFinished(kWaitMs));
    cutter.join();
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    EXPECT_EQ(cli.exitCode(), 0) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("was lost while the change was being saved; the server says it was saved")))
        << err.toStdString();
    auto workspace = openWorkspace(QStringLiteral("reader"));
    EXPECT_EQ(workspace->store().assessment(QStringLiteral("C1")).commentary, QStringLiteral("cut off at its commit"));
}

TEST_F(ServerFaults, WatchSaysTheServerWentReconnectsAndPrintsWhatWasChangedMeanwhile)
{
    QProcess watch;
    watch.start(QStringLiteral(QUORUM_CLI_PATH), {QStringLiteral("--db"), location, QStringLiteral("watch")});
    ASSERT_TRUE(watch.waitForStarted());
    QByteArray said;
    const auto waitToSay = [&watch, &said](const QByteArray &words) {
        watch.setReadChannel(QProcess::StandardError);
        said += watch.readAllStandardError();
        while (!said.contains(words) && watch.waitForReadyRead(kWaitMs))
            said += watch.readAllStandardError();
        return said.contains(words);
    };
    ASSERT_TRUE(waitToSay("Watching")) << said.toStdString();

    cluster.halt();
    ASSERT_TRUE(waitToSay("Reconnecting")) << said.toStdString();
    cluster.resume();
    // Made before the watcher is back: it must still be printed.
    commentAsAnotherClient(QStringLiteral("B2"), QStringLiteral("made while the watcher was away"));
    ASSERT_TRUE(waitToSay("again")) << said.toStdString();
    watch.setReadChannel(QProcess::StandardOutput);
    QByteArray printed = watch.readAllStandardOutput(); // what came while waiting on standard error
    while (!printed.contains("made while the watcher was away") && watch.waitForReadyRead(kWaitMs))
        printed += watch.readAllStandardOutput();
    EXPECT_TRUE(printed.contains("second.director")) << printed.toStdString() << said.toStdString();
    EXPECT_TRUE(printed.contains("made while the watcher was away")) << printed.toStdString();

    watch.terminate();
    ASSERT_TRUE(watch.waitForFinished(kWaitMs));
    EXPECT_EQ(watch.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(watch.exitCode(), 0);
}

TEST_F(ServerFaults, TwentyCrashesDuringAStreamOfEditsLoseNoAcknowledgedEditAndTheClientReconnectsEachTime)
{
    auto workspace = openWorkspace(QStringLiteral("editor"));
    QSignalSpy restored(workspace.get(), &Workspace::connectionRestored);
    const QStringList actions = Catalogue::builtIn().actionIds();
    QStringList acknowledged;
    QStringList refused;
    QStringList interruptedSaved;
    QStringList interruptedNotSaved;
    int edit = 0;
    for (int crash = 0; crash < 20; ++crash) {
        // A few edits, then the crash is set going, and edits go on until one fails: the server goes away at
        // a moment of its own, before, inside or after any statement or commit.
        const int editsBeforeCrash = QRandomGenerator::global()->bounded(1, 20);
        QProcess halt;
        QString interrupted;
        for (int n = 0; interrupted.isEmpty() && n < 1000000; ++n) {
            if (n == editsBeforeCrash)
                halt.start(QStringLiteral("bash"), cluster.scriptArguments(QStringLiteral("halt")));
            const QString text = QStringLiteral("edit %1").arg(edit++);
            try {
                workspace->changeAssessment(actions.at(edit % actions.size()), {{AssessmentField::Commentary, text}});
                acknowledged << text;
            } catch (const CommitInterrupted &) {
                interrupted = text;
            } catch (const Error &error) {
                ASSERT_EQ(error.kind(), Error::Kind::Disconnected) << error.message().toStdString();
                refused << text;
                break;
            }
        }
        ASSERT_TRUE(halt.waitForFinished(kWaitMs));
        ASSERT_EQ(halt.exitCode(), 0) << halt.readAllStandardError().toStdString();
        const qsizetype reconnections = restored.count();
        cluster.resume();
        ASSERT_TRUE(restored.count() > reconnections || restored.wait(kWaitMs))
            << "no reconnection after crash " << crash;
        if (!interrupted.isEmpty())
            (workspace->lastInterruptedChange() == Database::InterruptedChange::Saved ? interruptedSaved
                                                                                      : interruptedNotSaved)
                << interrupted;
    }
    // Every acknowledged edit, and every cut-off one reported saved, is there in the order made; nothing
    // refused or reported unsaved is; the chain is whole.
    QStringList expected;
    for (int n = 0; n < edit; ++n) {
        const QString text = QStringLiteral("edit %1").arg(n);
        if (acknowledged.contains(text) || interruptedSaved.contains(text))
            expected << text;
    }
    EXPECT_EQ(commentariesInTrail(*workspace), expected);
    EXPECT_TRUE(AuditTrail::verify(workspace->database().connection()).ok);
    RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
    RecordProperty("refused", static_cast<int>(refused.size()));
    RecordProperty("cut_off_saved", static_cast<int>(interruptedSaved.size()));
    RecordProperty("cut_off_not_saved", static_cast<int>(interruptedNotSaved.size()));
}

TEST(ServerFailover, AWindowFollowsAPromotedStandbyAndEveryAcknowledgedEditIsOnIt)
{
    // remote_apply: an acknowledged commit is on the standby and can be read there at once.
    TestPostgresCluster primary{QStringLiteral("-c synchronous_commit=remote_apply")};
    const QString onPrimary = primary.createDatabase(QStringLiteral("record"));
    Database::openServer(ServerConnection::parse(onPrimary), Database::Mode::CreateNew, Catalogue::builtIn());
    auto standby = TestPostgresCluster::standbyOf(primary);
    // Synchronous replication from here on: a commit is acknowledged once the standby has it too.
    primary.administer(QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = '*'"));
    primary.administer(QStringLiteral("SELECT pg_reload_conf()"));

    // One connection for both hosts, as docs/server.md says: libpq picks the one that accepts writes.
    const QString bothHosts = QStringLiteral("host=%1,%2 user=quorum dbname=record target_session_attrs=read-write")
                                  .arg(primary.server().socketDir, standby->server().socketDir);
    auto workspace = Workspace::open(bothHosts, false, Catalogue::builtIn(), fixedClock());
    workspace->store().setActor(QStringLiteral("editor"));
    QSignalSpy lost(workspace.get(), &Workspace::connectionLost);
    QSignalSpy restored(workspace.get(), &Workspace::connectionRestored);
    const QStringList actions = Catalogue::builtIn().actionIds();
    QStringList acknowledged;
    for (int n = 0; n < 40; ++n) {
        const QString text = QStringLiteral("before the failover %1").arg(n);
        workspace->changeAssessment(actions.at(n % actions.size()), {{AssessmentField::Commentary, text}});
        acknowledged << text;
    }

    {
        // The standby serves reading (a read-only window, status, log, an offline copy) and refuses changes.
        auto onStandby = Database::openServer(
            ServerConnection::parse(
                QStringLiteral("host=%1 user=quorum dbname=record").arg(standby->server().socketDir)),
            Database::Mode::OpenExisting, Catalogue::builtIn());
        Store reader(*onStandby, fixedClock());
        EXPECT_EQ(reader.assessment(actions.at(39 % actions.size())).commentary, acknowledged.last());
        try {
            reader.updateAssessment(QStringLiteral("A1"), {{AssessmentField::Commentary, QStringLiteral("no")}});
            ADD_FAILURE() << "a standby took a change";
        } catch (const Error &error) {
            EXPECT_EQ(error.kind(), Error::Kind::ReadOnly) << error.message().toStdString();
        }
    }

    primary.halt();
    ASSERT_TRUE(lost.wait(kWaitMs));
    standby->promote();
    ASSERT_TRUE(restored.count() > 0 || restored.wait(kWaitMs));
    const QSqlDatabase db = workspace->database().connection();
    {
        QSqlQuery where(db);
        ASSERT_TRUE(
            where.exec(QStringLiteral("SELECT current_setting('unix_socket_directories'), pg_is_in_recovery()")));
        ASSERT_TRUE(where.next());
        EXPECT_EQ(where.value(0).toString(), standby->server().socketDir);
        EXPECT_FALSE(where.value(1).toBool());
    }
    const QString after = QStringLiteral("after the failover");
    workspace->changeAssessment(QStringLiteral("A1"), {{AssessmentField::Commentary, after}});
    acknowledged << after;
    EXPECT_EQ(commentariesInTrail(*workspace), acknowledged);
    EXPECT_TRUE(AuditTrail::verify(db).ok);
}

TEST(ServerLoad, TenWritersMakingFiveHundredEditsEachLoseNothingAndNeverOverwriteUnawares)
{
    TestPostgresDatabase server;
    Database::openServer(ServerConnection::parse(server.connectionString()), Database::Mode::CreateNew,
                         Catalogue::builtIn());
    constexpr int kWriters = 10;
    constexpr int kEdits = 500;
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<std::unique_ptr<FaultHelper>> writers;
    for (int writer = 0; writer < kWriters; ++writer)
        writers.push_back(std::make_unique<FaultHelper>(QStringList{
            QStringLiteral("contend"), server.connectionString(), QString::number(writer), QString::number(kEdits)}));
    // Each acknowledged edit: the action, the version it left, its text.
    std::map<QString, std::set<int>> versionsOfAction;
    QStringList acknowledged;
    int conflicts = 0;
    for (auto &writer : writers) {
        ASSERT_EQ(writer->finish(), 0) << "a writer failed or hung: " << writer->errorOutput().toStdString();
        const QStringList lines = writer->remainingLines();
        ASSERT_EQ(lines.size(), kEdits);
        for (const QString &line : lines) {
            const QStringList words = line.split(QLatin1Char(' '));
            if (words.first() == QLatin1String("conflict")) {
                ++conflicts;
                continue;
            }
            ASSERT_EQ(words.size(), 4) << line.toStdString();
            // Two edits both acknowledged as leaving the same version: one was applied over the other unawares.
            EXPECT_TRUE(versionsOfAction[words[1]].insert(words[2].toInt()).second) << line.toStdString();
            acknowledged << words[3];
        }
    }
    const double seconds = elapsed.elapsed() / 1000.0;

    auto database = Database::openServer(ServerConnection::parse(server.connectionString()),
                                         Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fixedClock());
    // Each action's versions run 2, 3, ... up to the one recorded now, one acknowledged edit each: no
    // acknowledged edit was lost, and none was made from a version another had already replaced.
    for (const auto &[action, versions] : versionsOfAction) {
        EXPECT_EQ(*versions.begin(), 2) << action.toStdString();
        EXPECT_EQ(*versions.rbegin(), static_cast<int>(versions.size()) + 1) << action.toStdString();
        EXPECT_EQ(store.assessment(action).version, *versions.rbegin()) << action.toStdString();
    }
    QStringList inTrail;
    for (const AuditEntry &entry : AuditTrail::entries(database->connection())) {
        if (entry.record.field == QLatin1String("commentary"))
            inTrail << entry.record.newValue;
    }
    std::sort(inTrail.begin(), inTrail.end());
    std::sort(acknowledged.begin(), acknowledged.end());
    EXPECT_EQ(inTrail, acknowledged);
    EXPECT_TRUE(AuditTrail::verify(database->connection()).ok);
    EXPECT_EQ(acknowledged.size() + conflicts, kWriters * kEdits);
    RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
    RecordProperty("conflicts", conflicts);
    RecordProperty("edits_per_second", static_cast<int>((acknowledged.size() + conflicts) / seconds));
    std::printf("[ load ] %d writers x %d edits: %lld acknowledged, %d conflicts, %.1f s, %.0f edits/s\n", kWriters,
                kEdits, static_cast<long long>(acknowledged.size()), conflicts, seconds,
                (acknowledged.size() + conflicts) / seconds);
}

} // namespace
