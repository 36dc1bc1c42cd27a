#include "scoring.h"

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
