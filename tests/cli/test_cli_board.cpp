#include "clitest.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace quorum::test;

namespace {

class CliBoard : public CliTest {
protected:
    QJsonObject reviewNamed(const QString &name)
    {
        for (const QJsonValue &value : json({u"review"_qs, u"list"_qs, u"--json"_qs}).value(u"reviews"_qs).toArray()) {
            if (value.toObject().value(u"name"_qs).toString() == name)
                return value.toObject();
        }
        return {};
    }
};

QStringList rulesOf(const QJsonArray &items)
{
    QStringList rules;
    for (const QJsonValue &item : items)
        rules << item.toObject().value(u"rule"_qs).toString();
    return rules;
}

} // namespace

TEST_F(CliBoard, ReviewCreateListDiffAndSign)
{
    ok({u"init"_qs});
    ok({u"people"_qs, u"add"_qs, u"Helen Marsh"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs});
    ok({u"people"_qs, u"add"_qs, u"Raj Iyer"_qs, u"--role"_qs, u"CISO"_qs});
    ok({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"limited"_qs});
    ProcessResult result = cli({u"review"_qs, u"create"_qs, u"Board March 2026"_qs, u"--date"_qs, u"2026-03-10"_qs,
                                u"--decisions"_qs, u"Approve the plan"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"22 actions frozen"_qs)) << result.out.toStdString();
    ok({u"set"_qs, u"A1"_qs, u"--rating"_qs, u"reasonable"_qs, u"--owner"_qs, u"Raj Iyer"_qs});
    ok({u"review"_qs, u"create"_qs, u"Board June 2026"_qs}); // dated today

    QJsonObject june = reviewNamed(u"Board June 2026"_qs);
    EXPECT_EQ(june.value(u"meetingDate"_qs).toString(), fixedToday().toString(Qt::ISODate));
    EXPECT_FALSE(june.value(u"signed"_qs).toBool());
    EXPECT_TRUE(june.value(u"signedBy"_qs).isNull());
    EXPECT_TRUE(june.value(u"score"_qs).isDouble());
    EXPECT_EQ(reviewNamed(u"Board March 2026"_qs).value(u"decisions"_qs).toString(), u"Approve the plan"_qs);

    // Names match case-insensitively; TO may be "now".
    QJsonObject diff = json({u"review"_qs, u"diff"_qs, u"board march 2026"_qs, u"BOARD JUNE 2026"_qs, u"--json"_qs});
    EXPECT_EQ(diff.value(u"from"_qs).toObject().value(u"name"_qs).toString(), u"Board March 2026"_qs);
    EXPECT_EQ(diff.value(u"to"_qs).toObject().value(u"name"_qs).toString(), u"Board June 2026"_qs);
    QJsonArray changes = diff.value(u"changes"_qs).toArray();
    ASSERT_EQ(changes.size(), 2);
    EXPECT_EQ(changes[0].toObject().value(u"action"_qs).toString(), u"A1"_qs);
    EXPECT_EQ(changes[0].toObject().value(u"change"_qs).toString(), u"rating-up"_qs);
    EXPECT_EQ(changes[0].toObject().value(u"before"_qs).toString(), u"Limited"_qs);
    EXPECT_EQ(changes[0].toObject().value(u"after"_qs).toString(), u"Reasonable"_qs);
    EXPECT_EQ(changes[1].toObject().value(u"change"_qs).toString(), u"owner"_qs);
    EXPECT_TRUE(rulesOf(diff.value(u"newAttention"_qs).toArray()).contains(u"unsupported-claim"_qs));

    ok({u"set"_qs, u"A2"_qs, u"--rating"_qs, u"substantial"_qs});
    diff = json({u"review"_qs, u"diff"_qs, u"Board June 2026"_qs, u"now"_qs, u"--json"_qs});
    EXPECT_EQ(diff.value(u"to"_qs).toObject().value(u"name"_qs).toString(), u"now"_qs);
    EXPECT_EQ(diff.value(u"to"_qs).toObject().value(u"date"_qs).toString(), fixedToday().toString(Qt::ISODate));
    changes = diff.value(u"changes"_qs).toArray();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes[0].toObject().value(u"action"_qs).toString(), u"A2"_qs);
    result = cli({u"review"_qs, u"diff"_qs, u"Board March 2026"_qs, u"now"_qs});
    ASSERT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(u"A1  Rating up: Limited -> Reasonable"_qs)) << result.out.toStdString();

    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"review"_qs, u"sign"_qs, u"Board March 2026"_qs, u"--by"_qs, u"Raj Iyer"_qs}), 2,
                       u"not a board member"_qs);
    expectOneLineError(cli({u"review"_qs, u"sign"_qs, u"Board Marsh 2026"_qs, u"--by"_qs, u"Helen Marsh"_qs}), 2,
                       u"closest: Board March 2026"_qs);
    expectOneLineError(cli({u"review"_qs, u"sign"_qs, u"Board March 2026"_qs}), 2, u"--by"_qs);
    expectOneLineError(cli({u"review"_qs, u"diff"_qs, u"Board March 2026"_qs, u"Board Jnue 2026"_qs}), 2,
                       u"Board June 2026"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    result = cli({u"review"_qs, u"sign"_qs, u"board march 2026"_qs, u"--by"_qs, u"helen marsh"_qs, u"--minute"_qs,
                  u"BM/2026/06 item 4"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"Helen Marsh"_qs));
    const QJsonObject march = reviewNamed(u"Board March 2026"_qs);
    EXPECT_TRUE(march.value(u"signed"_qs).toBool());
    EXPECT_EQ(march.value(u"signedBy"_qs).toString(), u"Helen Marsh"_qs);
    EXPECT_EQ(march.value(u"minuteRef"_qs).toString(), u"BM/2026/06 item 4"_qs);
    EXPECT_TRUE(march.value(u"signedAt"_qs).toString().startsWith(fixedToday().toString(Qt::ISODate)));
    expectOneLineError(cli({u"review"_qs, u"sign"_qs, u"Board March 2026"_qs, u"--by"_qs, u"Helen Marsh"_qs}), 2,
                       u"was signed off on"_qs);
    expectOneLineError(cli({u"review"_qs, u"create"_qs, u"board june 2026"_qs}), 2, u"already exists"_qs);
    expectOneLineError(cli({u"review"_qs, u"create"_qs, u"Board July"_qs, u"--date"_qs, u"July"_qs}), 2,
                       u"YYYY-MM-DD"_qs);
    expectOneLineError(cli({u"review"_qs, u"frobnicate"_qs}), 2, u"review create"_qs);
}

