#pragma once

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTextLayout>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QPaintDevice;
class QPainter;

namespace quorum::report {

/**
 * Plain text wrapped to a width with QTextLayout, never interpreted as markup: what is typed is what is
 * printed. Breaks at word boundaries, or anywhere in a word longer than the width, so nothing overflows.
 * Lines can be drawn in ranges, so a paragraph taller than a page can continue on the next one.
 */
class TextBox {
public:
    TextBox() = default;
    /**
     * @p formats apply fonts and colours to ranges of @p text (for a bold label and a grey detail in one
     * cell); a newline in @p text starts a new line.
     */
    TextBox(const QString &text, const QFont &font, qreal width, QPaintDevice *device, const QColor &color,
            Qt::Alignment alignment = Qt::AlignLeft, const QList<QTextLayout::FormatRange> &formats = {},
            qreal lineSpacing = 1.15);

    bool isEmpty() const { return m_tops.isEmpty(); }
    int lineCount() const { return int(m_tops.size()); }
    qreal height() const { return isEmpty() ? 0 : m_bottoms.constLast(); }
    qreal lineTop(int line) const { return m_tops.value(line); }
    qreal lineBottom(int line) const { return m_bottoms.value(line); }
    /** The height of lines [first, last). */
    qreal rangeHeight(int first, int last) const;
    /** How many lines from @p first fit in @p height. */
    int linesFitting(int first, qreal height) const;
    /** The widest line's natural width. */
    qreal naturalWidth() const;
    /** Draws lines [first, last) (last -1: to the end) with line @p first's top at @p topLeft. */
    void draw(QPainter *painter, const QPointF &topLeft, int first = 0, int last = -1) const;

private:
    std::shared_ptr<QTextLayout> m_layout;
    QList<qreal> m_tops;
    QList<qreal> m_bottoms;
    QColor m_color;
};

/** One cell of a table row: its place in the row, its text and an optional colour swatch before the text. */
struct Cell {
    qreal x = 0;
    qreal width = 0;
    qreal textIndent = 0; ///< room before the text, where the swatch goes
    TextBox text;
    QBrush swatch = Qt::NoBrush; ///< drawn as a small square before the first line (colour with its word)
};

/**
 * A table row, a paragraph or a heading: cells side by side, each wrapped text. A row that does not fit
 * on what is left of a page is split between lines, so a cell taller than a whole page is still printed
 * in full over several pages.
 */
struct Row {
    QList<Cell> cells;
    qreal width = 0;
    qreal paddingTop = 0;
    qreal paddingBottom = 0;
    QColor background; ///< invalid: none
    QColor ruleBelow;  ///< invalid: none
    qreal ruleWidth = 1;
    QColor ruleAbove; ///< invalid: none
};

/** The smallest piece the paginator places: a whole block, or part of a split row. */
struct Slice {
    qreal height = 0;
    qreal minimumHeight = 0; ///< the least a tidy split places; the whole height when unsplittable
    qreal spaceBefore = 0;   ///< dropped at the top of a page
    bool keepWithNext = false;
    bool pageBreakBefore = false;
    int section = -1; ///< >= 0: the section that starts here (for the contents)
    std::function<void(QPainter *, const QPointF &)> paint;
    /**
     * For a splittable slice: the part that fits in the given height and the rest; none if nothing fits.
     * With tidy set, no line is left alone at the foot or head of a page (none when that is impossible).
     */
    std::function<std::optional<std::pair<Slice, Slice>>(qreal, bool)> split;
    /** Repeated at the top of a page this slice continues on (a table's header row). */
    std::shared_ptr<Slice> header;
};

/** A row as a slice: splittable between lines, painted with its background, swatches and rules. */
Slice rowSlice(const Row &row);

/** A slice of fixed height painted by @p paint. */
Slice fixedSlice(qreal height, std::function<void(QPainter *, const QPointF &)> paint);

/** A slice placed on a page, at a distance from the top of the page's body. */
struct Placed {
    Slice slice;
    qreal y = 0;
};

struct Page {
    QList<Placed> slices;
};

/**
 * Places @p slices on pages of @p bodyHeight: keeps a slice with the next when asked, starts a page when
 * asked, splits rows that do not fit, and repeats a table's header at the top of a page it continues on.
 * @p sectionPages receives the page index (0-based) where each section starts. @p progress is called
 * with the number of pages so far.
 */
QList<Page> paginate(const QList<Slice> &slices, qreal bodyHeight, QHash<int, int> *sectionPages,
                     const std::function<void(int)> &progress = {});

} // namespace quorum::report
