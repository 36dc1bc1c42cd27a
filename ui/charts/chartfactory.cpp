#include "ui/charts/chartfactory.h"

#include "ui/widgets/ragcolors.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPolarChart>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QTextDocumentFragment>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace quorum::charts {

namespace {

QFont scaled(QFont font, qreal factor)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

/**
 * A band's fill: a light tint of its tone with a pattern that tells the zones apart without colour
 * (green plain, amber dotted, red hatched), so the legend's markers carry the pattern too.
 */
QBrush bandBrush(SeriesTone tone)
{
    QColor tint = toneColor(tone);
    tint.setAlpha(tone == SeriesTone::Amber ? 80 : 60);
    if (tone != SeriesTone::Amber && tone != SeriesTone::Red)
        return QBrush(tint);
    const int size = tone == SeriesTone::Amber ? 6 : 8;
    QImage tile(size, size, QImage::Format_ARGB32_Premultiplied);
    tile.fill(tint);
    QColor ink = toneColor(tone).darker(tone == SeriesTone::Amber ? 130 : 110);
    ink.setAlpha(150);
    if (tone == SeriesTone::Red) {
        for (int i = 0; i < size; ++i)
            tile.setPixelColor(i, size - 1 - i, ink); // diagonal hatching
    } else {
        for (int x : {1, 2}) {
            for (int y : {1, 2})
                tile.setPixelColor(x, y, ink); // dots
        }
    }
    return QBrush(tile);
}

void setValueRange(QValueAxis *values, const ChartSpec &spec)
{
    // Round ticks (0, 10, ... 50), decided in core for every chart.
    const ValueAxisTicks ticks = valueAxisTicks(spec);
    values->setRange(ticks.minimum, ticks.maximum);
    values->setTickCount(ticks.count());
}

/** The names of the categories, one a line, for the chart's tooltip; empty when the labels say it all. */
QString categoryKey(const ChartSpec &spec)
{
    return spec.categoryNames.join(QLatin1Char('\n'));
}

QList<QPointF> linePoints(const ChartSpec &spec, const ChartSeries &data)
{
    // Categories sit at 0..n-1 on a bar-category axis; a value axis over them keeps the line aligned.
    QList<QPointF> points;
    for (qsizetype i = 0; i < data.values.size(); ++i)
        points.append(QPointF(double(i), spec.wholeNumbers ? qRound(data.values[i]) : data.values[i]));
    return points;
}

/** Everything but the values is the same: the chart shown can take the new values in place. */
bool sameShape(const ChartSpec &a, const ChartSpec &b)
{
    if (a.kind != b.kind || a.title != b.title || a.valueAxisTitle != b.valueAxisTitle || a.categories != b.categories
        || a.categoryNames != b.categoryNames || a.minimum != b.minimum || a.maximum != b.maximum
        || a.wholeNumbers != b.wholeNumbers || a.bands != b.bands || a.series.size() != b.series.size())
        return false;
    for (qsizetype i = 0; i < a.series.size(); ++i) {
        if (a.series[i].name != b.series[i].name || a.series[i].tone != b.series[i].tone
            || a.series[i].values.size() != b.series[i].values.size())
            return false;
    }
    return true;
}

/**
 * Puts @p spec's values into @p chart, built by buildChart from a spec of the same shape: a quarter of
 * the time of building the chart again, which matters on every rating edit (docs/PERFORMANCE.md).
 * Returns false, changing nothing, when the chart is not laid out as buildChart lays it out.
 */
bool replaceValues(QChart *chart, const ChartSpec &spec)
{
    if (spec.kind == ChartSpec::Kind::Radar)
        return false; // a few points: built again

    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    auto *values = axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.constFirst());
    if (!values)
        return false;
    const QList<QAbstractSeries *> all = chart->series();
    if (spec.kind == ChartSpec::Kind::Line) {
        // Bands, then a line and its markers per series.
        const qsizetype first = spec.bands.size();
        if (all.size() != first + 2 * spec.series.size())
            return false;
        for (qsizetype i = 0; i < spec.series.size(); ++i) {
            auto *line = qobject_cast<QLineSeries *>(all[first + 2 * i]);
            auto *points = qobject_cast<QScatterSeries *>(all[first + 2 * i + 1]);
            if (!line || !points)
                return false;
        }
        for (qsizetype i = 0; i < spec.series.size(); ++i) {
            const QList<QPointF> points = linePoints(spec, spec.series[i]);
            static_cast<QLineSeries *>(all[first + 2 * i])->replace(points);
            static_cast<QScatterSeries *>(all[first + 2 * i + 1])->replace(points);
        }
    } else {
        auto *bars = all.size() == 1 ? qobject_cast<QAbstractBarSeries *>(all.constFirst()) : nullptr;
        if (!bars || bars->count() != spec.series.size())
            return false;
        const QList<QBarSet *> sets = bars->barSets();
        for (qsizetype i = 0; i < spec.series.size(); ++i) {
            for (qsizetype v = 0; v < spec.series[i].values.size(); ++v) {
                const double value = spec.wholeNumbers ? qRound(spec.series[i].values[v]) : spec.series[i].values[v];
                if (sets[i]->at(v) != value)
                    sets[i]->replace(v, value);
            }
        }
    }
    setValueRange(values, spec);
    return true;
}