TEST_F(CliBoard, ReviewSetDateCorrectsTheMeetingUntilSignedOff)
{
    ok({u"init"_qs});
    ok({u"people"_qs, u"add"_qs, u"Helen Marsh"_qs, u"--role"_qs, u"Chair"_qs, u"--board"_qs});
    ok({u"review"_qs, u"create"_qs, u"Board March 2026"_qs, u"--date"_qs, u"2026-03-01"_qs});

    ProcessResult result = cli({u"review"_qs, u"set-date"_qs, u"board march 2026"_qs, u"--date"_qs, u"2026-03-10"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"from 2026-03-01 to 2026-03-10"_qs)) << result.out.toStdString();
    EXPECT_EQ(reviewNamed(u"Board March 2026"_qs).value(u"meetingDate"_qs).toString(), u"2026-03-10"_qs);
    result = cli({u"log"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"meeting date"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"2026-03-01"_qs) && result.out.contains(u"2026-03-10"_qs));

    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"review"_qs, u"set-date"_qs, u"Board March 2026"_qs}), 2, u"--date"_qs);
    expectOneLineError(cli({u"review"_qs, u"set-date"_qs, u"Board March 2026"_qs, u"--date"_qs, u"2026-02-30"_qs}), 2,
                       u"YYYY-MM-DD"_qs);
    expectOneLineError(cli({u"review"_qs, u"set-date"_qs, u"Board Marsh 2026"_qs, u"--date"_qs, u"2026-03-10"_qs}), 2,
                       u"closest: Board March 2026"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    ok({u"review"_qs, u"sign"_qs, u"Board March 2026"_qs, u"--by"_qs, u"Helen Marsh"_qs});
    const QByteArray signedFile = recordFingerprint(db);
    expectOneLineError(cli({u"review"_qs, u"set-date"_qs, u"Board March 2026"_qs, u"--date"_qs, u"2026-03-12"_qs}), 2,
                       u"was signed off on"_qs);
    EXPECT_EQ(recordFingerprint(db), signedFile);
    EXPECT_EQ(reviewNamed(u"Board March 2026"_qs).value(u"meetingDate"_qs).toString(), u"2026-03-10"_qs);
}

