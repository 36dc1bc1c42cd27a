#include "clitest.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

class CliEvidence : public CliTest {
protected:
    QString writeEvidence(const QString &name, const QByteArray &bytes)
    {
        const QString path = folder.path(name);
        writeFile(path, bytes);
        return path;
    }
};

QString sha(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

TEST_F(CliEvidence, AddAFileAndALinkThenListThem)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const QByteArray strategy("Cyber strategy 2025-2028");
    const QString path = writeEvidence(u"Cyber strategy 2025.pdf"_qs, strategy);
    ProcessResult result =
        cli({u"evidence"_qs, u"add"_qs, path, u"--actions"_qs, u"b1, B2,b4"_qs, u"--type"_qs, u"strategy"_qs,
             u"--source=management"_qs, u"--effective"_qs, u"2026-01-01"_qs, u"--review-by"_qs, u"2026-07-01"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(sha(strategy))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"B1, B2, B4"_qs)) << result.out.toStdString();

    result = cli({u"evidence"_qs, u"add"_qs, u"https://intranet.example/minutes/42"_qs, u"--actions"_qs, u"E1"_qs,
                  u"--title"_qs, u"Board minutes, May"_qs, u"--type"_qs, u"Board minutes"_qs, u"--source"_qs,
                  u"internal-audit"_qs, u"--review-by"_qs, u"2026-06-14"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    result = cli({u"evidence"_qs, u"add"_qs, u"HTTPS://intranet.example/policy"_qs, u"--actions"_qs, u"C2"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();

    const QJsonArray items = json({u"evidence"_qs, u"list"_qs, u"--json"_qs}).value(u"evidence"_qs).toArray();
    ASSERT_EQ(items.size(), 3);
    const QJsonObject file = items[0].toObject();
    EXPECT_EQ(file.value(u"id"_qs).toInt(), 1);
    EXPECT_EQ(file.value(u"title"_qs).toString(), u"Cyber strategy 2025"_qs); // the file's base name
    EXPECT_EQ(file.value(u"type"_qs).toString(), u"strategy"_qs);
    EXPECT_EQ(file.value(u"source"_qs).toString(), u"management"_qs);
    EXPECT_EQ(file.value(u"effective"_qs).toString(), u"2026-01-01"_qs);
    EXPECT_EQ(file.value(u"reviewBy"_qs).toString(), u"2026-07-01"_qs);
    EXPECT_EQ(file.value(u"status"_qs).toString(), u"expiring"_qs); // within 30 days of 2026-06-15
    EXPECT_EQ(file.value(u"actions"_qs).toArray(), QJsonArray::fromStringList({u"B1"_qs, u"B2"_qs, u"B4"_qs}));
    EXPECT_EQ(file.value(u"file"_qs).toString(), u"Cyber strategy 2025.pdf"_qs);
    EXPECT_TRUE(file.value(u"url"_qs).isNull());
    EXPECT_EQ(file.value(u"sha256"_qs).toString(), sha(strategy));
    EXPECT_EQ(file.value(u"size"_qs).toInt(), strategy.size());
    EXPECT_EQ(file.value(u"revision"_qs).toInt(), 1);
    EXPECT_TRUE(file.value(u"added"_qs).isString());

    const QJsonObject link = items[1].toObject();
    EXPECT_EQ(link.value(u"title"_qs).toString(), u"Board minutes, May"_qs);
    EXPECT_EQ(link.value(u"type"_qs).toString(), u"board-minutes"_qs);
    EXPECT_EQ(link.value(u"source"_qs).toString(), u"internal-audit"_qs);
    EXPECT_EQ(link.value(u"status"_qs).toString(), u"expired"_qs);
    EXPECT_EQ(link.value(u"url"_qs).toString(), u"https://intranet.example/minutes/42"_qs);
    EXPECT_TRUE(link.value(u"sha256"_qs).isNull());
    EXPECT_TRUE(link.value(u"file"_qs).isNull());
    EXPECT_TRUE(link.value(u"effective"_qs).isNull());

    const QJsonObject defaults = items[2].toObject();
    EXPECT_EQ(defaults.value(u"type"_qs).toString(), u"other"_qs);
    EXPECT_EQ(defaults.value(u"status"_qs).toString(), u"current"_qs); // no review-by date: never expires
    EXPECT_TRUE(defaults.value(u"reviewBy"_qs).isNull());

    result = cli({u"evidence"_qs, u"list"_qs});
    ASSERT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(sha(strategy))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"expiring"_qs));
    EXPECT_TRUE(result.out.contains(u"expired"_qs));
    EXPECT_TRUE(result.out.contains(u"https://intranet.example/minutes/42"_qs));

    // The evidence counts towards its actions.
    const QJsonObject status = json({u"status"_qs, u"--json"_qs});
    for (const QJsonValue &principle : status.value(u"principles"_qs).toArray()) {
        for (const QJsonValue &action : principle.toObject().value(u"actions"_qs).toArray()) {
            if (action.toObject().value(u"id"_qs).toString() == u"B4"_qs) {
                EXPECT_EQ(action.toObject().value(u"evidence"_qs).toObject().value(u"expiring"_qs).toInt(), 1);
            }
        }
    }
}

TEST_F(CliEvidence, EmptyListSaysHowToAdd)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const ProcessResult result = cli({u"evidence"_qs, u"list"_qs});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(u"evidence add"_qs));
    EXPECT_EQ(json({u"evidence"_qs, u"list"_qs, u"--json"_qs}).value(u"evidence"_qs).toArray().size(), 0);
}

