#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/sql.h"
#include "core/workspace/dashboard.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A board with a chair, an executive and one review of the meeting ten days ago. */
struct SignedFixture {
    std::unique_ptr<TestDatabase> db = createDatabase();
    qint64 chair = db->store->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    qint64 executive = db->store->addPerson({0, u"Raj Iyer"_qs, u"CISO"_qs, false, true});
    qint64 review = db->store->createReview(u"Board June 2026"_qs, fixedToday().addDays(-10), u"Approve budget"_qs);
};

} // namespace

TEST(ReviewSignOff, RecordsTheDirectorTheTimeAndTheMinute)
{
    SignedFixture f;
    f.db->store->signReview(f.review, f.chair, u"BM/2026/06 item 4"_qs);
    const Review review = *f.db->store->review(f.review);
    EXPECT_TRUE(review.isSigned());
    EXPECT_EQ(review.signedBy, u"Helen Marsh"_qs);
    EXPECT_EQ(review.signedAt, fixedClock().now());
    EXPECT_EQ(review.minuteRef, u"BM/2026/06 item 4"_qs);

    AuditFilter filter;
    filter.entity = u"review"_qs;
    filter.entityId = u"Board June 2026"_qs;
    const QList<AuditEntry> entries = f.db->store->auditEntries(filter);
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries.last().record.field, u"signed off"_qs);
    EXPECT_EQ(entries.last().record.newValue, u"by Helen Marsh, minute BM/2026/06 item 4"_qs);
    EXPECT_TRUE(f.db->store->verifyAuditChain().ok);
}

TEST(ReviewSignOff, OnlyAnActiveDirectorOnOrAfterTheMeetingAndOnlyOnce)
{
    SignedFixture f;
    QString message;
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(f.review, f.executive, {}); }, &message), Error::Kind::InvalidInput);
    EXPECT_TRUE(message.contains(u"not a board member"_qs)) << message.toStdString();
    const qint64 former = f.db->store->addPerson({0, u"Former NED"_qs, u"NED"_qs, true, false});
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(f.review, former, {}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(f.review, 9999, {}); }), Error::Kind::NotFound);
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(9999, f.chair, {}); }), Error::Kind::NotFound);

    const qint64 future = f.db->store->createReview(u"Board September"_qs, fixedToday().addDays(1));
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(future, f.chair, {}); }, &message), Error::Kind::InvalidInput);
    EXPECT_TRUE(message.contains(fixedToday().addDays(1).toString(Qt::ISODate))) << message.toStdString();
    EXPECT_FALSE(f.db->store->review(future)->isSigned());

    const qint64 today = f.db->store->createReview(u"Board today"_qs, fixedToday());
    f.db->store->signReview(today, f.chair, {}); // on the meeting day itself
    EXPECT_TRUE(f.db->store->review(today)->minuteRef.isEmpty());

    f.db->store->signReview(f.review, f.chair, u"M1"_qs);
    EXPECT_EQ(kindOf([&] { f.db->store->signReview(f.review, f.chair, u"M2"_qs); }, &message), Error::Kind::Conflict);
    EXPECT_TRUE(message.contains(u"was signed off on 2026-06-15"_qs)) << message.toStdString();
    EXPECT_EQ(f.db->store->review(f.review)->minuteRef, u"M1"_qs);
}

