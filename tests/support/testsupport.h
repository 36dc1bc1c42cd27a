#pragma once

#include "core/domain/boardrecords.h"
#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/store.h"
#include "postgresserver.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

#include <gtest/gtest.h>

namespace quorum::test {

/** A fixed "today" for tests, so date rules are reproducible. */
QDate fixedToday();
Clock fixedClock();

/** A temporary folder that lives as long as the object; paths inside it by name. */
class TempFolder {
public:
    TempFolder();
    QString path(const QString &name) const;
    QString root() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

/**
 * Whether this run of the test program keeps its records on the throwaway PostgreSQL server rather than in
 * files: true when it was started with --quorum-engine=server (CTest's "server." tests) or with the
 * environment variable QUORUM_TEST_ENGINE=server. The suites that touch the database run once on each
 * engine, so a feature cannot work on one and not the other.
 */
bool testsOnServer();

/** For a test program's main(): takes --quorum-engine=server out of the arguments and makes testsOnServer() true. */
void takeEngineArgument(int &argc, char **argv);

/** Skips a test of something only a file has (its bytes, its folder, SQLite's own pragmas) on the server run. */
#define QUORUM_FILE_ONLY(why)                                                                                          \
    if (::quorum::test::testsOnServer())                                                                               \
    GTEST_SKIP() << "only a file has this: " << (why)

/**
 * Where a test keeps its record: a file called @p fileName in a fresh folder, or, on the server run, a new
 * empty database of its own on the test server (dropped with this object). The folder exists on both
 * engines, for the other files a test writes (imports, exports, evidence).
 */
class TestLocation {
public:
    explicit TestLocation(const QString &fileName = QStringLiteral("test.quorum"));
    TempFolder folder;
    /** What Quorum opens: the file's path, or the database's libpq connection string. */
    const QString &location() const { return m_location; }

private:
    std::unique_ptr<TestPostgresDatabase> m_server;
    QString m_location;
};

/** Opens the record at @p location (a file or a server, Database::open or openServer) in @p mode. */
std::unique_ptr<Database> openTestRecord(const QString &location, Database::Mode mode,
                                         const Catalogue &catalogue = Catalogue::builtIn());

/**
 * The record at @p location as another person opens it: on a server, signed in as the login @p login (made,
 * as a superuser of the throwaway server, when it does not exist yet: a test's "other person" needs no role,
 * only a name of their own), since the server names the login in the trail, not the client's claims; a file
 * (whose trail names what the client says) is returned as it is.
 */
QString locationAs(const QString &location, const QString &login);

/**
 * Who the trail of the record at @p location says made a change its client attributed to @p clientActor:
 * the client's word on a file, the signed-in login on a server (its trigger stamps session_user).
 */
QString trailActor(const QString &location, const QString &clientActor);

/** @p onFile or @p onServer, as the record at @p location is a file or a server database (for raw SQL). */
QString engineSql(const QString &location, const QString &onFile, const QString &onServer);

/**
 * The raw statements that let the trail of the record at @p location be altered, as an attacker with the
 * database's owner rights could (SQLite: drop the triggers; PostgreSQL: disable its trigger), to prove that
 * verify finds what they did.
 */
QStringList allowAuditTampering(const QString &location);

/**
 * Raw statements that make every insert into the trail of the record at @p location fail ("injected"), to
 * prove that a change whose audit row fails is rolled back whole; and the statements that undo it.
 */
QStringList failAuditInserts(const QString &location);
QStringList stopFailingAuditInserts(const QString &location);

/** A new record (a file, or a database on the test server) with a Store on a fixed clock. */
struct TestDatabase {
    TestLocation place;
    TempFolder &folder = place.folder;
    QString path = place.location(); ///< the file's path, or the server database's connection string
    std::unique_ptr<Database> database;
    std::unique_ptr<Store> store;

    /** Closes and reopens the record (to prove what was persisted). */
    void reopen();
    /** Closes the record but keeps it (and its folder) for raw edits. */
    void close();
};

std::unique_ptr<TestDatabase> createDatabase(bool demo = false);

/** SHA-256 of a file's bytes (hex), to prove a refused file was left unchanged. */
QByteArray fileSha256(const QString &path);

/**
 * What proves a refused change left a record untouched, on either engine: a file's SHA-256, or for a server
 * database a SHA-256 over every row of every table of its schema (the trail and the schema version included).
 * Empty when there is no such file; for a server, the hash of an empty schema when it holds no tables.
 */
QByteArray recordFingerprint(const QString &location);

/**
 * Whether @p location holds a Quorum record: the file exists, or the server database has Quorum's tables and a
 * trail that is not empty (a bare schema is what a failed copy leaves, and Quorum counts it as no record).
 */
bool recordExists(const QString &location);

/** Writes @p bytes to @p path. */
void writeFile(const QString &path, const QByteArray &bytes);

/**
 * Runs raw SQL on a record outside Quorum (as an attacker or another program would): on a file, or on the
 * server database a connection string names. Throws std::runtime_error when a statement is refused.
 */
void rawSql(const QString &location, const QStringList &statements);

/** The result of running a program. */
struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};

/** Runs the real quorum-cli with @p arguments; QUORUM_NOW pins the date unless @p env says otherwise. */
ProcessResult runCli(const QStringList &arguments, const QProcessEnvironment &env = {});

/** Runs @p what and returns the Error it throws; fails the test when it throws none. */
template<typename Function>
Error errorOf(Function what)
{
    try {
        what();
    } catch (const Error &error) {
        return error;
    }
    ADD_FAILURE() << "no error was thrown";
    return Error(Error::Kind::Storage, QString());
}

/**
 * Runs @p action and returns the kind of the Error it throws (and its message in @p message); Storage
 * when it throws none, a kind no test expects of a refusal.
 */
Error::Kind kindOf(const std::function<void()> &action, QString *message = nullptr);

/** A metric of the unit "%" linked to @p actions, for tests of metrics and their rules. */
Metric metricOf(const QString &name, bool higherIsBetter, double green, double amber,
                const QStringList &actions = {QStringLiteral("E2")});

/** Path of a file under tests/data. */
QString dataPath(const QString &relative);

} // namespace quorum::test