TEST_F(CliEvidence, BadInputGivesExitTwoOneLineAndChangesNothing)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const QString path = writeEvidence(u"report.pdf"_qs, "report");
    const QByteArray before = recordFingerprint(db);
    const QStringList add{u"evidence"_qs, u"add"_qs};
    expectOneLineError(cli(add + QStringList{path}), 2, u"--actions is required"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u","_qs}), 2, u"--actions is required"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1,Z9"_qs}), 2, u"A1 to E5"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--type"_qs, u"memo"_qs}), 2,
                       u"board-minutes"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--source"_qs, u"gossip"_qs}), 2,
                       u"internal-audit"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--review-by"_qs, u"next year"_qs}), 2,
                       u"YYYY-MM-DD"_qs);
    expectOneLineError(cli(add
                           + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--effective"_qs, u"2026-05-01"_qs,
                                         u"--review-by"_qs, u"2026-04-01"_qs}),
                       2, u"before the effective date"_qs);
    expectOneLineError(cli(add + QStringList{folder.path(u"missing.pdf"_qs), u"--actions"_qs, u"A1"_qs}), 2,
                       u"does not exist"_qs);
    expectOneLineError(cli(add + QStringList{folder.root(), u"--actions"_qs, u"A1"_qs}), 2, u"folder"_qs);
    expectOneLineError(cli(add + QStringList{u"https://"_qs, u"--actions"_qs, u"A1"_qs}), 2, u"not a web link"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--title"_qs, u"   "_qs}), 2,
                       u"needs a title"_qs);
    expectOneLineError(cli(add + QStringList{path, u"--actions"_qs, u"A1"_qs, u"--colour"_qs, u"red"_qs}), 2,
                       u"unknown option --colour"_qs);
    expectOneLineError(cli(add + QStringList{path, path, u"--actions"_qs, u"A1"_qs}), 2, u"evidence add"_qs);
    expectOneLineError(cli(add), 2, u"evidence add"_qs);
    expectOneLineError(cli({u"evidence"_qs}), 2, u"evidence list"_qs);
    expectOneLineError(cli({u"evidence"_qs, u"remove"_qs}), 2, u"evidence list"_qs);
    expectOneLineError(cli({u"evidence"_qs, u"list"_qs, u"--yaml"_qs}), 2, u"unknown option"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
}

TEST_F(CliEvidence, AnOversizedFileIsRefusedAndNothingIsStored)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const QString path = folder.path(u"huge.iso"_qs);
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_TRUE(file.resize(200LL * 1024 * 1024 + 1)); // sparse
    }
    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"evidence"_qs, u"add"_qs, path, u"--actions"_qs, u"A1"_qs}), 2, u"200 MB"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
    EXPECT_EQ(json({u"evidence"_qs, u"list"_qs, u"--json"_qs}).value(u"evidence"_qs).toArray().size(), 0);
}

