#pragma once

#include "core/domain/boardrecords.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/store.h"

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

/** A new database in a temporary folder, with a Store on a fixed clock. */
struct TestDatabase {
    TempFolder folder;
    QString path;
    std::unique_ptr<Database> database;
    std::unique_ptr<Store> store;

    /** Closes and reopens the file (to prove what was persisted). */
    void reopen();
    /** Closes the file but keeps it (and its folder) for raw edits. */
    void close();
};

std::unique_ptr<TestDatabase> createDatabase(bool demo = false);

/** SHA-256 of a file's bytes (hex), to prove a refused file was left unchanged. */
QByteArray fileSha256(const QString &path);

/** Writes @p bytes to @p path. */
void writeFile(const QString &path, const QByteArray &bytes);

/** Runs raw SQL on a file outside Quorum (as an attacker or another program would). */
void rawSql(const QString &path, const QStringList &statements);

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