/**
 * @p spec as a chart. @p keyWidth: the room across the chart when it is known (a page, which has no
 * tooltips): the categories' full names go under the axis in one line ("A Risk management · B Strategy
 * ...") where they fit in it; 0 (a resizable screen, with tooltips) leaves them to the tooltip.
 */
/**
 * A line of @p data through @p at with a marker and the value at each point (the trend, the radar), attached to
 * @p axes; the legend names the line only. Returns the line, for what only its chart does to it.
 */
QLineSeries *addLineWithPoints(QChart *chart, const ChartSeries &data, const QList<QPointF> &at,
                               const QList<QAbstractAxis *> &axes, qreal fontScale, qreal markerSize, qreal labelScale)
{
    auto *line = new QLineSeries;
    auto *points = new QScatterSeries;
    line->setName(data.name.toHtmlEscaped());
    QPen pen(toneColor(data.tone));
    pen.setWidthF(2.5 * fontScale);
    line->setPen(pen);
    points->setColor(toneColor(data.tone));
    points->setBorderColor(toneColor(data.tone));
    points->setMarkerSize(markerSize * fontScale);
    points->setPointLabelsVisible(true);
    points->setPointLabelsFormat(QStringLiteral("@yPoint"));
    points->setPointLabelsFont(scaled(points->pointLabelsFont(), fontScale * labelScale));
    points->setPointLabelsClipping(false);
    line->append(at);
    points->append(at);
    chart->addSeries(line);
    chart->addSeries(points);
    for (QAbstractSeries *series : {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(points)}) {
        for (QAbstractAxis *axis : axes)
            series->attachAxis(axis);
    }
    // The scatter is only markers and labels: keep the legend to the line.
    const auto markers = chart->legend()->markers(points);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    return line;
}

/** The look every chart shares: theme, margins, title and legend. */
void setUpChart(QChart *chart, const ChartSpec &spec, qreal fontScale)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTheme(QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont titleFont = scaled(chart->titleFont(), fontScale);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    // Qt Charts reads titles and legend names as rich text; the spec's words (a metric's name) are plain.
    chart->setTitle(spec.title.toHtmlEscaped());
    chart->setToolTip(categoryKey(spec));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(scaled(chart->legend()->font(), fontScale));
}

/**
 * A radar (maturity, issue 18): one spoke per category, a closed shape per series, the value of each point printed
 * beside it so the chart reads in numbers as well as shapes. Qt Charts' polar chart: the angular axis runs from 0 to
 * the number of categories, so the shape closes by repeating its first point at the end of the circle.
 */
