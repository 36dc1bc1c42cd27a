// The board pack's content (core/report/boardpack.h): what it says, decided without any painting.
//
// Golden files: tests/data/golden/boardpack-demo.txt (the current state) and boardpack-demo-review.txt
// (the review "Board May 2026"), both for the demo organisation on the tests' fixed date. After an
// intended change, regenerate them and read the difference before committing:
//   QUORUM_UPDATE_GOLDEN=1 build/tests/quorum_boardpack_tests --gtest_filter='BoardPackContent.Golden*'

#include "core/domain/error.h"
#include "core/report/boardpack.h"
#include "core/samples/syntheticorg.h"
#include "core/workspace/dashboard.h"
#include "testsupport.h"

#include <QFile>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QDateTime fixedCreation()
{
    return QDateTime(fixedToday(), QTime(12, 0), Qt::UTC);
}

/** One demo database for the whole suite: building it is the slow part, and these tests only read. */
class BoardPackContentTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_db = createDatabase(true).release(); }
    static void TearDownTestSuite()
    {
        delete s_db;
        s_db = nullptr;
    }

    static BoardPackContent build(const QString &review = {})
    {
        BoardPackOptions options;
        options.reviewName = review;
        options.createdAt = fixedCreation();
        return BoardPack::build(*s_db->store, options);
    }

    static Store &store() { return *s_db->store; }

    static TestDatabase *s_db;
};

TestDatabase *BoardPackContentTest::s_db = nullptr;

void expectSameChart(const ChartSpec &a, const ChartSpec &b)
{
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.valueAxisTitle, b.valueAxisTitle);
    EXPECT_EQ(a.categories, b.categories);
    EXPECT_EQ(a.categoryNames, b.categoryNames);
    EXPECT_EQ(a.minimum, b.minimum);
    EXPECT_EQ(a.maximum, b.maximum);
    ASSERT_EQ(a.series.size(), b.series.size()) << a.title.toStdString();
    for (qsizetype i = 0; i < a.series.size(); ++i) {
        EXPECT_EQ(a.series[i].name, b.series[i].name);
        EXPECT_EQ(a.series[i].tone, b.series[i].tone);
        ASSERT_EQ(a.series[i].values.size(), b.series[i].values.size());
        for (qsizetype v = 0; v < a.series[i].values.size(); ++v)
            EXPECT_DOUBLE_EQ(a.series[i].values[v], b.series[i].values[v]) << a.title.toStdString();
    }
}

QString golden(const QString &name)
{
    return dataPath(u"golden/"_qs + name);
}

void compareWithGolden(const QString &text, const QString &name)
{
    const QString path = golden(name);
    if (qEnvironmentVariableIsSet("QUORUM_UPDATE_GOLDEN")) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
        file.write(text.toUtf8());
        return;
    }
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly))
        << "missing golden file " << path.toStdString() << "; run with QUORUM_UPDATE_GOLDEN=1 to create it";
    const QString expected = QString::fromUtf8(file.readAll());
    if (expected == text)
        return;
    // Point at the first differing line rather than printing two whole packs.
    const QStringList want = expected.split(QLatin1Char('\n'));
    const QStringList got = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(want.size(), got.size()); ++i) {
        if (want.value(i) != got.value(i)) {
            ADD_FAILURE() << name.toStdString() << " differs at line " << i + 1
                          << ":\n  expected: " << want.value(i).toStdString()
                          << "\n  actual:   " << got.value(i).toStdString()
                          << "\nIf the change is intended, regenerate with QUORUM_UPDATE_GOLDEN=1 (see the top of "
                             "this file).";
            return;
        }
    }
}

} // namespace

