#include "core/domain/error.h"
#include "core/rules/attention.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QList<AttentionItem> itemsOf(const QList<AttentionItem> &items, AttentionRule rule)
{
    QList<AttentionItem> result;
    for (const AttentionItem &item : items) {
        if (item.rule == rule)
            result << item;
    }
    return result;
}

QList<AttentionItem> compute(const TestDatabase &db, const QDate &today = fixedToday())
{
    return Attention::compute(*db.store, today);
}

QStringList subjects(const QList<AttentionItem> &items)
{
    QStringList result;
    for (const AttentionItem &item : items)
        result << item.subject;
    return result;
}

QVariant rating(Rating value)
{
    return QVariant::fromValue(value);
}

qint64 addLink(Store &store, const QString &title, const QStringList &actions, const QDate &reviewBy,
               EvidenceType type = EvidenceType::Other, const QDate &effective = {})
{
    EvidenceInput input;
    input.title = title;
    input.type = type;
    input.url = u"https://intranet.example/"_qs + QString::number(qHash(title));
    input.actionIds = actions;
    input.reviewBy = reviewBy;
    input.effective = effective.isValid() ? effective : (reviewBy.isValid() ? reviewBy.addYears(-1) : QDate());
    return store.addEvidence(input);
}

BoardEvent exercise(const QDate &date, BoardEvent::Kind kind = BoardEvent::Kind::Exercise)
{
    BoardEvent event;
    event.kind = kind;
    event.title = u"Tabletop"_qs;
    event.occurredOn = date;
    event.actionIds = {u"D2"_qs};
    return event;
}

} // namespace

TEST(AttentionRules, KeysAndLabelsRoundTrip)
{
    const QStringList expected{u"unowned"_qs,
                               u"unsupported-claim"_qs,
                               u"expired-evidence"_qs,
                               u"rating-fell"_qs,
                               u"overdue-target"_qs,
                               u"no-exercise"_qs,
                               u"no-formal-report"_qs,
                               u"director-training"_qs,
                               u"metric-out-of-tolerance"_qs,
                               u"maturity-below-target"_qs};
    QStringList keys;
    for (AttentionRule rule : allAttentionRules()) {
        keys << attentionRuleKey(rule);
        EXPECT_FALSE(attentionRuleLabel(rule).isEmpty());
        EXPECT_EQ(attentionRuleFromKey(attentionRuleKey(rule)), rule);
    }
    EXPECT_EQ(keys, expected);
    EXPECT_FALSE(attentionRuleFromKey(u"nonsense"_qs).has_value());
}

TEST(Attention, AnEmptyRecordRaisesUnownedActionsAndTheMissingDates)
{
    auto db = createDatabase();
    const QList<AttentionItem> items = compute(*db);
    EXPECT_EQ(itemsOf(items, AttentionRule::UnownedAction).size(), 22);
    EXPECT_EQ(itemsOf(items, AttentionRule::NoRecentExercise).size(), 1);
    EXPECT_EQ(itemsOf(items, AttentionRule::NoRecentFormalReport).size(), 1);
    EXPECT_TRUE(itemsOf(items, AttentionRule::DirectorTraining).isEmpty()); // nobody on the board yet
    EXPECT_TRUE(itemsOf(items, AttentionRule::MetricOutOfTolerance).isEmpty());
    for (const AttentionItem &item : items) {
        EXPECT_FALSE(item.detail.isEmpty());
        EXPECT_TRUE(item.detail.endsWith(u'.')) << item.detail.toStdString();
        EXPECT_GE(item.severity, 1);
        EXPECT_LE(item.severity, 3);
    }
}

