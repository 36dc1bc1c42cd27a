#include "clitest.h"

using namespace quorum;
using namespace quorum::test;

// quorum-cli frameworks (issue 17), on a file and, on the server run, on the throwaway server.

namespace {

class CliFrameworks : public CliTest {};

QJsonObject frameworkOf(const QJsonArray &frameworks, const QString &key)
{
    for (const QJsonValue &value : frameworks) {
        if (value.toObject().value(u"key"_qs).toString() == key)
            return value.toObject();
    }
    return {};
}

} // namespace

TEST_F(CliFrameworks, ListsEnablesSetsRoleAndOwnerAndReportsEachFrameworkApart)
{
    ok({u"init"_qs});
    QJsonArray frameworks = json({u"frameworks"_qs, u"list"_qs, u"--json"_qs}).value(u"frameworks"_qs).toArray();
    ASSERT_EQ(frameworks.size(), 2);
    EXPECT_TRUE(frameworkOf(frameworks, u"cgc"_qs).value(u"followed"_qs).toBool());
    EXPECT_FALSE(frameworkOf(frameworks, u"ssc"_qs).value(u"followed"_qs).toBool());
    EXPECT_EQ(frameworkOf(frameworks, u"ssc"_qs).value(u"ownerTitle"_qs).toString(), u"Senior Responsible Owner"_qs);

    // Not followed yet: its items are not assessed, and status says how to follow it.
    ProcessResult result = cli({u"set"_qs, u"ssc:3.2"_qs, u"--rating"_qs, u"limited"_qs});
    expectOneLineError(result, 2, u"frameworks enable ssc"_qs);
    result = cli({u"status"_qs, u"--framework"_qs, u"ssc"_qs});
    expectOneLineError(result, 2, u"does not follow the Software Security Code"_qs);

    ok({u"frameworks"_qs, u"enable"_qs, u"ssc"_qs});
    ok({u"people"_qs, u"add"_qs, u"Priya Raman"_qs, u"--role"_qs, u"Chief Technology Officer"_qs});
    ok({u"frameworks"_qs, u"owner"_qs, u"ssc"_qs, u"Priya Raman"_qs});
    ok({u"set"_qs, u"SSC:3.2"_qs, u"--rating"_qs, u"reasonable"_qs, u"--comment"_qs, u"Policy published."_qs});
    ok({u"frameworks"_qs, u"role"_qs, u"ssc"_qs, u"reseller"_qs});
    result = cli({u"set"_qs, u"ssc:1.1"_qs, u"--rating"_qs, u"limited"_qs});
    expectOneLineError(result, 2, u"does not apply to the organisation's role"_qs);
    result = cli({u"frameworks"_qs, u"role"_qs, u"ssc"_qs, u"wholesaler"_qs});
    expectOneLineError(result, 2, u"the roles are distributor, developer, reseller"_qs);
    result = cli({u"frameworks"_qs, u"disable"_qs, u"cgc"_qs});
    expectOneLineError(result, 2, u"cannot be turned off"_qs);
    result = cli({u"frameworks"_qs, u"enable"_qs, u"nist"_qs});
    expectOneLineError(result, 2, u"holds no framework \"nist\""_qs);

    const QJsonObject ssc = json({u"status"_qs, u"--framework"_qs, u"ssc"_qs, u"--json"_qs});
    EXPECT_EQ(ssc.value(u"framework"_qs).toString(), u"ssc"_qs);
    const QJsonArray themes = ssc.value(u"principles"_qs).toArray();
    ASSERT_EQ(themes.size(), 4);
    const QJsonObject disclosure = themes[2].toObject().value(u"actions"_qs).toArray()[1].toObject();
    EXPECT_EQ(disclosure.value(u"id"_qs).toString(), u"ssc:3.2"_qs);
    EXPECT_EQ(disclosure.value(u"reference"_qs).toString(), u"3.2"_qs);
    EXPECT_EQ(disclosure.value(u"rating"_qs).toString(), u"reasonable"_qs);
    const QJsonObject leftOut = themes[0].toObject().value(u"actions"_qs).toArray()[0].toObject();
    EXPECT_EQ(leftOut.value(u"rating"_qs).toString(), u"not-applicable"_qs);
    EXPECT_TRUE(leftOut.value(u"notApplicableByRole"_qs).toBool());
    // The posture of each framework alone: the eight principles that apply to a reseller (one assessed), never
    // blended with the Code's 22 actions.
    EXPECT_EQ(ssc.value(u"posture"_qs).toObject().value(u"counted"_qs).toInt(), 8);
    EXPECT_EQ(ssc.value(u"posture"_qs).toObject().value(u"notAssessed"_qs).toInt(), 7);
    EXPECT_EQ(ssc.value(u"posture"_qs).toObject().value(u"notApplicable"_qs).toInt(), 6);
    const QJsonArray both = ssc.value(u"frameworks"_qs).toArray();
    ASSERT_EQ(both.size(), 2);
    EXPECT_EQ(frameworkOf(both, u"ssc"_qs).value(u"owner"_qs).toString(), u"Priya Raman"_qs);
    EXPECT_EQ(frameworkOf(both, u"cgc"_qs).value(u"principles"_qs).toArray().size(), 5);
    // The Code's status is as it always was.
    const QJsonObject code = json({u"status"_qs, u"--json"_qs});
    EXPECT_EQ(code.value(u"framework"_qs).toString(), u"cgc"_qs);
    EXPECT_EQ(code.value(u"principles"_qs).toArray().size(), 5);
    result = cli({u"status"_qs, u"--framework"_qs, u"ssc"_qs});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(u"Software Security Code of Practice, answered for by Priya Raman"_qs))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"ssc:3.2"_qs));
}

