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

/** Lays @p layout out in lines of at most @p lineWidth, as Qt's item views do; the size the lines take. */
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

QSizeF textSizeOf(const QString &text, const QFont &font, int lineWidth)
{
    QTextLayout layout(text, font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(textOption);
    return breakIntoLines(layout, lineWidth);
}

QString styleKey(const QStyleOptionViewItem &option)
{
    return QString::number(reinterpret_cast<quintptr>(styleOf(option)), 16) + QLatin1Char('/') + option.font.key();
}

} // namespace

bool WrappedTextDelegate::isPlainWrappedText(const QStyleOptionViewItem &option)
{
    using Feature = QStyleOptionViewItem::ViewItemFeature;
    const Qt::Alignment horizontal = option.displayAlignment & Qt::AlignHorizontal_Mask;
    return option.features.testFlag(Feature::WrapText) && option.features.testFlag(Feature::HasDisplay)
           && !option.features.testFlag(Feature::HasDecoration) && !option.features.testFlag(Feature::HasCheckIndicator)
           && !option.text.isEmpty() && option.direction == Qt::LeftToRight
           && (horizontal == Qt::AlignLeft || horizontal == Qt::AlignLeading)
           && option.decorationPosition == QStyleOptionViewItem::Left;
}

int WrappedTextDelegate::textMargin(const QStyleOptionViewItem &option)
{
    return styleOf(option)->pixelMetric(QStyle::PM_FocusFrameHMargin, &option, option.widget) + 1;
}

const WrappedTextDelegate::Style &WrappedTextDelegate::styleFor(const QStyleOptionViewItem &option) const
{
    const QString key = styleKey(option);
    const auto found = m_styles.constFind(key);
    if (found != m_styles.cend())
        return found.value();
    // Once per style and font: what the style's size of a row adds to its text, on one line and on two (a style
    // with a least row height adds more to one line than to two, and is left to Qt), and where it puts the
    // text of a row, with text and without (this delegate draws the panel without it, and the text in the row's
    // rectangle less the margins).
    QStyle *style = styleOf(option);
    const int margin = textMargin(option);
    const auto padding = [&](const QString &text) {
        QStyleOptionViewItem sample = option;
        sample.text = text;
        sample.rect = QRect();
        const QSize styled = style->sizeFromContents(QStyle::CT_ItemViewItem, &sample, QSize(), sample.widget);
        const QSizeF size = textSizeOf(text, option.font, kUnbounded);
        return styled - QSize(qCeil(size.width()) + 2 * margin, qCeil(size.height()));
    };
    const auto textRect = [&](const QString &text) {
        QStyleOptionViewItem sample = option;
        sample.text = text;
        sample.rect = QRect(0, 0, 400, 60);
        return style->subElementRect(QStyle::SE_ItemViewItemText, &sample, sample.widget);
    };
    Style measured;
    measured.padding = padding(QStringLiteral("X"));
    measured.drawnHere =
        padding(QStringLiteral("X") + QChar(QChar::LineSeparator) + QStringLiteral("X")) == measured.padding
        && textRect(QStringLiteral("X")) == QRect(0, 0, 400, 60) && textRect(QString()) == QRect(0, 0, 400, 60);
    return m_styles.insert(key, measured).value();
}

WrappedTextDelegate::Row &WrappedTextDelegate::rowFor(const QStyleOptionViewItem &option) const
{
    const QString key = styleKey(option) + QLatin1Char('\n') + option.text;
    auto found = m_rows.find(key);
    if (found == m_rows.end()) {
        if (m_rows.size() >= kMostKept)
            m_rows.clear();
        found = m_rows.insert(key, Row());
    }
    return found.value();
}

QSizeF WrappedTextDelegate::textSize(const QStyleOptionViewItem &option, int lineWidth) const
{
    Row &row = rowFor(option);
    const auto known = row.sizes.constFind(lineWidth);
    if (known != row.sizes.cend())
        return known.value();
    laidOut(option, lineWidth);
    return row.sizes.value(lineWidth);
}

QTextLayout &WrappedTextDelegate::laidOut(const QStyleOptionViewItem &option, int lineWidth) const
{
    Row &row = rowFor(option);
    for (qsizetype i = 0; i < row.layouts.size(); ++i) {
        if (row.layouts[i].first == lineWidth) {
            row.layouts.move(i, row.layouts.size() - 1);
            return *row.layouts.constLast().second;
        }
    }
    // A layout is shaped again each time it is broken into lines (QTextLayout::beginLayout): the oldest width's
    // is reused rather than a new one made.
    std::shared_ptr<QTextLayout> layout;
    if (row.layouts.size() >= kLayoutsKept) {
        layout = row.layouts.takeFirst().second;
    } else {
        layout = std::make_shared<QTextLayout>(option.text, option.font);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::WordWrap);
        textOption.setTextDirection(option.direction);
        layout->setTextOption(textOption);
    }
    row.sizes.insert(lineWidth, breakIntoLines(*layout, lineWidth));
    ++m_linesBroken;
    row.layouts.append({lineWidth, layout});
    return *layout;
}

QSize WrappedTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem row = option;
    initStyleOption(&row, index);
    if (!isPlainWrappedText(row) || index.data(Qt::SizeHintRole).isValid())
        return QStyledItemDelegate::sizeHint(option, index);
    const Style &style = styleFor(row);
    if (!style.drawnHere)
        return QStyledItemDelegate::sizeHint(option, index);
    const int margin = textMargin(row);
    const QSizeF text = textSize(row, row.rect.isValid() ? row.rect.width() - 2 * margin : kUnbounded);
    return QSize(qCeil(text.width()) + 2 * margin, qCeil(text.height())) + style.padding;
}

bool WrappedTextDelegate::drawsItself(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem row = option;
    initStyleOption(&row, index);
    const int margin = textMargin(row);
    // A row painted shorter than its text (the view not laid out again yet) is elided, as Qt's delegate does it.
    return isPlainWrappedText(row) && styleFor(row).drawnHere
           && textSize(row, row.rect.width() - 2 * margin).height() <= row.rect.height();
}

void WrappedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!drawsItself(option, index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem row = option;
    initStyleOption(&row, index);
    const int margin = textMargin(row);
    const QRect textRect = row.rect.adjusted(margin, 0, -margin, 0);
    // The style draws the row's panel and selection without its text, which comes from the layout; then the
    // focus frame over the text, in the order and place the style's own drawing of a row has them.
    QStyle *style = styleOf(row);
    QStyleOptionViewItem panel = row;
    panel.text.clear();
    panel.state.setFlag(QStyle::State_HasFocus, false);
    style->drawControl(QStyle::CE_ItemViewItem, &panel, painter, row.widget);

    QTextLayout &layout = laidOut(row, textRect.width());
    const QSizeF size = textSize(row, textRect.width());
    QPalette::ColorGroup group = row.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !row.state.testFlag(QStyle::State_Active))
        group = QPalette::Inactive;
    painter->save();
    painter->setClipRect(row.rect);
    painter->setPen(row.palette.color(group, row.state.testFlag(QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                        : QPalette::Text));
    const QRect at = QStyle::alignedRect(Qt::LayoutDirectionAuto, row.displayAlignment & Qt::AlignVertical_Mask,
                                         QSize(textRect.width(), int(size.height())), textRect);
    layout.draw(painter, at.topLeft());
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
