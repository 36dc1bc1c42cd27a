#include "clitest.h"
#include "core/domain/catalogue.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sqldialect.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>

#include <memory>
#include <vector>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// quorum-cli on a record kept on a PostgreSQL server (issue 15): the same commands, the same answers as on
// a file, and the same one-line refusals and exit codes.

namespace {

class CliServer : public CliTest {
protected:
    TestPostgresDatabase server;
    QString uri = server.connectionString();

    /** The audit trail of @p database as `log --json` prints it. */
    QJsonArray trailOf(const QString &database)
    {
        const ProcessResult result = cli({u"log"_qs, u"--json"_qs}, database);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"entries"_qs).toArray();
    }

    /** The JSON a command prints, to compare a file's answer with the server's. */
    QByteArray jsonOf(const QStringList &arguments, const QString &database = {})
    {
        const ProcessResult result = cli(arguments, database);
        EXPECT_EQ(result.exitCode, 0) << arguments.join(u' ').toStdString() << ": " << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).toJson(QJsonDocument::Compact);
    }
};

} // namespace

TEST_F(CliServer, TheDemoOnAServerAnswersEveryCommandAsTheFileDoes)
{
    ok({u"init"_qs, u"--demo"_qs});
    const ProcessResult created = cli({u"init"_qs, u"--demo"_qs}, uri);
    ASSERT_EQ(created.exitCode, 0) << created.err.toStdString();
    EXPECT_TRUE(created.out.startsWith(u"Created postgresql://quorum@/%1?host="_qs.arg(server.name())))
        << created.out.toStdString();

    const QList<QStringList> reads{
        {u"status"_qs, u"--json"_qs},
        {u"attention"_qs, u"--json"_qs},
        {u"log"_qs, u"--json"_qs},
        {u"people"_qs, u"list"_qs, u"--json"_qs},
        {u"review"_qs, u"list"_qs, u"--json"_qs},
        {u"metric"_qs, u"list"_qs, u"--json"_qs},
        {u"exercise"_qs, u"list"_qs, u"--json"_qs},
        {u"evidence"_qs, u"list"_qs, u"--json"_qs},
        {u"review"_qs, u"diff"_qs, u"Board February 2026"_qs, u"now"_qs, u"--json"_qs},
    };
    // The trail is the same but for who: a file keeps the name the client gave, a server names the login
    // (and so each row's hash differs too); and the server's ends in init turning access by role on.
    const auto withoutWho = [](const QByteArray &json, const QString &expectedActor) {
        QJsonObject log = QJsonDocument::fromJson(json).object();
        QJsonArray entries = log.value(u"entries"_qs).toArray();
        if (!expectedActor.isEmpty()) {
            EXPECT_EQ(entries.last().toObject().value(u"entity"_qs).toString(), u"access"_qs);
            entries.removeLast();
        }
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries[i].toObject();
            if (!expectedActor.isEmpty()) {
                EXPECT_EQ(entry.value(u"actor"_qs).toString(), expectedActor) << "row " << i + 1;
            }
            entry.remove(u"actor"_qs);
            entry.remove(u"hash"_qs);
            entries[i] = entry;
        }
        log.insert(u"entries"_qs, entries);
        return QJsonDocument(log).toJson(QJsonDocument::Compact);
    };
    for (const QStringList &read : reads) {
        const QByteArray onFile = jsonOf(read);
        EXPECT_FALSE(onFile.isEmpty()) << read.join(u' ').toStdString();
        if (read.first() == u"log"_qs)
            EXPECT_EQ(withoutWho(jsonOf(read, uri), server.server().user), withoutWho(onFile, QString()));
        else
            EXPECT_EQ(jsonOf(read, uri), onFile) << read.join(u' ').toStdString();
    }

    // A change made the same way reads the same way, and the server's chain verifies.
    const QStringList change{u"set"_qs,         u"A1"_qs,        u"--rating"_qs,
                             u"substantial"_qs, u"--comment"_qs, u"Seen by the board"_qs};
    ok(change);
    const ProcessResult changed = cli(change, uri);
    ASSERT_EQ(changed.exitCode, 0) << changed.err.toStdString();
    EXPECT_EQ(jsonOf({u"status"_qs, u"--json"_qs}, uri), jsonOf({u"status"_qs, u"--json"_qs}));
    const ProcessResult verified = cli({u"verify"_qs}, uri);
    EXPECT_EQ(verified.exitCode, 0) << verified.out.toStdString() << verified.err.toStdString();
    EXPECT_TRUE(verified.out.contains(u"hash chain intact"_qs)) << verified.out.toStdString();
}