TEST(Attention, UnownedActionsLeaveOutOwnedAndNotApplicable)
{
    auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Raj Iyer"_qs, u"CISO"_qs, false, true});
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue(owner)}});
    db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)},
                                           {AssessmentField::Justification, u"No such risks"_qs}});
    const QList<AttentionItem> unowned = itemsOf(compute(*db), AttentionRule::UnownedAction);
    EXPECT_EQ(unowned.size(), 20);
    EXPECT_FALSE(subjects(unowned).contains(u"A1"_qs));
    EXPECT_FALSE(subjects(unowned).contains(u"A2"_qs));
    EXPECT_TRUE(subjects(unowned).contains(u"A3"_qs));
    EXPECT_EQ(unowned.first().subjectKind, u"action"_qs);
}

TEST(Attention, UnsupportedClaimEndsWhenEvidenceIsCurrentAndReturnsTheDayAfterItExpires)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    db->store->updateAssessment(u"A3"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    QList<AttentionItem> claims = itemsOf(compute(*db), AttentionRule::UnsupportedClaim);
    ASSERT_EQ(claims.size(), 1);
    EXPECT_EQ(claims.first().subject, u"A3"_qs);
    EXPECT_EQ(claims.first().severity, 1);
    EXPECT_TRUE(claims.first().detail.contains(u"Reasonable"_qs));

    // Evidence expiring today is still current: no claim today, a claim tomorrow.
    addLink(*db->store, u"Risk appetite"_qs, {u"A3"_qs}, today);
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::UnsupportedClaim).isEmpty());
    EXPECT_EQ(itemsOf(compute(*db, today.addDays(1)), AttentionRule::UnsupportedClaim).size(), 1);

    // Limited claims nothing, so it is never unsupported.
    db->store->updateAssessment(u"A4"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    EXPECT_FALSE(subjects(itemsOf(compute(*db), AttentionRule::UnsupportedClaim)).contains(u"A4"_qs));
}

TEST(Attention, OneItemPerExpiredEvidenceNamingItsActions)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    const qint64 expired = addLink(*db->store, u"Old policy"_qs, {u"C2"_qs, u"B1"_qs}, today.addDays(-1));
    addLink(*db->store, u"Expiring today"_qs, {u"C2"_qs}, today);
    addLink(*db->store, u"Never expires"_qs, {u"C2"_qs}, QDate());
    const QList<AttentionItem> items = itemsOf(compute(*db), AttentionRule::ExpiredEvidence);
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items.first().subject, u"Old policy"_qs);
    EXPECT_EQ(items.first().subjectKind, u"evidence"_qs);
    EXPECT_EQ(items.first().recordId, expired);
    EXPECT_TRUE(items.first().detail.contains(u"B1, C2"_qs)) << items.first().detail.toStdString();
    EXPECT_TRUE(items.first().detail.contains(today.addDays(-1).toString(Qt::ISODate)));
    EXPECT_EQ(itemsOf(compute(*db, today.addDays(1)), AttentionRule::ExpiredEvidence).size(), 2);
}

TEST(Attention, RatingFellComparesWithTheLastReviewHeldByToday)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::RatingFell).isEmpty());
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    db->store->updateAssessment(u"A3"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    db->store->createReview(u"Board March"_qs, today.addMonths(-3));
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Rating, rating(Rating::Substantial)}});
    db->store->updateAssessment(u"A3"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)},
                                           {AssessmentField::Justification, u"Out of scope"_qs}});
    QList<AttentionItem> fell = itemsOf(compute(*db), AttentionRule::RatingFell);
    ASSERT_EQ(fell.size(), 1); // A2 rose; A3 became not applicable, which is neither up nor down
    EXPECT_EQ(fell.first().subject, u"A1"_qs);
    EXPECT_TRUE(fell.first().detail.contains(u"Reasonable to Limited"_qs)) << fell.first().detail.toStdString();
    EXPECT_TRUE(fell.first().detail.contains(u"Board March"_qs));

    // Falling to Not assessed is a fall too.
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::NotAssessed)}});
    EXPECT_EQ(itemsOf(compute(*db), AttentionRule::RatingFell).size(), 1);

    // A review for a meeting next week is not yet "the last review"; on its meeting day it is.
    db->store->createReview(u"Board June"_qs, today.addDays(7));
    EXPECT_EQ(itemsOf(compute(*db), AttentionRule::RatingFell).size(), 1);
    EXPECT_TRUE(itemsOf(compute(*db, today.addDays(7)), AttentionRule::RatingFell).isEmpty());
}

