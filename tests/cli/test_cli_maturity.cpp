#include "clitest.h"

using namespace quorum;
using namespace quorum::test;

// Maturity in quorum-cli (issue 18): the organisation command that turns tracking on and off, set's maturity
// options, and what status, review diff, export and import show of it; on a file and, on the server run, on the
// throwaway server.

namespace {

class CliMaturity : public CliTest {
protected:
    /** The rows of `log --json` about @p entity @p entityId, as "field: old -> new". */
    QStringList trail(const QString &entity, const QString &entityId)
    {
        QStringList rows;
        for (const QJsonValue &value : json({u"log"_qs, u"--json"_qs}).value(u"entries"_qs).toArray()) {
            const QJsonObject entry = value.toObject();
            if (entry.value(u"entity"_qs).toString() == entity && entry.value(u"entityId"_qs).toString() == entityId)
                rows << u"%1: %2 -> %3"_qs.arg(entry.value(u"field"_qs).toString(), entry.value(u"old"_qs).toString(),
                                               entry.value(u"new"_qs).toString());
        }
        return rows;
    }

    /** Every item object of `status --json`, of every framework followed. */
    QList<QJsonObject> allItems()
    {
        QList<QJsonObject> items;
        for (const QJsonValue &framework : statusJson().value(u"frameworks"_qs).toArray()) {
            for (const QJsonValue &group : framework.toObject().value(u"principles"_qs).toArray()) {
                for (const QJsonValue &item : group.toObject().value(u"actions"_qs).toArray())
                    items << item.toObject();
            }
        }
        return items;
    }
};

const QStringList kMaturityKeys{u"maturity"_qs, u"maturityTarget"_qs, u"maturityAssessed"_qs, u"maturityAssessor"_qs};

} // namespace

TEST_F(CliMaturity, OrganisationShowsAndChangesItsSettingsInOneAuditedChange)
{
    ok({u"init"_qs});
    ProcessResult result = cli({u"organisation"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"Maturity tracked: no (turn it on with 'quorum-cli organisation "
                                    "--track-maturity on')"_qs))
        << result.out.toStdString();
    QJsonObject organisation = json({u"organisation"_qs, u"--json"_qs}).value(u"organisation"_qs).toObject();
    EXPECT_FALSE(organisation.value(u"trackMaturity"_qs).toBool());
    EXPECT_TRUE(organisation.value(u"trackMaturity"_qs).isBool());
    const QString name = organisation.value(u"name"_qs).toString();
    EXPECT_FALSE(name.isEmpty());

    result = cli({u"organisation"_qs, u"--name"_qs, u"Acme Holdings plc"_qs, u"--marking"_qs, u"OFFICIAL-SENSITIVE"_qs,
                  u"--track-maturity"_qs, u"ON"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.startsWith(u"Organisation: name \"%1\" -> \"Acme Holdings plc\""_qs.arg(name)))
        << result.out.toStdString();
    EXPECT_TRUE(
        result.out.contains(u"; marking \"OFFICIAL\" -> \"OFFICIAL-SENSITIVE\"; maturity tracking off -> on\n"_qs))
        << result.out.toStdString();
    result = cli({u"organisation"_qs});
    EXPECT_EQ(result.out, u"Name: Acme Holdings plc\nMarking: OFFICIAL-SENSITIVE\nMaturity tracked: yes\n"_qs)
        << result.out.toStdString();
    const QStringList rows = trail(u"organisation"_qs, u"1"_qs);
    EXPECT_TRUE(rows.contains(u"name: %1 -> Acme Holdings plc"_qs.arg(name))) << rows.join(u'\n').toStdString();
    EXPECT_TRUE(rows.contains(u"marking: OFFICIAL -> OFFICIAL-SENSITIVE"_qs)) << rows.join(u'\n').toStdString();
    EXPECT_TRUE(rows.contains(u"track maturity: off -> on"_qs)) << rows.join(u'\n').toStdString();

    // The same again changes nothing and adds no trail row; --json says what changed.
    QJsonObject again = json({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs, u"--json"_qs});
    EXPECT_TRUE(again.value(u"changed"_qs).toArray().isEmpty());
    EXPECT_TRUE(again.value(u"organisation"_qs).toObject().value(u"trackMaturity"_qs).toBool());
    EXPECT_EQ(trail(u"organisation"_qs, u"1"_qs), rows);
    again = json({u"organisation"_qs, u"--track-maturity=off"_qs, u"--json"_qs});
    EXPECT_EQ(again.value(u"changed"_qs).toArray(), QJsonArray{u"trackMaturity"_qs});
    EXPECT_FALSE(again.value(u"organisation"_qs).toObject().value(u"trackMaturity"_qs).toBool());
    EXPECT_EQ(cli({u"organisation"_qs, u"--track-maturity"_qs, u"off"_qs}).out, u"Organisation: nothing changed\n"_qs);

    // Refused, changing nothing: a word that is not on or off, an empty name, an argument.
    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"organisation"_qs, u"--track-maturity"_qs, u"yes please"_qs}), 2,
                       u"--track-maturity: \"yes please\" is neither on nor off"_qs);
    expectOneLineError(cli({u"organisation"_qs, u"--track-maturity"_qs}), 2, u"--track-maturity needs a value"_qs);
    expectOneLineError(cli({u"organisation"_qs, u"--name"_qs, u""_qs, u"--track-maturity"_qs, u"on"_qs}), 2,
                       u"needs a name"_qs);
    expectOneLineError(cli({u"organisation"_qs, u"Acme"_qs}), 2, u"usage: quorum-cli"_qs);
    EXPECT_EQ(recordFingerprint(db), before);
    EXPECT_TRUE(cli({u"--help"_qs}).out.contains(u"organisation [--json] [--name NAME]"_qs));
}

