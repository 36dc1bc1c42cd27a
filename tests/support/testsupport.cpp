#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/samples/demodata.h"
#include "core/storage/serverconnection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include <algorithm>
#include <stdexcept>

namespace quorum::test {

QDate fixedToday()
{
    return QDate(2026, 6, 15);
}

Clock fixedClock()
{
    return Clock(QDateTime(fixedToday(), QTime(12, 0), Qt::UTC));
}

TempFolder::TempFolder()
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot create a temporary folder");
}

QString TempFolder::path(const QString &name) const
{
    return m_dir.filePath(name);
}

bool testsOnServer()
{
    static const bool onServer = qEnvironmentVariable("QUORUM_TEST_ENGINE") == QLatin1String("server");
    return onServer;
}

void takeEngineArgument(int &argc, char **argv)
{
    // CTest's "server." tests run the same program with --quorum-engine=server.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--quorum-engine=server") == 0) {
            qputenv("QUORUM_TEST_ENGINE", "server");
            std::copy(argv + i + 1, argv + argc, argv + i);
            --argc;
            return;
        }
    }
}

TestLocation::TestLocation(const QString &fileName)
{
    if (testsOnServer()) {
        m_server = std::make_unique<TestPostgresDatabase>();
        m_location = m_server->connectionString();
    } else {
        m_location = folder.path(fileName);
    }
}

std::unique_ptr<Database> openTestRecord(const QString &location, Database::Mode mode, const Catalogue &catalogue)
{
    if (ServerConnection::isServer(location))
        return Database::openServer(ServerConnection::parse(location), mode, catalogue);
    return Database::open(location, mode, catalogue);
}

QString engineSql(const QString &location, const QString &onFile, const QString &onServer)
{
    return ServerConnection::isServer(location) ? onServer : onFile;
}

QStringList allowAuditTampering(const QString &location)
{
    if (ServerConnection::isServer(location))
        // The stamp too (migration 8), which would otherwise give a forged row its right place and hash.
        return {QStringLiteral("ALTER TABLE audit DISABLE TRIGGER audit_append_only"),
                QStringLiteral("ALTER TABLE audit DISABLE TRIGGER audit_stamp")};
    return {QStringLiteral("DROP TRIGGER audit_no_update"), QStringLiteral("DROP TRIGGER audit_no_delete")};
}

QStringList failAuditInserts(const QString &location)
{
    if (ServerConnection::isServer(location))
        return {QStringLiteral("CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS "
                               "$$ BEGIN RAISE EXCEPTION 'injected'; END $$"),
                QStringLiteral("CREATE TRIGGER fail_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION "
                               "fail_audit()")};
    return {QStringLiteral("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected'); "
                           "END")};
}

QStringList stopFailingAuditInserts(const QString &location)
{
    if (ServerConnection::isServer(location))
        return {QStringLiteral("DROP TRIGGER fail_audit ON audit"), QStringLiteral("DROP FUNCTION fail_audit()")};
    return {QStringLiteral("DROP TRIGGER fail_audit")};
}

void TestDatabase::reopen()
{
    store.reset();
    database.reset();
    database = openTestRecord(path, Database::Mode::OpenExisting);
    store = std::make_unique<Store>(*database, fixedClock());
}

void TestDatabase::close()
{
    store.reset();
    database.reset();
}

std::unique_ptr<TestDatabase> createDatabase(bool demo)
{
    auto db = std::make_unique<TestDatabase>();
    db->database = openTestRecord(db->path, Database::Mode::CreateNew);
    db->store = std::make_unique<Store>(*db->database, fixedClock());
    db->store->setActor(QStringLiteral("tester"));
    if (demo)
        DemoData::populate(*db->store, fixedToday());
    return db;
}

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write test file");
}

namespace {

/** Runs @p work on a plain connection of its own to @p location (QSQLITE or QPSQL), closed afterwards. */
template<typename Work>
auto withRawConnection(const QString &location, Work work)
{
    const QString name = QUuid::createUuid().toString();
    const auto removeConnection = qScopeGuard([&name] { QSqlDatabase::removeDatabase(name); });
    QSqlDatabase db;
    if (ServerConnection::isServer(location)) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        ServerConnection::parse(location).applyTo(db);
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location);
    }
    const auto closeConnection = qScopeGuard([&db] {
        db.close();
        db = QSqlDatabase();
    });
    if (!db.open())
        throw std::runtime_error("cannot open for raw SQL: " + db.lastError().text().toStdString());
    return work(db);
}

} // namespace

