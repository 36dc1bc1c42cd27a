#include "core/domain/boardrecords.h"
#include "core/workspace/metricchart.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

Metric metricOf(bool higherIsBetter, double green, double amber, const QString &unit = u"%"_qs)
{
    Metric metric;
    metric.id = 7;
    metric.name = u"Patching"_qs;
    metric.unit = unit;
    metric.higherIsBetter = higherIsBetter;
    metric.greenThreshold = green;
    metric.amberThreshold = amber;
    metric.actionIds = {u"E2"_qs};
    return metric;
}

MetricReading readingOf(qint64 id, const QDate &date, double value)
{
    return MetricReading{id, 7, date, value, {}};
}

const ChartBand *bandOf(const ChartSpec &spec, SeriesTone tone)
{
    for (const ChartBand &band : spec.bands) {
        if (band.tone == tone)
            return &band;
    }
    return nullptr;
}

} // namespace

TEST(MetricChart, ReadingsAreInDateOrderWhateverTheInputOrder)
{
    const Metric metric = metricOf(true, 95, 90);
    const QList<MetricReading> readings{readingOf(3, QDate(2026, 3, 31), 93), readingOf(1, QDate(2025, 9, 30), 81),
                                        readingOf(2, QDate(2025, 12, 31), 88.5),
                                        // Same day as id 3, recorded earlier: comes first.
                                        readingOf(0, QDate(2026, 3, 31), 91)};
    const ChartSpec spec = metricChart(metric, readings);
    EXPECT_EQ(spec.kind, ChartSpec::Kind::Line);
    ASSERT_EQ(spec.series.size(), 1);
    EXPECT_EQ(spec.series[0].values, (QList<double>{81, 88.5, 91, 93}));
    ASSERT_EQ(spec.categories.size(), 4);
    EXPECT_TRUE(spec.categories[0].contains(u"Sep"_qs));
    EXPECT_TRUE(spec.categories[1].contains(u"Dec"_qs));
    // Two readings on one day keep distinct labels (a category axis would merge them).
    EXPECT_NE(spec.categories[2], spec.categories[3]);
    // 88.5 is not whole: the chart keeps decimals.
    EXPECT_FALSE(spec.wholeNumbers);
    EXPECT_TRUE(spec.title.contains(u"Patching"_qs));
    EXPECT_EQ(spec.valueAxisTitle, u"%"_qs);
}

TEST(MetricChart, HigherIsBetterBandsMatchTheThresholds)
{
    const Metric metric = metricOf(true, 95, 90);
    const ChartSpec spec =
        metricChart(metric, {readingOf(1, QDate(2026, 1, 10), 80), readingOf(2, QDate(2026, 4, 10), 96)});
    ASSERT_EQ(spec.bands.size(), 3);
    // Legend order: green, amber, red; each named in words.
    EXPECT_EQ(spec.bands[0].tone, SeriesTone::Green);
    EXPECT_EQ(spec.bands[1].tone, SeriesTone::Amber);
    EXPECT_EQ(spec.bands[2].tone, SeriesTone::Red);
    const ChartBand *green = bandOf(spec, SeriesTone::Green);
    const ChartBand *amber = bandOf(spec, SeriesTone::Amber);
    const ChartBand *red = bandOf(spec, SeriesTone::Red);
    EXPECT_EQ(green->from, 95);
    EXPECT_EQ(green->to, spec.maximum);
    EXPECT_EQ(amber->from, 90);
    EXPECT_EQ(amber->to, 95);
    EXPECT_EQ(red->from, spec.minimum);
    EXPECT_EQ(red->to, 90);
    EXPECT_TRUE(green->name.startsWith(u"Green"_qs));
    EXPECT_EQ(green->name, u"Green: \u2265 95 %"_qs);
    EXPECT_EQ(amber->name, u"Amber: \u2265 90 %"_qs);
    EXPECT_EQ(red->name, u"Red (outside tolerance): < 90 %"_qs);
    EXPECT_TRUE(amber->name.startsWith(u"Amber"_qs));
    EXPECT_TRUE(red->name.startsWith(u"Red (outside tolerance)"_qs));
    // Every reading is on the chart and every band is visible.
    EXPECT_LT(spec.minimum, 80);
    EXPECT_GT(spec.maximum, 96);
    EXPECT_GT(green->to, green->from);
    EXPECT_GT(red->to, red->from);
    EXPECT_TRUE(spec.wholeNumbers);
    // Percentages stay at zero or above.
    EXPECT_GE(spec.minimum, 0);
}

TEST(MetricChart, LowerIsBetterBandsAreTheMirror)
{
    const Metric metric = metricOf(false, 6, 10);
    const ChartSpec spec =
        metricChart(metric, {readingOf(1, QDate(2026, 1, 10), 14), readingOf(2, QDate(2026, 4, 10), 6)});
    ASSERT_EQ(spec.bands.size(), 3);
    const ChartBand *green = bandOf(spec, SeriesTone::Green);
    const ChartBand *amber = bandOf(spec, SeriesTone::Amber);
    const ChartBand *red = bandOf(spec, SeriesTone::Red);
    EXPECT_EQ(green->from, spec.minimum);
    EXPECT_EQ(green->to, 6);
    EXPECT_EQ(amber->from, 6);
    EXPECT_EQ(amber->to, 10);
    EXPECT_EQ(red->from, 10);
    EXPECT_EQ(red->to, spec.maximum);
    EXPECT_LT(spec.minimum, 6);
    EXPECT_GT(spec.maximum, 14);
    EXPECT_EQ(green->name, u"Green: \u2264 6 %"_qs);
    EXPECT_EQ(amber->name, u"Amber: \u2264 10 %"_qs);
    EXPECT_EQ(red->name, u"Red (outside tolerance): > 10 %"_qs);
}

TEST(MetricChart, AThresholdOnZeroKeepsItsZoneVisible)
{
    // Overdue findings: green is none at all, so the green zone lies at and below zero.
    const Metric metric = metricOf(false, 0, 2, {});
    const ChartSpec spec =
        metricChart(metric, {readingOf(1, QDate(2026, 1, 10), 6), readingOf(2, QDate(2026, 4, 10), 0)});
    const ChartBand *green = bandOf(spec, SeriesTone::Green);
    ASSERT_NE(green, nullptr);
    EXPECT_LT(spec.minimum, 0);
    EXPECT_GT(green->to, green->from);
}

TEST(MetricChart, EqualThresholdsHaveNoAmberZoneAndNoReadingsStillShowTheBands)
{
    const ChartSpec spec = metricChart(metricOf(true, 90, 90), {});
    EXPECT_TRUE(spec.categories.isEmpty());
    ASSERT_EQ(spec.bands.size(), 2);
    EXPECT_EQ(bandOf(spec, SeriesTone::Amber), nullptr);
    EXPECT_LT(spec.minimum, 90);
    EXPECT_GT(spec.maximum, 90);
}
