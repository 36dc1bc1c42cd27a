#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/sqldialect.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <thread>

using namespace quorum;
using namespace quorum::test;

// Opening and creating a Quorum record on a PostgreSQL server (issue 15): the same checks as for a file, made
// before anything is written, on the throwaway test server.

namespace {

ServerConnection connectionTo(const TestPostgresDatabase &database)
{
    return ServerConnection::parse(database.connectionString());
}

/** Counts the tables of @p database from a connection of the test's own, so Quorum's connection is not asked. */
int tableCount(const TestPostgresDatabase &database)
{
    int count = -1;
    {
        QSqlDatabase db = openPostgres(database.server(), database.name(), u"count"_qs);
        count = SqlQuery(db, u"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"_qs)
                    .scalar()
                    .toInt();
    }
    QSqlDatabase::removeDatabase(u"count"_qs);
    return count;
}

/** Runs statements on @p database as another program would. */
void rawServerSql(const TestPostgresDatabase &database, const QStringList &statements)
{
    {
        QSqlDatabase db = openPostgres(database.server(), database.name(), u"raw"_qs);
        for (const QString &statement : statements)
            SqlDialect::execDefinition(db, statement);
    }
    QSqlDatabase::removeDatabase(u"raw"_qs);
}

} // namespace

TEST(ServerConnection, ReadsUrisAndKeywordStringsWithLibpq)
{
    const ServerConnection uri =
        ServerConnection::parse(u"postgresql://board:s3cret@db.example:5433/quorum?sslmode=verify-full"_qs);
    EXPECT_EQ(uri.value(u"host"_qs), u"db.example"_qs);
    EXPECT_EQ(uri.value(u"port"_qs), u"5433"_qs);
    EXPECT_EQ(uri.value(u"dbname"_qs), u"quorum"_qs);
    EXPECT_EQ(uri.value(u"user"_qs), u"board"_qs);
    EXPECT_EQ(uri.value(u"sslmode"_qs), u"verify-full"_qs);
    // The password is kept for connecting, never shown.
    EXPECT_EQ(uri.value(u"password"_qs), u"s3cret"_qs);
    EXPECT_EQ(uri.displayName(), u"postgresql://board@db.example:5433/quorum"_qs);
    EXPECT_FALSE(uri.displayName().contains(u"s3cret"_qs));

    const ServerConnection keywords = ServerConnection::parse(u"host=/run/postgresql dbname='board pack' user=cs"_qs);
    EXPECT_EQ(keywords.value(u"dbname"_qs), u"board pack"_qs);
    EXPECT_EQ(keywords.displayName(), u"postgresql://cs@/board pack?host=/run/postgresql"_qs);

    const ServerConnection replicated =
        ServerConnection::parse(u"postgresql://a.example,b.example/quorum?target_session_attrs=read-write"_qs);
    EXPECT_EQ(replicated.value(u"host"_qs), u"a.example,b.example"_qs);
    EXPECT_EQ(replicated.value(u"target_session_attrs"_qs), u"read-write"_qs);
}

TEST(ServerConnection, TellsServersFromFilesAndRefusesWhatLibpqCannotRead)
{
    EXPECT_TRUE(ServerConnection::isServer(u"postgresql://db.example/quorum"_qs));
    EXPECT_TRUE(ServerConnection::isServer(u"postgres://db.example/quorum"_qs));
    EXPECT_TRUE(ServerConnection::isServer(u"host=/tmp dbname=quorum"_qs));
    EXPECT_TRUE(ServerConnection::isServer(u"dbname=quorum"_qs));
    EXPECT_FALSE(ServerConnection::isServer(u"board.quorum"_qs));
    EXPECT_FALSE(ServerConnection::isServer(u"/home/cs/host=1.quorum"_qs));
    EXPECT_FALSE(ServerConnection::isServer(u"C:/Board/postgresql.quorum"_qs));

    EXPECT_EQ(kindOf([] { ServerConnection::parse(u"postgresql://db.example/quorum?nonsense=1"_qs); }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([] { ServerConnection::parse(u"host=db.example dbname"_qs); }), Error::Kind::InvalidInput);
}

TEST(DatabaseOnServer, CreatesTheRecordInAnEmptyDatabaseAndOpensItAgain)
{
    TestPostgresDatabase database;
    {
        const auto created =
            Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
        EXPECT_TRUE(created->isServer());
        EXPECT_EQ(created->path(), connectionTo(database).displayName());
        EXPECT_EQ(created->catalogueVersion(), Catalogue::builtIn().version());
        // The Code's 22 actions and the Software Security Code's 14 principles (built in, not followed yet).
        EXPECT_EQ(SqlQuery(created->connection(), u"SELECT count(*) FROM action"_qs).scalar().toInt(), 36);
        EXPECT_EQ(SqlDialect::of(created->connection()).schemaVersion(created->connection()),
                  Database::currentSchemaVersion());
    }
    const auto opened =
        Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_EQ(SqlQuery(opened->connection(), u"SELECT count(*) FROM assessment"_qs).scalar().toInt(), 36);
    // Each built-in catalogue was written once: one audit row each, not one per opening.
    EXPECT_EQ(
        SqlQuery(opened->connection(), u"SELECT count(*) FROM audit WHERE entity = 'catalogue'"_qs).scalar().toInt(),
        2);
}

TEST(DatabaseOnServer, RefusesToCreateOverARecordAndToOpenAnEmptyDatabase)
{
    TestPostgresDatabase database;
    QString message;
    EXPECT_EQ(
        kindOf(
            [&] { Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn()); },
            &message),
        Error::Kind::NotQuorum);
    EXPECT_TRUE(message.contains(u"holds no Quorum record yet"_qs)) << message.toStdString();
    EXPECT_EQ(tableCount(database), 0); // nothing was created by the refusal

    Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const int tables = tableCount(database);
    EXPECT_EQ(
        kindOf([&] { Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn()); },
               &message),
        Error::Kind::Conflict);
    EXPECT_TRUE(message.contains(u"never overwrites"_qs)) << message.toStdString();
    EXPECT_EQ(tableCount(database), tables);
}

