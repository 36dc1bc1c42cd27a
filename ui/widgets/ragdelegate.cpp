#include "ui/widgets/ragdelegate.h"

#include "core/models/roles.h"
#include "ui/widgets/ragcolors.h"

#include <QApplication>
#include <QPainter>

namespace quorum {

void RagDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant ragValue = index.data(RagRole);
    if (!ragValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Only the cell's background (selection, alternate rows) comes from the style; the chip is ours.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QStyle *style = background.widget ? background.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, background.widget);

    const Rag rag = ragValue.value<Rag>();
    const QRect chip = option.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(ragColor(rag));
    painter->drawRoundedRect(chip, 4, 4);
    if (rag == Rag::Gap) {
        // Hatching tells a gap from a red without colour.
        painter->setBrush(QBrush(QColor(255, 255, 255, 90), Qt::BDiagPattern));
        painter->drawRoundedRect(chip, 4, 4);
    }
    painter->setPen(ragTextColor(rag));
    painter->drawText(chip, Qt::AlignCenter, index.data(Qt::DisplayRole).toString());
    painter->restore();
}

QSize RagDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 16;
    return size;
}

} // namespace quorum