QChart *buildRadar(const ChartSpec &spec, qreal fontScale)
{
    auto *chart = new QPolarChart;
    setUpChart(chart, spec, fontScale);
    const int spokes = int(std::max<qsizetype>(1, spec.categories.size()));
    auto *angles = new QCategoryAxis;
    angles->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    angles->setRange(0, spokes);
    angles->setStartValue(0);
    QFont labelFont = scaled(angles->labelsFont(), fontScale);
    labelFont.setBold(true);
    angles->setLabelsFont(labelFont);
    for (int i = 0; i < spec.categories.size(); ++i)
        angles->append(spec.categories[i].toHtmlEscaped(), i);
    auto *levels = new QValueAxis;
    levels->setRange(spec.minimum, spec.maximum > spec.minimum ? spec.maximum : spec.minimum + 1);
    // One ring per level of an evenly spaced scale (CMMI's 0 to 5: six rings); a finer scale gets at most 11.
    levels->setTickCount(int(std::clamp(spec.maximum - spec.minimum, 1.0, 10.0)) + 1);
    if (spec.levels > 1)
        levels->setTickCount(std::min(spec.levels, 11));
    // The rings mark each level; their numbers would sit on the first spoke, under its points' own numbers.
    levels->setLabelsVisible(false);
    chart->addAxis(angles, QPolarChart::PolarOrientationAngular);
    chart->addAxis(levels, QPolarChart::PolarOrientationRadial);
    for (const ChartSeries &data : spec.series) {
        QList<QPointF> at;
        for (int i = 0; i < data.values.size(); ++i) {
            // One decimal: a mean level of 2.4 says more than 2, and no more than the table beside it.
            at << QPointF(i, std::round(data.values[i] * 10) / 10);
        }
        QLineSeries *line = addLineWithPoints(chart, data, at, {angles, levels}, fontScale, 7, 0.9);
        // The target is a dashed outline: the two shapes tell apart without colour.
        if (data.tone == SeriesTone::Secondary) {
            QPen pen = line->pen();
            pen.setStyle(Qt::DashLine);
            line->setPen(pen);
        }
        // The shape closes on its first point, drawn again at the end of the circle.
        if (!at.isEmpty())
            line->append(spokes, at.constFirst().y());
    }
    return chart;
}

