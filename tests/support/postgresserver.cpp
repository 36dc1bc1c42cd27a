#include "postgresserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace quorum::test {

namespace {

QString g_ownServerDir; // the folder of a server this process started itself (tests run outside CTest)

void stopOwnServer()
{
    if (!g_ownServerDir.isEmpty())
        QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral(QUORUM_PGCLUSTER_SCRIPT), QStringLiteral("stop"), g_ownServerDir});
}

PostgresServer startOwnServer()
{
    g_ownServerDir = QStringLiteral("/tmp/quorum-pg-%1").arg(QCoreApplication::applicationPid());
    QProcess start;
    start.start(QStringLiteral("bash"),
                {QStringLiteral(QUORUM_PGCLUSTER_SCRIPT), QStringLiteral("start"), g_ownServerDir});
    if (!start.waitForFinished(120000) || start.exitCode() != 0)
        throw std::runtime_error("the throwaway PostgreSQL server did not start: "
                                 + start.readAllStandardError().toStdString());
    std::atexit(stopOwnServer);
    return {g_ownServerDir, QStringLiteral("quorum")};
}

} // namespace

PostgresServer testPostgresServer()
{
    static std::once_flag started;
    static PostgresServer server;
    static std::string failure;
    std::call_once(started, [] {
        // CTest's fixture server, unless QUORUM_TEST_POSTGRES names another; none there: one of our own.
        const QString fixture = qEnvironmentVariable("QUORUM_TEST_POSTGRES", QStringLiteral(QUORUM_TEST_POSTGRES_DIR));
        try {
            server = QDir(fixture).exists(QStringLiteral(".s.PGSQL.5432"))
                         ? PostgresServer{fixture, QStringLiteral("quorum")}
                         : startOwnServer();
        } catch (const std::exception &error) {
            failure = error.what();
        }
    });
    if (!failure.empty())
        throw std::runtime_error(failure);
    if (!QDir(server.socketDir).exists(QStringLiteral(".s.PGSQL.5432")))
        throw std::runtime_error("no PostgreSQL server listens in " + server.socketDir.toStdString()
                                 + " (did the postgres_server_start test run?)");
    return server;
}

QSqlDatabase openPostgres(const PostgresServer &server, const QString &database, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(server.socketDir); // a folder: libpq connects to the unix socket in it
    if (server.port != 0)
        db.setPort(server.port); // the socket's name holds it
    db.setUserName(server.user);
    db.setDatabaseName(database);
    if (!db.open()) {
        const std::string why = db.lastError().text().toStdString();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        throw std::runtime_error("cannot connect to the test server: " + why);
    }
    return db;
}

namespace {

/** Runs pgcluster.sh @p command on @p dir and waits for it; throws std::runtime_error with its output. */
void runClusterScript(const QString &command, const QString &dir, const QString &serverOptions = {},
                      const QStringList &more = {})
{
    QProcess script;
    if (!serverOptions.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QUORUM_PG_OPTIONS"), serverOptions);
        script.setProcessEnvironment(environment);
    }
    script.start(QStringLiteral("bash"), QStringList{QStringLiteral(QUORUM_PGCLUSTER_SCRIPT), command, dir} + more);
    if (!script.waitForFinished(120000) || script.exitStatus() != QProcess::NormalExit || script.exitCode() != 0)
        throw std::runtime_error("pgcluster.sh " + command.toStdString()
                                 + " failed: " + script.readAllStandardError().toStdString());
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on just now: the kernel's pick for a socket bound to port 0,
 * closed again at once. Throws std::runtime_error.
 */
int freeTcpPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw std::runtime_error("cannot make a socket to find a free port");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = 0;
    socklen_t length = sizeof address;
    const bool bound = ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr) == 1
                       && ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
                       && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    ::close(fd);
    if (!bound)
        throw std::runtime_error("cannot find a free TCP port on 127.0.0.1");
    return ntohs(address.sin_port);
}