TEST_F(BoardPackContentTest, LiveStateHasEveryPrincipleAndActionInCatalogueOrder)
{
    const BoardPackContent content = build();
    EXPECT_FALSE(content.isReview);
    EXPECT_EQ(content.organisation, u"Northgate Freight Group plc"_qs);
    EXPECT_EQ(content.marking, u"CONFIDENTIAL"_qs);
    EXPECT_EQ(content.meetingDate, fixedToday());
    EXPECT_EQ(content.createdAt, fixedCreation());
    QStringList principles;
    QStringList actions;
    for (const BoardPackPrinciple &principle : content.principles) {
        principles << principle.id;
        for (const BoardPackAction &action : principle.actions)
            actions << action.id;
    }
    EXPECT_EQ(principles, (QStringList{u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs, u"E"_qs}));
    QStringList expected;
    for (const ActionState &state : statesOfFramework(store().actionStates(), u"cgc"_qs))
        expected << state.id;
    EXPECT_EQ(actions, expected);
    EXPECT_EQ(actions.size(), 22);
    // The Software Security Code, which the demo follows too, has a section of its own after the Code's.
    ASSERT_EQ(content.frameworks.size(), 1);
    const BoardPackFramework &ssc = content.frameworks.constFirst();
    EXPECT_EQ(ssc.title, u"Software Security Code of Practice"_qs);
    EXPECT_EQ(ssc.owner, u"Mark Elliott"_qs);
    EXPECT_EQ(ssc.accountableTitle, u"Senior Responsible Owner"_qs);
    EXPECT_EQ(ssc.itemCount, 14);
    EXPECT_EQ(ssc.groups.size(), 4);
    EXPECT_EQ(ssc.posture.score, Scoring::posture(statesOfFramework(store().actionStates(), u"ssc"_qs)).score);
    ASSERT_FALSE(ssc.attention.isEmpty());
    EXPECT_LE(ssc.attention.size(), BoardPack::kFrameworkAttentionItems);
    EXPECT_EQ(ssc.attention.constFirst().severity, SeverityHigh);
    EXPECT_TRUE(content.decisions.isEmpty()) << "the live state has no decisions sought";
    EXPECT_FALSE(content.isSigned);
}

TEST_F(BoardPackContentTest, LiveScoresAndChartsAreTheDashboards)
{
    const BoardPackContent content = build();
    const DashboardData dashboard = DashboardData::build(store(), fixedToday());
    EXPECT_EQ(content.posture.score.value_or(-1), dashboard.posture.score.value_or(-1));
    EXPECT_EQ(content.posture.unsupported, dashboard.posture.unsupported);
    ASSERT_EQ(content.charts.size(), 4);
    expectSameChart(content.charts[0], dashboard.ratingsByPrinciple);
    expectSameChart(content.charts[1], dashboard.postureTrend);
    expectSameChart(content.charts[2], dashboard.currentVersusTarget);
    expectSameChart(content.charts[3], dashboard.evidenceFreshness);
    EXPECT_EQ(content.expiredEvidence, dashboard.expiredEvidence);
    EXPECT_EQ(content.expiringEvidence, dashboard.expiringEvidence);
    EXPECT_EQ(content.currentEvidence, dashboard.currentEvidence);
    EXPECT_EQ(content.attentionCount(), dashboard.attention.size());
    for (qsizetype p = 0; p < content.principles.size(); ++p)
        EXPECT_EQ(content.principles[p].score.score.value_or(-1), dashboard.principleScores[p].score.value_or(-1));
}

TEST_F(BoardPackContentTest, DashboardColoursEachPrincipleAsThePackDoes)
{
    // Issue 13: the dashboard showed only bars of action colours while the pack called every principle
    // Amber. Both now colour a principle with Scoring::ragForScore, from the same score.
    const BoardPackContent content = build();
    const DashboardData dashboard = DashboardData::build(store(), fixedToday());
    ASSERT_EQ(dashboard.principleRags.size(), content.principles.size());
    ASSERT_EQ(content.principles.size(), 5);
    for (qsizetype p = 0; p < content.principles.size(); ++p) {
        EXPECT_EQ(dashboard.principleRags[p], content.principles[p].rag) << p;
        EXPECT_EQ(dashboard.principleRags[p], Scoring::ragForScore(content.principles[p].score)) << p;
    }
}

TEST_F(BoardPackContentTest, PrincipleChartsNameThePrinciplesInFull)
{
    const BoardPackContent live = build();
    const BoardPackContent review = build(u"Board May 2026"_qs);
    for (const BoardPackContent *content : {&live, &review}) {
        for (int chart : {0, 2}) {
            const ChartSpec &spec = content->charts[chart];
            ASSERT_EQ(spec.categoryNames.size(), spec.categories.size()) << spec.title.toStdString();
            EXPECT_EQ(spec.categoryNames.value(0), u"A Risk management"_qs);
            EXPECT_EQ(spec.categoryNames.value(3), u"D Incident planning, response and recovery"_qs);
        }
    }
    // The target bar says what it stands for, on screen and in the pack alike.
    EXPECT_TRUE(live.charts[2].series[1].name.contains(u"every action at its target"_qs));
}