TEST_F(CliMaturity, SetRefusesMaturityWhileItIsNotTrackedAndChangesNothing)
{
    ok({u"init"_qs});
    const QByteArray before = recordFingerprint(db);
    const QString turnOn = u"quorum-cli organisation --track-maturity on"_qs;
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity"_qs, u"2"_qs}), 2, turnOn);
    // Not even the other changes of the same command are made.
    expectOneLineError(
        cli({u"set"_qs, u"a1"_qs, u"--rating"_qs, u"limited"_qs, u"--maturity-assessor"_qs, u"internal"_qs}), 2,
        turnOn);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity-target"_qs, u""_qs}), 2, turnOn);
    EXPECT_EQ(recordFingerprint(db), before);
    EXPECT_EQ(actionJson(u"A1"_qs).value(u"rating"_qs).toString(), u"not-assessed"_qs);
}

TEST_F(CliMaturity, SetRecordsEveryMaturityFieldWithTheRestInOneChange)
{
    ok({u"init"_qs});
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs});
    ProcessResult result =
        cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs, u"--maturity"_qs, u"2"_qs, u"--maturity-target"_qs,
             u"3"_qs, u"--maturity-assessed"_qs, u"2026-06-01"_qs, u"--maturity-assessor"_qs, u"Independent"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(
        u"A1: maturity 2 Managed, target 3 Defined, assessed 2026-06-01 (Independent appraisal)\n"_qs))
        << result.out.toStdString();

    QJsonObject a1 = actionJson(u"A1"_qs);
    EXPECT_EQ(a1.value(u"rating"_qs).toString(), u"limited"_qs);
    EXPECT_EQ(a1.value(u"maturity"_qs).toInt(-1), 2);
    EXPECT_EQ(a1.value(u"maturityTarget"_qs).toInt(-1), 3);
    EXPECT_EQ(a1.value(u"maturityAssessed"_qs).toString(), u"2026-06-01"_qs);
    EXPECT_EQ(a1.value(u"maturityAssessor"_qs).toString(), u"independent"_qs);
    const QStringList rows = trail(u"assessment"_qs, u"A1"_qs);
    EXPECT_EQ(rows,
              (QStringList{u"rating: not-assessed -> limited"_qs, u"maturity:  -> 2"_qs, u"maturity target:  -> 3"_qs,
                           u"maturity assessed:  -> 2026-06-01"_qs, u"maturity assessor:  -> independent"_qs}));

    // Refused with the store's or the option's reason, changing nothing.
    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity"_qs, u"7"_qs}), 2,
                       u"7 is not a maturity level of A1; its levels are 0 to 5 (CMMI)"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"reasonable"_qs, u"--maturity-target"_qs, u"-1"_qs}),
                       2, u"-1 is not a maturity level of A1"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity"_qs, u"Defined"_qs}), 2,
                       u"--maturity: \"Defined\" is not a maturity level"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity-assessor"_qs, u"auditor"_qs}), 2,
                       u"--maturity-assessor: \"auditor\" is not an assessor"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity-assessed"_qs, u"2026-06-16"_qs}), 2, u"after today"_qs);
    expectOneLineError(cli({u"set"_qs, u"A1"_qs, u"--maturity-assessed"_qs, u"01/06/2026"_qs}), 2, u"YYYY-MM-DD"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    // "none" and an empty value clear.
    ok({u"set"_qs, u"A1"_qs, u"--maturity"_qs, u"none"_qs, u"--maturity-assessor"_qs, u""_qs});
    a1 = actionJson(u"A1"_qs);
    EXPECT_TRUE(a1.value(u"maturity"_qs).isNull());
    EXPECT_TRUE(a1.value(u"maturityAssessor"_qs).isNull());
    EXPECT_EQ(a1.value(u"maturityTarget"_qs).toInt(-1), 3);
    EXPECT_EQ(trail(u"assessment"_qs, u"A1"_qs).mid(rows.size()),
              (QStringList{u"maturity: 2 -> "_qs, u"maturity assessor: independent -> "_qs}));
}