TEST(DatabaseOnServer, RefusesADatabaseOfAnotherProgramAndTouchesNothing)
{
    TestPostgresDatabase database;
    rawServerSql(database, {u"CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric)"_qs});
    for (const Database::Mode mode : {Database::Mode::OpenExisting, Database::Mode::CreateNew}) {
        QString message;
        EXPECT_EQ(kindOf([&] { Database::openServer(connectionTo(database), mode, Catalogue::builtIn()); }, &message),
                  Error::Kind::NotQuorum);
        EXPECT_TRUE(message.contains(u"another program"_qs)) << message.toStdString();
    }
    EXPECT_EQ(tableCount(database), 1);
}

TEST(DatabaseOnServer, RefusesASchemaFromANewerQuorumAndLeavesItAsItWas)
{
    TestPostgresDatabase database;
    Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const int newer = Database::currentSchemaVersion() + 1;
    rawServerSql(database, {u"UPDATE quorum_schema SET version = %1"_qs.arg(newer)});
    QString message;
    EXPECT_EQ(
        kindOf(
            [&] { Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn()); },
            &message),
        Error::Kind::TooNew);
    EXPECT_TRUE(message.contains(u"newer version of Quorum"_qs)) << message.toStdString();
    {
        QSqlDatabase db = openPostgres(database.server(), database.name(), u"check"_qs);
        EXPECT_EQ(SqlDialect::of(db).schemaVersion(db), newer);
    }
    QSqlDatabase::removeDatabase(u"check"_qs);
}

TEST(DatabaseOnServer, AServerThatCannotBeReachedIsNamedInTheMessage)
{
    TestPostgresDatabase database;
    QString message;
    const ServerConnection nowhere =
        ServerConnection::parse(u"host=/nonexistent/socket/folder dbname=quorum user=quorum"_qs);
    EXPECT_EQ(
        kindOf([&] { Database::openServer(nowhere, Database::Mode::OpenExisting, Catalogue::builtIn()); }, &message),
        Error::Kind::CannotOpen);
    EXPECT_TRUE(message.startsWith(u"Cannot connect to postgresql://quorum@/quorum?host=/nonexistent/socket/folder"_qs))
        << message.toStdString();

    const ServerConnection missing =
        ServerConnection::parse(u"host=%1 dbname=no_such_database user=quorum"_qs.arg(database.server().socketDir));
    EXPECT_EQ(
        kindOf([&] { Database::openServer(missing, Database::Mode::OpenExisting, Catalogue::builtIn()); }, &message),
        Error::Kind::CannotOpen);
    EXPECT_TRUE(message.contains(u"no_such_database"_qs)) << message.toStdString();
}

