#pragma once

#include <QStyledItemDelegate>

namespace quorum {

/** Paints a RAG cell as a coloured chip with its label inside, readable without colour. */
class RagDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace quorum
