#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/samples/demodata.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

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

void TestDatabase::reopen()
{
    store.reset();
    database.reset();
    database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
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
    db->path = db->folder.path(QStringLiteral("test.quorum"));
    db->database = Database::open(db->path, Database::Mode::CreateNew, Catalogue::builtIn());
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

void rawSql(const QString &path, const QStringList &statements)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            throw std::runtime_error("cannot open for raw SQL");
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                throw std::runtime_error("raw SQL failed: " + query.lastError().text().toStdString() + " in "
                                         + statement.toStdString());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
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