TEST_F(CliFrameworks, ImportsALibraryThenANewerVersionAndRefusesBadFilesTouchingNothing)
{
    ok({u"init"_qs});
    const QByteArray before = recordFingerprint(db);
    const QString bad = folder.path(u"bad.yaml"_qs);
    writeFile(bad,
              "urn: urn:x\nname: X\nversion: 1\nobjects:\n  framework:\n    urn: urn:x:f\n    requirement_nodes: []\n");
    ProcessResult result = cli({u"frameworks"_qs, u"import"_qs, bad});
    expectOneLineError(result, 2, u"bad.yaml, line 7: the framework has no requirement_nodes"_qs);
    result = cli({u"frameworks"_qs, u"import"_qs, folder.path(u"missing.yaml"_qs)});
    expectOneLineError(result, 2, u"There is no file"_qs);
    EXPECT_EQ(recordFingerprint(db), before);

    result = cli({u"frameworks"_qs, u"import"_qs, dataPath(u"frameworks/harbour-baseline-v1.yaml"_qs)});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"as \"harbour-baseline\": 6 requirements in 3 groups"_qs))
        << result.out.toStdString();
    ok({u"set"_qs, u"harbour-baseline:A2"_qs, u"--rating"_qs, u"limited"_qs});
    result = cli({u"frameworks"_qs, u"import"_qs, dataPath(u"frameworks/harbour-baseline-v1.yaml"_qs)});
    expectOneLineError(result, 2, u"already holds version 1"_qs);
    result = cli({u"frameworks"_qs, u"import"_qs, dataPath(u"frameworks/harbour-baseline-v2.yaml"_qs)});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"from version 1 to 2: 1 new items, 6 brought up to date"_qs))
        << result.out.toStdString();
    const QJsonObject status = json({u"status"_qs, u"--framework"_qs, u"harbour-baseline"_qs, u"--json"_qs});
    const QJsonArray groups = status.value(u"principles"_qs).toArray();
    ASSERT_EQ(groups.size(), 3);
    const QJsonArray governance = groups[0].toObject().value(u"actions"_qs).toArray();
    ASSERT_EQ(governance.size(), 4);
    EXPECT_EQ(governance[3].toObject().value(u"reference"_qs).toString(), u"A3"_qs);
    EXPECT_EQ(governance[3].toObject().value(u"rating"_qs).toString(), u"limited"_qs);
    EXPECT_EQ(governance[0].toObject().value(u"path"_qs).toString(), u"A1 Accountability"_qs);
    const QJsonArray log = json({u"log"_qs, u"--json"_qs}).value(u"entries"_qs).toArray();
    EXPECT_EQ(log.last().toObject().value(u"field"_qs).toString(), u"version"_qs);
    ok({u"verify"_qs});
}
