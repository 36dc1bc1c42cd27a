// The attention list's delegate and the dashboard's wrapped labels: the sizes and pixels of Qt's own, measured once.
#include "ui/widgets/wrappedlabel.h"
#include "ui/widgets/wrappedtextdelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QImage>
#include <QListWidget>
#include <QPainter>

#include <gtest/gtest.h>

using namespace quorum;

namespace {

/** A wrapping list whose item options a test can take, as the view gives them to its delegate. */
class WrappingList : public QListWidget {
public:
    WrappingList()
    {
        setWordWrap(true);
        setResizeMode(QListView::Adjust);
        addItem(QStringLiteral("Short"));
        addItem(QStringLiteral("    Evidence \"Access review of the finance system, second quarter\" expired on 3 "
                               "March 2026 and nothing has replaced it since; the board relies on it for B2  [High]"));
        auto *bold = new QListWidgetItem(QStringLiteral("Expired evidence (1,204)"), this);
        QFont font = bold->font();
        font.setBold(true);
        bold->setFont(font);
        auto *red = new QListWidgetItem(QStringLiteral("    A claim of Good assurance on C3 with no current evidence "
                                                       "behind it, which the board should not rely on  [High]"),
                                        this);
        red->setForeground(Qt::red);
        auto *italic = new QListWidgetItem(QStringLiteral("    \u2026 and 1,179 more: double-click to see them"), this);
        font = italic->font();
        font.setItalic(true);
        italic->setFont(font);
        addItem(QStringLiteral("Accents wrap as well: révision, Überprüfung, ćwiczenie, and a long tail of words "
                               "that goes on past the edge"));
    }
    QStyleOptionViewItem optionFor(int row, int width) const
    {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        // The height the view gives while it asks for sizes; a width of 0 is an item not laid out yet.
        option.rect = QRect(0, 0, width, width > 0 ? 1000 : 0);
        option.index = model()->index(row, 0);
        return option;
    }
};

/** @p delegate's drawing of @p option's row, at the height Qt's delegate gives it, on a white background. */
QImage drawn(const QStyledItemDelegate &delegate, QStyleOptionViewItem option, const QModelIndex &index)
{
    const int height = QStyledItemDelegate().sizeHint(option, index).height();
    option.rect.setHeight(height);
    QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    return image;
}

} // namespace

TEST(WrappedTextDelegate, GivesEveryRowTheSizeQtsOwnDelegateGivesItAtEveryWidth)
{
    WrappingList list;
    const WrappedTextDelegate ours;
    const QStyledItemDelegate qts;
    for (int row = 0; row < list.count(); ++row) {
        // Narrow to wide and back: the second time round at a width, the lines are broken again, not shaped.
        for (const int width : {0, 120, 260, 446, 900, 260, 0, 446}) {
            SCOPED_TRACE(testing::Message() << "row " << row << ", width " << width);
            const QStyleOptionViewItem option = list.optionFor(row, width);
            const QModelIndex index = option.index;
            EXPECT_EQ(ours.sizeHint(option, index), qts.sizeHint(option, index));
        }
    }
}

TEST(WrappedTextDelegate, DrawsEveryRowAsQtsOwnDelegateDoesSelectedFocusedOrNot)
{
    WrappingList list;
    list.resize(500, 400);
    const WrappedTextDelegate ours;
    const QStyledItemDelegate qts;
    const QList<QStyle::State> states{QStyle::State_Enabled | QStyle::State_Active,
                                      QStyle::State_Enabled | QStyle::State_Active | QStyle::State_Selected,
                                      QStyle::State_Enabled | QStyle::State_Active | QStyle::State_Selected
                                          | QStyle::State_HasFocus,
                                      QStyle::State_Enabled | QStyle::State_Selected, QStyle::State_None};
    for (int row = 0; row < list.count(); ++row) {
        for (const int width : {180, 446}) {
            for (const QStyle::State state : states) {
                SCOPED_TRACE(testing::Message() << "row " << row << ", width " << width << ", state " << int(state));
                QStyleOptionViewItem option = list.optionFor(row, width);
                option.state = state;
                const QImage expected = drawn(qts, option, option.index);
                const QImage actual = drawn(ours, option, option.index);
                ASSERT_EQ(actual.size(), expected.size());
                EXPECT_TRUE(actual == expected);
            }
        }
    }
}