TEST_F(CliServer, RefusalsAreOneLineWithTheExitCodeOfTheirKind)
{
    expectOneLineError(cli({u"status"_qs}, uri), 3, u"holds no Quorum record yet"_qs);
    ASSERT_EQ(cli({u"init"_qs}, uri).exitCode, 0);
    expectOneLineError(cli({u"init"_qs}, uri), 2, u"never overwrites"_qs);
    expectOneLineError(cli({u"export"_qs, folder.path(u"backup.json"_qs)}, uri), 2, u"pg_dump"_qs);
    expectOneLineError(cli({u"status"_qs}, u"host=/nonexistent/folder dbname=quorum"_qs), 3, u"Cannot connect to"_qs);
    expectOneLineError(cli({u"status"_qs}, u"postgresql://db.example/quorum?nonsense=1"_qs), 2,
                       u"not a PostgreSQL connection"_qs);

    TestPostgresDatabase other;
    {
        QSqlDatabase connection = openPostgres(other.server(), other.name(), u"other"_qs);
        SqlDialect::execDefinition(connection, u"CREATE TABLE invoices (id bigint PRIMARY KEY)"_qs);
    }
    QSqlDatabase::removeDatabase(u"other"_qs);
    expectOneLineError(cli({u"init"_qs}, other.connectionString()), 3, u"another program"_qs);
}

TEST_F(CliServer, AWrongPasswordAndANewerSchemaAreRefusedWithExitThreeAndNothingWritten)
{
    const QString asPasswordUser = server.connectionStringWithPasswordLogin();
    const QString rightPassword = asPasswordUser + u" password="_qs + TestPostgresDatabase::kPasswordUserPassword;
    ASSERT_EQ(cli({u"init"_qs}, rightPassword).exitCode, 0);
    const QJsonArray before = trailOf(rightPassword);
    expectOneLineError(
        cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, asPasswordUser + u" password=wrong"_qs), 3,
        u"password authentication failed"_qs);
    // No password anywhere (no PGPASSWORD, no ~/.pgpass in the test's home): said, never prompted for.
    expectOneLineError(cli({u"status"_qs}, asPasswordUser), 3, u"asks for a password"_qs);
    EXPECT_EQ(trailOf(rightPassword), before);

    {
        QSqlDatabase connection = openPostgres(server.server(), server.name(), u"newer"_qs);
        QSqlQuery(connection)
            .exec(u"UPDATE quorum_schema SET version = %1"_qs.arg(Database::currentSchemaVersion() + 1));
    }
    QSqlDatabase::removeDatabase(u"newer"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, rightPassword), 3,
                       u"newer version of Quorum"_qs);
    {
        QSqlDatabase connection = openPostgres(server.server(), server.name(), u"count"_qs);
        QSqlQuery count(connection);
        count.exec(u"SELECT count(*) FROM audit"_qs);
        ASSERT_TRUE(count.next());
        EXPECT_EQ(count.value(0).toInt(), before.size());
    }
    QSqlDatabase::removeDatabase(u"count"_qs);
}