TEST_F(CliEvidence, LogJsonHasTheDocumentedShapeAndFilters)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"Jane Smith"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs}).exitCode, 0);
    ASSERT_EQ(
        cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs, u"--comment"_qs, u"Line one\nLine two"_qs}).exitCode,
        0);
    ASSERT_EQ(cli({u"set"_qs, u"B2"_qs, u"--director"_qs, u"Jane Smith"_qs}).exitCode, 0);
    const QString path = writeEvidence(u"register.csv"_qs, "service,tier\nwms,1\n");
    ASSERT_EQ(cli({u"evidence"_qs, u"add"_qs, path, u"--actions"_qs, u"A1,A5"_qs}).exitCode, 0);

    const QJsonArray all = json({u"log"_qs, u"--json"_qs}).value(u"entries"_qs).toArray();
    ASSERT_GE(all.size(), 6);
    qint64 previous = 0;
    for (const QJsonValue &value : all) {
        const QJsonObject entry = value.toObject();
        EXPECT_TRUE(entry.value(u"id"_qs).isDouble());
        EXPECT_GT(entry.value(u"id"_qs).toInteger(), previous); // oldest first
        previous = entry.value(u"id"_qs).toInteger();
        // QUORUM_NOW pins the time of changes (the catalogue row written by init keeps the real time).
        if (entry.value(u"entity"_qs).toString() != u"catalogue"_qs) {
            EXPECT_TRUE(entry.value(u"at"_qs).toString().startsWith(u"2026-06-15T"_qs))
                << entry.value(u"at"_qs).toString().toStdString();
        }
        for (const QString &key : {u"actor"_qs, u"entity"_qs, u"entityId"_qs, u"field"_qs, u"old"_qs, u"new"_qs})
            EXPECT_TRUE(entry.value(key).isString()) << key.toStdString();
        EXPECT_TRUE(entry.contains(u"actingAs"_qs));
        EXPECT_EQ(entry.value(u"hash"_qs).toString().size(), 64);
    }

    const QJsonArray a1 = json({u"log"_qs, u"--json"_qs, u"--action"_qs, u"a1"_qs}).value(u"entries"_qs).toArray();
    bool sawComment = false;
    bool sawEvidence = false;
    for (const QJsonValue &value : a1) {
        const QJsonObject entry = value.toObject();
        const QString entity = entry.value(u"entity"_qs).toString();
        EXPECT_TRUE(entity == u"assessment"_qs || entity == u"evidence"_qs) << entity.toStdString();
        if (entity == u"assessment"_qs) {
            EXPECT_EQ(entry.value(u"entityId"_qs).toString(), u"A1"_qs);
        }
        if (entry.value(u"field"_qs).toString() == u"commentary"_qs) {
            sawComment = true;
            EXPECT_EQ(entry.value(u"new"_qs).toString(), u"Line one\nLine two"_qs);
        }
        sawEvidence = sawEvidence || entity == u"evidence"_qs;
    }
    EXPECT_TRUE(sawComment);
    EXPECT_TRUE(sawEvidence);

    const QJsonArray jane =
        json({u"log"_qs, u"--json"_qs, u"--person"_qs, u"JANE SMITH"_qs}).value(u"entries"_qs).toArray();
    ASSERT_EQ(jane.size(), 2); // added, and made director of B2
    EXPECT_EQ(jane[1].toObject().value(u"field"_qs).toString(), u"director"_qs);

    const QJsonArray last = json({u"log"_qs, u"--json"_qs, u"--limit"_qs, u"1"_qs}).value(u"entries"_qs).toArray();
    ASSERT_EQ(last.size(), 1);
    EXPECT_EQ(last[0].toObject().value(u"id"_qs).toInteger(), previous);
    qsizetype onTheDay = 0;
    qsizetype later = 0;
    for (const QJsonValue &value : all) {
        const QString day = value.toObject().value(u"at"_qs).toString().left(10);
        onTheDay += day == u"2026-06-15"_qs ? 1 : 0;
        later += day > u"2026-06-15"_qs ? 1 : 0;
    }
    EXPECT_GE(onTheDay, 6);
    EXPECT_EQ(json({u"log"_qs, u"--json"_qs, u"--from"_qs, u"2026-06-16"_qs}).value(u"entries"_qs).toArray().size(),
              later);
    EXPECT_EQ(json({u"log"_qs, u"--json"_qs, u"--from"_qs, u"2026-06-15"_qs, u"--to"_qs, u"2026-06-15"_qs})
                  .value(u"entries"_qs)
                  .toArray()
                  .size(),
              onTheDay);
    EXPECT_EQ(json({u"log"_qs, u"--json"_qs, u"--to"_qs, u"2026-06-14"_qs}).value(u"entries"_qs).toArray().size(),
              all.size() - onTheDay - later);

    const ProcessResult text = cli({u"log"_qs, u"--action"_qs, u"A1"_qs});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(u"assessment A1  rating: not-assessed -> limited"_qs)) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(u"Line one Line two"_qs)); // one line per change

    expectOneLineError(cli({u"log"_qs, u"--limit"_qs, u"0"_qs}), 2, u"--limit"_qs);
    expectOneLineError(cli({u"log"_qs, u"--limit"_qs, u"ten"_qs}), 2, u"--limit"_qs);
    expectOneLineError(cli({u"log"_qs, u"--action"_qs, u"Z9"_qs}), 2, u"A1 to E5"_qs);
    expectOneLineError(cli({u"log"_qs, u"--from"_qs, u"2026-13-01"_qs}), 2, u"YYYY-MM-DD"_qs);
    expectOneLineError(cli({u"log"_qs, u"--from"_qs, u"2026-06-10"_qs, u"--to"_qs, u"2026-06-01"_qs}), 2,
                       u"before --from"_qs);
    expectOneLineError(cli({u"log"_qs, u"extra"_qs}), 2, u"log"_qs);
}