TEST(Attention, OverdueTargetOnlyAfterTheDateAndWhileBelowTarget)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    db->store->updateAssessment(u"B1"_qs, {{AssessmentField::Rating, rating(Rating::Limited)},
                                           {AssessmentField::Target, rating(Rating::Reasonable)},
                                           {AssessmentField::TargetDate, today}});
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::OverdueTarget).isEmpty()); // due today: not yet overdue
    db->store->updateAssessment(u"B1"_qs, {{AssessmentField::TargetDate, today.addDays(-1)}});
    const QList<AttentionItem> overdue = itemsOf(compute(*db), AttentionRule::OverdueTarget);
    ASSERT_EQ(overdue.size(), 1);
    EXPECT_EQ(overdue.first().subject, u"B1"_qs);
    EXPECT_TRUE(overdue.first().detail.contains(today.addDays(-1).toString(Qt::ISODate)));
    db->store->updateAssessment(u"B1"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::OverdueTarget).isEmpty()); // target reached
    db->store->updateAssessment(u"B2"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::OverdueTarget).isEmpty()); // no target date
}

TEST(Attention, ExerciseExactlyTwelveMonthsAgoStillCounts)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    ASSERT_EQ(itemsOf(compute(*db), AttentionRule::NoRecentExercise).size(), 1);
    const qint64 id = db->store->addEvent(exercise(today.addMonths(-12)));
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::NoRecentExercise).isEmpty());

    BoardEvent older = *db->store->event(id);
    older.occurredOn = today.addMonths(-12).addDays(-1);
    db->store->updateEvent(older);
    const QList<AttentionItem> items = itemsOf(compute(*db), AttentionRule::NoRecentExercise);
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items.first().subject, u"D2"_qs);
    EXPECT_EQ(items.first().recordId, id);
    EXPECT_TRUE(items.first().detail.contains(older.occurredOn.toString(Qt::ISODate)));

    // An incident is not an exercise of the plan.
    db->store->addEvent(exercise(today.addDays(-5), BoardEvent::Kind::Incident));
    EXPECT_EQ(itemsOf(compute(*db), AttentionRule::NoRecentExercise).size(), 1);

    // Not applicable: the rule does not apply.
    db->store->updateAssessment(u"D2"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)},
                                           {AssessmentField::Justification, u"No incident plan needed"_qs}});
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::NoRecentExercise).isEmpty());
}

TEST(Attention, TwelveMonthsBeforeALeapDayIsTheTwentyEighthOfFebruary)
{
    auto db = createDatabase();
    db->store->setClock(Clock(QDateTime(QDate(2028, 2, 29), QTime(12, 0), Qt::UTC)));
    db->store->addEvent(exercise(QDate(2027, 2, 28)));
    EXPECT_TRUE(itemsOf(compute(*db, QDate(2028, 2, 29)), AttentionRule::NoRecentExercise).isEmpty());
    EXPECT_EQ(itemsOf(compute(*db, QDate(2028, 3, 1)), AttentionRule::NoRecentExercise).size(), 1);
}