TEST_F(CliServer, WritersAtTheSameTimeEachGetEveryEditInAndTheChainStaysOne)
{
    ASSERT_EQ(cli({u"init"_qs}, uri).exitCode, 0);
    const qsizetype before = trailOf(uri).size();
    ASSERT_GT(before, 0);
    // Three processes, each changing its own action's commentary in a loop, all at once on one server: without
    // one writer at a time, two of them take the same audit row id and one edit is refused.
    constexpr int kWriters = 3;
    constexpr int kEdits = 15;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QUORUM_NOW"_qs, fixedToday().toString(Qt::ISODate));
    std::vector<std::unique_ptr<QProcess>> writers;
    for (int writer = 1; writer <= kWriters; ++writer) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment);
        process->start(
            u"bash"_qs,
            {u"-c"_qs,
             u"for i in $(seq %1); do \"$0\" --db \"$1\" set \"$2\" --comment \"edit $i\" || exit 1; done"_qs.arg(
                 kEdits),
             QStringLiteral(QUORUM_CLI_PATH), uri, u"A%1"_qs.arg(writer)});
        writers.push_back(std::move(process));
    }
    for (const auto &process : writers) {
        ASSERT_TRUE(process->waitForFinished(180000));
        EXPECT_EQ(process->exitCode(), 0) << process->readAllStandardError().toStdString();
    }
    const QJsonArray trail = trailOf(uri);
    EXPECT_EQ(trail.size(), before + kWriters * kEdits);
    const ProcessResult verified = cli({u"verify"_qs}, uri);
    EXPECT_EQ(verified.exitCode, 0) << verified.out.toStdString();
    for (int writer = 1; writer <= kWriters; ++writer)
        EXPECT_EQ(actionJson(u"A%1"_qs.arg(writer), uri).value(u"comment"_qs).toString(), u"edit %1"_qs.arg(kEdits));
}

TEST_F(CliServer, WatchPrintsEachChangeOthersCommitAndStopsCleanlyOnSigterm)
{
    ASSERT_EQ(cli({u"init"_qs}, uri).exitCode, 0);
    QProcess watch;
    watch.start(QStringLiteral(QUORUM_CLI_PATH), {u"--db"_qs, uri, u"watch"_qs, u"--json"_qs});
    ASSERT_TRUE(watch.waitForStarted());
    // It says on standard error when it has begun to listen.
    QByteArray said;
    watch.setReadChannel(QProcess::StandardError);
    while (!said.contains("Watching") && watch.waitForReadyRead(20000))
        said += watch.readAllStandardError();
    ASSERT_TRUE(said.contains("Watching")) << said.toStdString();
    watch.setReadChannel(QProcess::StandardOutput);

    ASSERT_EQ(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, uri).exitCode, 0);
    ASSERT_EQ(cli({u"set"_qs, u"B2"_qs, u"--comment"_qs, u"Seen by the board"_qs}, uri).exitCode, 0);
    // A refused change is never printed.
    EXPECT_EQ(cli({u"set"_qs, u"C1"_qs, u"--target"_qs, u"not-assessed"_qs}, uri).exitCode, 2);
    QList<QJsonObject> lines;
    QByteArray pending;
    while (lines.size() < 2 && watch.waitForReadyRead(20000)) {
        pending += watch.readAllStandardOutput();
        while (pending.contains('\n')) {
            const qsizetype end = pending.indexOf('\n');
            QJsonParseError error{};
            const QJsonDocument line = QJsonDocument::fromJson(pending.left(end), &error);
            ASSERT_EQ(error.error, QJsonParseError::NoError) << pending.left(end).toStdString();
            lines << line.object();
            pending.remove(0, end + 1);
        }
    }
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines[0].value(u"entityId"_qs).toString(), u"A1"_qs);
    EXPECT_EQ(lines[0].value(u"field"_qs).toString(), u"rating"_qs);
    EXPECT_EQ(lines[0].value(u"new"_qs).toString(), u"limited"_qs);
    EXPECT_EQ(lines[1].value(u"entityId"_qs).toString(), u"B2"_qs);
    EXPECT_EQ(lines[1].value(u"new"_qs).toString(), u"Seen by the board"_qs);
    // The same rows as the trail holds, hash for hash.
    const QJsonArray trail = trailOf(uri);
    EXPECT_EQ(lines[1].value(u"hash"_qs), trail.last().toObject().value(u"hash"_qs));

    watch.terminate(); // SIGTERM
    ASSERT_TRUE(watch.waitForFinished(20000));
    EXPECT_EQ(watch.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(watch.exitCode(), 0) << watch.readAllStandardError().toStdString();
    EXPECT_TRUE(watch.readAllStandardOutput().isEmpty()) << "nothing more after the two changes";
}

