#pragma once

#include <QStyledItemDelegate>

namespace quorum {

/**
 * Edits a rating with a drop-down of the six ratings, and paints rating cells with a small RAG swatch
 * beside the words, so the colour is never the only signal.
 */
class RatingDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace quorum
