#include "ui/report/pagelayout.h"

#include <QPainter>
#include <QTextOption>

#include <algorithm>
#include <deque>

namespace quorum::report {

namespace {

constexpr qreal kEpsilon = 0.01;

/** Part of a row: per cell, lines [from, to). */
struct RowPart {
    std::shared_ptr<const Row> row;
    QList<int> from;
    QList<int> to;
    bool first = true;
    bool last = true;
};

qreal partHeight(const RowPart &part)
{
    qreal content = 0;
    for (qsizetype c = 0; c < part.row->cells.size(); ++c)
        content = std::max(content, part.row->cells[c].text.rangeHeight(part.from[c], part.to[c]));
    return part.row->paddingTop + content + part.row->paddingBottom;
}

/** The least a tidy split places: short cells whole, two lines of longer ones. */
qreal partMinimum(const RowPart &part)
{
    qreal least = 0;
    for (qsizetype c = 0; c < part.row->cells.size(); ++c) {
        const int lines = part.to[c] - part.from[c];
        const int first = lines < 4 ? lines : 2;
        least = std::max(least, part.row->cells[c].text.rangeHeight(part.from[c], part.from[c] + first));
    }
    return part.row->paddingTop + least + part.row->paddingBottom;
}

void paintPart(const RowPart &part, QPainter *painter, const QPointF &topLeft)
{
    const Row &row = *part.row;
    const qreal height = partHeight(part);
    painter->save();
    if (row.background.isValid())
        painter->fillRect(QRectF(topLeft, QSizeF(row.width, height)), row.background);
    for (qsizetype c = 0; c < row.cells.size(); ++c) {
        const Cell &cell = row.cells[c];
        const QPointF textTop(topLeft.x() + cell.x, topLeft.y() + row.paddingTop);
        if (cell.swatch.style() != Qt::NoBrush && part.from[c] == 0 && !cell.text.isEmpty()) {
            const qreal lineHeight = cell.text.rangeHeight(0, 1);
            const qreal side = std::min(lineHeight * 0.62, cell.textIndent * 0.7);
            const QRectF square(textTop.x(), textTop.y() + (lineHeight - side) / 2.4, side, side);
            painter->setPen(QPen(cell.swatch.color().darker(140), side / 14));
            painter->setBrush(cell.swatch);
            painter->drawRect(square);
        }
        cell.text.draw(painter, QPointF(textTop.x() + cell.textIndent, textTop.y()), part.from[c], part.to[c]);
    }
    if (part.first && row.ruleAbove.isValid()) {
        painter->setPen(QPen(row.ruleAbove, row.ruleWidth));
        painter->drawLine(QPointF(topLeft.x(), topLeft.y()), QPointF(topLeft.x() + row.width, topLeft.y()));
    }
    if (part.last && row.ruleBelow.isValid()) {
        painter->setPen(QPen(row.ruleBelow, row.ruleWidth));
        painter->drawLine(QPointF(topLeft.x(), topLeft.y() + height),
                          QPointF(topLeft.x() + row.width, topLeft.y() + height));
    }
    painter->restore();
}

Slice partSlice(const RowPart &part)
{
    Slice slice;
    slice.height = partHeight(part);
    slice.minimumHeight = partMinimum(part);
    slice.paint = [part](QPainter *painter, const QPointF &topLeft) { paintPart(part, painter, topLeft); };
    slice.split = [part](qreal available, bool tidy) -> std::optional<std::pair<Slice, Slice>> {
        const qreal room = available - part.row->paddingTop - part.row->paddingBottom;
        if (room <= 0)
            return std::nullopt;
        RowPart head = part;
        RowPart tail = part;
        bool placed = false;
        bool remains = false;
        for (qsizetype c = 0; c < part.row->cells.size(); ++c) {
            const TextBox &text = part.row->cells[c].text;
            const int lines = part.to[c] - part.from[c];
            int fitting = std::min(text.linesFitting(part.from[c], room), lines);
            // Tidy: no line left alone at the foot or the head of a page. Short cells move whole; longer
            // ones keep at least two lines on each side.
            if (tidy && fitting < lines)
                fitting = lines < 4 || fitting < 2 ? 0 : std::min(fitting, lines - 2);
            head.to[c] = part.from[c] + fitting;
            tail.from[c] = head.to[c];
            placed = placed || fitting > 0;
            remains = remains || tail.from[c] < tail.to[c];
        }
        if (!placed || !remains)
            return std::nullopt;
        head.last = false;
        tail.first = false;
        return std::make_pair(partSlice(head), partSlice(tail));
    };
    return slice;
}

} // namespace

TextBox::TextBox(const QString &text, const QFont &font, qreal width, QPaintDevice *device, const QColor &color,
                 Qt::Alignment alignment, const QList<QTextLayout::FormatRange> &formats, qreal lineSpacing)
    : m_color(color)
{
    if (text.isEmpty())
        return;
    // Same length as the input, so that format ranges stay where the caller put them.
    QString plain = text;
    for (qsizetype i = 0; i < plain.size(); ++i) {
        if (plain[i] == QLatin1Char('\r') && i + 1 < plain.size() && plain[i + 1] == QLatin1Char('\n'))
            plain[i] = QChar(0x200B); // zero-width space: one break for CR LF
        else if (plain[i] == QLatin1Char('\n') || plain[i] == QLatin1Char('\r'))
            plain[i] = QChar::LineSeparator;
    }
    m_layout = std::make_shared<QTextLayout>(plain, font, device);
    QTextOption option(alignment);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    m_layout->setTextOption(option);
    m_layout->setFormats(formats);
    m_layout->setCacheEnabled(true);
    m_layout->beginLayout();
    qreal y = 0;
    for (;;) {
        QTextLine line = m_layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max<qreal>(width, 1));
        line.setPosition(QPointF(0, y));
        m_tops << y;
        y += line.height() * lineSpacing;
        m_bottoms << y;
    }
    m_layout->endLayout();
}