TEST_F(CliMaturity, StatusShowsMaturityOnlyWhileItIsTracked)
{
    ok({u"init"_qs});
    const ProcessResult textBefore = cli({u"status"_qs});
    const ProcessResult jsonBefore = cli({u"status"_qs, u"--json"_qs});
    ASSERT_EQ(textBefore.exitCode, 0);
    EXPECT_FALSE(textBefore.out.contains(u"aturity"_qs)) << textBefore.out.toStdString();
    EXPECT_FALSE(jsonBefore.out.contains(u"aturity"_qs)) << jsonBefore.out.toStdString();

    ok({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs});
    ok({u"set"_qs, u"B2"_qs, u"--maturity"_qs, u"1"_qs, u"--maturity-target"_qs, u"4"_qs, u"--maturity-assessed"_qs,
        u"2026-05-20"_qs, u"--maturity-assessor"_qs, u"internal"_qs});
    const QJsonObject status = statusJson();
    EXPECT_TRUE(status.value(u"organisation"_qs).toObject().value(u"trackMaturity"_qs).toBool());
    const QList<QJsonObject> items = allItems();
    ASSERT_EQ(items.size(), 22);
    for (const QJsonObject &item : items) {
        for (const QString &key : kMaturityKeys)
            EXPECT_TRUE(item.contains(key))
                << item.value(u"id"_qs).toString().toStdString() << " " << key.toStdString();
    }
    const QJsonObject b2 = actionJson(u"B2"_qs);
    EXPECT_EQ(b2.value(u"maturity"_qs).toInt(-1), 1);
    EXPECT_EQ(b2.value(u"maturityTarget"_qs).toInt(-1), 4);
    EXPECT_EQ(b2.value(u"maturityAssessed"_qs).toString(), u"2026-05-20"_qs);
    EXPECT_EQ(b2.value(u"maturityAssessor"_qs).toString(), u"internal"_qs);
    const QJsonObject a1 = actionJson(u"A1"_qs);
    for (const QString &key : kMaturityKeys)
        EXPECT_TRUE(a1.value(key).isNull()) << key.toStdString();
    const QJsonArray scale =
        status.value(u"frameworks"_qs).toArray()[0].toObject().value(u"maturityScale"_qs).toArray();
    ASSERT_EQ(scale.size(), 6);
    EXPECT_EQ(scale[3].toObject().value(u"name"_qs).toString(), u"Defined"_qs);
    const ProcessResult text = cli({u"status"_qs});
    EXPECT_TRUE(text.out.contains(u"Maturity levels 0 to 5 (CMMI)\n"_qs)) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(
        u"\n      maturity 1 Initial, target 4 Quantitatively Managed, assessed 2026-05-20 (Internal assessment)\n"_qs))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(u"\n      maturity (none), target (none)\n"_qs)) << text.out.toStdString();

    // Off again: what was recorded is kept, and status is exactly as it was before tracking was ever on.
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"off"_qs});
    EXPECT_EQ(cli({u"status"_qs}).out, textBefore.out);
    EXPECT_EQ(cli({u"status"_qs, u"--json"_qs}).out, jsonBefore.out);
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs});
    EXPECT_EQ(actionJson(u"B2"_qs).value(u"maturity"_qs).toInt(-1), 1);
}

TEST_F(CliMaturity, ReviewDiffListsMaturityChangesWhileTracked)
{
    ok({u"init"_qs});
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs});
    ok({u"set"_qs, u"C1"_qs, u"--maturity"_qs, u"2"_qs, u"--maturity-target"_qs, u"3"_qs});
    ok({u"review"_qs, u"create"_qs, u"Board June 2026"_qs, u"--date"_qs, u"2026-06-01"_qs});
    ok({u"set"_qs, u"C1"_qs, u"--maturity"_qs, u"3"_qs, u"--maturity-target"_qs, u"4"_qs});

    ProcessResult result = cli({u"review"_qs, u"diff"_qs, u"Board June 2026"_qs, u"now"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"  C1  Maturity changed: 2 Managed -> 3 Defined\n"_qs))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"  C1  Target maturity changed: 3 Defined -> 4 Quantitatively Managed\n"_qs))
        << result.out.toStdString();
    QJsonArray changes =
        json({u"review"_qs, u"diff"_qs, u"Board June 2026"_qs, u"now"_qs, u"--json"_qs}).value(u"changes"_qs).toArray();
    QStringList kinds;
    for (const QJsonValue &change : changes) {
        const QJsonObject object = change.toObject();
        kinds << u"%1 %2: %3 -> %4"_qs.arg(object.value(u"action"_qs).toString(), object.value(u"change"_qs).toString(),
                                           object.value(u"before"_qs).toString(), object.value(u"after"_qs).toString());
    }
    EXPECT_EQ(kinds, (QStringList{u"C1 maturity: 2 Managed -> 3 Defined"_qs,
                                  u"C1 maturity-target: 3 Defined -> 4 Quantitatively Managed"_qs}));

    ok({u"organisation"_qs, u"--track-maturity"_qs, u"off"_qs});
    result = cli({u"review"_qs, u"diff"_qs, u"Board June 2026"_qs, u"now"_qs});
    EXPECT_TRUE(result.out.contains(u"No changes."_qs)) << result.out.toStdString();
}