TEST_F(CliEvidence, VerifyPassesOnAnIntactDatabase)
{
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}).exitCode, 0);
    const ProcessResult result = cli({u"verify"_qs});
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"hash chain intact"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"every file matches its SHA-256"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"integrity check ok"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"kept for the dashboard match the register"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"All checks passed"_qs));
    EXPECT_TRUE(result.err.isEmpty());
}

TEST_F(CliEvidence, VerifyNamesTheFirstEditedAuditRow)
{
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}).exitCode, 0);
    rawSql(db, allowAuditTampering(db) << u"UPDATE audit SET new_value = 'substantial' WHERE id = 40"_qs
                                       << u"UPDATE audit SET old_value = 'none' WHERE id = 75"_qs);
    const ProcessResult result = cli({u"verify"_qs});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"FAILED at row 40"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"altered"_qs)) << result.out.toStdString();
    EXPECT_FALSE(result.out.contains(u"All checks passed"_qs));
    EXPECT_TRUE(result.out.contains(u"every file matches"_qs)); // the other checks still ran
    expectOneLineError(result, 1, u"audit row 40"_qs);
}

TEST_F(CliEvidence, VerifyNamesEvidenceCountsThatDisagreeWithTheRegister)
{
    // The dashboard's totals are kept in the file; someone editing it outside Quorum could make them lie.
    ASSERT_EQ(cli({u"init"_qs, u"--demo"_qs}).exitCode, 0);
    rawSql(db, {u"UPDATE evidence_tally SET n = n + 5 WHERE subject = 'A1'"_qs,
                u"INSERT INTO evidence_tally (subject, n) VALUES ('Z9', 2)"_qs});
    const ProcessResult result = cli({u"verify"_qs});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"Evidence counts: FAILED"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"A1: kept"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"Z9: kept 2, counted 0"_qs)) << result.out.toStdString();
    EXPECT_FALSE(result.out.contains(u"A2: kept"_qs)) << result.out.toStdString();
    expectOneLineError(result, 1, u"evidence counts"_qs);
}

