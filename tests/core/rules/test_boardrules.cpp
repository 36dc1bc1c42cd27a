#include "core/rules/boardrules.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

BoardEvent eventOf(qint64 id, BoardEvent::Kind kind, const QDate &date)
{
    BoardEvent event;
    event.id = id;
    event.kind = kind;
    event.occurredOn = date;
    event.title = u"Event %1"_qs.arg(id);
    return event;
}
} // namespace

TEST(MetricStatus, HigherIsBetterBoundaries)
{
    const Metric metric = metricOf(u"Patching"_qs, true, 95, 90);
    EXPECT_EQ(metricStatus(metric, 100.0), MetricStatus::Green);
    EXPECT_EQ(metricStatus(metric, 95.0), MetricStatus::Green); // on the green threshold
    EXPECT_EQ(metricStatus(metric, 94.99), MetricStatus::Amber);
    EXPECT_EQ(metricStatus(metric, 90.0), MetricStatus::Amber); // on the amber threshold
    EXPECT_EQ(metricStatus(metric, 89.99), MetricStatus::Red);
    EXPECT_EQ(metricStatus(metric, -5.0), MetricStatus::Red);
}

TEST(MetricStatus, LowerIsBetterIsTheMirror)
{
    const Metric metric = metricOf(u"Click rate"_qs, false, 5, 8);
    EXPECT_EQ(metricStatus(metric, 0.0), MetricStatus::Green);
    EXPECT_EQ(metricStatus(metric, 5.0), MetricStatus::Green);
    EXPECT_EQ(metricStatus(metric, 5.01), MetricStatus::Amber);
    EXPECT_EQ(metricStatus(metric, 8.0), MetricStatus::Amber);
    EXPECT_EQ(metricStatus(metric, 8.01), MetricStatus::Red);
}

TEST(MetricStatus, EqualThresholdsHaveNoAmberBandAndNoReadingIsItsOwnStatus)
{
    const Metric metric = metricOf(u"Findings"_qs, false, 0, 0);
    EXPECT_TRUE(metricThresholdProblem(metric).isEmpty());
    EXPECT_EQ(metricStatus(metric, 0.0), MetricStatus::Green);
    EXPECT_EQ(metricStatus(metric, 1.0), MetricStatus::Red);
    EXPECT_EQ(metricStatus(metric, std::optional<MetricReading>()), MetricStatus::NoReading);
    EXPECT_EQ(metricStatus(metric, std::optional<MetricReading>(MetricReading{0, 0, QDate(), 3, {}})),
              MetricStatus::Red);
    EXPECT_EQ(metricStatusKey(MetricStatus::NoReading), u"no-reading"_qs);
    EXPECT_EQ(metricStatusKey(MetricStatus::Red), u"red"_qs);
}

TEST(ExerciseStanding, TheD2BoundaryIsExactlyTwelveMonths)
{
    const QDate today(2026, 6, 15);
    auto standingWith = [&](const QDate &held) {
        return exerciseStanding({eventOf(1, BoardEvent::Kind::Exercise, held)}, today);
    };
    EXPECT_TRUE(standingWith(QDate(2025, 6, 15)).withinYear);  // exactly 12 months ago still counts
    EXPECT_FALSE(standingWith(QDate(2025, 6, 14)).withinYear); // a day older does not
    EXPECT_EQ(standingWith(QDate(2025, 6, 15)).since, QDate(2025, 6, 15));
    EXPECT_EQ(standingWith(QDate(2025, 9, 1)).countsUntil, QDate(2026, 9, 1));

    const ExerciseStanding none = exerciseStanding({}, today);
    EXPECT_FALSE(none.lastExercise);
    EXPECT_FALSE(none.withinYear);
}

TEST(ExerciseStanding, IncidentsAndFutureExercisesDoNotCount)
{
    const QDate today(2026, 6, 15);
    const ExerciseStanding standing = exerciseStanding({eventOf(1, BoardEvent::Kind::Exercise, QDate(2025, 1, 10)),
                                                        eventOf(2, BoardEvent::Kind::Incident, QDate(2026, 5, 1)),
                                                        eventOf(3, BoardEvent::Kind::Exercise, QDate(2026, 7, 1))},
                                                       today);
    ASSERT_TRUE(standing.lastExercise);
    EXPECT_EQ(standing.lastExercise->id, 1);
    EXPECT_FALSE(standing.withinYear);
}

TEST(ExerciseStanding, LeapDays)
{
    // On 29 February, twelve months earlier is 28 February of the year before.
    const ExerciseStanding onLeapDay =
        exerciseStanding({eventOf(1, BoardEvent::Kind::Exercise, QDate(2027, 2, 28))}, QDate(2028, 2, 29));
    EXPECT_TRUE(onLeapDay.withinYear);
    // So an exercise on 28 February 2027 still counts on 29 February 2028.
    EXPECT_EQ(onLeapDay.countsUntil, QDate(2028, 2, 29));
    const ExerciseStanding heldOnLeapDay =
        exerciseStanding({eventOf(1, BoardEvent::Kind::Exercise, QDate(2028, 2, 29))}, QDate(2029, 3, 1));
    EXPECT_FALSE(heldOnLeapDay.withinYear);
    EXPECT_EQ(heldOnLeapDay.countsUntil, QDate(2029, 2, 28));
}