TEST_F(BoardPackContentTest, ChartsFromAnyStatesMatchTheDashboardForTheLiveState)
{
    // The guard against drift: the review charts are built by BoardPack::charts, which must draw the live
    // state exactly as DashboardData::build does.
    const DashboardData dashboard = DashboardData::build(store(), fixedToday());
    const QList<ChartSpec> charts = BoardPack::charts(
        dashboard, statesOfFramework(store().actionStates(), u"cgc"_qs), dashboard.postureTrend.categories.size(),
        dashboard.currentEvidence, dashboard.expiringEvidence, dashboard.expiredEvidence);
    ASSERT_EQ(charts.size(), 4);
    expectSameChart(charts[0], dashboard.ratingsByPrinciple);
    expectSameChart(charts[1], dashboard.postureTrend);
    expectSameChart(charts[2], dashboard.currentVersusTarget);
    expectSameChart(charts[3], dashboard.evidenceFreshness);
}

TEST_F(BoardPackContentTest, ReviewPackReportsTheFrozenStateAndComparesWithTheReviewBefore)
{
    const Review review = store().reviewNamed(u"Board May 2026"_qs);
    const BoardPackContent content = build(u"board may 2026"_qs); // any case
    EXPECT_TRUE(content.isReview);
    EXPECT_EQ(content.reviewName, u"Board May 2026"_qs);
    EXPECT_EQ(content.meetingDate, review.meetingDate);
    EXPECT_EQ(content.decisions, review.decisions);
    EXPECT_FALSE(content.decisions.isEmpty());
    EXPECT_EQ(content.previousReviewName, u"Board February 2026"_qs);

    const QList<ReviewItem> items = reviewItemsOfFramework(store().reviewItems(review.id), u"cgc"_qs);
    const QList<ActionState> frozen = statesOfReview(items, store().actionStates());
    // The review froze the Software Security Code's principles too: its section reports them as frozen.
    ASSERT_EQ(content.frameworks.size(), 1);
    EXPECT_EQ(content.frameworks.constFirst().posture.score,
              Scoring::posture(statesOfReview(reviewItemsOfFramework(store().reviewItems(review.id), u"ssc"_qs),
                                              store().actionStates()))
                  .score);
    EXPECT_EQ(content.posture.score.value_or(-1), Scoring::posture(frozen).score.value_or(-1));
    QHash<QString, ReviewItem> byId;
    for (const ReviewItem &item : items)
        byId.insert(item.actionId, item);
    for (const BoardPackPrinciple &principle : content.principles) {
        for (const BoardPackAction &action : principle.actions) {
            EXPECT_EQ(action.rating, byId.value(action.id).rating) << action.id.toStdString();
            EXPECT_EQ(action.owner, byId.value(action.id).owner) << action.id.toStdString();
            EXPECT_EQ(action.commentary, byId.value(action.id).commentary) << action.id.toStdString();
            EXPECT_NE(action.trend, RatingTrend::NoEarlierReview);
        }
    }
    // The trend runs up to this review, not to today: the dashboard's points but the last ("Now").
    const ChartSpec &trend = content.charts[1];
    const ChartSpec dashboardTrend = DashboardData::build(store(), fixedToday()).postureTrend;
    EXPECT_EQ(trend.categories, dashboardTrend.categories.mid(0, store().reviews().size()));
    EXPECT_FALSE(trend.categories.contains(u"Now"_qs));
    EXPECT_EQ(trend.title, dashboardTrend.title);
    EXPECT_EQ(qRound(trend.series[0].values.constLast()), qRound(*content.posture.score));
}

