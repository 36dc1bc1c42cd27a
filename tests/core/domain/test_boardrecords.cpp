#include "core/domain/boardrecords.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <limits>

using namespace quorum;
using namespace quorum::test;

TEST(MetricStatus, ThresholdsMustBeOrderedWithTheDirection)
{
    EXPECT_TRUE(metricThresholdProblem(metricOf(u"Up"_qs, true, 95, 90)).isEmpty());
    EXPECT_TRUE(metricThresholdProblem(metricOf(u"Down"_qs, false, 5, 8)).isEmpty());
    const QString up = metricThresholdProblem(metricOf(u"Up"_qs, true, 90, 95));
    EXPECT_TRUE(up.contains(u"higher is better"_qs)) << up.toStdString();
    const QString down = metricThresholdProblem(metricOf(u"Down"_qs, false, 8, 5));
    EXPECT_TRUE(down.contains(u"lower is better"_qs)) << down.toStdString();
    EXPECT_FALSE(
        metricThresholdProblem(metricOf(u"NaN"_qs, true, std::numeric_limits<double>::quiet_NaN(), 1)).isEmpty());
    EXPECT_FALSE(
        metricThresholdProblem(metricOf(u"Inf"_qs, true, std::numeric_limits<double>::infinity(), 1)).isEmpty());
}

TEST(MetricValues, FormatWithoutTrailingZeros)
{
    EXPECT_EQ(formatMetricValue(94.5, u"%"_qs), u"94.5 %"_qs);
    EXPECT_EQ(formatMetricValue(12.0, u"hours"_qs), u"12 hours"_qs);
    EXPECT_EQ(formatMetricValue(0.125), u"0.13"_qs);
    EXPECT_EQ(formatMetricValue(-0.001), u"0"_qs);
    EXPECT_EQ(formatMetricValue(100.0), u"100"_qs);
}