TEST_F(CliServer, WatchRefusesAFileWithUsage)
{
    expectOneLineError(cli({u"watch"_qs}), 2, u"a file has no other clients"_qs);
}

TEST_F(CliServer, CopyFileToServerToFileKeepsEveryAnswerTheTrailAndTheFiles)
{
    ok({u"init"_qs, u"--demo"_qs});
    const QString back = folder.path(u"back.quorum"_qs);
    const ProcessResult up = cli({u"copy"_qs, db, uri});
    ASSERT_EQ(up.exitCode, 0) << up.err.toStdString();
    EXPECT_TRUE(up.out.contains(u"verified"_qs)) << up.out.toStdString();
    const ProcessResult down = cli({u"copy"_qs, uri, back});
    ASSERT_EQ(down.exitCode, 0) << down.err.toStdString();

    for (const QStringList &read : QList<QStringList>{{u"status"_qs, u"--json"_qs},
                                                      {u"log"_qs, u"--json"_qs},
                                                      {u"evidence"_qs, u"list"_qs, u"--json"_qs},
                                                      {u"review"_qs, u"list"_qs, u"--json"_qs},
                                                      {u"metric"_qs, u"list"_qs, u"--json"_qs}}) {
        const QByteArray original = jsonOf(read, db);
        EXPECT_EQ(jsonOf(read, uri), original) << read.join(u' ').toStdString();
        EXPECT_EQ(jsonOf(read, back), original) << read.join(u' ').toStdString();
    }
    for (const QString &database : {db, uri, back})
        EXPECT_EQ(cli({u"verify"_qs}, database).exitCode, 0) << database.toStdString();
    // The copy on the server is a record like any other: it takes new changes, with new keys.
    EXPECT_EQ(cli({u"people"_qs, u"add"_qs, u"Nadia Khan"_qs, u"--role"_qs, u"Company secretary"_qs}, uri).exitCode, 0);
    EXPECT_EQ(cli({u"set"_qs, u"A1"_qs, u"--comment"_qs, u"After the copy"_qs}, uri).exitCode, 0);
    EXPECT_EQ(cli({u"verify"_qs}, uri).exitCode, 0);
}

TEST_F(CliServer, CopyRefusesADestinationThatHoldsAnythingAndChangesNothing)
{
    ok({u"init"_qs, u"--demo"_qs});
    // A file that exists, the source itself, a server that already holds a record: exit 2, untouched.
    const QString existing = folder.path(u"existing.quorum"_qs);
    ASSERT_EQ(cli({u"init"_qs}, existing).exitCode, 0);
    const QByteArray before = fileSha256(existing);
    expectOneLineError(cli({u"copy"_qs, db, existing}), 2, u"already exists"_qs);
    EXPECT_EQ(fileSha256(existing), before);
    expectOneLineError(cli({u"copy"_qs, db, db}), 2, u"both the source and the destination"_qs);
    ASSERT_EQ(cli({u"init"_qs}, uri).exitCode, 0);
    const QJsonArray trail = trailOf(uri);
    expectOneLineError(cli({u"copy"_qs, db, uri}), 2, u"already holds a Quorum record"_qs);
    EXPECT_EQ(trailOf(uri), trail);
    // Another program's database: exit 3, nothing written.
    TestPostgresDatabase foreign;
    QSqlDatabase other = openPostgres(foreign.server(), foreign.name(), u"copy-foreign"_qs);
    ASSERT_TRUE(QSqlQuery(other).exec(u"CREATE TABLE invoices (id int)"_qs));
    other.close();
    expectOneLineError(cli({u"copy"_qs, db, foreign.connectionString()}), 3, u"another program"_qs);
    // A source that is not there: exit 3, and no destination file is made.
    const QString nowhere = folder.path(u"nowhere.quorum"_qs);
    expectOneLineError(cli({u"copy"_qs, folder.path(u"missing.quorum"_qs), nowhere}), 3, u"does not exist"_qs);
    EXPECT_FALSE(QFileInfo::exists(nowhere));
}