TEST_F(BoardPackContentTest, ReviewEvidenceAndDatedRulesAreAsOfTheMeeting)
{
    const Review review = store().reviewNamed(u"Board February 2026"_qs);
    const BoardPackContent content = build(review.name);
    const BoardPackContent live = build();
    EXPECT_LT(content.evidence.size(), live.evidence.size()) << "evidence recorded after the meeting is left out";
    QHash<qint64, Evidence> stored;
    for (const Evidence &e : store().evidence())
        stored.insert(e.id, e);
    for (const BoardPackEvidence &row : content.evidence) {
        ASSERT_TRUE(stored.contains(row.id));
        EXPECT_LE(stored[row.id].createdAt.date(), review.meetingDate) << row.title.toStdString();
        EXPECT_EQ(row.status, evidenceStatus(row.reviewBy, review.meetingDate)) << row.title.toStdString();
    }
    for (const BoardPackAttentionGroup &group : content.attention) {
        EXPECT_NE(group.rule, AttentionRule::OverdueTarget) << "target dates are not frozen with a review";
        if (group.rule == AttentionRule::ExpiredEvidence) {
            for (const AttentionItem &item : group.items)
                EXPECT_LT(stored[item.recordId].reviewBy, review.meetingDate);
        }
    }
    EXPECT_TRUE(content.attentionNote.contains(u"not frozen"_qs));
    // Signed off at the next meeting.
    EXPECT_TRUE(content.isSigned);
    EXPECT_EQ(content.signedBy, u"Helen Marsh"_qs);
    EXPECT_FALSE(content.minuteRef.isEmpty());
}

TEST_F(BoardPackContentTest, TopAttentionIsThreeToFiveMostSevereItems)
{
    for (const QString &review : {QString(), u"Board May 2026"_qs, u"Board November 2025"_qs}) {
        const BoardPackContent content = build(review);
        const int total = content.attentionCount();
        const int top = int(content.topAttention.size());
        EXPECT_LE(top, 5);
        EXPECT_GE(top, std::min(3, total));
        int high = 0;
        for (const BoardPackAttentionGroup &group : content.attention) {
            for (const AttentionItem &item : group.items)
                high += item.severity == SeverityHigh ? 1 : 0;
        }
        EXPECT_EQ(top, std::min(5, std::max(high, std::min(3, total)))) << review.toStdString();
        for (qsizetype i = 1; i < content.topAttention.size(); ++i)
            EXPECT_LE(content.topAttention[i - 1].severity, content.topAttention[i].severity);
        // Groups: most severe first.
        for (qsizetype i = 1; i < content.attention.size(); ++i)
            EXPECT_LE(content.attention[i - 1].severity, content.attention[i].severity);
    }
}

TEST_F(BoardPackContentTest, EvidenceIndexShowsAHashPrefixOrLink)
{
    const BoardPackContent content = build();
    ASSERT_FALSE(content.evidence.isEmpty());
    const QRegularExpression hex(u"^[0-9a-f]{12}$"_qs);
    int links = 0;
    for (const BoardPackEvidence &row : content.evidence) {
        if (row.fingerprint == u"link")
            ++links;
        else
            EXPECT_TRUE(hex.match(row.fingerprint).hasMatch()) << row.fingerprint.toStdString();
        EXPECT_FALSE(row.actionIds.isEmpty());
    }
    EXPECT_GT(links, 0);
    for (qsizetype i = 1; i < content.evidence.size(); ++i)
        EXPECT_LE(content.evidence[i - 1].title.compare(content.evidence[i].title, Qt::CaseInsensitive), 0);
}

TEST_F(BoardPackContentTest, UnknownReviewNamesTheClosest)
{
    BoardPackOptions options;
    options.reviewName = u"Board Mya 2026"_qs;
    try {
        BoardPack::build(store(), options);
        FAIL() << "expected NotFound";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::NotFound);
        EXPECT_TRUE(error.message().contains(u"Board May 2026"_qs)) << error.message().toStdString();
    }
}

TEST_F(BoardPackContentTest, SameDatabaseAndReviewGiveTheSameText)
{
    EXPECT_EQ(build().toPlainText(), build().toPlainText());
    EXPECT_EQ(build(u"Board May 2026"_qs).toPlainText(), build(u"Board May 2026"_qs).toPlainText());
}

TEST_F(BoardPackContentTest, GoldenLiveState)
{
    compareWithGolden(build().toPlainText(), u"boardpack-demo.txt"_qs);
}

TEST_F(BoardPackContentTest, GoldenReview)
{
    compareWithGolden(build(u"Board May 2026"_qs).toPlainText(), u"boardpack-demo-review.txt"_qs);
}

