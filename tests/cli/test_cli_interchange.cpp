#include "clitest.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace quorum::test;

namespace {

class CliInterchange : public CliTest {
protected:
    void SetUp() override { ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}).exitCode, 0); }
};

} // namespace

TEST_F(CliInterchange, ExportRefusesToOverwriteUnlessForced)
{
    const QString csv = folder.path(u"actions.csv"_qs);
    ProcessResult result = cli({u"export"_qs, csv});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(result.out, u"Exported 36 actions to %1\n"_qs.arg(csv));
    const QByteArray first = fileSha256(csv);
    writeFile(csv, "keep me");
    expectOneLineError(cli({u"export"_qs, csv}), 2, u"already exists; add --force"_qs);
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("keep me"));
    file.close();
    EXPECT_EQ(cli({u"export"_qs, csv, u"--force"_qs}).exitCode, 0);
    EXPECT_EQ(fileSha256(csv), first);

    expectOneLineError(cli({u"export"_qs, folder.path(u"x.ods"_qs)}), 2, u".csv, .xlsx or .json"_qs);
    expectOneLineError(cli({u"export"_qs, folder.path(u"x.csv"_qs), u"--what"_qs, u"all"_qs}), 2,
                       u"a CSV file holds one table"_qs);
    expectOneLineError(cli({u"export"_qs, folder.path(u"x.json"_qs), u"--what"_qs, u"actions"_qs}), 2,
                       u"always the whole database"_qs);
    expectOneLineError(cli({u"export"_qs, db, u"--force"_qs}), 2, u"the database itself"_qs);
    expectOneLineError(runCli({u"--db"_qs, folder.path(u"none.quorum"_qs), u"export"_qs, folder.path(u"y.csv"_qs)}), 3,
                       u"does not exist"_qs);
}

TEST_F(CliInterchange, ExportsEvidenceAndWorkbooks)
{
    const QString evidence = folder.path(u"evidence.csv"_qs);
    ProcessResult result = cli({u"export"_qs, evidence, u"--what"_qs, u"evidence"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    QFile file(evidence);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBF"
                                 "ID,Title,Type,Source,Effective date,Review by,Status,Actions"));
    const QString xlsx = folder.path(u"all.xlsx"_qs);
    result = cli({u"export"_qs, xlsx});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.startsWith(u"Exported 36 actions and "_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"pieces of evidence"_qs));
}

TEST_F(CliInterchange, ImportDryRunChangesNothingThenImportApplies)
{
    const QString csv = folder.path(u"changes.csv"_qs);
    writeFile(csv, "id,rating,commentary\nA2,substantial,\"=cmd|' /C calc'!A0\"\nA3,none,Honest\n");
    const QByteArray before = recordFingerprint(db);
    ProcessResult result = cli({u"import"_qs, csv, u"--dry-run"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"A2 (line 2):\n  rating: "_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"Dry run of %1: 2 action(s) would change"_qs.arg(csv)))
        << result.out.toStdString();
    EXPECT_EQ(recordFingerprint(db), before);

    result = cli({u"import"_qs, csv});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"Imported %1: 2 action(s) changed"_qs.arg(csv))) << result.out.toStdString();
    EXPECT_EQ(actionJson(u"A2"_qs).value(u"rating"_qs).toString(), u"substantial"_qs);
    EXPECT_EQ(actionJson(u"A2"_qs).value(u"comment"_qs).toString(), u"=cmd|' /C calc'!A0"_qs);
    EXPECT_EQ(actionJson(u"A3"_qs).value(u"rating"_qs).toString(), u"none"_qs);

    // Exported again, the formula is inert.
    const QString out = folder.path(u"out.csv"_qs);
    ASSERT_EQ(cli({u"export"_qs, out}).exitCode, 0);
    QFile file(out);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().contains(",'=cmd|' /C calc'!A0,"));
    EXPECT_EQ(cli({u"verify"_qs}).exitCode, 0);
}