TEST_F(CliBoard, AttentionJsonHasTheDocumentedShape)
{
    ok({u"init"_qs, u"--demo"_qs});
    const QJsonArray items = json({u"attention"_qs, u"--json"_qs}).value(u"items"_qs).toArray();
    ASSERT_GT(items.size(), 5);
    // The demo tracks maturity (issue 18), so its rule is among them.
    const QStringList known{u"unowned"_qs,
                            u"unsupported-claim"_qs,
                            u"expired-evidence"_qs,
                            u"rating-fell"_qs,
                            u"overdue-target"_qs,
                            u"no-exercise"_qs,
                            u"no-formal-report"_qs,
                            u"director-training"_qs,
                            u"metric-out-of-tolerance"_qs,
                            u"maturity-below-target"_qs};
    int previousSeverity = 1;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        EXPECT_EQ(item.keys(),
                  (QStringList{u"detail"_qs, u"rule"_qs, u"severity"_qs, u"subject"_qs, u"subjectKind"_qs}));
        EXPECT_TRUE(known.contains(item.value(u"rule"_qs).toString()))
            << item.value(u"rule"_qs).toString().toStdString();
        EXPECT_FALSE(item.value(u"subject"_qs).toString().isEmpty());
        EXPECT_FALSE(item.value(u"detail"_qs).toString().isEmpty());
        const int severity = item.value(u"severity"_qs).toInt();
        EXPECT_GE(severity, previousSeverity);
        previousSeverity = severity;
    }
    const QStringList rules = rulesOf(items);
    EXPECT_EQ(rules.count(u"metric-out-of-tolerance"_qs), 1);
    EXPECT_EQ(rules.count(u"director-training"_qs), 2);
    EXPECT_EQ(rules.count(u"no-exercise"_qs), 0);

    const ProcessResult text = cli({u"attention"_qs});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(u"need the board's attention"_qs));
    EXPECT_TRUE(text.out.contains(u"[high] metric-out-of-tolerance  Tier 1 suppliers with current assurance: "_qs))
        << text.out.toStdString();
}

