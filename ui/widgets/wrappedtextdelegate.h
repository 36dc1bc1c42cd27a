#pragma once

#include <QHash>
#include <QSizeF>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <memory>

class QStyle;

namespace quorum {

/**
 * Draws rows of wrapped plain text (the dashboard's attention list) as Qt's own delegate does, with each row's
 * text laid out once per width. Qt's delegate lays a row's text out (HarfBuzz shaping included) three times for
 * each size it is asked, at every width the list tries while the window settles, and five times for each paint.
 * This one keeps each row's size at each width asked and its layouts at the two widths last laid out. The panel, the
 * selection and the focus frame are the style's own. Rows with an icon or a check box, right-to-left text, a view
 * that does not wrap, a row painted shorter than its text, and a style that places the text differently from
 * Qt's common styles (checked once per style and font) are all left to Qt's delegate.
 */
class WrappedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /** Whether the row of @p index in @p option is drawn from its kept layout, not by Qt's delegate. */
    bool drawsItself(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    /** How many times a row's text has been broken into lines (each time shaped again), for tests and measuring. */
    int linesBroken() const { return m_linesBroken; }

    /** How many rows are kept at most: beyond it they are dropped and laid out again as needed. */
    static constexpr int kMostKept = 512;

private:
    struct Row {
        QHash<int, QSizeF> sizes; ///< by line width
        /**
         * Broken into lines at the last widths laid out, the latest last: a list lays its rows out at one width,
         * then asks their sizes at a slightly wider one as it paints them (QListView), so with one layout kept the
         * first paint would lay each row out twice more.
         */
        QList<QPair<int, std::shared_ptr<QTextLayout>>> layouts;
    };
    /** How many widths a row's layouts are kept at. */
    static constexpr int kLayoutsKept = 2;
    /** What the style does around a row's text, for one style and font. */
    struct Style {
        bool drawnHere = false; ///< the style's text rectangle is the row's, and its sizes add a fixed padding
        QSize padding;
    };
    /** Whether @p option is one this delegate may draw itself: wrapped left-to-right text alone. */
    static bool isPlainWrappedText(const QStyleOptionViewItem &option);
    /** The margin the style keeps either side of a row's text. */
    static int textMargin(const QStyleOptionViewItem &option);
    const Style &styleFor(const QStyleOptionViewItem &option) const;
    Row &rowFor(const QStyleOptionViewItem &option) const;
    /** The size of @p option's text in lines of at most @p lineWidth. */
    QSizeF textSize(const QStyleOptionViewItem &option, int lineWidth) const;
    /** @p option's text broken into lines of at most @p lineWidth, for drawing. */
    QTextLayout &laidOut(const QStyleOptionViewItem &option, int lineWidth) const;

    mutable QHash<QString, Row> m_rows;     ///< by style, font, direction and text
    mutable QHash<QString, Style> m_styles; ///< by style, font and direction
    mutable int m_linesBroken = 0;
};

} // namespace quorum
