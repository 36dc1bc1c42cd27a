#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace quorum::test {

/**
 * Where the test server listens, and as whom to connect: a unix socket folder, never the network (a TLS
 * cluster, TestPostgresCluster::withTls, also listens on 127.0.0.1, at the same port as its socket).
 */
struct PostgresServer {
    QString socketDir;
    QString user;
    int port = 0; ///< 0: libpq's default (5432)
};

/**
 * The throwaway PostgreSQL 15 server of this test run (tests/tools/pgcluster.sh). Under CTest it is the one
 * the postgres_server_start fixture started (in QUORUM_TEST_POSTGRES_DIR, or the folder the environment
 * variable QUORUM_TEST_POSTGRES names); when none listens there, as for a test program run by hand, it
 * starts one of its own on first use and stops it when the program exits. Throws
 * std::runtime_error saying why when there is none (PostgreSQL 15 not installed, the server not starting).
 */
PostgresServer testPostgresServer();

/** Opens a connection called @p connectionName (QPSQL) to @p database on @p server. Throws std::runtime_error. */
QSqlDatabase openPostgres(const PostgresServer &server, const QString &database, const QString &connectionName);

/**
 * A database of its own on the test server for one test: created empty, dropped (with any connection
 * still open to it) when this goes out of scope, so tests never see each other's rows.
 */
class TestPostgresDatabase {
public:
    TestPostgresDatabase();
    ~TestPostgresDatabase();
    TestPostgresDatabase(const TestPostgresDatabase &) = delete;
    TestPostgresDatabase &operator=(const TestPostgresDatabase &) = delete;

    const PostgresServer &server() const { return m_server; }
    const QString &name() const { return m_name; }
    /** The libpq connection string of the database ("host=/tmp/quorum-pg-... user=quorum dbname=..."). */
    QString connectionString() const;
    /**
     * Makes the database belong to the role that must sign in with a password (tests/tools/pgcluster.sh
     * lets only that one, quorum_password_user, ask for a password) and returns the connection string as that
     * role, without the password (kPasswordUserPassword).
     */
    QString connectionStringWithPasswordLogin() const;
    static inline const QString kPasswordUserPassword = QStringLiteral("board-secret-42");

private:
    PostgresServer m_server;
    QString m_name;
};

/**
 * A PostgreSQL 15 server of one test's own (tests/tools/pgcluster.sh), for the tests that stop it, crash it or
 * promote a standby: the shared test server must not go away under the other tests running beside them.
 * Started in a fresh folder of /tmp by the constructor (with @p serverOptions added to the postgres command
 * line, e.g. "-c synchronous_commit=on"), deleted with everything in it by the destructor, also when the test
 * failed. Throws std::runtime_error when it cannot start.
 */
class TestPostgresCluster {
public:
    explicit TestPostgresCluster(const QString &serverOptions = {});
    /** A streaming hot standby of @p primary (pg_basebackup -R), started, in a folder of its own. */
    static std::unique_ptr<TestPostgresCluster> standbyOf(const TestPostgresCluster &primary);
    /**
     * A cluster that also listens on 127.0.0.1, at a free port (server().port), for TLS connections only
     * (pgcluster.sh start-tls), presenting the certificate in the PEM file @p certificateFile, whose key is in
     * @p keyFile. Its unix socket is still there for administer() and createDatabase().
     */
    static std::unique_ptr<TestPostgresCluster> withTls(const QString &certificateFile, const QString &keyFile);
    ~TestPostgresCluster();
    TestPostgresCluster(const TestPostgresCluster &) = delete;
    TestPostgresCluster &operator=(const TestPostgresCluster &) = delete;

    const PostgresServer &server() const { return m_server; }
    /**
     * Creates an empty database @p name (throws std::runtime_error) and returns its connection string (on the
     * unix socket).
     */
    QString createDatabase(const QString &name) const;
    /** Runs one statement as the cluster's owner on its maintenance database. Throws std::runtime_error. */
    void administer(const QString &statement) const;
    /** Stops the server at once, as a crash would (pg_ctl stop -m immediate). Throws std::runtime_error. */
    void halt() const;
    /** Starts a halted server again; it recovers from its write-ahead log first. Throws std::runtime_error. */
    void resume() const;
    /** Promotes a standby to a primary that accepts writes (pg_ctl promote). Throws std::runtime_error. */
    void promote() const;
    /** pgcluster.sh @p command on this cluster, started and not waited for (a halt at a random moment). */
    QStringList scriptArguments(const QString &command) const;

private:
    struct Unstarted {};
    explicit TestPostgresCluster(Unstarted);

    PostgresServer m_server;
};

} // namespace quorum::test
