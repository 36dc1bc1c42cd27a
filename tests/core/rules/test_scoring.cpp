#include "core/rules/scoring.h"
#include "core/workspace/dashboard.h"

#include <gtest/gtest.h>

using namespace quorum;

namespace {

ActionState action(const QString &id, Rating rating, int currentEvidence)
{
    ActionState state;
    state.id = id;
    state.principleId = id.left(1);
    state.assessment.rating = rating;
    state.evidenceCurrent = currentEvidence;
    return state;
}

} // namespace

TEST(Scoring, PointsAndColoursPerRating)
{
    EXPECT_EQ(Scoring::score(Rating::Substantial, 1).points, 100);
    EXPECT_EQ(Scoring::score(Rating::Reasonable, 1).points, 75);
    EXPECT_EQ(Scoring::score(Rating::Limited, 0).points, 25);
    EXPECT_EQ(Scoring::score(Rating::NoAssurance, 0).points, 0);
    EXPECT_EQ(Scoring::score(Rating::NotAssessed, 3).points, 0); // a gap is never good
    EXPECT_FALSE(Scoring::score(Rating::NotApplicable, 0).points.has_value());
    EXPECT_EQ(Scoring::score(Rating::Substantial, 1).rag, Rag::Green);
    EXPECT_EQ(Scoring::score(Rating::Reasonable, 1).rag, Rag::Green);
    EXPECT_EQ(Scoring::score(Rating::Limited, 1).rag, Rag::Amber);
    EXPECT_EQ(Scoring::score(Rating::NoAssurance, 1).rag, Rag::Red);
    EXPECT_EQ(Scoring::score(Rating::NotAssessed, 1).rag, Rag::Gap);
    EXPECT_EQ(Scoring::score(Rating::NotApplicable, 1).rag, Rag::NotApplicable);
}

TEST(Scoring, AClaimWithoutCurrentEvidenceIsUnsupportedAndCountsAsLimited)
{
    for (Rating claim : {Rating::Substantial, Rating::Reasonable}) {
        const ActionScore score = Scoring::score(claim, 0);
        EXPECT_TRUE(score.unsupportedClaim);
        EXPECT_EQ(score.effective, Rating::Limited);
        EXPECT_EQ(score.rag, Rag::Amber);
        EXPECT_EQ(score.points, 25);
    }
    EXPECT_FALSE(Scoring::score(Rating::Limited, 0).unsupportedClaim);
    EXPECT_FALSE(Scoring::score(Rating::NotAssessed, 0).unsupportedClaim);
    EXPECT_FALSE(Scoring::score(Rating::Reasonable, 1).unsupportedClaim);
}

TEST(Scoring, PostureIsTheMeanOfCountedActionsExcludingNotApplicable)
{
    const QList<ActionState> states{action(u"A1"_qs, Rating::Substantial, 1), action(u"A2"_qs, Rating::Limited, 1),
                                    action(u"A3"_qs, Rating::NotApplicable, 0),
                                    action(u"B1"_qs, Rating::NotAssessed, 0), action(u"B2"_qs, Rating::Reasonable, 0)};
    const PostureScore overall = Scoring::posture(states);
    EXPECT_EQ(overall.counted, 4);
    EXPECT_EQ(overall.notApplicable, 1);
    EXPECT_EQ(overall.notAssessed, 1);
    EXPECT_EQ(overall.unsupported, 1);
    EXPECT_EQ(overall.atReasonableOrBetter, 1);
    ASSERT_TRUE(overall.score.has_value());
    EXPECT_DOUBLE_EQ(*overall.score, (100 + 25 + 0 + 25) / 4.0);
    const PostureScore a = Scoring::posture(states, u"A"_qs);
    EXPECT_DOUBLE_EQ(*a.score, 62.5);
    EXPECT_EQ(Scoring::format(a.score), u"63"_qs);
}

TEST(Scoring, NoScoreWhenNothingCounts)
{
    const QList<ActionState> states{action(u"A1"_qs, Rating::NotApplicable, 0)};
    EXPECT_FALSE(Scoring::posture(states).score.has_value());
    EXPECT_EQ(Scoring::format(Scoring::posture(states).score), u"n/a"_qs);
    EXPECT_FALSE(Scoring::posture({}).score.has_value());
}

TEST(ChartAxis, RoundTicksForAnyMaximum)
{
    // Issue 13: the evidence axis ran 0, 8, 16, 24, 32, 41. Ticks are 1, 2 or 5 times a power of ten.
    struct Case {
        double top;
        QList<double> ticks;
    };
    const QList<Case> cases{
        {0, {0, 1}},
        {1, {0, 1}},
        {3, {0, 1, 2, 3}},
        {5, {0, 1, 2, 3, 4, 5}},
        {6, {0, 2, 4, 6}},
        {7, {0, 2, 4, 6, 8}},
        {12, {0, 5, 10, 15}},
        {37, {0, 10, 20, 30, 40}},
        {41, {0, 10, 20, 30, 40, 50}},
        {100, {0, 20, 40, 60, 80, 100}},
        {230, {0, 50, 100, 150, 200, 250}},
        {20000, {0, 5000, 10000, 15000, 20000}},
    };
    for (const Case &c : cases)
        EXPECT_EQ(niceTicks(0, c.top, true).values(), c.ticks) << c.top;
    // Decimals allowed: small ranges keep round fractions.
    const ValueAxisTicks fractions = niceTicks(0, 0.7, false);
    EXPECT_DOUBLE_EQ(fractions.step, 0.2);
    EXPECT_DOUBLE_EQ(fractions.maximum, 0.8);
    EXPECT_EQ(fractions.count(), 5);
    EXPECT_DOUBLE_EQ(niceStep(0.13), 0.2);
    EXPECT_DOUBLE_EQ(niceStep(2.1), 5);
    EXPECT_DOUBLE_EQ(niceStep(2.1, true), 2.5);
}

TEST(ChartAxis, ChartsTakeTheirTicksFromTheData)
{
    ChartSpec freshness;
    freshness.kind = ChartSpec::Kind::StackedBars;
    freshness.categories = {u"Evidence"_qs};
    freshness.series = {{u"Current"_qs, {24}, SeriesTone::Green},
                        {u"Expiring"_qs, {1}, SeriesTone::Amber},
                        {u"Expired"_qs, {16}, SeriesTone::Red}};
    EXPECT_EQ(valueAxisTicks(freshness).values(), (QList<double>{0, 10, 20, 30, 40, 50})); // the stack is 41
    ChartSpec score = freshness;
    score.maximum = 100;
    EXPECT_EQ(valueAxisTicks(score).values(), (QList<double>{0, 20, 40, 60, 80, 100}));
}
