#include "clitest.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace quorum::test;

namespace {

class Cli : public CliTest {};

} // namespace

TEST_F(Cli, InitCreatesAndRefusesToOverwrite)
{
    ProcessResult result = cli({u"init"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(recordExists(db));
    const QByteArray before = recordFingerprint(db);
    result = cli({u"init"_qs, u"--demo"_qs});
    expectOneLineError(result, 2, alreadyThere());
    EXPECT_EQ(recordFingerprint(db), before);

    const QString other = folder.path(u"notes.txt"_qs);
    writeFile(other, "keep me");
    result = runCli({u"--db"_qs, other, u"init"_qs});
    EXPECT_EQ(result.exitCode, 2);
    QFile file(other);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("keep me"));
}

TEST_F(Cli, GenerateMakesASyntheticOrganisationAndRefusesBadInput)
{
    ProcessResult result = cli({u"generate"_qs, u"--size"_qs, u"medium"_qs});
    expectOneLineError(result, 2, u"small, large, huge"_qs);
    EXPECT_FALSE(recordExists(db));
    result = cli({u"generate"_qs, u"--size"_qs, u"small"_qs, u"--seed"_qs, u"-1"_qs});
    expectOneLineError(result, 2, u"--seed"_qs);
    EXPECT_FALSE(recordExists(db));

    result = cli({u"generate"_qs, u"--size"_qs, u"small"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"500 evidence items"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.err.contains(u"quarter 8 of 8"_qs)) << result.err.toStdString();
    EXPECT_EQ(cli({u"verify"_qs}).exitCode, 0);
    EXPECT_EQ(statusJson().value(u"principles"_qs).toArray().size(), 5);

    const QByteArray before = recordFingerprint(db);
    result = cli({u"generate"_qs, u"--size"_qs, u"small"_qs});
    expectOneLineError(result, 2, alreadyThere());
    EXPECT_EQ(recordFingerprint(db), before);
}

TEST_F(Cli, StatusJsonHasTheDocumentedShape)
{
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}).exitCode, 0);
    const QJsonObject status = statusJson();
    const QJsonArray principles = status.value(u"principles"_qs).toArray();
    ASSERT_EQ(principles.size(), 5);
    int actions = 0;
    for (const QJsonValue &value : principles) {
        const QJsonObject principle = value.toObject();
        EXPECT_TRUE(principle.value(u"id"_qs).isString());
        EXPECT_TRUE(principle.value(u"title"_qs).isString());
        for (const QJsonValue &actionValue : principle.value(u"actions"_qs).toArray()) {
            const QJsonObject action = actionValue.toObject();
            ++actions;
            for (const QString &key : {u"id"_qs, u"text"_qs, u"rating"_qs, u"target"_qs, u"comment"_qs})
                EXPECT_TRUE(action.value(key).isString()) << key.toStdString();
            for (const QString &key : {u"owner"_qs, u"director"_qs})
                EXPECT_TRUE(action.contains(key)) << key.toStdString();
            EXPECT_TRUE(action.value(u"id"_qs).toString().startsWith(principle.value(u"id"_qs).toString()));
        }
    }
    EXPECT_EQ(actions, 22);
    EXPECT_TRUE(status.value(u"posture"_qs).toObject().value(u"score"_qs).isDouble());
    EXPECT_EQ(status.value(u"organisation"_qs).toObject().value(u"name"_qs).toString(),
              u"Northgate Freight Group plc"_qs);
}

TEST_F(Cli, StatusTextNamesEveryAction)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const ProcessResult result = cli({u"status"_qs});
    ASSERT_EQ(result.exitCode, 0);
    for (const QString &id : {u"A1"_qs, u"B4"_qs, u"C3"_qs, u"D2"_qs, u"E5"_qs})
        EXPECT_TRUE(result.out.contains(u"  "_qs + id + u"  "_qs)) << id.toStdString();
    EXPECT_TRUE(result.out.contains(u"Posture score 0/100"_qs)) << result.out.toStdString();
}

