#include "chartfactory.h"

#include "ragcolors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBarSeries>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace quorum::charts {

namespace {

QFont scaled(QFont font, qreal factor)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

QColor labelColor(SeriesTone tone)
{
    const bool light = tone == SeriesTone::Amber || tone == SeriesTone::NotApplicable || tone == SeriesTone::Secondary;
    return light ? QColor(Qt::black) : QColor(Qt::white);
}

double maximumOf(const ChartSpec &spec)
{
    if (spec.maximum > spec.minimum)
        return spec.maximum;
    double top = 0;
    if (spec.kind == ChartSpec::Kind::StackedBars) {
        for (qsizetype c = 0; c < spec.categories.size(); ++c) {
            double sum = 0;
            for (const ChartSeries &series : spec.series)
                sum += series.values.value(c);
            top = std::max(top, sum);
        }
    } else {
        for (const ChartSeries &series : spec.series) {
            for (double value : series.values)
                top = std::max(top, value);
        }
    }
    return std::max(1.0, std::ceil(top * 1.1));
}

QChart *buildChart(const ChartSpec &spec, qreal fontScale)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTheme(QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont titleFont = scaled(chart->titleFont(), fontScale);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(spec.title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(scaled(chart->legend()->font(), fontScale));

    auto *categories = new QBarCategoryAxis;
    categories->append(spec.categories);
    categories->setLabelsFont(scaled(categories->labelsFont(), fontScale));
    auto *values = new QValueAxis;
    values->setRange(spec.minimum, maximumOf(spec));
    values->setTitleText(spec.valueAxisTitle);
    values->setTitleFont(scaled(values->titleFont(), fontScale));
    values->setLabelsFont(scaled(values->labelsFont(), fontScale));
    values->setLabelFormat(QStringLiteral("%d"));
    if (spec.wholeNumbers && maximumOf(spec) <= 12)
        values->setTickCount(int(maximumOf(spec) - spec.minimum) + 1);
    else
        values->setTickCount(6);
    chart->addAxis(categories, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);

    if (spec.kind == ChartSpec::Kind::Line) {
        for (const ChartSeries &data : spec.series) {
            auto *line = new QLineSeries;
            auto *points = new QScatterSeries;
            line->setName(data.name);
            QPen pen(toneColor(data.tone));
            pen.setWidthF(2.5 * fontScale);
            line->setPen(pen);
            points->setColor(toneColor(data.tone));
            points->setBorderColor(toneColor(data.tone));
            points->setMarkerSize(8 * fontScale);
            points->setPointLabelsVisible(true);
            points->setPointLabelsFormat(QStringLiteral("@yPoint"));
            points->setPointLabelsFont(scaled(points->pointLabelsFont(), fontScale));
            points->setPointLabelsClipping(false);
            for (qsizetype i = 0; i < data.values.size(); ++i) {
                // Categories sit at 0..n-1 on a bar-category axis; a value axis over them keeps the line aligned.
                line->append(double(i), qRound(data.values[i]));
                points->append(double(i), qRound(data.values[i]));
            }
            chart->addSeries(line);
            chart->addSeries(points);
            // A category axis places point i over category i.
            for (QAbstractSeries *series : {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(points)}) {
                series->attachAxis(categories);
                series->attachAxis(values);
            }
            // The scatter is only markers and labels: keep the legend to the line.
            const auto markers = chart->legend()->markers(points);
            for (QLegendMarker *marker : markers)
                marker->setVisible(false);
        }
        return chart;
    }

    QAbstractBarSeries *bars = spec.kind == ChartSpec::Kind::StackedBars ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                                                         : static_cast<QAbstractBarSeries *>(new QBarSeries);
    for (const ChartSeries &data : spec.series) {
        auto *set = new QBarSet(data.name);
        for (double value : data.values)
            set->append(spec.wholeNumbers ? qRound(value) : value);
        set->setBrush(toneBrush(data.tone));
        set->setPen(QPen(toneColor(data.tone).darker(130), 0.8));
        set->setLabelColor(labelColor(data.tone));
        set->setLabelFont(scaled(set->labelFont(), fontScale));
        bars->append(set);
    }
    bars->setLabelsVisible(true);
    bars->setLabelsFormat(QStringLiteral("@value"));
    bars->setLabelsPosition(QAbstractBarSeries::LabelsCenter);
    bars->setBarWidth(spec.kind == ChartSpec::Kind::StackedBars ? 0.6 : 0.75);
    chart->addSeries(bars);
    bars->attachAxis(categories);
    bars->attachAxis(values);
    return chart;
}

} // namespace

QColor toneColor(SeriesTone tone)
{
    switch (tone) {
    case SeriesTone::Green:
        return ragColor(Rag::Green);
    case SeriesTone::Amber:
        return ragColor(Rag::Amber);
    case SeriesTone::Red:
        return ragColor(Rag::Red);
    case SeriesTone::Gap:
        return ragColor(Rag::Gap);
    case SeriesTone::NotApplicable:
        return ragColor(Rag::NotApplicable);
    case SeriesTone::Primary:
        return QColor(0x1F, 0x4E, 0x79);
    case SeriesTone::Secondary:
        return QColor(0x9D, 0xB9, 0xD3);
    }
    return QColor(Qt::gray);
}

QBrush toneBrush(SeriesTone tone)
{
    switch (tone) {
    case SeriesTone::Amber:
        return QBrush(toneColor(tone), Qt::Dense1Pattern);
    case SeriesTone::Gap:
        return QBrush(toneColor(tone), Qt::Dense3Pattern);
    case SeriesTone::NotApplicable:
        return QBrush(toneColor(tone), Qt::Dense5Pattern);
    default:
        return QBrush(toneColor(tone));
    }
}

QWidget *createChartView(const ChartSpec &spec, QWidget *parent)
{
    auto *view = new QChartView(buildChart(spec, 1.0), parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void updateChartView(QWidget *view, const ChartSpec &spec)
{
    auto *chartView = qobject_cast<QChartView *>(view);
    if (!chartView)
        return;
    QChart *old = chartView->chart();
    chartView->setChart(buildChart(spec, 1.0));
    delete old;
}

void paintChart(const ChartSpec &spec, QPainter *painter, const QRectF &target, qreal fontScale)
{
    QGraphicsScene scene;
    QChart *chart = buildChart(spec, fontScale);
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), target.size()));
    scene.setSceneRect(chart->geometry());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    scene.render(painter, target, scene.sceneRect());
    painter->restore();
}

} // namespace quorum::charts