/** Runs one statement on the server's maintenance database (CREATE and DROP DATABASE cannot be prepared). */
void administer(const PostgresServer &server, const QString &statement)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("quorum-test-admin-%1").arg(counter++);
    {
        QSqlDatabase db = openPostgres(server, QStringLiteral("postgres"), name);
        QSqlQuery query(db);
        const bool done = query.exec(statement);
        const QString why = query.lastError().text();
        query.finish();
        db.close();
        if (!done) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw std::runtime_error(statement.toStdString() + ": " + why.toStdString());
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

TestPostgresDatabase::TestPostgresDatabase()
    : m_server(testPostgresServer())
{
    static std::atomic<int> counter{0};
    // Unique across the test processes CTest runs side by side: the process id and a count.
    m_name = QStringLiteral("quorum_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(counter++);
    administer(m_server, QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0").arg(m_name));
}

TestPostgresDatabase::~TestPostgresDatabase()
{
    try {
        administer(m_server, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    } catch (const std::exception &) {
        // The server is gone (a fault test stopped it): the whole cluster is deleted at the end anyway.
    }
}

QString TestPostgresDatabase::connectionString() const
{
    return QStringLiteral("host=%1 user=%2 dbname=%3").arg(m_server.socketDir, m_server.user, m_name);
}

QString TestPostgresDatabase::connectionStringWithPasswordLogin() const
{
    // Roles belong to the whole server, and test programs run side by side: made once, by whichever comes first.
    administer(m_server, QStringLiteral("DO $$ BEGIN CREATE ROLE quorum_password_user LOGIN PASSWORD '%1'; "
                                        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
                             .arg(kPasswordUserPassword));
    administer(m_server, QStringLiteral("ALTER DATABASE %1 OWNER TO quorum_password_user").arg(m_name));
    return QStringLiteral("host=%1 user=quorum_password_user dbname=%2").arg(m_server.socketDir, m_name);
}

TestPostgresCluster::TestPostgresCluster(Unstarted)
{
    static std::atomic<int> counter{0};
    m_server = {QStringLiteral("/tmp/quorum-pgc-%1-%2").arg(QCoreApplication::applicationPid()).arg(counter++),
                QStringLiteral("quorum")};
}

TestPostgresCluster::TestPostgresCluster(const QString &serverOptions)
    : TestPostgresCluster(Unstarted{})
{
    runClusterScript(QStringLiteral("start"), m_server.socketDir, serverOptions);
}

std::unique_ptr<TestPostgresCluster> TestPostgresCluster::standbyOf(const TestPostgresCluster &primary)
{
    std::unique_ptr<TestPostgresCluster> standby(new TestPostgresCluster(Unstarted{}));
    runClusterScript(QStringLiteral("standby"), standby->m_server.socketDir, {}, {primary.m_server.socketDir});
    return standby;
}

std::unique_ptr<TestPostgresCluster> TestPostgresCluster::withTls(const QString &certificateFile,
                                                                  const QString &keyFile)
{
    std::unique_ptr<TestPostgresCluster> cluster(new TestPostgresCluster(Unstarted{}));
    cluster->m_server.port = freeTcpPort();
    runClusterScript(QStringLiteral("start-tls"), cluster->m_server.socketDir, {},
                     {QString::number(cluster->m_server.port), certificateFile, keyFile});
    return cluster;
}

void TestPostgresCluster::promote() const
{
    runClusterScript(QStringLiteral("promote"), m_server.socketDir);
}

TestPostgresCluster::~TestPostgresCluster()
{
    try {
        runClusterScript(QStringLiteral("stop"), m_server.socketDir);
    } catch (const std::exception &) {
        // Nothing more can be done in a destructor; the folder is in /tmp.
    }
}

QString TestPostgresCluster::createDatabase(const QString &name) const
{
    administer(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0").arg(name));
    QString connection = QStringLiteral("host=%1 user=%2 dbname=%3").arg(m_server.socketDir, m_server.user, name);
    if (m_server.port != 0)
        connection += QStringLiteral(" port=%1").arg(m_server.port);
    return connection;
}

void TestPostgresCluster::administer(const QString &statement) const
{
    quorum::test::administer(m_server, statement);
}

void TestPostgresCluster::halt() const
{
    runClusterScript(QStringLiteral("halt"), m_server.socketDir);
}

void TestPostgresCluster::resume() const
{
    runClusterScript(QStringLiteral("resume"), m_server.socketDir);
}

QStringList TestPostgresCluster::scriptArguments(const QString &command) const
{
    return {QStringLiteral(QUORUM_PGCLUSTER_SCRIPT), command, m_server.socketDir};
}

} // namespace quorum::test