TEST(ReviewSignOff, ASignedReviewRefusesEveryChangeThroughTheStore)
{
    SignedFixture f;
    f.db->store->signReview(f.review, f.chair, u"M1"_qs);
    const QList<ReviewItem> items = f.db->store->reviewItems(f.review);
    const qsizetype auditRows = f.db->store->auditEntries().size();
    QString message;
    EXPECT_EQ(kindOf([&] { f.db->store->setReviewDecisions(f.review, u"Something else"_qs); }, &message),
              Error::Kind::Conflict);
    EXPECT_TRUE(message.contains(u"\"Board June 2026\" was signed off on 2026-06-15 by Helen Marsh and cannot be "
                                 u"changed"_qs))
        << message.toStdString();
    EXPECT_EQ(kindOf([&] { f.db->store->deleteReview(f.review); }), Error::Kind::Conflict);
    EXPECT_EQ(kindOf([&] { f.db->store->restoreReview(*f.db->store->review(f.review), items); }),
              Error::Kind::Conflict);

    // Items cannot be changed behind the store's methods either: the triggers refuse, as a Conflict.
    const QSqlDatabase connection = f.db->database->connection();
    EXPECT_EQ(kindOf([&] {
                  SqlQuery(connection, u"UPDATE review_item SET rating = 'substantial' WHERE review_id = :id"_qs)
                      .bind(u":id"_qs, f.review)
                      .exec();
              }),
              Error::Kind::Conflict);
    EXPECT_EQ(
        kindOf([&] {
            SqlQuery(connection, u"DELETE FROM review_item WHERE review_id = :id"_qs).bind(u":id"_qs, f.review).exec();
        }),
        Error::Kind::Conflict);
    EXPECT_EQ(kindOf([&] {
                  SqlQuery(connection,
                           u"INSERT INTO review_item (review_id, action_id, rating, target, evidence_current, "
                           u"evidence_expired) VALUES (:id, 'Z9', 'limited', 'reasonable', 0, 0)"_qs)
                      .bind(u":id"_qs, f.review)
                      .exec();
              }),
              Error::Kind::Conflict);

    const Review after = *f.db->store->review(f.review);
    EXPECT_EQ(after.decisions, u"Approve budget"_qs);
    EXPECT_EQ(f.db->store->reviewItems(f.review).size(), items.size());
    EXPECT_EQ(f.db->store->reviewItems(f.review).first().rating, items.first().rating);
    EXPECT_EQ(f.db->store->auditEntries().size(), auditRows);
}

TEST(ReviewSignOff, ASignedReviewRefusesRawSqlFromOutside)
{
    SignedFixture f;
    f.db->store->signReview(f.review, f.chair, u"M1"_qs);
    const QString id = QString::number(f.review);
    f.db->close();
    EXPECT_THROW(rawSql(f.db->path, {u"UPDATE review SET decisions = 'forged' WHERE id = "_qs + id}),
                 std::runtime_error);
    EXPECT_THROW(rawSql(f.db->path, {u"UPDATE review SET signed_at = NULL WHERE id = "_qs + id}), std::runtime_error);
    EXPECT_THROW(rawSql(f.db->path, {u"DELETE FROM review WHERE id = "_qs + id}), std::runtime_error);
    EXPECT_THROW(rawSql(f.db->path, {u"UPDATE review_item SET rating = 'substantial' WHERE review_id = "_qs + id}),
                 std::runtime_error);
    EXPECT_THROW(rawSql(f.db->path, {u"DELETE FROM review_item WHERE review_id = "_qs + id}), std::runtime_error);
    f.db->reopen();
    const Review review = *f.db->store->review(f.review);
    EXPECT_TRUE(review.isSigned());
    EXPECT_EQ(review.decisions, u"Approve budget"_qs);
    EXPECT_EQ(f.db->store->reviewItems(f.review).size(), 22);
}

TEST(Reviews, DecisionsAndDeletionOfAnUnsignedReview)
{
    SignedFixture f;
    f.db->store->setReviewDecisions(f.review, u"  Approve the plan\nand the budget  "_qs);
    EXPECT_EQ(f.db->store->review(f.review)->decisions, u"Approve the plan\nand the budget"_qs);
    EXPECT_EQ(kindOf([&] { f.db->store->setReviewDecisions(f.review, QString(u'\x01')); }), Error::Kind::InvalidInput);

    f.db->store->deleteReview(f.review);
    EXPECT_FALSE(f.db->store->review(f.review).has_value());
    EXPECT_TRUE(f.db->store->reviewItems(f.review).isEmpty());
    EXPECT_EQ(kindOf([&] { f.db->store->deleteReview(f.review); }), Error::Kind::NotFound);

    AuditFilter filter;
    filter.entity = u"review"_qs;
    const QList<AuditEntry> entries = f.db->store->auditEntries(filter);
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries[1].record.field, u"decisions"_qs);
    EXPECT_EQ(entries[1].record.oldValue, u"Approve budget"_qs);
    EXPECT_EQ(entries[2].record.field, u"removed"_qs);
}