TEST_F(CliBoard, MetricAddRecordAndList)
{
    ok({u"init"_qs});
    ProcessResult result =
        cli({u"metric"_qs, u"add"_qs, u"Phishing click rate"_qs, u"--unit"_qs, u"%"_qs, u"--green"_qs, u"5"_qs,
             u"--amber"_qs, u"8"_qs, u"--lower-is-better"_qs, u"--actions"_qs, u"c4,E2"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"at or below 5 %"_qs)) << result.out.toStdString();
    ok({u"metric"_qs, u"add"_qs, u"Patching"_qs, u"--unit"_qs, u"%"_qs, u"--green=95"_qs, u"--amber=90"_qs,
        u"--actions"_qs, u"A1"_qs});

    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"metric"_qs, u"add"_qs, u"Backwards"_qs, u"--unit"_qs, u"%"_qs, u"--green"_qs, u"80"_qs,
                            u"--amber"_qs, u"90"_qs, u"--actions"_qs, u"E2"_qs}),
                       2, u"higher is better"_qs);
    expectOneLineError(cli({u"metric"_qs, u"add"_qs, u"No actions"_qs, u"--unit"_qs, u"%"_qs, u"--green"_qs, u"1"_qs,
                            u"--amber"_qs, u"0"_qs}),
                       2, u"--actions"_qs);
    expectOneLineError(cli({u"metric"_qs, u"add"_qs, u"Word"_qs, u"--unit"_qs, u"%"_qs, u"--green"_qs, u"high"_qs,
                            u"--amber"_qs, u"0"_qs, u"--actions"_qs, u"E2"_qs}),
                       2, u"not a number"_qs);
    expectOneLineError(cli({u"metric"_qs, u"add"_qs, u"patching"_qs, u"--unit"_qs, u"%"_qs, u"--green"_qs, u"1"_qs,
                            u"--amber"_qs, u"0"_qs, u"--actions"_qs, u"E2"_qs}),
                       2, u"already exists"_qs);
    expectOneLineError(cli({u"metric"_qs, u"record"_qs, u"Pathcing"_qs, u"97"_qs}), 2, u"closest: Patching"_qs);
    expectOneLineError(cli({u"metric"_qs, u"record"_qs, u"Patching"_qs, u"lots"_qs}), 2, u"not a number"_qs);
    expectOneLineError(cli({u"metric"_qs, u"record"_qs, u"Patching"_qs, u"97"_qs, u"--date"_qs, u"2026-06-16"_qs}), 2,
                       u"after today"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    result = cli({u"metric"_qs, u"record"_qs, u"phishing click rate"_qs, u"9.5"_qs, u"--date"_qs, u"2026-05-31"_qs,
                  u"--note"_qs, u"Holiday season"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"Red"_qs)) << result.out.toStdString();
    ok({u"metric"_qs, u"record"_qs, u"Patching"_qs, u"96"_qs});

    const QJsonArray metrics = json({u"metric"_qs, u"list"_qs, u"--json"_qs}).value(u"metrics"_qs).toArray();
    ASSERT_EQ(metrics.size(), 2);
    const QJsonObject patching = metrics[0].toObject();
    EXPECT_EQ(patching.value(u"name"_qs).toString(), u"Patching"_qs);
    EXPECT_EQ(patching.value(u"status"_qs).toString(), u"green"_qs);
    EXPECT_TRUE(patching.value(u"higherIsBetter"_qs).toBool());
    EXPECT_EQ(patching.value(u"latest"_qs).toObject().value(u"date"_qs).toString(), fixedToday().toString(Qt::ISODate));
    const QJsonObject phishing = metrics[1].toObject();
    EXPECT_EQ(phishing.value(u"status"_qs).toString(), u"red"_qs);
    EXPECT_FALSE(phishing.value(u"higherIsBetter"_qs).toBool());
    EXPECT_EQ(phishing.value(u"green"_qs).toDouble(), 5);
    EXPECT_EQ(phishing.value(u"amber"_qs).toDouble(), 8);
    EXPECT_EQ(phishing.value(u"actions"_qs).toArray().toVariantList(), (QVariantList{u"C4"_qs, u"E2"_qs}));
    EXPECT_EQ(phishing.value(u"latest"_qs).toObject().value(u"value"_qs).toDouble(), 9.5);
    EXPECT_EQ(phishing.value(u"latest"_qs).toObject().value(u"note"_qs).toString(), u"Holiday season"_qs);
    EXPECT_EQ(phishing.value(u"readings"_qs).toInt(), 1);

    const QJsonArray items = json({u"attention"_qs, u"--json"_qs}).value(u"items"_qs).toArray();
    bool raised = false;
    for (const QJsonValue &item : items) {
        if (item.toObject().value(u"rule"_qs).toString() == u"metric-out-of-tolerance"_qs) {
            raised = true;
            EXPECT_EQ(item.toObject().value(u"subject"_qs).toString(), u"Phishing click rate"_qs);
            EXPECT_EQ(item.toObject().value(u"subjectKind"_qs).toString(), u"metric"_qs);
        }
    }
    EXPECT_TRUE(raised);
}