TEST(BoardPackContent, PlainTextKeepsTheSectionOrder)
{
    auto db = createDatabase(false);
    const BoardPackContent content = BoardPack::build(*db->store, {});
    const QString text = content.toPlainText();
    const QStringList order{u"BOARD PACK"_qs,           u"== 1 Executive summary"_qs, u"== 2 Charts"_qs,
                            u"== 3 Attention items"_qs, u"== 4 Principle A"_qs,       u"== 8 Principle E"_qs,
                            u"== 9 Evidence index"_qs,  u"== 10 Sign-off"_qs};
    qsizetype at = -1;
    for (const QString &heading : order) {
        const qsizetype next = text.indexOf(heading);
        EXPECT_GT(next, at) << heading.toStdString();
        at = next;
    }
}

TEST(BoardPackContent, TrendsAndMovementFollowTheReviews)
{
    auto db = createDatabase(false);
    Store &store = *db->store;
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)},
                                      {AssessmentField::Target, QVariant::fromValue(Rating::Reasonable)}});
    store.updateAssessment(u"A2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Reasonable)}});
    store.updateAssessment(u"A3"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NotApplicable)},
                                      {AssessmentField::Justification, u"No such services here."_qs}});
    store.createReview(u"Q1"_qs, fixedToday().addMonths(-3));
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Reasonable)}});
    store.updateAssessment(u"A2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NoAssurance)}});
    store.createReview(u"Q2"_qs, fixedToday().addDays(-1), u"Approve the plan.\nSecond line."_qs);

    BoardPackOptions options;
    options.reviewName = u"Q2"_qs;
    const BoardPackContent content = BoardPack::build(store, options);
    QHash<QString, BoardPackAction> actions;
    for (const BoardPackPrinciple &principle : content.principles) {
        for (const BoardPackAction &action : principle.actions)
            actions.insert(action.id, action);
    }
    EXPECT_EQ(actions[u"A1"_qs].trend, RatingTrend::Up);
    EXPECT_EQ(actions[u"A1"_qs].trendText(), u"\u25B2 up from Limited"_qs);
    EXPECT_EQ(actions[u"A2"_qs].trend, RatingTrend::Down);
    EXPECT_EQ(actions[u"A2"_qs].trendText(), u"\u25BC down from Reasonable"_qs);
    EXPECT_EQ(actions[u"A4"_qs].trend, RatingTrend::Same);
    EXPECT_EQ(actions[u"A4"_qs].trendText(), u"\u25B6 no change"_qs);
    EXPECT_EQ(actions[u"A3"_qs].justification, u"No such services here."_qs);
    EXPECT_EQ(content.ratingsUp, 1);
    EXPECT_EQ(content.ratingsDown, 1);
    EXPECT_EQ(content.previousReviewName, u"Q1"_qs);
    EXPECT_EQ(content.decisions, u"Approve the plan.\nSecond line."_qs);
    EXPECT_TRUE(content.toPlainText().contains(u"Not applicable because: No such services here."_qs));
    // A2 fell: raised by the frozen rules; A2 is Reasonable nowhere, so no unsupported claim for it.
    bool fell = false;
    for (const BoardPackAttentionGroup &group : content.attention)
        fell = fell || group.rule == AttentionRule::RatingFell;
    EXPECT_TRUE(fell);

    // The first review has nothing to compare with.
    options.reviewName = u"Q1"_qs;
    const BoardPackContent first = BoardPack::build(store, options);
    EXPECT_TRUE(first.previousReviewName.isEmpty());
    EXPECT_FALSE(first.movement().has_value());
    EXPECT_EQ(first.principles[0].actions[0].trend, RatingTrend::NoEarlierReview);
    EXPECT_EQ(first.charts[1].categories.size(), 1);
}