TEST(Reviews, NamesMatchCaseInsensitivelyAndUnknownNamesListTheClosest)
{
    SignedFixture f;
    f.db->store->createReview(u"Board March 2026"_qs, QDate(2026, 3, 10));
    EXPECT_EQ(f.db->store->reviewNamed(u"board june 2026"_qs).id, f.review);
    QString message;
    EXPECT_EQ(kindOf([&] { f.db->store->reviewNamed(u"Board Jun 2026"_qs); }, &message), Error::Kind::NotFound);
    EXPECT_TRUE(message.contains(u"Board June 2026"_qs)) << message.toStdString();
}

TEST(DashboardReviews, AReviewForAFutureMeetingIsNotYetOnTheTrendNorTheLastReview)
{
    auto db = createDatabase(true);
    const DashboardData before = DashboardData::build(*db->store, fixedToday());
    ASSERT_FALSE(before.previousReviewName.isEmpty());
    db->store->createReview(u"Board, next month"_qs, fixedToday().addDays(20));
    const DashboardData after = DashboardData::build(*db->store, fixedToday());
    EXPECT_EQ(after.previousReviewName, before.previousReviewName);
    EXPECT_EQ(after.previousScore, before.previousScore);
    EXPECT_EQ(after.postureHistory.categories, before.postureHistory.categories);
    // Once the meeting has been held, it is the last review.
    const DashboardData later = DashboardData::build(*db->store, fixedToday().addDays(20));
    EXPECT_EQ(later.previousReviewName, u"Board, next month"_qs);
    EXPECT_EQ(later.postureHistory.categories.size(), before.postureHistory.categories.size() + 1);
}

TEST(Reviews, EveryReviewScoresTheSameFromItsRatingsAloneAsFromItsItems)
{
    auto db = createDatabase(true);
    Store &store = *db->store;
    const QList<Review> reviews = store.reviews();
    ASSERT_GE(reviews.size(), 2);
    const QHash<qint64, QList<ReviewItem>> ratings = store.reviewRatings();
    EXPECT_EQ(ratings.size(), reviews.size());
    const QList<ReviewPosture> postures = reviewPostures(store);
    ASSERT_EQ(postures.size(), reviews.size());
    for (qsizetype r = 0; r < reviews.size(); ++r) {
        const QList<ReviewItem> items = store.reviewItems(reviews[r].id);
        const QList<ReviewItem> rated = ratings.value(reviews[r].id);
        ASSERT_EQ(rated.size(), items.size()) << reviews[r].name.toStdString();
        QHash<QString, const ReviewItem *> byAction;
        for (const ReviewItem &item : rated)
            byAction.insert(item.actionId, &item);
        for (const ReviewItem &item : items) {
            const ReviewItem *same = byAction.value(item.actionId);
            ASSERT_NE(same, nullptr) << item.actionId.toStdString();
            EXPECT_EQ(same->rating, item.rating) << item.actionId.toStdString();
            EXPECT_EQ(same->target, item.target) << item.actionId.toStdString();
            EXPECT_EQ(same->evidenceCurrent, item.evidenceCurrent) << item.actionId.toStdString();
            EXPECT_EQ(same->evidenceExpired, item.evidenceExpired) << item.actionId.toStdString();
        }
        // The trend's scores, from the ratings alone, match scoring the review's full items.
        // Of the Code's items: a score is never blended with another framework's.
        QList<ActionState> states;
        for (const ReviewItem &item : reviewItemsOfFramework(items, u"cgc"_qs)) {
            ActionState state;
            state.id = item.actionId;
            state.assessment.rating = item.rating;
            state.assessment.target = item.target;
            state.evidenceCurrent = item.evidenceCurrent;
            states << state;
        }
        EXPECT_EQ(postures[r].review.id, reviews[r].id);
        EXPECT_EQ(postures[r].score.score, Scoring::posture(states).score) << reviews[r].name.toStdString();
        EXPECT_EQ(postures[r].score.unsupported, Scoring::posture(states).unsupported);
    }
}