TEST(Attention, FormalReportNeedsAReviewOrAnE2ReportWithinTheQuarter)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    const QDate since = today.addMonths(-3);
    ASSERT_EQ(itemsOf(compute(*db), AttentionRule::NoRecentFormalReport).size(), 1);

    // Evidence that is not a report, or not linked to E2, or older than the quarter does not count.
    addLink(*db->store, u"Cyber policy"_qs, {u"E2"_qs}, QDate(), EvidenceType::Policy, today);
    addLink(*db->store, u"Audit report"_qs, {u"E4"_qs}, QDate(), EvidenceType::Report, today);
    addLink(*db->store, u"Old quarterly report"_qs, {u"E2"_qs}, QDate(), EvidenceType::Report, since.addDays(-1));
    db->store->createReview(u"Board long ago"_qs, since.addDays(-1));
    db->store->createReview(u"Board next month"_qs, today.addMonths(1));
    const QList<AttentionItem> items = itemsOf(compute(*db), AttentionRule::NoRecentFormalReport);
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items.first().subject, u"E2"_qs);
    EXPECT_TRUE(items.first().detail.contains(since.toString(Qt::ISODate)));

    // A report dated exactly three months ago counts.
    addLink(*db->store, u"Quarterly cyber report"_qs, {u"E2"_qs, u"B4"_qs}, QDate(), EvidenceType::Report, since);
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::NoRecentFormalReport).isEmpty());
    EXPECT_EQ(itemsOf(compute(*db, today.addDays(1)), AttentionRule::NoRecentFormalReport).size(), 1);
}

TEST(Attention, ABoardReviewExactlyThreeMonthsAgoIsAFormalReport)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    db->store->createReview(u"Board March"_qs, today.addMonths(-3));
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::NoRecentFormalReport).isEmpty());
    EXPECT_EQ(itemsOf(compute(*db, today.addDays(1)), AttentionRule::NoRecentFormalReport).size(), 1);
}

TEST(Attention, DirectorTrainingMissingOrExpired)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    const qint64 chair = db->store->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const qint64 ned = db->store->addPerson({0, u"Tom Adeyemi"_qs, u"NED"_qs, true, true});
    const qint64 lapsed = db->store->addPerson({0, u"Fiona Castell"_qs, u"NED"_qs, true, true});
    db->store->addPerson({0, u"Former Director"_qs, u"NED"_qs, true, false});           // inactive: not raised
    db->store->addPerson({0, u"Raj Iyer"_qs, u"CISO"_qs, false, true});                 // not a director
    db->store->addTraining({0, chair, u"Board toolkit"_qs, today.addYears(-1), today}); // valid until today
    db->store->addTraining({0, ned, u"Board toolkit"_qs, today.addYears(-3), QDate()}); // does not expire
    db->store->addTraining({0, lapsed, u"Board toolkit"_qs, today.addYears(-1), today.addDays(-1)});
    QList<AttentionItem> items = itemsOf(compute(*db), AttentionRule::DirectorTraining);
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items.first().subject, u"Fiona Castell"_qs);
    EXPECT_EQ(items.first().subjectKind, u"person"_qs);
    EXPECT_EQ(items.first().recordId, lapsed);
    EXPECT_TRUE(items.first().detail.contains(u"expired on "_qs + today.addDays(-1).toString(Qt::ISODate)));

    // Tomorrow the chair's training has lapsed too.
    items = itemsOf(compute(*db, today.addDays(1)), AttentionRule::DirectorTraining);
    EXPECT_EQ(subjects(items), (QStringList{u"Fiona Castell"_qs, u"Helen Marsh"_qs}));

    const qint64 newcomer = db->store->addPerson({0, u"Priya Raman"_qs, u"CFO"_qs, true, true});
    items = itemsOf(compute(*db), AttentionRule::DirectorTraining);
    ASSERT_EQ(items.size(), 2);
    EXPECT_EQ(items.last().recordId, newcomer);
    EXPECT_TRUE(items.last().detail.contains(u"no cyber training"_qs));
}