TEST_F(CliEvidence, VerifyNamesEvidenceWhoseFileWasAltered)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    const QString path = writeEvidence(u"opinion.txt"_qs, "Reasonable assurance");
    ASSERT_EQ(
        cli({u"evidence"_qs, u"add"_qs, path, u"--actions"_qs, u"E4"_qs, u"--title"_qs, u"Internal audit opinion"_qs})
            .exitCode,
        0);
    const QString other = writeEvidence(u"untouched.txt"_qs, "Untouched");
    ASSERT_EQ(cli({u"evidence"_qs, u"add"_qs, other, u"--actions"_qs, u"E4"_qs}).exitCode, 0);
    rawSql(db, {u"UPDATE blob SET data = %1 WHERE sha256 = '%2'"_qs.arg(
                   engineSql(db, u"CAST('Substantial assurance' AS BLOB)"_qs, u"'Substantial assurance'::bytea"_qs),
                   sha("Reasonable assurance"))});
    const ProcessResult result = cli({u"verify"_qs});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"hash chain intact"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"evidence 1 \"Internal audit opinion\""_qs)) << result.out.toStdString();
    EXPECT_FALSE(result.out.contains(u"evidence 2"_qs)) << result.out.toStdString();
    expectOneLineError(result, 1, u"Internal audit opinion"_qs);
    expectOneLineError(cli({u"verify"_qs, u"--fix"_qs}), 2, u"unknown option"_qs);
}

TEST_F(CliEvidence, HelpListsTheNewCommands)
{
    const ProcessResult result = runCli({u"--help"_qs});
    ASSERT_EQ(result.exitCode, 0);
    for (const QString &text : {u"evidence add FILE|URL --actions"_qs, u"evidence list [--json]"_qs,
                                u"log [--json] [--action A1] [--person NAME]"_qs, u"verify"_qs})
        EXPECT_TRUE(result.out.contains(text)) << text.toStdString();
}

TEST_F(CliEvidence, SaveWritesACheckedCopyOfALargeFileAndNeverHalfOne)
{
    ASSERT_EQ(cli({u"init"_qs}).exitCode, 0);
    // Larger than one chunk of storage (1 MB), with bytes that differ along the file.
    QByteArray bytes(3 * 1024 * 1024 + 777, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7 + i / 1000);
    const QString path = writeEvidence(u"pen test.pdf"_qs, bytes);
    ASSERT_EQ(cli({u"evidence"_qs, u"add"_qs, path, u"--actions"_qs, u"D1"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"evidence"_qs, u"add"_qs, u"https://example.org/policy"_qs, u"--actions"_qs, u"A1"_qs}).exitCode,
              0);

    const QString copy = folder.path(u"copy.pdf"_qs);
    ProcessResult result = cli({u"evidence"_qs, u"save"_qs, u"1"_qs, copy});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"sha256 checked"_qs)) << result.out.toStdString();
    EXPECT_EQ(fileSha256(copy), sha(bytes).toLatin1());

    expectOneLineError(cli({u"evidence"_qs, u"save"_qs, u"1"_qs, copy}), 2, u"never overwrites"_qs);
    EXPECT_EQ(fileSha256(copy), sha(bytes).toLatin1());
    const QString other = folder.path(u"other.pdf"_qs);
    expectOneLineError(cli({u"evidence"_qs, u"save"_qs, u"2"_qs, other}), 2, u"is a link"_qs);
    expectOneLineError(cli({u"evidence"_qs, u"save"_qs, u"9"_qs, other}), 2, u"does not exist"_qs);
    expectOneLineError(cli({u"evidence"_qs, u"save"_qs, u"first"_qs, other}), 2, u"not an evidence id"_qs);

    // A chunk changed outside Quorum: nothing is saved under the name, and the damage is reported.
    rawSql(db, {u"UPDATE blob_chunk SET data = %1 WHERE seq = 2"_qs.arg(
                   engineSql(db, u"CAST('forged' AS BLOB)"_qs, u"'forged'::bytea"_qs))});
    expectOneLineError(cli({u"evidence"_qs, u"save"_qs, u"1"_qs, other}), 3, u"no longer matches its SHA-256"_qs);
    EXPECT_FALSE(QFile::exists(other));
    EXPECT_EQ(QDir(folder.root()).entryList(QDir::Files | QDir::Hidden).filter(u"other"_qs), QStringList());
}