qreal TextBox::rangeHeight(int first, int last) const
{
    if (first >= last || first >= lineCount())
        return 0;
    return m_bottoms.value(std::min(last, lineCount()) - 1) - m_tops.value(first);
}

int TextBox::linesFitting(int first, qreal height) const
{
    int line = first;
    while (line < lineCount() && m_bottoms[line] - m_tops.value(first) <= height + kEpsilon)
        ++line;
    return line - first;
}

qreal TextBox::naturalWidth() const
{
    qreal widest = 0;
    for (int i = 0; m_layout && i < m_layout->lineCount(); ++i)
        widest = std::max(widest, m_layout->lineAt(i).naturalTextWidth());
    return widest;
}

void TextBox::draw(QPainter *painter, const QPointF &topLeft, int first, int last) const
{
    if (!m_layout)
        return;
    if (last < 0 || last > lineCount())
        last = lineCount();
    painter->save();
    painter->setPen(m_color);
    const QPointF origin(topLeft.x(), topLeft.y() - m_tops.value(first));
    for (int i = first; i < last; ++i)
        m_layout->lineAt(i).draw(painter, origin);
    painter->restore();
}

Slice rowSlice(const Row &row)
{
    RowPart part;
    part.row = std::make_shared<const Row>(row);
    for (const Cell &cell : row.cells) {
        part.from << 0;
        part.to << cell.text.lineCount();
    }
    return partSlice(part);
}

Slice fixedSlice(qreal height, std::function<void(QPainter *, const QPointF &)> paint)
{
    Slice slice;
    slice.height = height;
    slice.minimumHeight = height;
    slice.paint = std::move(paint);
    return slice;
}

QList<Page> paginate(const QList<Slice> &slices, qreal bodyHeight, QHash<int, int> *sectionPages,
                     const std::function<void(int)> &progress)
{
    QList<Page> pages(1);
    qreal y = 0;
    bool atTop = true; // nothing on the page yet but a repeated header
    std::deque<Slice> queue(slices.cbegin(), slices.cend());

    auto newPage = [&](const std::shared_ptr<Slice> &header) {
        if (progress)
            progress(int(pages.size()));
        pages.append(Page());
        y = 0;
        atTop = true;
        if (header) {
            pages.last().slices.append({*header, 0});
            y = header->height;
        }
    };
    auto place = [&](const Slice &slice, qreal space) {
        if (slice.section >= 0 && sectionPages && !sectionPages->contains(slice.section))
            sectionPages->insert(slice.section, int(pages.size()) - 1);
        pages.last().slices.append({slice, y + space});
        y += space + slice.height;
        atTop = false;
    };

    while (!queue.empty()) {
        Slice slice = queue.front();
        queue.pop_front();
        if (slice.pageBreakBefore && !(atTop && y == 0)) {
            newPage(nullptr);
        }
        const qreal space = atTop ? 0 : slice.spaceBefore;
        const qreal remaining = bodyHeight - y;

        // The chain of slices kept with this one: whole slices, then the least of the last one.
        qreal chain = slice.height;
        if (slice.keepWithNext) {
            const Slice *previous = &slice;
            for (const Slice &next : queue) {
                if (!previous->keepWithNext)
                    break;
                chain += next.spaceBefore + (next.keepWithNext ? next.height : next.minimumHeight);
                previous = &next;
            }
        }
        if (space + chain <= remaining + kEpsilon || (atTop && space + slice.height <= remaining + kEpsilon)) {
            place(slice, space);
            continue;
        }
        const bool canSplitHere =
            slice.split && !slice.keepWithNext && remaining - space >= slice.minimumHeight - kEpsilon;
        if (!atTop && !canSplitHere) {
            newPage(slice.header);
            queue.push_front(slice);
            continue;
        }
        if (slice.split) {
            auto parts = slice.split(remaining - space, true);
            if (!parts && atTop)
                parts = slice.split(remaining - space, false); // taller than a page: split it anyhow
            if (parts) {
                Slice &head = parts->first;
                Slice &tail = parts->second;
                head.section = slice.section;
                tail.header = slice.header;
                tail.keepWithNext = slice.keepWithNext;
                place(head, space);
                newPage(slice.header);
                queue.push_front(tail);
                continue;
            }
        }
        if (!atTop) {
            newPage(slice.header);
            queue.push_front(slice);
            continue;
        }
        place(slice, space); // taller than a page and indivisible: never the case for the pack's blocks
    }
    if (progress)
        progress(int(pages.size()));
    return pages;
}

} // namespace quorum::report