TEST(DatabaseOnServer, ASecondWriterWaitsForTheFirstSoTheChainNeverForksAndNoEditIsRefused)
{
    TestPostgresDatabase database;
    const auto first = Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const qint64 before = AuditTrail::rowCount(first->connection());
    const AuditRecord record{u"cs"_qs, QString(), u"assessment"_qs, u"A1"_qs, u"commentary"_qs, u"old"_qs, u"new"_qs};

    // The first writer has appended to the trail and not yet committed.
    auto firstChange = std::make_unique<Transaction>(*first);
    AuditTrail::append(first->connection(), record);

    // The second writer, on a connection and thread of its own, appends too.
    std::optional<Error::Kind> secondRefused;
    std::thread second([&] {
        try {
            const auto other =
                Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn());
            Transaction change(*other);
            AuditTrail::append(other->connection(), record);
            change.commit();
        } catch (const Error &error) {
            secondRefused = error.kind();
        }
    });
    // Until it waits on a lock the first one holds (bounded: a second writer that never waits fails below).
    QSqlDatabase watcher = openPostgres(database.server(), database.name(), u"watcher"_qs);
    bool waiting = false;
    for (int attempt = 0; attempt < 20000 && !waiting; ++attempt)
        waiting = SqlQuery(watcher, u"SELECT count(*) FROM pg_locks WHERE NOT granted"_qs).scalar().toInt() > 0;
    EXPECT_TRUE(waiting) << "the second writer never waited for the first";
    firstChange->commit();
    firstChange.reset();
    second.join();

    EXPECT_FALSE(secondRefused.has_value()) << "the second writer's change was refused";
    EXPECT_EQ(AuditTrail::rowCount(first->connection()), before + 2);
    const ChainCheck chain = AuditTrail::verify(first->connection());
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    watcher.close();
    watcher = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"watcher"_qs);
}

TEST(DatabaseOnServer, AWriterThatCannotGetItsTurnIsToldToTryAgainAndCanThen)
{
    TestPostgresDatabase database;
    const auto first = Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const auto second =
        Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn());
    const qint64 before = AuditTrail::rowCount(first->connection());
    const AuditRecord record{u"cs"_qs, QString(), u"assessment"_qs, u"A1"_qs, u"commentary"_qs, u"old"_qs, u"new"_qs};
    // The second writer waits at most 50 ms for its turn (the server's own timeout, not the test's).
    SqlDialect::execDefinition(second->connection(), u"SET lock_timeout = '50ms'"_qs);

    auto firstChange = std::make_unique<Transaction>(*first);
    EXPECT_EQ(kindOf([&] { Transaction change(*second); }), Error::Kind::Busy);
    firstChange->commit();
    firstChange.reset();

    // The refused writer's session is left clean, so its next change goes through.
    {
        Transaction change(*second);
        AuditTrail::append(second->connection(), record);
        change.commit();
    }
    EXPECT_EQ(AuditTrail::rowCount(first->connection()), before + 1);
    EXPECT_TRUE(AuditTrail::verify(first->connection()).ok);
}

namespace {

/** How many statements of @p database's session are prepared with text containing @p fragment. */
int preparedLike(const Database &database, const QString &fragment)
{
    return SqlQuery(database.connection(), u"SELECT count(*) FROM pg_prepared_statements WHERE strpos(statement, "
                                           ":fragment) > 0"_qs)
        .bind(u":fragment"_qs, fragment)
        .scalar()
        .toInt();
}

} // namespace

TEST(DatabaseOnServer, AStatementIsPreparedOncePerSessionWithFreshValuesEachTime)
{
    TestPostgresDatabase database;
    const auto db = Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const QString byPrinciple = u"SELECT count(*) FROM action WHERE principle_id = :principle"_qs;
    const auto actionsOf = [&](const QString &principle) {
        return SqlQuery(db->connection(), byPrinciple).bind(u":principle"_qs, principle).scalar().toInt();
    };
    const int ofA = actionsOf(u"A"_qs);
    const int ofE = actionsOf(u"E"_qs);
    EXPECT_GT(ofA, 0);
    EXPECT_GT(ofE, 0);
    EXPECT_EQ(ofA + actionsOf(u"B"_qs) + actionsOf(u"C"_qs) + actionsOf(u"D"_qs) + ofE, 22);
    for (int round = 0; round < 3; ++round) {
        EXPECT_EQ(actionsOf(u"A"_qs), ofA);
        EXPECT_EQ(actionsOf(u"E"_qs), ofE);
    }
    EXPECT_EQ(actionsOf(u"Z"_qs), 0);
    EXPECT_EQ(preparedLike(*db, u"WHERE principle_id = $1"_qs), 1);

    // A statement whose use failed is not kept (it may no longer match the session); the next use prepares it.
    const QString divide = u"SELECT 12 / CAST(:by AS int)"_qs;
    EXPECT_THROW(SqlQuery(db->connection(), divide).bind(u":by"_qs, 0).scalar(), Error);
    EXPECT_EQ(preparedLike(*db, u"SELECT 12 /"_qs), 0);
    EXPECT_EQ(SqlQuery(db->connection(), divide).bind(u":by"_qs, 4).scalar().toInt(), 3);
    EXPECT_EQ(preparedLike(*db, u"SELECT 12 /"_qs), 1);

    // A value a use leaves unbound is NULL, not what the last use bound.
    const QString pair = u"SELECT CAST(:first AS text) IS NULL, CAST(:second AS text) IS NULL"_qs;
    {
        SqlQuery both(db->connection(), pair);
        both.bind(u":first"_qs, u"x"_qs).bind(u":second"_qs, u"y"_qs).exec();
        ASSERT_TRUE(both.next());
        EXPECT_FALSE(both.value(0).toBool());
        EXPECT_FALSE(both.value(1).toBool());
    }
    {
        SqlQuery one(db->connection(), pair);
        one.bind(u":first"_qs, u"x"_qs).exec();
        ASSERT_TRUE(one.next());
        EXPECT_FALSE(one.value(0).toBool());
        EXPECT_TRUE(one.value(1).toBool());
    }

    // The same statement read inside a read of itself gets a statement of its own; both read every row.
    const QString principles = u"SELECT id FROM principle WHERE framework = 'cgc' ORDER BY position"_qs;
    SqlQuery outer(db->connection(), principles);
    outer.exec();
    int outerRows = 0;
    while (outer.next()) {
        ++outerRows;
        SqlQuery inner(db->connection(), principles);
        inner.exec();
        int innerRows = 0;
        while (inner.next())
            ++innerRows;
        EXPECT_EQ(innerRows, 5);
    }
    EXPECT_EQ(outerRows, 5);
}