TEST_F(Cli, SetChangesEveryFieldAndPersists)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Jane Smith"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Raj Iyer"_qs, u"--role=CISO"_qs}).exitCode, 0);
    const ProcessResult result =
        cli({u"set"_qs, u"a3"_qs, u"--rating"_qs, u"reasonable"_qs, u"--target"_qs, u"substantial"_qs, u"--owner"_qs,
             u"raj iyer"_qs, u"--director"_qs, u"Jane Smith"_qs, u"--due"_qs, u"2026-12-31"_qs, u"--comment"_qs,
             u"Appetite approved <b>by the board</b>"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"unsupported claim"_qs)) << result.out.toStdString();
    const QJsonObject a3 = actionJson(u"A3"_qs);
    EXPECT_EQ(a3.value(u"rating"_qs).toString(), u"reasonable"_qs);
    EXPECT_EQ(a3.value(u"target"_qs).toString(), u"substantial"_qs);
    EXPECT_EQ(a3.value(u"owner"_qs).toString(), u"Raj Iyer"_qs);
    EXPECT_EQ(a3.value(u"director"_qs).toString(), u"Jane Smith"_qs);
    EXPECT_EQ(a3.value(u"due"_qs).toString(), u"2026-12-31"_qs);
    EXPECT_EQ(a3.value(u"comment"_qs).toString(), u"Appetite approved <b>by the board</b>"_qs);

    ASSERT_EQ(cli({u"set"_qs, u"D3"_qs, u"--rating"_qs, u"not-applicable"_qs, u"--justification"_qs,
                   u"No regulated services"_qs})
                  .exitCode,
              0);
    EXPECT_EQ(actionJson(u"D3"_qs).value(u"rating"_qs).toString(), u"not-applicable"_qs);
    ASSERT_EQ(cli({u"set"_qs, u"A3"_qs, u"--owner"_qs, u""_qs}).exitCode, 0);
    EXPECT_TRUE(actionJson(u"A3"_qs).value(u"owner"_qs).isNull());
}

TEST_F(Cli, BadInputGivesExitTwoAndOneLine)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Jane Smith"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Raj Iyer"_qs, u"--role"_qs, u"CISO"_qs}).exitCode, 0);
    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--owner"_qs, u"Jane Smyth"_qs}), 2, u"Jane Smith"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--director"_qs, u"Raj Iyer"_qs}), 2, u"not a board member"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"excellent"_qs}), 2, u"not-assessed"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--due"_qs, u"31/12/2026"_qs}), 2, u"YYYY-MM-DD"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--due"_qs, u"2026-02-30"_qs}), 2, u"YYYY-MM-DD"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"not-applicable"_qs}), 2, u"justification"_qs);
    expectOneLineError(cli({u"set"_qs, u"F9"_qs, u"--rating"_qs, u"limited"_qs}), 2, u"A1 to E5"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs}), 2, u"nothing to change"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--colour"_qs, u"red"_qs}), 2, u"unknown option --colour"_qs);
    expectOneLineError(cli({u"frobnicate"_qs}), 2, u"unknown command"_qs);
    expectOneLineError(cli({u"people"_qs, u"add"_qs, u"No Role"_qs}), 2, u"--role"_qs);
    expectOneLineError(cli({u"people"_qs, u"add"_qs, u"jane smith"_qs, u"--role"_qs, u"NED"_qs}), 2, u"already"_qs);
    expectOneLineError(runCli({}), 2, u"no command"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
}

TEST_F(Cli, UnopenableDatabasesGiveExitThree)
{
    expectOneLineError(cli({u"status"_qs}), 3, notThere());
    const QString foreign = folder.path(u"foreign.sqlite"_qs);
    writeFile(foreign, QByteArray(8192, 'z'));
    expectOneLineError(runCli({u"--db"_qs, foreign, u"status"_qs}), 3, u"not a Quorum database"_qs);

    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    rawSql(db, {engineSql(db, u"PRAGMA user_version = 999"_qs, u"UPDATE quorum_schema SET version = 999"_qs)});
    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"status"_qs}), 3, u"newer version"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs}), 3, u"newer version"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
}

TEST_F(Cli, PeopleListAsTextAndJson)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    ProcessResult result = cli({u"people"_qs, u"list"_qs});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(u"No people"_qs));
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Jane Smith"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs}).exitCode, 0);
    result = cli({u"people"_qs, u"list"_qs, u"--json"_qs});
    ASSERT_EQ(result.exitCode, 0);
    const QJsonArray people = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"people"_qs).toArray();
    ASSERT_EQ(people.size(), 1);
    EXPECT_EQ(people[0].toObject().value(u"name"_qs).toString(), u"Jane Smith"_qs);
    EXPECT_TRUE(people[0].toObject().value(u"board"_qs).toBool());
}

TEST_F(Cli, WithoutDbBothProgramsUseTheSameDefaultFile)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_HOME"_qs, folder.path(u"data"_qs));
    ProcessResult result = runCli({u"init"_qs}, env);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(QFile::exists(folder.path(u"data/quorum/default.quorum"_qs)));
    result = runCli({u"status"_qs}, env);
    EXPECT_EQ(result.exitCode, 0);
}

TEST_F(Cli, VersionAndHelp)
{
    ProcessResult result = runCli({u"--version"_qs});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.startsWith(u"quorum-cli "_qs));
    result = runCli({u"--help"_qs});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(u"Exit codes"_qs));
}
