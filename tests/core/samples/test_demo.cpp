#include "core/rules/scoring.h"
#include "testsupport.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

class DemoData : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_db = createDatabase(true).release(); }
    static void TearDownTestSuite()
    {
        delete s_db;
        s_db = nullptr;
    }
    static TestDatabase *s_db;
};

TestDatabase *DemoData::s_db = nullptr;

TEST_F(DemoData, HasABoardOfAboutEightAndAnExecutiveTeam)
{
    int board = 0;
    int executives = 0;
    for (const Person &person : s_db->store->people())
        (person.board ? board : executives)++;
    EXPECT_GE(board, 7);
    EXPECT_LE(board, 10);
    EXPECT_GE(executives, 4);
    EXPECT_FALSE(s_db->store->organisation().name.isEmpty());
    EXPECT_FALSE(s_db->store->organisation().marking.isEmpty());
}

TEST_F(DemoData, OwnersOnMostActionsAndASpreadOfRatingsWithGaps)
{
    const QList<ActionState> states = statesOfFramework(s_db->store->actionStates(), u"cgc"_qs);
    int owned = 0;
    QSet<int> ratings;
    int notAssessed = 0;
    for (const ActionState &state : states) {
        owned += state.assessment.ownerId != 0 ? 1 : 0;
        ratings.insert(int(state.assessment.rating));
        notAssessed += state.assessment.rating == Rating::NotAssessed ? 1 : 0;
    }
    EXPECT_GE(owned, 18);
    EXPECT_LT(owned, 22); // some unowned, for the attention list
    EXPECT_GE(ratings.size(), 4);
    EXPECT_GE(notAssessed, 1);
    EXPECT_GE(Scoring::posture(states).unsupported, 1);
}

TEST_F(DemoData, AboutFortyEvidenceItemsSomeExpiredSomeLinks)
{
    const QList<Evidence> evidence = s_db->store->evidence();
    EXPECT_GE(evidence.size(), 35);
    EXPECT_LE(evidence.size(), 45);
    int expired = 0;
    int links = 0;
    int multiAction = 0;
    for (const Evidence &item : evidence) {
        expired += evidenceStatus(item.reviewBy, fixedToday()) == EvidenceStatus::Expired ? 1 : 0;
        links += item.isFile() ? 0 : 1;
        multiAction += item.actionIds.size() > 1 ? 1 : 0;
        EXPECT_FALSE(item.actionIds.isEmpty());
    }
    EXPECT_GE(expired, 3);
    EXPECT_GE(links, 3);
    EXPECT_GE(multiAction, 3);
    EXPECT_TRUE(s_db->store->verifyEvidence().isEmpty());
}

TEST_F(DemoData, SixQuarterlyReviewsAcrossEighteenMonthsShowATrend)
{
    const QList<Review> reviews = s_db->store->reviews();
    ASSERT_EQ(reviews.size(), 6);
    const int span = int(reviews.first().meetingDate.daysTo(reviews.last().meetingDate));
    EXPECT_GE(span, 400);
    EXPECT_LE(span, 18 * 31);
    for (qsizetype i = 1; i < reviews.size(); ++i) {
        const qint64 gap = reviews[i - 1].meetingDate.daysTo(reviews[i].meetingDate);
        EXPECT_GE(gap, 80);
        EXPECT_LE(gap, 100);
    }
    auto postureOf = [](const QList<ReviewItem> &items) {
        QList<ActionState> states;
        for (const ReviewItem &item : items) {
            ActionState state;
            state.id = item.actionId;
            state.assessment.rating = item.rating;
            state.evidenceCurrent = item.evidenceCurrent;
            states << state;
        }
        return *Scoring::posture(states).score;
    };
    EXPECT_LT(postureOf(s_db->store->reviewItems(reviews.first().id)),
              postureOf(s_db->store->reviewItems(reviews.last().id)));
}

TEST_F(DemoData, HistoryIsAVerifiableAuditTrail)
{
    const ChainCheck check = s_db->store->verifyAuditChain();
    EXPECT_TRUE(check.ok) << check.problem.toStdString();
    EXPECT_GT(check.rows, 200);
    const QList<AuditEntry> entries = s_db->store->auditEntries();
    // The first rows record the built-in catalogues when the file was created; the generated history follows.
    qsizetype first = 0;
    while (first < entries.size() && entries[first].record.entity == u"catalogue"_qs)
        ++first;
    EXPECT_EQ(first, 2);
    for (qsizetype i = first + 1; i < entries.size(); ++i)
        EXPECT_LE(entries[i - 1].at, entries[i].at) << "audit rows out of time order at " << i;
}

TEST_F(DemoData, DirectorsHaveTrainingRecordsWithGaps)
{
    int trained = 0;
    int board = 0;
    for (const Person &person : s_db->store->people()) {
        if (!person.board)
            continue;
        ++board;
        trained += s_db->store->training(person.id).isEmpty() ? 0 : 1;
    }
    EXPECT_LT(trained, board);
    EXPECT_GE(trained, board - 2);
}

TEST_F(DemoData, FollowsTheSoftwareSecurityCodeWithABelievableAssessment)
{
    // A freight group that builds and sells software (its booking portal and driver app) follows both codes.
    const Framework ssc = s_db->store->framework(u"ssc"_qs);
    EXPECT_TRUE(ssc.enabled);
    EXPECT_EQ(ssc.vendorRole, u"distributor"_qs);
    EXPECT_EQ(ssc.ownerName, u"Mark Elliott"_qs);
    const QList<ActionState> states = statesOfFramework(s_db->store->actionStates(), u"ssc"_qs);
    ASSERT_EQ(states.size(), 14);
    QSet<int> ratings;
    int owned = 0;
    for (const ActionState &state : states) {
        ratings.insert(int(state.assessment.rating));
        owned += state.assessment.ownerId ? 1 : 0;
    }
    EXPECT_GE(ratings.size(), 5) << "a spread, from No assurance to Substantial, and a gap";
    EXPECT_EQ(owned, 13);
    // The vulnerability disclosure policy supports the Software Security Code's 3.2 and the Code's A4.
    bool disclosure = false;
    for (const Evidence &evidence : s_db->store->evidence()) {
        if (evidence.title == u"Vulnerability disclosure policy"_qs) {
            disclosure = true;
            EXPECT_EQ(evidence.actionIds, (QStringList{u"A4"_qs, u"ssc:3.2"_qs}));
        }
    }
    EXPECT_TRUE(disclosure);
    // Adopted seven months ago: the three reviews since froze its principles, the three before did not.
    const QList<Review> reviews = s_db->store->reviews();
    ASSERT_EQ(reviews.size(), 6);
    for (qsizetype r = 0; r < reviews.size(); ++r)
        EXPECT_EQ(reviewItemsOfFramework(s_db->store->reviewItems(reviews[r].id), u"ssc"_qs).size(), r < 3 ? 0 : 14)
            << reviews[r].name.toStdString();
}
