#include "ui/widgets/ratingdelegate.h"

#include "core/domain/rating.h"

#include <QComboBox>

namespace quorum {

QWidget *RatingDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    for (Rating rating : allRatings())
        combo->addItem(ratingLabel(rating), ratingKey(rating));
    // Commit as soon as a choice is made: one click, one undoable edit.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        Q_EMIT const_cast<RatingDelegate *>(this)->commitData(combo);
        Q_EMIT const_cast<RatingDelegate *>(this)->closeEditor(combo);
    });
    return combo;
}

void RatingDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const int row = combo->findData(index.data(Qt::EditRole).toString());
    combo->setCurrentIndex(std::max(0, row));
}

void RatingDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString key = combo->currentData().toString();
    if (key == index.data(Qt::EditRole).toString())
        return;
    model->setData(index, key, Qt::EditRole);
}

} // namespace quorum