TEST(DatabaseOnServer, TheOpeningsChecksAreKeptFromTheStartAndAnUpgradeStartsFromNoneKept)
{
    TestPostgresDatabase database;
    Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    {
        // The checks' statements, one round trip each from the first: nothing deallocated them.
        const auto opened =
            Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn());
        EXPECT_EQ(preparedLike(*opened, u"FROM quorum_schema"_qs), 1);
        EXPECT_EQ(preparedLike(*opened, u"SELECT key, version FROM framework"_qs), 1);
        SqlQuery(opened->connection(), u"UPDATE quorum_schema SET version = :older"_qs)
            .bind(u":older"_qs, Database::currentSchemaVersion() - 1)
            .exec();
    }
    // What the checks prepared is dropped before an upgrade changes the tables under it. (Set back one version, the
    // record's last migration runs again: schema 13 makes its indexes only where they are missing.)
    const auto upgraded =
        Database::openServer(connectionTo(database), Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_EQ(upgraded->schemaVersion(), Database::currentSchemaVersion());
    EXPECT_EQ(preparedLike(*upgraded, u"FROM quorum_schema"_qs), 0);
    EXPECT_EQ(preparedLike(*upgraded, u"SELECT key, version FROM framework"_qs), 1); // kept again after it
}

TEST(DatabaseOnServer, ALargeResultIsNotKeptAndASessionLostTakesItsStatementsWithIt)
{
    TestPostgresDatabase database;
    const auto db = Database::openServer(connectionTo(database), Database::Mode::CreateNew, Catalogue::builtIn());
    const QString series = u"SELECT g FROM generate_series(1, CAST(:rows AS int)) g"_qs;
    const auto rowsOf = [&](int rows) {
        SqlQuery query(db->connection(), series);
        query.bind(u":rows"_qs, rows).exec();
        int read = 0;
        while (query.next())
            ++read;
        return read;
    };
    EXPECT_EQ(rowsOf(5000), 5000);
    EXPECT_EQ(preparedLike(*db, u"generate_series"_qs), 0); // its rows are not kept in memory
    EXPECT_EQ(rowsOf(3), 3);
    EXPECT_EQ(preparedLike(*db, u"generate_series"_qs), 1);

    // The session ends (an administrator, a failover): after the reconnect the statement is prepared anew.
    const qint64 session = serverBackendPid(db->connection());
    {
        QSqlDatabase admin = openPostgres(database.server(), database.name(), u"terminate"_qs);
        SqlQuery(admin, u"SELECT pg_terminate_backend(CAST(:pid AS int), 10000)"_qs).bind(u":pid"_qs, session).exec();
    }
    QSqlDatabase::removeDatabase(u"terminate"_qs);
    EXPECT_THROW(rowsOf(3), Error);
    db->reconnect();
    EXPECT_NE(serverBackendPid(db->connection()), session);
    EXPECT_EQ(rowsOf(3), 3);
    EXPECT_EQ(rowsOf(4), 4);
    EXPECT_EQ(preparedLike(*db, u"generate_series"_qs), 1);
}