TEST_F(CliInterchange, ValidationErrorsOneLineOnStderrAllOnStdout)
{
    const QString csv = folder.path(u"bad.csv"_qs);
    writeFile(csv, "id,rating,owner\nA1,excellent,\nA1,limited,\nB1,limited,Nobody Here\n");
    const QByteArray before = recordFingerprint(db);
    const ProcessResult result = cli({u"import"_qs, csv});
    expectOneLineError(result, 2, u"has 3 problems"_qs);
    EXPECT_TRUE(result.err.contains(u"First: line 2, column rating: \"excellent\" is not a rating"_qs))
        << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"  line 2, column rating: "_qs));
    EXPECT_TRUE(result.out.contains(u"  line 3, column id: action A1 appears again"_qs));
    EXPECT_TRUE(result.out.contains(u"  line 4, column owner: 1 person is not recorded: \"Nobody Here\""_qs));
    EXPECT_EQ(recordFingerprint(db), before);

    writeFile(csv, "id,owner\nB1,Nobody Here\n");
    expectOneLineError(cli({u"import"_qs, csv}), 2, u"line 2, column owner: 1 person is not recorded"_qs);
    expectOneLineError(cli({u"import"_qs, folder.path(u"missing.csv"_qs)}), 2, u"does not exist"_qs);
    writeFile(csv, "owner\nJo\n");
    expectOneLineError(cli({u"import"_qs, csv}), 2, u"there is no id column"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
}

TEST_F(CliInterchange, CreatePeople)
{
    const QString csv = folder.path(u"people.csv"_qs);
    writeFile(csv, "id,owner,director\nB1,Nobody Here,New Director\n");
    const ProcessResult dry = cli({u"import"_qs, csv, u"--create-people"_qs, u"--dry-run"_qs});
    ASSERT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.contains(u"Would add Nobody Here (executive)"_qs)) << dry.out.toStdString();
    EXPECT_TRUE(dry.out.contains(u"Would add New Director (board member)"_qs));
    const ProcessResult result = cli({u"import"_qs, csv, u"--create-people"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(actionJson(u"B1"_qs).value(u"owner"_qs).toString(), u"Nobody Here"_qs);
    EXPECT_EQ(actionJson(u"B1"_qs).value(u"director"_qs).toString(), u"New Director"_qs);
    const ProcessResult people = cli({u"people"_qs, u"list"_qs, u"--json"_qs});
    EXPECT_TRUE(people.out.contains(u"Director (added by import)"_qs));
}

TEST_F(CliInterchange, XlsxRoundTrip)
{
    const QString xlsx = folder.path(u"register.xlsx"_qs);
    ASSERT_EQ(cli({u"export"_qs, xlsx}).exitCode, 0);
    ProcessResult result = cli({u"import"_qs, xlsx, u"--dry-run"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"0 action(s) would change, 36 unchanged"_qs)) << result.out.toStdString();
    result = cli({u"import"_qs, xlsx, u"--sheet"_qs, u"Nope"_qs});
    expectOneLineError(result, 2, u"no worksheet \"Nope\"; the worksheets are Actions, Evidence"_qs);
}

TEST_F(CliInterchange, JsonBackupIntoANewDatabase)
{
    QUORUM_FILE_ONLY("JSON backups are of files (CliServer's tests prove a server refuses them)");
    const QString json = folder.path(u"backup.json"_qs);
    ProcessResult result = cli({u"export"_qs, json});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.startsWith(u"Exported the whole database ("_qs)) << result.out.toStdString();

    const QString copy = anotherRecord(u"copy.quorum"_qs);
    result = cli({u"import"_qs, json, u"--dry-run"_qs}, copy);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_FALSE(recordExists(copy));

    result = cli({u"import"_qs, json}, copy);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"the audit trail of"_qs)) << result.out.toStdString();
    EXPECT_EQ(cli({u"status"_qs, u"--json"_qs}, copy).out, cli({u"status"_qs, u"--json"_qs}).out);
    EXPECT_EQ(cli({u"verify"_qs}, copy).exitCode, 0);

    // Never over records: the copy now has them, and so has the original.
    const QByteArray before = recordFingerprint(copy);
    expectOneLineError(cli({u"import"_qs, json}, copy), 2, u"already holds records"_qs);
    EXPECT_EQ(recordFingerprint(copy), before);
    // An empty database made by init is fine.
    const QString empty = anotherRecord(u"empty.quorum"_qs);
    ASSERT_EQ(cli({u"init"_qs}, empty).exitCode, 0);
    EXPECT_EQ(cli({u"import"_qs, json}, empty).exitCode, 0);
    // A broken backup leaves no new file behind.
    const QString broken = folder.path(u"broken.json"_qs);
    writeFile(broken, "{\"format\": \"quorum-backup\", \"formatVersion\": 1, \"quorumSchemaVersion\": 1}");
    const QString never = anotherRecord(u"never.quorum"_qs);
    expectOneLineError(cli({u"import"_qs, broken}, never), 2, u"the backup is of the catalogue"_qs);
    EXPECT_FALSE(recordExists(never));
    expectOneLineError(cli({u"import"_qs, json, u"--create-people"_qs}, never), 2, u"are for .csv and .xlsx"_qs);
}
