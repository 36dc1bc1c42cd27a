#pragma once

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <list>

namespace quorum::test {

/**
 * The base of the CLI tests: a record (a file in a fresh folder, or on the server run an empty database of
 * the test server), and the real quorum-cli run on it.
 */
class CliTest : public ::testing::Test {
protected:
    TestLocation place{QStringLiteral("cli.quorum")};
    TempFolder &folder = place.folder;
    QString db = place.location();
    std::list<TestLocation> otherPlaces;

    /** Where a second record of the test goes, on the same engine as its first: a file @p fileName, or a server
     * database. */
    QString anotherRecord(const QString &fileName) { return otherPlaces.emplace_back(fileName).location(); }

    /** What the CLI says when asked to create a record where one is: a file "already exists", a server "already holds"
     * one. */
    QString alreadyThere() const
    {
        return engineSql(db, QStringLiteral("already exists"), QStringLiteral("already holds a Quorum record"));
    }
    /** What the CLI says of a record that is not there: no such file, or a server database without a record. */
    QString notThere() const
    {
        return engineSql(db, QStringLiteral("does not exist"), QStringLiteral("holds no Quorum record yet"));
    }

    /** Runs quorum-cli on @p database (the test's own when empty). */
    ProcessResult cli(const QStringList &arguments, const QString &database = {})
    {
        return runCli(QStringList{QStringLiteral("--db"), database.isEmpty() ? db : database} + arguments);
    }

    /** Runs a command that must succeed and print a JSON object, and returns the object. */
    QJsonObject json(const QStringList &arguments)
    {
        const ProcessResult result = cli(arguments);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << result.out.toStdString();
        return document.object();
    }

    /** Runs a command that must succeed. */
    void ok(const QStringList &arguments)
    {
        const ProcessResult result = cli(arguments);
        ASSERT_EQ(result.exitCode, 0) << arguments.join(u' ').toStdString() << ": " << result.err.toStdString();
    }

    /** `status --json` of @p database, which must succeed. */
    QJsonObject statusJson(const QString &database = {})
    {
        const ProcessResult result = cli({QStringLiteral("status"), QStringLiteral("--json")}, database);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).object();
    }

    /**
     * One action of `status --json`; empty when there is no such action, or when status is refused (some
     * tests make a database refuse it, and check the refusal themselves).
     */
    QJsonObject actionJson(const QString &id, const QString &database = {})
    {
        const ProcessResult result = cli({QStringLiteral("status"), QStringLiteral("--json")}, database);
        const QJsonObject status = QJsonDocument::fromJson(result.out.toUtf8()).object();
        for (const QJsonValue &principle : status.value(QStringLiteral("principles")).toArray()) {
            for (const QJsonValue &action : principle.toObject().value(QStringLiteral("actions")).toArray()) {
                if (action.toObject().value(QStringLiteral("id")).toString() == id)
                    return action.toObject();
            }
        }
        return {};
    }

    /** The CLI's one way of failing: exit @p code and one line "quorum-cli: ..." that says @p mustContain. */
    void expectOneLineError(const ProcessResult &result, int code, const QString &mustContain)
    {
        EXPECT_EQ(result.exitCode, code) << result.err.toStdString();
        EXPECT_TRUE(result.err.startsWith(QStringLiteral("quorum-cli: "))) << result.err.toStdString();
        EXPECT_EQ(result.err.count(u'\n'), 1) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(mustContain, Qt::CaseInsensitive))
            << "expected \"" << mustContain.toStdString() << "\" in " << result.err.toStdString();
    }
};

} // namespace quorum::test