TEST_F(CliServer, ACopyThatFailedCanBeMadeAgain)
{
    ok({u"init"_qs, u"--demo"_qs});
    // What a copy that failed half way leaves on a server: the schema (each migration commits on its own)
    // and no record. It is neither opened as a record nor in the way of the next copy.
    Database::openServer(ServerConnection::parse(uri), Database::Mode::CreateEmpty, Catalogue::builtIn());
    expectOneLineError(cli({u"status"_qs}, uri), 3, u"no Quorum record yet"_qs);
    const ProcessResult copied = cli({u"copy"_qs, db, uri});
    ASSERT_EQ(copied.exitCode, 0) << copied.err.toStdString();
    EXPECT_EQ(jsonOf({u"status"_qs, u"--json"_qs}, uri), jsonOf({u"status"_qs, u"--json"_qs}, db));
}

TEST_F(CliServer, AnAccountTheServerDoesNotLetChangeTheRecordGetsExitFourAndNothingChanges)
{
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}, uri).exitCode, 0);
    // A login that may only read (roles belong to the whole server: named after this test's database).
    const QString reader = server.name() + u"_reader"_qs;
    {
        QSqlDatabase connection = openPostgres(server.server(), server.name(), u"grant"_qs);
        SqlDialect::execDefinition(connection, u"CREATE ROLE %1 LOGIN"_qs.arg(reader));
        SqlDialect::execDefinition(connection, u"GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1"_qs.arg(reader));
    }
    QSqlDatabase::removeDatabase(u"grant"_qs);
    QString asReader = uri;
    asReader.replace(u"user=%1"_qs.arg(server.server().user), u"user=%1"_qs.arg(reader));
    ASSERT_NE(asReader, uri);
    const QJsonArray before = trailOf(uri);

    const ProcessResult read = cli({u"status"_qs}, asReader);
    EXPECT_EQ(read.exitCode, 0) << read.err.toStdString();
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, asReader), 4,
                       u"does not let your account do this"_qs);
    expectOneLineError(cli({u"people"_qs, u"add"_qs, u"Pat Newcomer"_qs, u"--role"_qs, u"Observer"_qs}, asReader), 4,
                       u"does not let your account do this"_qs);
    EXPECT_EQ(trailOf(uri), before);
    const ProcessResult verified = cli({u"verify"_qs}, uri);
    EXPECT_EQ(verified.exitCode, 0) << verified.out.toStdString() << verified.err.toStdString();
}