QChart *buildChart(const ChartSpec &spec, qreal fontScale, qreal keyWidth = 0)
{
    if (spec.kind == ChartSpec::Kind::Radar)
        return buildRadar(spec, fontScale);
    auto *chart = new QChart;
    setUpChart(chart, spec, fontScale);

    auto *categories = new QBarCategoryAxis;
    categories->setLabelsFont(scaled(categories->labelsFont(), fontScale));
    categories->append(spec.categories);
    // Category labels are short (a letter, "Aug 25"): whole even when a narrow window leaves them tight,
    // never "..." in place of every month of the trend.
    categories->setTruncateLabels(false);
    if (keyWidth > 0 && !spec.categoryNames.isEmpty()) {
        // At most two lines, names never split: more would squeeze the bars.
        QFont keyFont = categories->labelsFont();
        const QFontMetricsF metrics(keyFont);
        const QString separator = QStringLiteral(" \u00B7 ");
        QStringList lines;
        for (const QString &name : spec.categoryNames) {
            if (!lines.isEmpty() && metrics.horizontalAdvance(lines.constLast() + separator + name) <= keyWidth)
                lines.last() += separator + name;
            else
                lines << name;
        }
        bool fits = lines.size() <= 2;
        for (const QString &line : std::as_const(lines))
            fits = fits && metrics.horizontalAdvance(line) <= keyWidth;
        if (fits) {
            for (QString &line : lines)
                line = line.toHtmlEscaped();
            categories->setTitleFont(keyFont);
            categories->setTitleText(lines.join(QStringLiteral("<br>")));
        }
    }
    auto *values = new QValueAxis;
    values->setTitleText(spec.valueAxisTitle.toHtmlEscaped());
    values->setTitleFont(scaled(values->titleFont(), fontScale));
    values->setLabelsFont(scaled(values->labelsFont(), fontScale));
    values->setLabelFormat(spec.wholeNumbers ? QStringLiteral("%d") : QStringLiteral("%g"));
    setValueRange(values, spec);
    chart->addAxis(categories, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);

    if (spec.kind == ChartSpec::Kind::Line) {
        // Bands first, so they sit behind the line, across the whole width (categories span i +/- 0.5).
        const double right = double(std::max<qsizetype>(1, spec.categories.size())) - 0.5;
        for (const ChartBand &band : spec.bands) {
            auto *upper = new QLineSeries;
            auto *lower = new QLineSeries;
            upper->append(-0.5, band.to);
            upper->append(right, band.to);
            lower->append(-0.5, band.from);
            lower->append(right, band.from);
            auto *area = new QAreaSeries(upper, lower);
            // QAreaSeries does not own its boundary lines (found by the sanitizer build: they leaked).
            upper->setParent(area);
            lower->setParent(area);
            area->setName(band.name.toHtmlEscaped());
            area->setBrush(bandBrush(band.tone));
            QColor edge = toneColor(band.tone);
            edge.setAlpha(170);
            area->setPen(QPen(edge, 1.0 * fontScale));
            chart->addSeries(area);
            area->attachAxis(categories);
            area->attachAxis(values);
        }
        // A category axis places point i over category i.
        for (const ChartSeries &data : spec.series)
            addLineWithPoints(chart, data, linePoints(spec, data), {categories, values}, fontScale, 8, 1.0);
        return chart;
    }

    QAbstractBarSeries *bars = spec.kind == ChartSpec::Kind::StackedBars
                                   ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                   : static_cast<QAbstractBarSeries *>(new QBarSeries);
    for (const ChartSeries &data : spec.series) {
        auto *set = new QBarSet(data.name.toHtmlEscaped());
        for (double value : data.values)
            set->append(spec.wholeNumbers ? qRound(value) : value);
        set->setBrush(toneBrush(data.tone));
        set->setPen(QPen(toneColor(data.tone).darker(130), 0.8));
        set->setLabelColor(barLabelColor(data.tone));
        set->setLabelFont(scaled(set->labelFont(), fontScale));
        bars->append(set);
    }
    if (!spec.categoryNames.isEmpty()) {
        // Hovering a bar names its category in full ("A Risk management: 3 Green"); elsewhere the chart's
        // tooltip names every category.
        QObject::connect(
            bars, &QAbstractBarSeries::hovered, chart,
            [chart, names = spec.categoryNames, key = categoryKey(spec)](bool status, int index, QBarSet *set) {
                QString text = key;
                if (status && index >= 0 && index < names.size())
                    text = QStringLiteral("%1: %2 %3")
                               .arg(names[index])
                               .arg(set->at(index))
                               .arg(QTextDocumentFragment::fromHtml(set->label()).toPlainText());
                chart->setToolTip(text);
            });
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

QColor barLabelColor(SeriesTone tone)
{
    // Dark on the light and the patterned fills (amber, gap and n/a show the white page through their
    // pattern), white on the dark solid ones.
    const bool dark = tone == SeriesTone::Green || tone == SeriesTone::Red || tone == SeriesTone::Primary;
    return dark ? QColor(Qt::white) : QColor(Qt::black);
}

double contrastRatio(const QColor &a, const QColor &b)
{
    // WCAG 2.x relative luminance of sRGB colours.
    auto luminance = [](const QColor &colour) {
        auto channel = [](double value) {
            return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
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

void updateChartView(QWidget *view, const ChartSpec &spec, const ChartSpec &shown)
{
    auto *chartView = qobject_cast<QChartView *>(view);
    if (!chartView)
        return;
    if (sameShape(spec, shown) && replaceValues(chartView->chart(), spec))
        return;
    QChart *old = chartView->chart();
    chartView->setChart(buildChart(spec, 1.0));
    delete old;
}

void paintChart(const ChartSpec &spec, QPainter *painter, const QRectF &target, qreal fontScale)
{
    QGraphicsScene scene;
    // The plot's width once the value axis and the margins have taken their share.
    QChart *chart = buildChart(spec, fontScale, target.width() - 120);
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), target.size()));
    scene.setSceneRect(chart->geometry());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    scene.render(painter, target, scene.sceneRect());
    painter->restore();
}

} // namespace quorum::charts
