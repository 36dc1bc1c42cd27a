#pragma once

#include <QHash>
#include <QSizeF>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <memory>

namespace quorum {

/**
 * Draws rows of wrapped plain text (the dashboard's attention list) as Qt's own delegate does, laying each row's
 * text out once. Qt's delegate shapes a row's text afresh every time it is asked for a size (at each width a
 * list tries while it settles) and several times more for each paint; this one keeps each row's shaped text
 * and only breaks it into lines again when the width changes. The panel, the selection and the focus frame are
 * the style's own. A row with an icon or a check box, or a view that does not wrap, is left to Qt's delegate.
 */
class WrappedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** How many rows' layouts are kept at most: beyond it they are dropped and made again as needed. */
    static constexpr int kMostKept = 512;

private:
    struct Laid {
        std::shared_ptr<QTextLayout> layout; ///< shaped once; broken into lines at lineWidth
        int lineWidth = -1;
        QSizeF size;
    };
    /** Whether @p option is one this delegate draws itself: wrapped text alone. */
    static bool drawsItself(const QStyleOptionViewItem &option);
    /** The margin the style keeps either side of a row's text. */
    static int textMargin(const QStyleOptionViewItem &option);
    /** The text of @p option broken into lines of at most @p lineWidth, shaped once per text and font. */
    const Laid &laidOut(const QStyleOptionViewItem &option, int lineWidth) const;
    /** What the style adds around a row's text (Qt's delegate on one short line, less the text itself). */
    QSize padding(const QStyleOptionViewItem &option) const;

    mutable QHash<QString, Laid> m_layouts;   ///< by font and text
    mutable QHash<QString, QSize> m_paddings; ///< by font
};

} // namespace quorum
