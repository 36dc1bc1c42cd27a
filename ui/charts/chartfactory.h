#pragma once

#include "core/workspace/dashboard.h"

#include <QBrush>
#include <QColor>
#include <QRectF>

class QPainter;
class QWidget;

namespace quorum::charts {

/**
 * The only place in Quorum that knows the chart library (Qt Charts, deprecated from Qt 6.10): every
 * chart is described as a core ChartSpec and turned into a widget for the screen or painted as vectors
 * onto any QPainter (the board pack's PDF). Swapping the library means rewriting this file only.
 */

/** The colour of a tone; RAG tones use the board's colours from docs/scoring.md. */
QColor toneColor(SeriesTone tone);
/** A brush that also tells tones apart without colour (dense patterns on amber and gap). */
QBrush toneBrush(SeriesTone tone);

/**
 * The colour of the value printed on a bar of @p tone: it keeps a contrast of at least 4.5:1 (WCAG AA)
 * with every colour the bar shows, the white page through a patterned fill included.
 */
QColor barLabelColor(SeriesTone tone);

/** The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white). */
double contrastRatio(const QColor &a, const QColor &b);

/** A chart view for the screen, owned by @p parent. */
QWidget *createChartView(const ChartSpec &spec, QWidget *parent);

/**
 * Shows @p spec in a view made by createChartView that shows @p shown: new values go into the chart in
 * place when nothing else differs, otherwise the chart is built again.
 */
void updateChartView(QWidget *view, const ChartSpec &spec, const ChartSpec &shown);

/** Paints the chart into @p target as vector graphics (used for PDF). @p scale enlarges fonts. */
void paintChart(const ChartSpec &spec, QPainter *painter, const QRectF &target, qreal fontScale = 1.0);

} // namespace quorum::charts