TEST_F(CliServer, APasswordInTheConnectionAppearsInNoOutputOfAnyCommand)
{
    const QString asPasswordUser = server.connectionStringWithPasswordLogin();
    const QString secret = TestPostgresDatabase::kPasswordUserPassword;
    const QString keywords = asPasswordUser + u" password="_qs + secret;
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}, keywords).exitCode, 0);
    // The same login as a URI, with the password in its user part.
    const QString socket = server.server().socketDir;
    const QString asUri = u"postgresql://quorum_password_user:%1@/%2?host=%3"_qs.arg(secret, server.name(), socket);
    const QString wrong = u"postgresql://quorum_password_user:not-%1@/%2?host=%3"_qs.arg(secret, server.name(), socket);
    const QString unreachable = u"host=/nonexistent/folder dbname=quorum user=someone password=%1"_qs.arg(secret);

    // Every kind of command, succeeding and failing: the password is in none of what any of them prints.
    const QList<QStringList> commands{
        {u"status"_qs},
        {u"status"_qs, u"--json"_qs},
        {u"attention"_qs},
        {u"log"_qs, u"--json"_qs},
        {u"verify"_qs},
        {u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs},
        {u"set"_qs, u"A1"_qs, u"--rating"_qs, u"splendid"_qs},
        {u"set"_qs, u"Z9"_qs, u"--rating"_qs, u"limited"_qs},
        {u"people"_qs, u"add"_qs, u"Helen Marsh"_qs, u"--role"_qs, u"Chair"_qs},
        {u"evidence"_qs, u"add"_qs, folder.path(u"missing.pdf"_qs), u"--actions"_qs, u"A1"_qs},
        {u"evidence"_qs, u"save"_qs, u"99999"_qs, folder.path(u"out.bin"_qs)},
        {u"export"_qs, folder.path(u"backup.json"_qs)},
        {u"review"_qs, u"diff"_qs, u"No such review"_qs, u"now"_qs},
        {u"init"_qs},
        {u"copy"_qs, u"--nonsense"_qs},
        {u"no-such-command"_qs},
    };
    int failures = 0;
    for (const QString &database : {keywords, asUri, wrong, unreachable}) {
        for (const QStringList &command : commands) {
            const ProcessResult result = cli(command, database);
            failures += result.exitCode != 0;
            const std::string what = (command.join(u' ') + u" on "_qs + database).toStdString();
            EXPECT_FALSE(result.out.contains(secret)) << what << ": " << result.out.toStdString();
            EXPECT_FALSE(result.err.contains(secret)) << what << ": " << result.err.toStdString();
        }
    }
    // A copy names both ends, the password-bearing one included.
    for (const QStringList &copy :
         {QStringList{u"copy"_qs, asUri, folder.path(u"down.quorum"_qs)}, QStringList{u"copy"_qs, asUri, asUri},
          QStringList{u"copy"_qs, wrong, folder.path(u"x.quorum"_qs)}}) {
        const ProcessResult result = runCli(copy);
        failures += result.exitCode != 0;
        EXPECT_FALSE(result.out.contains(secret)) << copy.join(u' ').toStdString() << ": " << result.out.toStdString();
        EXPECT_FALSE(result.err.contains(secret)) << copy.join(u' ').toStdString() << ": " << result.err.toStdString();
    }
    // The commands did fail, with their messages (which name the server without its password), where they should.
    EXPECT_GT(failures, 3 * int(commands.size()));
}