TEST(WrappedTextDelegate, APaintAfterTheListsLayoutLaysEachRowOutOnceMore)
{
    // The list lays its rows out at their width, then, as it paints them, asks each row's size at its contents'
    // width, two pixels wider (QListView): with one layout kept per row, the paint would break each row into
    // lines (and shape it) twice, once for the size asked and again to draw it at the width laid out before.
    WrappingList list;
    list.resize(500, 400);
    const WrappedTextDelegate ours;
    for (int row = 0; row < list.count(); ++row) {
        const QStyleOptionViewItem laidOut = list.optionFor(row, 446);
        ours.sizeHint(laidOut, laidOut.index);
    }
    EXPECT_EQ(ours.linesBroken(), list.count());
    QImage image(446, 1000, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    const auto paintAll = [&] {
        for (int row = 0; row < list.count(); ++row) {
            const QStyleOptionViewItem asked = list.optionFor(row, 448);
            ours.sizeHint(asked, asked.index);
            QStyleOptionViewItem painted = list.optionFor(row, 446);
            painted.rect.setHeight(ours.sizeHint(painted, painted.index).height());
            ASSERT_TRUE(ours.drawsItself(painted, painted.index));
            ours.paint(&painter, painted, painted.index);
        }
    };
    paintAll();
    EXPECT_EQ(ours.linesBroken(), 2 * list.count()); // the wider width's, for its size; drawn from the first
    paintAll();
    EXPECT_EQ(ours.linesBroken(), 2 * list.count());
}

TEST(WrappedTextDelegate, DrawsTheListsRowsItselfAndLeavesRightToLeftAndShortRowsToQt)
{
    WrappingList list;
    const WrappedTextDelegate ours;
    const QStyledItemDelegate qts;
    for (int row = 0; row < list.count(); ++row) {
        SCOPED_TRACE(row);
        QStyleOptionViewItem option = list.optionFor(row, 446);
        option.rect.setHeight(qts.sizeHint(option, option.index).height());
        EXPECT_TRUE(ours.drawsItself(option, option.index)); // else the comparisons above compare Qt with itself
        // Right to left: Qt's delegate mirrors the alignment; left to it.
        QStyleOptionViewItem mirrored = option;
        mirrored.direction = Qt::RightToLeft;
        EXPECT_FALSE(ours.drawsItself(mirrored, mirrored.index));
        EXPECT_TRUE(drawn(ours, mirrored, mirrored.index) == drawn(qts, mirrored, mirrored.index));
    }
    // A row painted shorter than its text, before the view lays it out again: elided as Qt does it.
    QStyleOptionViewItem shortRow = list.optionFor(1, 180);
    shortRow.rect.setHeight(QFontMetrics(shortRow.font).height());
    EXPECT_FALSE(ours.drawsItself(shortRow, shortRow.index));
    QImage expected(shortRow.rect.size(), QImage::Format_ARGB32_Premultiplied);
    expected.fill(Qt::white);
    QImage actual = expected;
    {
        QPainter painter(&expected);
        qts.paint(&painter, shortRow, shortRow.index);
    }
    {
        QPainter painter(&actual);
        ours.paint(&painter, shortRow, shortRow.index);
    }
    EXPECT_TRUE(actual == expected);
}

TEST(WrappedTextDelegate, LeavesRowsWithAnIconOrACheckBoxAndUnwrappedViewsToQt)
{
    WrappingList list;
    list.item(0)->setCheckState(Qt::Checked);
    list.item(1)->setIcon(QIcon(QPixmap(16, 16)));
    const WrappedTextDelegate ours;
    const QStyledItemDelegate qts;
    for (int row = 0; row < 2; ++row) {
        const QStyleOptionViewItem option = list.optionFor(row, 260);
        EXPECT_FALSE(ours.drawsItself(option, option.index));
        EXPECT_EQ(ours.sizeHint(option, option.index), qts.sizeHint(option, option.index));
        const QImage expected = drawn(qts, option, option.index);
        EXPECT_TRUE(drawn(ours, option, option.index) == expected);
    }
    list.setWordWrap(false);
    const QStyleOptionViewItem unwrapped = list.optionFor(3, 120);
    EXPECT_EQ(ours.sizeHint(unwrapped, unwrapped.index), qts.sizeHint(unwrapped, unwrapped.index));
}

TEST(WrappedLabel, AnswersAsQLabelAndFollowsItsTextAndFont)
{
    const QString longText = QStringLiteral("<b>B</b> Risk management<br>Amber, 48/100 and a tail long enough to wrap");
    WrappedLabel ours(longText);
    QLabel qts(longText);
    qts.setWordWrap(true);
    const auto agree = [&](const char *when) {
        SCOPED_TRACE(when);
        for (const int width : {40, 90, 160, 400, 90, 40})
            EXPECT_EQ(ours.heightForWidth(width), qts.heightForWidth(width)) << "width " << width;
    };
    agree("as made");
    // A text of fewer lines, then a larger font: the heights kept for the old ones are not given.
    ours.setText(QStringLiteral("Short"));
    qts.setText(QStringLiteral("Short"));
    agree("new text");
    QFont larger = ours.font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    ours.setFont(larger);
    qts.setFont(larger);
    agree("larger font");
    ours.setContentsMargins(10, 10, 10, 10);
    qts.setContentsMargins(10, 10, 10, 10);
    agree("contents margins");
    ours.setText(longText);
    qts.setText(longText);
    ours.setMargin(6);
    qts.setMargin(6);
    agree("margin");
    ours.setIndent(30);
    qts.setIndent(30);
    agree("indent");
    ours.setTextFormat(Qt::PlainText);
    qts.setTextFormat(Qt::PlainText);
    agree("plain text");
    ours.setWordWrap(false);
    qts.setWordWrap(false);
    EXPECT_EQ(ours.hasHeightForWidth(), qts.hasHeightForWidth());
    agree("not wrapped");
}