QString locationAs(const QString &location, const QString &login)
{
    if (!ServerConnection::isServer(location))
        return location;
    // Roles belong to the whole server, and test programs run side by side: made once, by whichever is first.
    rawSql(location, {QStringLiteral("DO $$ BEGIN CREATE ROLE \"%1\" LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object "
                                     "OR unique_violation THEN NULL; END $$")
                          .arg(login)});
    static const QRegularExpression user(QStringLiteral("\\buser=\\S+"));
    QString as = location;
    as.replace(user, QStringLiteral("user=%1").arg(login));
    return as;
}

QString trailActor(const QString &location, const QString &clientActor)
{
    if (!ServerConnection::isServer(location))
        return clientActor;
    return ServerConnection::parse(location).value(QStringLiteral("user"));
}

void rawSql(const QString &location, const QStringList &statements)
{
    withRawConnection(location, [&statements](QSqlDatabase &db) {
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                throw std::runtime_error("raw SQL failed: " + query.lastError().text().toStdString() + " in "
                                         + statement.toStdString());
        }
    });
}

QByteArray recordFingerprint(const QString &location)
{
    if (!ServerConnection::isServer(location))
        return fileSha256(location);
    return withRawConnection(location, [](QSqlDatabase &db) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QSqlQuery tables(db);
        if (!tables.exec(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                        "current_schema() ORDER BY table_name COLLATE \"C\"")))
            throw std::runtime_error("cannot list the tables: " + tables.lastError().text().toStdString());
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : std::as_const(names)) {
            QSqlQuery rows(db);
            // Each row as PostgreSQL's own text of it, in that text's order: nothing of a row can change unseen.
            // (Not "ORDER BY 1 COLLATE": that collates the number 1, an error, and would hash no row at all.)
            if (!rows.exec(QStringLiteral("SELECT t::text FROM \"%1\" t ORDER BY t::text COLLATE \"C\"").arg(table)))
                throw std::runtime_error("cannot read " + table.toStdString() + ": "
                                         + rows.lastError().text().toStdString());
            hash.addData(table.toUtf8() + '\n');
            while (rows.next())
                hash.addData(rows.value(0).toString().toUtf8() + '\n');
        }
        return hash.result().toHex();
    });
}

bool recordExists(const QString &location)
{
    if (!ServerConnection::isServer(location))
        return QFile::exists(location);
    return withRawConnection(location, [](QSqlDatabase &db) {
        // As Quorum counts it: a schema whose trail is empty is what a failed copy or init left, not a record.
        QSqlQuery schema(db);
        schema.exec(
            QStringLiteral("SELECT to_regclass('quorum_schema') IS NOT NULL AND to_regclass('audit') IS NOT NULL"));
        if (!schema.next() || !schema.value(0).toBool())
            return false;
        QSqlQuery trail(db);
        trail.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM audit)"));
        return trail.next() && trail.value(0).toBool();
    });
}

ProcessResult runCli(const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    QProcessEnvironment environment = env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    if (!environment.contains(QStringLiteral("QUORUM_NOW")))
        environment.insert(QStringLiteral("QUORUM_NOW"), fixedToday().toString(Qt::ISODate));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(QUORUM_CLI_PATH), arguments);
    ProcessResult result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString dataPath(const QString &relative)
{
    return QStringLiteral(QUORUM_TEST_DATA_DIR "/") + relative;
}

Error::Kind kindOf(const std::function<void()> &action, QString *message)
{
    try {
        action();
    } catch (const Error &error) {
        if (message)
            *message = error.message();
        return error.kind();
    }
    return Error::Kind::Storage;
}

Metric metricOf(const QString &name, bool higherIsBetter, double green, double amber, const QStringList &actions)
{
    Metric metric;
    metric.name = name;
    metric.unit = QStringLiteral("%");
    metric.higherIsBetter = higherIsBetter;
    metric.greenThreshold = green;
    metric.amberThreshold = amber;
    metric.actionIds = actions;
    return metric;
}

} // namespace quorum::test