TEST_F(CliMaturity, RegistersCarryMaturityOnlyWhileTrackedAndImportBackUnchanged)
{
    ok({u"init"_qs});
    const QString plain = folder.path(u"plain.csv"_qs);
    ok({u"export"_qs, plain});
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"on"_qs});
    ok({u"set"_qs, u"D1"_qs, u"--maturity"_qs, u"4"_qs, u"--maturity-target"_qs, u"5"_qs, u"--maturity-assessed"_qs,
        u"2026-04-30"_qs, u"--maturity-assessor"_qs, u"independent"_qs});

    for (const QString &name : {u"register.csv"_qs, u"register.xlsx"_qs}) {
        const QString path = folder.path(name);
        ok({u"export"_qs, path, u"--what"_qs, u"actions"_qs});
        const ProcessResult result = cli({u"import"_qs, path, u"--dry-run"_qs});
        ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
        EXPECT_TRUE(result.out.contains(u"0 action(s) would change, 22 unchanged"_qs)) << result.out.toStdString();
        EXPECT_FALSE(result.out.contains(u"Warning"_qs)) << result.out.toStdString();
    }
    QFile csv(folder.path(u"register.csv"_qs));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    EXPECT_TRUE(text.contains(u",Maturity,Target maturity,Maturity assessed,Maturity assessor\r\n"_qs));
    EXPECT_TRUE(text.contains(u",4,5,2026-04-30,independent\r\n"_qs)) << text.toStdString();

    // A change made in the file goes in through the store, audited.
    writeFile(folder.path(u"change.csv"_qs), "id,maturity level,maturity target\nD1,Optimizing,\n");
    ProcessResult result = cli({u"import"_qs, folder.path(u"change.csv"_qs)});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"  maturity: \"4 Quantitatively Managed\" -> \"5 Optimizing\"\n"_qs))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"  maturity target: \"5 Optimizing\" -> (none)\n"_qs)) << result.out.toStdString();
    EXPECT_EQ(actionJson(u"D1"_qs).value(u"maturity"_qs).toInt(-1), 5);
    EXPECT_TRUE(actionJson(u"D1"_qs).value(u"maturityTarget"_qs).isNull());
    EXPECT_TRUE(trail(u"assessment"_qs, u"D1"_qs).contains(u"maturity: 4 -> 5"_qs));

    // A level off the scale names its line and column; nothing changes.
    QByteArray before = recordFingerprint(db);
    writeFile(folder.path(u"bad.csv"_qs), "id,maturity\nD1,3\nD2,9\n");
    expectOneLineError(
        cli({u"import"_qs, folder.path(u"bad.csv"_qs)}), 2,
        u"line 3, column maturity: \"9\" is not a maturity level of D2; its levels are 0 to 5 (CMMI)"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    // Off: the register is as it was before tracking was on, and a file's maturity columns are ignored.
    ok({u"organisation"_qs, u"--track-maturity"_qs, u"off"_qs});
    const QString again = folder.path(u"again.csv"_qs);
    ok({u"export"_qs, again});
    QFile first(plain);
    QFile second(again);
    ASSERT_TRUE(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
    EXPECT_EQ(second.readAll(), first.readAll());
    before = recordFingerprint(db);
    const ProcessResult ignored = cli({u"import"_qs, folder.path(u"register.csv"_qs)});
    EXPECT_EQ(ignored.exitCode, 0) << ignored.err.toStdString();
    EXPECT_TRUE((ignored.out + ignored.err).contains(u"were ignored: the organisation does not track maturity"_qs))
        << ignored.out.toStdString() << ignored.err.toStdString();
    EXPECT_EQ(recordFingerprint(db), before) << "the register matches what is recorded: nothing to change";
}