TEST_F(CliServer, AccessCommandsGiveRolesThatTheServerThenEnforcesAndListWhoHoldsWhat)
{
    const ProcessResult created = cli({u"init"_qs, u"--demo"_qs}, uri);
    ASSERT_EQ(created.exitCode, 0) << created.err.toStdString();
    EXPECT_TRUE(created.out.contains(u"Access by role is on"_qs)) << created.out.toStdString();
    const QJsonObject admin =
        QJsonDocument::fromJson(cli({u"access"_qs, u"me"_qs, u"--json"_qs}, uri).out.toUtf8()).object();
    EXPECT_EQ(admin.value(u"login"_qs).toString(), server.server().user);
    EXPECT_TRUE(admin.value(u"enforced"_qs).toBool());

    // Roles belong to the whole server: the logins are named after this test's database.
    const QString ciso = server.name() + u"_ciso"_qs;
    const QString director = server.name() + u"_director"_qs;
    const auto as = [this](const QString &login) {
        QString connection = uri;
        return connection.replace(u"user=%1"_qs.arg(server.server().user), u"user=%1"_qs.arg(login));
    };
    ASSERT_EQ(
        cli({u"access"_qs, u"grant"_qs, ciso, u"--role"_qs, u"ciso"_qs, u"--person"_qs, u"Claire Dunmore"_qs}, uri)
            .exitCode,
        0);
    const ProcessResult granted =
        cli({u"access"_qs, u"grant"_qs, director, u"--role=director"_qs, u"--person"_qs, u"helen marsh"_qs}, uri);
    ASSERT_EQ(granted.exitCode, 0) << granted.err.toStdString();
    EXPECT_EQ(granted.out, u"%1 now holds the director role, as helen marsh\n"_qs.arg(director));

    const QJsonArray members = QJsonDocument::fromJson(cli({u"access"_qs, u"list"_qs, u"--json"_qs}, uri).out.toUtf8())
                                   .object()
                                   .value(u"members"_qs)
                                   .toArray();
    QStringList listed;
    for (const QJsonValue &member : members)
        listed << member[u"login"_qs].toString() + u": "_qs + member[u"roles"_qs].toArray().first().toString()
                      + u" as "_qs + member[u"person"_qs].toString();
    EXPECT_EQ(listed.join(u'\n').toStdString(),
              (QStringList{server.server().user + u": admin as "_qs, ciso + u": ciso as Claire Dunmore"_qs,
                           director + u": director as Helen Marsh"_qs})
                  .join(u'\n')
                  .toStdString());
    const ProcessResult me = cli({u"access"_qs, u"me"_qs}, as(director));
    EXPECT_EQ(me.out, u"Signed in as %1 (Director)\n"_qs.arg(director));

    // The director may not rate; the CISO may, and the trail names the CISO's login.
    const QJsonArray before = trailOf(uri);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, as(director)), 4,
                       u"permission denied for table assessment"_qs);
    expectOneLineError(cli({u"access"_qs, u"grant"_qs, u"someone_new"_qs, u"--role"_qs, u"admin"_qs}, as(director)), 4,
                       u"creating one needs a login that may create roles"_qs);
    expectOneLineError(cli({u"access"_qs, u"grant"_qs, ciso, u"--role"_qs, u"admin"_qs}, as(director)), 4,
                       u"does not let your account do this"_qs);
    EXPECT_EQ(trailOf(uri), before);
    const ProcessResult rated = cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}, as(ciso));
    ASSERT_EQ(rated.exitCode, 0) << rated.err.toStdString();
    EXPECT_EQ(trailOf(uri).last()[u"actor"_qs].toString(), ciso);

    // Taken away, the role no longer lets the CISO rate.
    ASSERT_EQ(cli({u"access"_qs, u"revoke"_qs, ciso, u"--role"_qs, u"ciso"_qs}, uri).exitCode, 0);
    EXPECT_EQ(trailOf(uri).last()[u"new"_qs].toString(), QString());
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"none"_qs}, as(ciso)), 4, u"permission denied"_qs);

    // Wrong use: a clear line, exit 2, nothing changed.
    const QJsonArray settled = trailOf(uri);
    expectOneLineError(cli({u"access"_qs, u"grant"_qs, ciso, u"--role"_qs, u"king"_qs}, uri), 2, u"not a role"_qs);
    expectOneLineError(cli({u"access"_qs, u"grant"_qs, ciso}, uri), 2, u"--role is required"_qs);
    expectOneLineError(cli({u"access"_qs, u"revoke"_qs, ciso, u"--role"_qs, u"ciso"_qs}, uri), 2, u"does not hold"_qs);
    expectOneLineError(cli({u"access"_qs, u"grant"_qs, server.server().user, u"--role"_qs, u"ciso"_qs}, uri), 2,
                       u"superuser"_qs);
    expectOneLineError(cli({u"access"_qs, u"enable"_qs}, uri), 2, u"already on"_qs);
    expectOneLineError(cli({u"access"_qs, u"sideways"_qs}, uri), 2, u"usage"_qs);
    EXPECT_EQ(trailOf(uri), settled);
    // A file has no roles.
    ok({u"init"_qs});
    expectOneLineError(cli({u"access"_qs, u"list"_qs}), 2, u"server"_qs);
}
