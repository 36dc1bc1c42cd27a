#include "ui/widgets/wrappedtextdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QTextLine>
#include <QtMath>

#include <limits>

namespace quorum {

namespace {

/** No line width: text that is not wrapped (a view that has not given its items a width yet). */
constexpr int kUnbounded = std::numeric_limits<int>::max() / 256;

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

/** Breaks @p layout into lines of at most @p lineWidth, as Qt's item views do; the size the lines take. */
QSizeF breakIntoLines(QTextLayout &layout, int lineWidth)
{
    qreal height = 0;
    qreal widthUsed = 0;
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(lineWidth);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widthUsed = qMax(widthUsed, line.naturalTextWidth());
    }
    layout.endLayout();
    return {widthUsed, height};
}

QString fontKey(const QStyleOptionViewItem &option)
{
    return option.font.key() + QLatin1Char('/') + QString::number(int(option.direction));
}

} // namespace

bool WrappedTextDelegate::drawsItself(const QStyleOptionViewItem &option)
{
    using Feature = QStyleOptionViewItem::ViewItemFeature;
    const Qt::Alignment horizontal = option.displayAlignment & Qt::AlignHorizontal_Mask;
    return option.features.testFlag(Feature::WrapText) && option.features.testFlag(Feature::HasDisplay)
           && !option.features.testFlag(Feature::HasDecoration) && !option.features.testFlag(Feature::HasCheckIndicator)
           && !option.text.isEmpty() && (horizontal == Qt::AlignLeft || horizontal == Qt::AlignLeading)
           && option.decorationPosition == QStyleOptionViewItem::Left;
}

int WrappedTextDelegate::textMargin(const QStyleOptionViewItem &option)
{
    return styleOf(option)->pixelMetric(QStyle::PM_FocusFrameHMargin, &option, option.widget) + 1;
}

const WrappedTextDelegate::Laid &WrappedTextDelegate::laidOut(const QStyleOptionViewItem &option, int lineWidth) const
{
    const QString key = fontKey(option) + QLatin1Char('\n') + option.text;
    auto found = m_layouts.find(key);
    if (found == m_layouts.end()) {
        if (m_layouts.size() >= kMostKept)
            m_layouts.clear();
        Laid laid;
        laid.layout = std::make_shared<QTextLayout>(option.text, option.font);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::WordWrap);
        textOption.setTextDirection(option.direction);
        laid.layout->setTextOption(textOption);
        found = m_layouts.insert(key, laid);
    }
    Laid &laid = found.value();
    if (laid.lineWidth != lineWidth) {
        laid.size = breakIntoLines(*laid.layout, lineWidth);
        laid.lineWidth = lineWidth;
    }
    return laid;
}

QSize WrappedTextDelegate::padding(const QStyleOptionViewItem &option) const
{
    const QString key = fontKey(option);
    const auto found = m_paddings.constFind(key);
    if (found != m_paddings.cend())
        return found.value();
    // Measured once per font: what the style's size of a short line has beyond the line itself.
    QStyleOptionViewItem sample = option;
    sample.text = QStringLiteral("X");
    sample.rect = QRect();
    const QSize styled = styleOf(sample)->sizeFromContents(QStyle::CT_ItemViewItem, &sample, QSize(), sample.widget);
    QTextLayout line(sample.text, sample.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WordWrap);
    line.setTextOption(textOption);
    const QSizeF text = breakIntoLines(line, kUnbounded);
    const int margin = textMargin(sample);
    const QSize extra = styled - QSize(qCeil(text.width()) + 2 * margin, qCeil(text.height()));
    m_paddings.insert(key, extra);
    return extra;
}

QSize WrappedTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem row = option;
    initStyleOption(&row, index);
    if (!drawsItself(row) || index.data(Qt::SizeHintRole).isValid())
        return QStyledItemDelegate::sizeHint(option, index);
    const int margin = textMargin(row);
    const int lineWidth = row.rect.isValid() ? row.rect.width() - 2 * margin : kUnbounded;
    const Laid &laid = laidOut(row, lineWidth);
    return QSize(qCeil(laid.size.width()) + 2 * margin, qCeil(laid.size.height())) + padding(row);
}

void WrappedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem row = option;
    initStyleOption(&row, index);
    if (!drawsItself(row)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The style draws the row's panel and selection without its text, which comes from the layout; then the
    // focus frame over the text, in the order and place the style's own drawing of a row has them.
    QStyle *style = styleOf(row);
    QStyleOptionViewItem panel = row;
    panel.text.clear();
    panel.state.setFlag(QStyle::State_HasFocus, false);
    style->drawControl(QStyle::CE_ItemViewItem, &panel, painter, row.widget);

    const int margin = textMargin(row);
    const QRect textRect = row.rect.adjusted(margin, 0, -margin, 0);
    const Laid &laid = laidOut(row, textRect.width());
    QPalette::ColorGroup group = row.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !row.state.testFlag(QStyle::State_Active))
        group = QPalette::Inactive;
    painter->save();
    painter->setClipRect(row.rect);
    painter->setPen(row.palette.color(group, row.state.testFlag(QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                        : QPalette::Text));
    const QRect at = QStyle::alignedRect(Qt::LayoutDirectionAuto, row.displayAlignment & Qt::AlignVertical_Mask,
                                         QSize(textRect.width(), int(laid.size.height())), textRect);
    laid.layout->draw(painter, at.topLeft());
    if (row.state.testFlag(QStyle::State_HasFocus)) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(row);
        focus.rect = style->subElementRect(QStyle::SE_ItemViewItemFocusRect, &row, row.widget);
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        const QPalette::ColorGroup focusGroup =
            row.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
        focus.backgroundColor = row.palette.color(
            focusGroup, row.state.testFlag(QStyle::State_Selected) ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, row.widget);
    }
    painter->restore();
}

} // namespace quorum