TEST(Attention, MetricOutsideToleranceUsesTheLatestReading)
{
    auto db = createDatabase();
    const QDate today = fixedToday();
    const Metric metric = metricOf(u"Training completion"_qs, true, 95, 90, {u"C4"_qs});
    const qint64 id = db->store->addMetric(metric);
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::MetricOutOfTolerance).isEmpty()); // no reading
    db->store->addReading({0, id, today.addDays(-10), 89.5, {}});
    QList<AttentionItem> items = itemsOf(compute(*db), AttentionRule::MetricOutOfTolerance);
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items.first().subject, u"Training completion"_qs);
    EXPECT_EQ(items.first().subjectKind, u"metric"_qs);
    EXPECT_EQ(items.first().recordId, id);
    EXPECT_TRUE(items.first().detail.contains(u"89.5 %"_qs)) << items.first().detail.toStdString();
    // A later reading exactly on the amber threshold is amber: inside tolerance.
    db->store->addReading({0, id, today.addDays(-1), 90, {}});
    EXPECT_TRUE(itemsOf(compute(*db), AttentionRule::MetricOutOfTolerance).isEmpty());
    // Looking back to before that reading, the red one is the latest.
    EXPECT_EQ(itemsOf(compute(*db, today.addDays(-5)), AttentionRule::MetricOutOfTolerance).size(), 1);
}

TEST(Attention, SortedBySeverityThenRuleThenSubject)
{
    auto db = createDatabase(true);
    const QList<AttentionItem> items = compute(*db);
    ASSERT_GT(items.size(), 5);
    for (qsizetype i = 1; i < items.size(); ++i) {
        const AttentionItem &a = items[i - 1];
        const AttentionItem &b = items[i];
        const bool ordered =
            a.severity < b.severity || (a.severity == b.severity && a.rule < b.rule)
            || (a.severity == b.severity && a.rule == b.rule && a.subject.compare(b.subject, Qt::CaseInsensitive) <= 0);
        EXPECT_TRUE(ordered) << "items out of order at " << i;
    }
    EXPECT_EQ(items.first().severity, 1);
}

TEST(Attention, TheDemoRaisesWhatItsStoryNeeds)
{
    auto db = createDatabase(true);
    const QList<AttentionItem> items = compute(*db);
    EXPECT_EQ(itemsOf(items, AttentionRule::MetricOutOfTolerance).size(), 1);
    EXPECT_TRUE(subjects(itemsOf(items, AttentionRule::RatingFell)).contains(u"A4"_qs));
    EXPECT_EQ(itemsOf(items, AttentionRule::DirectorTraining).size(), 2);
    // Two of the Code's actions, and one of the Software Security Code's principles, that the group follows too.
    EXPECT_EQ(subjects(itemsOf(items, AttentionRule::UnownedAction)), (QStringList{u"C1"_qs, u"E5"_qs, u"ssc:4.3"_qs}));
    EXPECT_TRUE(itemsOf(items, AttentionRule::NoRecentExercise).isEmpty());
    EXPECT_TRUE(itemsOf(items, AttentionRule::NoRecentFormalReport).isEmpty());
    EXPECT_GE(itemsOf(items, AttentionRule::ExpiredEvidence).size(), 3);
}

TEST(Attention, GroupedByRuleTheMostSevereGroupComesFirst)
{
    // A new organisation: 22 Medium "unowned" items and two High ones (no exercise, no formal report).
    auto db = createDatabase();
    const QList<AttentionItem> items = compute(*db);
    const QList<AttentionGroup> groups = Attention::groupByRule(items);
    ASSERT_EQ(groups.size(), 3);
    EXPECT_EQ(groups[0].rule, AttentionRule::NoRecentExercise);
    EXPECT_EQ(groups[1].rule, AttentionRule::NoRecentFormalReport);
    EXPECT_EQ(groups[2].rule, AttentionRule::UnownedAction);
    EXPECT_EQ(groups[2].itemIndexes.size(), 22);
    // Every item once, and read group after group they are in the order of the sorted list.
    QList<qsizetype> order;
    for (const AttentionGroup &group : groups) {
        for (qsizetype index : group.itemIndexes) {
            EXPECT_EQ(items[index].rule, group.rule);
            EXPECT_EQ(items[index].severity, group.severity);
        }
        order << group.itemIndexes;
    }
    QList<qsizetype> expected;
    for (qsizetype i = 0; i < items.size(); ++i)
        expected << i;
    EXPECT_EQ(order, expected);
}