TEST(BoardPackContent, APackFrozenBeforeItsMeetingEndsItsTrendOnTheMeetingDate)
{
    // Issue 13: a review frozen for next week's meeting printed its last trend point as "Now", with the
    // live score, in a pack that speaks for the meeting.
    auto db = createDatabase(false);
    Store &store = *db->store;
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    store.createReview(u"Q1"_qs, fixedToday().addMonths(-3));
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
    const QDate meeting = fixedToday().addDays(7);
    store.createReview(u"Next"_qs, meeting);
    // Changed after freezing: the live score moves, the frozen one does not.
    store.updateAssessment(u"A2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});

    BoardPackOptions options;
    options.reviewName = u"Next"_qs;
    const BoardPackContent content = BoardPack::build(store, options);
    const ChartSpec &trend = content.charts[1];
    ASSERT_EQ(trend.categories.size(), 2);
    EXPECT_EQ(trend.categories.last(), trendPointLabel(meeting));
    EXPECT_FALSE(trend.categories.contains(u"Now"_qs));
    ASSERT_TRUE(content.posture.score.has_value());
    EXPECT_DOUBLE_EQ(trend.series[0].values.last(), *content.posture.score);
    EXPECT_NE(trend.series[0].values.last(), *Scoring::posture(store.actionStates()).score);

    // The live pack still ends on "Now".
    EXPECT_EQ(BoardPack::build(store, {}).charts[1].categories.last(), u"Now"_qs);
}

TEST(BoardPackContent, HostileTextIsKeptExactlyAsTyped)
{
    auto db = createDatabase(false);
    const QString hostile = u"<img src=\"/etc/passwd\"> <b>bold</b> &amp; file:///tmp/x"_qs;
    db->store->updateAssessment(u"B1"_qs, {{AssessmentField::Commentary, hostile}});
    const BoardPackContent content = BoardPack::build(*db->store, {});
    EXPECT_EQ(content.principles[1].actions[0].commentary, hostile);
    EXPECT_TRUE(content.toPlainText().contains(hostile));
}

TEST(BoardPackContent, PrincipleColourFollowsTheRoundedScore)
{
    auto score = [](std::optional<double> value, int counted, int notAssessed = 0) {
        PostureScore s;
        s.score = value;
        s.counted = counted;
        s.notAssessed = notAssessed;
        return s;
    };
    EXPECT_EQ(Scoring::ragForScore(score(100, 2)), Rag::Green);
    EXPECT_EQ(Scoring::ragForScore(score(74.5, 2)), Rag::Green); // shown as 75
    EXPECT_EQ(Scoring::ragForScore(score(74.4, 2)), Rag::Amber);
    EXPECT_EQ(Scoring::ragForScore(score(25, 4)), Rag::Amber);
    EXPECT_EQ(Scoring::ragForScore(score(24.4, 4)), Rag::Red);
    EXPECT_EQ(Scoring::ragForScore(score(0, 3, 3)), Rag::Gap);
    EXPECT_EQ(Scoring::ragForScore(score(0, 3, 1)), Rag::Red);
    EXPECT_EQ(Scoring::ragForScore(score(std::nullopt, 0)), Rag::NotApplicable);
}

TEST(BoardPackContent, PageSizeWords)
{
    EXPECT_TRUE(boardPackPageSizeFromKey(u"A4") == BoardPackPageSize::A4);
    EXPECT_TRUE(boardPackPageSizeFromKey(u" letter ") == BoardPackPageSize::Letter);
    EXPECT_FALSE(boardPackPageSizeFromKey(u"legal").has_value());
    EXPECT_EQ(boardPackPageSizeKey(BoardPackPageSize::Letter), u"letter"_qs);
}

TEST(BoardPackContent, ALargeEvidenceRegisterIsSummarisedPerAction)
{
    auto db = createDatabase();
    SyntheticSize size = *SyntheticSize::named(u"small"_qs);
    size.years = 1;
    size.evidence = BoardPack::kFullEvidenceIndexLimit + 150;
    size.auditRows = 1200;
    SyntheticOrganisation::populate(*db->store, size, fixedToday());
    BoardPackOptions options;
    options.createdAt = fixedCreation();
    const BoardPackContent content = BoardPack::build(*db->store, options);

    // Every item is counted, but only the newest current ones of each action are listed.
    EXPECT_EQ(content.currentEvidence + content.expiringEvidence + content.expiredEvidence, size.evidence);
    EXPECT_EQ(content.evidence.size() + content.evidenceNotListed, size.evidence);
    EXPECT_LE(content.evidence.size(), 22 * BoardPack::kEvidencePerActionInIndex);
    EXPECT_TRUE(content.evidenceNote.contains(u"holds %1 pieces of evidence"_qs.arg(size.evidence)))
        << content.evidenceNote.toStdString();
    for (const BoardPackEvidence &row : content.evidence) {
        EXPECT_NE(row.status, EvidenceStatus::Expired) << row.title.toStdString();
        EXPECT_FALSE(row.fingerprint.isEmpty());
    }
    // A current item is left out only when each of its actions already has its share of newer listed items.
    QSet<qint64> listedIds;
    for (const BoardPackEvidence &row : content.evidence)
        listedIds.insert(row.id);
    int leftOutCurrent = 0;
    for (const Evidence &e : db->store->evidence()) {
        if (listedIds.contains(e.id) || evidenceStatus(e.reviewBy, fixedToday()) == EvidenceStatus::Expired)
            continue;
        ++leftOutCurrent;
        for (const QString &action : e.actionIds) {
            const auto newer =
                std::count_if(content.evidence.cbegin(), content.evidence.cend(), [&](const BoardPackEvidence &row) {
                    return row.actionIds.contains(action) && row.effective >= e.effective;
                });
            EXPECT_GE(newer, BoardPack::kEvidencePerActionInIndex) << action.toStdString();
        }
    }
    EXPECT_GT(leftOutCurrent, 0);
    EXPECT_TRUE(
        content.toPlainText().contains(u"The other %1 are in the evidence register"_qs.arg(content.evidenceNotListed)));
}

TEST(BoardPackContent, AnAttentionRuleListsAtMostItsShareAndCountsTheRest)
{
    auto db = createDatabase();
    const qint64 extra = 7;
    for (int i = 0; i < BoardPack::kAttentionItemsPerGroup + extra; ++i) {
        EvidenceInput input;
        input.title = u"Lapsed policy %1"_qs.arg(i, 2, 10, QLatin1Char('0'));
        input.url = u"https://example.org/%1"_qs.arg(i);
        input.effective = fixedToday().addYears(-2);
        input.reviewBy = fixedToday().addYears(-1);
        input.actionIds = {u"A1"_qs};
        db->store->addEvidence(input);
    }
    BoardPackOptions options;
    options.createdAt = fixedCreation();
    const BoardPackContent content = BoardPack::build(*db->store, options);
    const auto group =
        std::find_if(content.attention.cbegin(), content.attention.cend(),
                     [](const BoardPackAttentionGroup &g) { return g.rule == AttentionRule::ExpiredEvidence; });
    ASSERT_NE(group, content.attention.cend());
    EXPECT_EQ(group->items.size(), BoardPack::kAttentionItemsPerGroup);
    EXPECT_EQ(group->total, BoardPack::kAttentionItemsPerGroup + extra);
    EXPECT_GE(content.attentionCount(), group->total);
    EXPECT_TRUE(content.toPlainText().contains(u"... and %1 more"_qs.arg(extra)));
}

TEST(BoardPackContent, BodyExcerptCutsAtAWordWithinTheBoardLength)
{
    EXPECT_EQ(BoardPack::bodyExcerpt(u"short text"_qs, 600), u"short text"_qs);
    EXPECT_EQ(BoardPack::bodyExcerpt(u"one two three"_qs, 13), u"one two three"_qs) << "at the limit: whole";
    EXPECT_EQ(BoardPack::bodyExcerpt(u"one two three"_qs, 12), u"one two"_qs);
    EXPECT_EQ(BoardPack::bodyExcerpt(u"one two three"_qs, 7), u"one two"_qs) << "a space just past the limit";
    EXPECT_EQ(BoardPack::bodyExcerpt(u"one two  \nthree"_qs, 10), u"one two"_qs) << "no trailing space";
    EXPECT_EQ(BoardPack::bodyExcerpt(u"abcdefghij"_qs, 4), u"abcd"_qs) << "one long word is cut inside";
    const QString pairs = QString(u"\U0001F600\U0001F600\U0001F600"_qs);
    EXPECT_EQ(BoardPack::bodyExcerpt(pairs, 3), pairs.left(2)) << "never half a surrogate pair";
    EXPECT_EQ(BoardPack::bodyExcerpt(u"anything"_qs, 0), QString());
    EXPECT_EQ(BoardPack::boardTextLength(u"abc"_qs, u"de"_qs, false), 3);
    EXPECT_EQ(BoardPack::boardTextLength(u"abc"_qs, u"de"_qs, true), 5);
}

TEST(BoardPackContent, TextPastTheBoardLengthGoesToTheAnnexInFull)
{
    auto db = createDatabase(true);
    QString longText;
    for (int i = 1; longText.size() < BoardPack::kBoardTextChars + 200; ++i)
        longText += u"word%1 "_qs.arg(i);
    longText = longText.trimmed();
    const QString exact = QString(BoardPack::kBoardTextChars, u'x');
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, longText}});
    db->store->updateAssessment(u"B1"_qs, {{AssessmentField::Commentary, exact}});
    // Not applicable: the justification comes first and shares the length with the commentary.
    const QString justification = u"Outsourced entirely to the parent group, "_qs.repeated(10).trimmed();
    db->store->updateAssessment(u"E5"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NotApplicable)},
                                           {AssessmentField::Justification, justification},
                                           {AssessmentField::Commentary, longText}});

    const BoardPackContent content = BoardPack::build(*db->store, {});
    const BoardPackAction a1 = content.principles[0].actions[0];
    EXPECT_TRUE(a1.inAnnex);
    EXPECT_EQ(a1.commentary, longText) << "the full text is kept";
    EXPECT_LE(a1.bodyCommentary.size(), BoardPack::kBoardTextChars);
    EXPECT_GT(a1.bodyCommentary.size(), BoardPack::kBoardTextChars - 12) << "cut at the last word that fits";
    EXPECT_TRUE(longText.startsWith(a1.bodyCommentary + u' '));
    const BoardPackAction b1 = content.principles[1].actions[0];
    EXPECT_FALSE(b1.inAnnex);
    EXPECT_EQ(b1.bodyCommentary, exact);
    const BoardPackAction e5 = content.principles[4].actions.last();
    ASSERT_EQ(e5.id, u"E5"_qs);
    EXPECT_TRUE(e5.inAnnex);
    EXPECT_EQ(e5.bodyJustification, justification);
    EXPECT_LE(e5.bodyJustification.size() + e5.bodyCommentary.size(), BoardPack::kBoardTextChars);

    QStringList annexed;
    for (const BoardPackAction &action : content.annexActions())
        annexed << action.id;
    EXPECT_EQ(annexed, (QStringList{u"A1"_qs, u"E5"_qs}));

    const QString text = content.toPlainText();
    EXPECT_TRUE(text.contains(u"  Commentary: %1\n  (continued in Annex A, A1)\n"_qs.arg(a1.bodyCommentary)));
    const qsizetype annex = text.indexOf(u"== Annex A: Commentary in full =="_qs);
    ASSERT_GT(annex, text.indexOf(u"Sign-off =="_qs)) << "the annex follows the sign-off";
    EXPECT_TRUE(text.mid(annex).contains(u"A1 "_qs + a1.shortTitle + u"\n  Commentary: "_qs + longText));
    EXPECT_TRUE(text.mid(annex).contains(u"  Not applicable because: "_qs + justification));
    EXPECT_FALSE(text.mid(annex).contains(u"B1 "_qs)) << "a text at the limit stays whole in the body";

    auto plain = createDatabase(true);
    EXPECT_TRUE(BoardPack::build(*plain->store, {}).annexActions().isEmpty()) << "the demo's texts are short";
    EXPECT_FALSE(BoardPack::build(*plain->store, {}).toPlainText().contains(u"Annex A"_qs));
}

TEST(BoardPackContent, AReviewPackReportsAFrameworkItFrozeEvenWhenItIsNoLongerFollowed)
{
    auto db = createDatabase(true);
    Framework ssc = db->store->framework(u"ssc"_qs);
    ssc.enabled = false;
    db->store->updateFramework(ssc);
    BoardPackOptions options;
    options.reviewName = u"Board May 2026"_qs;
    options.createdAt = fixedCreation();
    const BoardPackContent review = BoardPack::build(*db->store, options);
    ASSERT_EQ(review.frameworks.size(), 1) << "the review froze its principles";
    const BoardPackFramework &frozen = review.frameworks.constFirst();
    EXPECT_EQ(frozen.itemCount, 14);
    ASSERT_EQ(frozen.groups.size(), 4);
    EXPECT_EQ(frozen.groups[2].reference, u"3"_qs);
    EXPECT_EQ(frozen.groups[2].title, u"Secure deployment and maintenance"_qs);
    // The live pack leaves it out: it is not followed now.
    options.reviewName.clear();
    EXPECT_TRUE(BoardPack::build(*db->store, options).frameworks.isEmpty());
}