TEST_F(CliBoard, ExerciseAddAndList)
{
    ok({u"init"_qs});
    EXPECT_TRUE(
        rulesOf(json({u"attention"_qs, u"--json"_qs}).value(u"items"_qs).toArray()).contains(u"no-exercise"_qs));
    ok({u"exercise"_qs, u"add"_qs, u"Ransomware tabletop"_qs, u"--date"_qs, u"2025-06-15"_qs, u"--summary"_qs,
        u"Board and executive"_qs, u"--lessons"_qs, u"Decision rights unclear"_qs, u"--actions"_qs, u"d2,D1"_qs});
    // Exactly twelve months before 2026-06-15 still counts.
    EXPECT_FALSE(
        rulesOf(json({u"attention"_qs, u"--json"_qs}).value(u"items"_qs).toArray()).contains(u"no-exercise"_qs));
    ok({u"exercise"_qs, u"add"_qs, u"Invoice fraud attempt"_qs, u"--date=2026-01-20"_qs, u"--kind"_qs, u"incident"_qs,
        u"--lessons"_qs, u"Call-back works"_qs});

    const QByteArray before = recordFingerprint(db);
    expectOneLineError(cli({u"exercise"_qs, u"add"_qs, u"No date"_qs}), 2, u"--date"_qs);
    expectOneLineError(
        cli({u"exercise"_qs, u"add"_qs, u"Drill"_qs, u"--date"_qs, u"2026-01-01"_qs, u"--kind"_qs, u"drill"_qs}), 2,
        u"exercise or incident"_qs);
    expectOneLineError(cli({u"exercise"_qs, u"add"_qs, u"Next week"_qs, u"--date"_qs, u"2026-06-22"_qs}), 2,
                       u"after today"_qs);
    expectOneLineError(
        cli({u"exercise"_qs, u"add"_qs, u"Bad action"_qs, u"--date"_qs, u"2026-01-01"_qs, u"--actions"_qs, u"D9"_qs}),
        2, u"A1 to E5"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    const QJsonArray events = json({u"exercise"_qs, u"list"_qs, u"--json"_qs}).value(u"events"_qs).toArray();
    ASSERT_EQ(events.size(), 2);
    const QJsonObject first = events[0].toObject();
    EXPECT_EQ(first.value(u"kind"_qs).toString(), u"exercise"_qs);
    EXPECT_EQ(first.value(u"date"_qs).toString(), u"2025-06-15"_qs);
    EXPECT_EQ(first.value(u"title"_qs).toString(), u"Ransomware tabletop"_qs);
    EXPECT_EQ(first.value(u"summary"_qs).toString(), u"Board and executive"_qs);
    EXPECT_EQ(first.value(u"lessons"_qs).toString(), u"Decision rights unclear"_qs);
    EXPECT_EQ(first.value(u"actions"_qs).toArray().toVariantList(), (QVariantList{u"D1"_qs, u"D2"_qs}));
    EXPECT_EQ(events[1].toObject().value(u"kind"_qs).toString(), u"incident"_qs);

    const ProcessResult text = cli({u"exercise"_qs, u"list"_qs});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(u"2026-01-20  incident  Invoice fraud attempt"_qs)) << text.out.toStdString();
}

TEST_F(CliBoard, HelpListsTheBoardCommands)
{
    const ProcessResult result = runCli({u"--help"_qs});
    ASSERT_EQ(result.exitCode, 0);
    for (const QString &usage : {u"review create NAME"_qs, u"review diff FROM TO"_qs,
                                 u"review sign NAME --by PERSON"_qs, u"attention [--json]"_qs, u"metric add NAME"_qs,
                                 u"metric record NAME VALUE"_qs, u"exercise add TITLE --date"_qs, u"exercise list"_qs})
        EXPECT_TRUE(result.out.contains(usage)) << usage.toStdString();
}
