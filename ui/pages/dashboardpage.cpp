#include "ui/pages/dashboardpage.h"

#include "core/domain/catalogue.h"

#include "core/domain/error.h"

#include "core/domain/plaintext.h"
#include "core/workspace/workspace.h"
#include "ui/charts/chartfactory.h"
#include "ui/widgets/ragcolors.h"
#include "ui/widgets/wrappedlabel.h"
#include "ui/widgets/wrappedtextdelegate.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>
#include <utility>

namespace quorum {

namespace {

/**
 * A headline tile: a frame that reports clicks, painted as a rounded panel in the palette's base colour (a style
 * sheet on each tile made Qt style every tile and its labels through its style-sheet engine at each start).
 */
class ClickableFrame : public QFrame {
public:
    ClickableFrame(std::function<void()> onClick, QWidget *parent)
        : QFrame(parent)
        , m_onClick(std::move(onClick))
    {
        setCursor(Qt::PointingHandCursor);
        setFocusPolicy(Qt::TabFocus);
        setFrameShape(QFrame::NoFrame);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        // The keyboard's place shows as a highlighted edge.
        const bool focused = hasFocus();
        const QPen pen(palette().color(focused ? QPalette::Highlight : QPalette::Mid), focused ? 2.0 : 1.0);
        const qreal inset = pen.widthF() / 2;
        painter.setPen(pen);
        painter.setBrush(palette().base());
        painter.drawRoundedRect(QRectF(rect()).adjusted(inset, inset, -inset, -inset), 6, 6);
    }
    void focusInEvent(QFocusEvent *event) override
    {
        QFrame::focusInEvent(event);
        update();
    }
    void focusOutEvent(QFocusEvent *event) override
    {
        QFrame::focusOutEvent(event);
        update();
    }
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
            m_onClick();
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space)
            m_onClick();
        else
            QFrame::keyPressEvent(event);
    }

private:
    std::function<void()> m_onClick;
};

/**
 * A principle's name, colour word and score on a panel with a thick left edge in its colour, painted directly
 * rather than by a style sheet per label (each one a styling pass of its own at start-up).
 */
class PrincipleChip : public WrappedLabel {
public:
    static constexpr int kEdgeWidth = 8;

    explicit PrincipleChip(QWidget *parent)
        : WrappedLabel(parent)
    {
        // The edge and a border of one pixel, then padding of 3 by 6 pixels.
        setContentsMargins(kEdgeWidth + 6, 4, 7, 4);
    }
    void setEdgeColour(const QColor &colour)
    {
        if (colour == m_edge)
            return;
        m_edge = colour;
        update();
    }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        {
            QPainter painter(this);
            painter.setRenderHint(QPainter::Antialiasing);
            QPainterPath panel;
            panel.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
            painter.fillPath(panel, palette().base());
            painter.save();
            painter.setClipPath(panel);
            painter.fillRect(QRectF(0, 0, kEdgeWidth, height()), m_edge);
            painter.restore();
            painter.setPen(QPen(palette().color(QPalette::Mid), 1));
            painter.drawPath(panel);
        }
        QLabel::paintEvent(event);
    }

private:
    QColor m_edge;
};

QString severityWord(int severity)
{
    switch (severity) {
    case SeverityHigh:
        return QObject::tr("High");
    case SeverityMedium:
        return QObject::tr("Medium");
    default:
        return QObject::tr("Low");
    }
}

} // namespace

DashboardPage::DashboardPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_refreshTimer(new QTimer(this))
    , m_heading(new WrappedLabel(this))
    , m_framework(new QComboBox(this))
    , m_attention(new QListWidget(this))
    , m_attentionHeading(new QLabel(this))
    , m_tilesLayout(new QGridLayout)
    , m_body(new QBoxLayout(QBoxLayout::LeftToRight))
{
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(workspace, &Workspace::dataChanged, m_refreshTimer, qOverload<>(&QTimer::start));

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText); // the organisation's name, as typed
    m_framework->setObjectName(QStringLiteral("frameworkChoice"));
    m_framework->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_framework->setToolTip(tr("Each framework's dashboard scores its own items only: scores are never blended."));
    refillFrameworks();
    connect(m_framework, &QComboBox::activated, this, [this] { refresh(); });
    connect(workspace, &Workspace::frameworksChanged, this, &DashboardPage::refillFrameworks);

    m_tilesLayout->setSpacing(10);
    const QList<QPair<QString, QString>> tileNames{
        {QStringLiteral("posture"), tr("Posture score")},
        {QStringLiteral("reasonable"), tr("At Reasonable or better")},
        {QStringLiteral("unsupported"), tr("Unsupported claims")},
        {QStringLiteral("expired"), tr("Expired evidence")},
        {QStringLiteral("overdue"), tr("Overdue target dates")},
    };
    for (const auto &[key, caption] : tileNames) {
        m_tiles << makeTile(key, caption);
    }

    // The charts first, then the attention items: at start-up the items may still be being listed on another
    // thread (Workspace::prefetchDashboard) while the charts are made.
    {
        // From what the workspace keeps, as refresh() does: at start-up the summary and the actions' states are
        // what was read ahead.
        const DashboardScope scope = shownScope();
        const QList<ReviewPosture> &postures = workspace->reviewPostures(scope.framework);
        const EvidenceSummary &evidence = workspace->evidenceSummary();
        m_data = DashboardData::build(workspace->store().clock().today(), evidence, postures, {},
                                      workspace->actionStates(), scope);
    }
    // Each principle's colour as the board pack gives it, above the ratings by principle: the bars count
    // actions per colour, this says what they add up to, so the screen and the pack tell one story.
    m_principleRow = new QHBoxLayout;
    m_principleRow->setSpacing(6);
    auto *charts = new QGridLayout;
    charts->setSpacing(8);
    const QList<const ChartSpec *> specs{&m_data.ratingsByPrinciple, &m_data.postureTrend, &m_data.currentVersusTarget,
                                         &m_data.evidenceFreshness};
    for (int i = 0; i < specs.size(); ++i) {
        QWidget *view = charts::createChartView(*specs[i], this);
        view->setMinimumSize(kChartMinimumWidth, 230);
        charts->addWidget(view, i / 2, i % 2);
        m_charts << view;
    }

    m_data.attention = DashboardData::attentionOf(workspace->attention(), m_data.scope);

    // Each row's text laid out once per width, however often the list lays its rows out while the window settles.
    m_attention->setItemDelegate(new WrappedTextDelegate(m_attention));
    m_attention->setWordWrap(true);
    m_attention->setResizeMode(QListView::Adjust);
    m_attention->setUniformItemSizes(false);
    m_attention->setSpacing(1);
    m_attention->setMinimumWidth(kAttentionMinimumWidth);
    m_attention->setMinimumHeight(220); // when it is below the charts, the page scrolls instead
    m_attention->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_attention, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QVariant rule = item->data(kShowAllRuleRole);
        if (rule.isValid()) {
            // Show the rest in place: the first newly shown item takes the row the "more" row had.
            const int row = m_attention->row(item);
            m_expandedRules.insert(rule.toInt());
            fillAttention();
            m_attention->setCurrentRow(row);
            m_attention->scrollToItem(m_attention->item(row), QAbstractItemView::PositionAtTop);
            return;
        }
        if (item->data(kShowRegisterRole).isValid()) {
            Q_EMIT tileActivated(QStringLiteral("expired")); // the register, showing the expired items
            return;
        }
        const QVariant index = item->data(kAttentionIndexRole);
        if (index.isValid() && index.toInt() < m_data.attention.size())
            Q_EMIT attentionActivated(m_data.attention[index.toInt()]);
    });
    auto *attentionHint = new QLabel(tr("Double-click or press Enter on an item to go to it."), this);
    attentionHint->setForegroundRole(QPalette::Dark);

    auto *right = new QVBoxLayout;
    right->addWidget(m_attentionHeading);
    right->addWidget(m_attention, 1);
    right->addWidget(attentionHint);
    auto *left = new QVBoxLayout;
    left->setSpacing(6);
    left->addLayout(m_principleRow);
    left->addLayout(charts, 1);
    // Maturity (issue 18), below the assurance charts and apart from them; hidden unless the organisation tracks it.
    m_maturityPanel = new QWidget(this);
    m_maturityPanel->setObjectName(QStringLiteral("maturityPanel"));
    m_maturityLayout = new QHBoxLayout(m_maturityPanel);
    m_maturityLayout->setContentsMargins(0, 0, 0, 0);
    m_maturityTable = new QLabel(m_maturityPanel);
    m_maturityTable->setObjectName(QStringLiteral("maturityTable"));
    m_maturityTable->setTextFormat(Qt::RichText);
    m_maturityTable->setWordWrap(true);
    m_maturityTable->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_maturityTable->setMinimumWidth(260);
    m_maturityLayout->addWidget(m_maturityTable, 2);
    m_maturityPanel->setVisible(false);
    left->addWidget(m_maturityPanel);
    m_body->addLayout(left, 5);
    m_body->addLayout(right, 3);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 10, 12, 10);
    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    auto *frameworkLabel = new QLabel(tr("&Framework:"), this);
    frameworkLabel->setBuddy(m_framework);
    frameworkLabel->setObjectName(QStringLiteral("frameworkLabel"));
    top->addWidget(frameworkLabel);
    top->addWidget(m_framework);
    frameworkLabel->setVisible(!m_framework->isHidden());
    connect(workspace, &Workspace::frameworksChanged, frameworkLabel,
            [this, frameworkLabel] { frameworkLabel->setVisible(!m_framework->isHidden()); });
    layout->addLayout(top);
    layout->addLayout(m_tilesLayout);
    layout->addLayout(m_body, 1);
    arrange(width());
    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    showData(m_data); // the charts were made from m_data just now: tiles, heading and list only
}

void DashboardPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(width());
}

void DashboardPage::arrange(int width)
{
    // Narrow windows (1024 pixels, or the undo history open beside the page) get the tiles in two rows and
    // the attention list below the charts, so nothing is cut off or needs scrolling sideways.
    const int margins = 2 * 12 + 20; // the content's margins and a vertical scroll bar
    const int columns = width >= kTilesInOneRowWidth ? int(m_tiles.size()) : 3;
    const bool sideBySide = width >= 2 * kChartMinimumWidth + kAttentionMinimumWidth + 40 + margins;
    const QBoxLayout::Direction direction = sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (columns == m_tileColumns && direction == m_body->direction() && m_tilesLayout->count() == m_tiles.size())
        return;
    m_tileColumns = columns;
    for (const Tile &tile : std::as_const(m_tiles))
        m_tilesLayout->removeWidget(tile.frame);
    for (int i = 0; i < m_tiles.size(); ++i)
        m_tilesLayout->addWidget(m_tiles[i].frame, i / columns, i % columns);
    for (int column = 0; column < int(m_tiles.size()); ++column)
        m_tilesLayout->setColumnStretch(column, column < columns ? 1 : 0);
    m_body->setDirection(direction);
    // The layouts around keep the sizes they cached for the old arrangement until their next activation. The
    // scroll area asks them for the content's minimum size before that, when it decides on its scroll bar:
    // were it told the old arrangement's (the list below the charts, taller than a wide window), it would lay
    // the charts and the list out with a scroll bar and then again without. Make them ask again now.
    for (QObject *layout = m_body; qobject_cast<QLayout *>(layout); layout = layout->parent())
        static_cast<QLayout *>(layout)->invalidate();
}

DashboardPage::Tile DashboardPage::makeTile(const QString &key, const QString &caption)
{
    Tile tile;
    auto *frame = new ClickableFrame([this, key] { Q_EMIT tileActivated(key); }, this);
    frame->setObjectName(QStringLiteral("tile"));
    tile.frame = frame;
    tile.value = new QLabel(frame);
    QFont valueFont = tile.value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 2.2);
    valueFont.setBold(true);
    tile.value->setFont(valueFont);
    tile.caption = new WrappedLabel(caption, frame);
    QFont captionFont = tile.caption->font();
    captionFont.setBold(true);
    tile.caption->setFont(captionFont);
    tile.detail = new WrappedLabel(frame);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(tile.caption);
    layout->addWidget(tile.value);
    layout->addWidget(tile.detail);
    return tile;
}

void DashboardPage::refresh()
{
    // A timer's slot: an error must not reach the event loop. A server gone meanwhile leaves the last state on
    // show (the connection banner says why) and the dashboard is refreshed when it is back.
    try {
        const DashboardScope scope = shownScope();
        const QList<ReviewPosture> &postures = m_workspace->reviewPostures(scope.framework);
        const EvidenceSummary &evidence = m_workspace->evidenceSummary();
        const DashboardData before =
            std::exchange(m_data, DashboardData::build(m_workspace->store().clock().today(), evidence, postures,
                                                       m_workspace->attention(), m_workspace->actionStates(), scope));
        showData(before);
    } catch (const Error &error) {
        if (!m_workspace->isOffline())
            QMessageBox::warning(this, tr("Dashboard not refreshed"), plainForRichText(error.message()));
    }
}

void DashboardPage::refillFrameworks()
{
    const QString shown = shownFramework();
    const QList<Framework> followed = m_workspace->followedFrameworks();
    const QSignalBlocker blocker(m_framework);
    m_framework->clear();
    for (const Framework &framework : followed)
        m_framework->addItem(framework.shortName, framework.key);
    const int index = m_framework->findData(shown);
    m_framework->setCurrentIndex(index >= 0 ? index : 0);
    m_framework->setVisible(followed.size() > 1);
}

void DashboardPage::showFramework(const QString &key)
{
    const int index = m_framework->findData(key);
    m_framework->setCurrentIndex(index >= 0 ? index : 0);
    refresh();
}

DashboardScope DashboardPage::shownScope() const
{
    // From what the workspace keeps: a refresh follows every change, and a server is a round trip away.
    DashboardScope scope;
    const Framework framework = m_workspace->framework(shownFramework());
    if (!framework.isCode())
        scope = {framework.key, framework.groupNoun, framework.itemNoun, std::nullopt};
    if (m_workspace->organisation().trackMaturity)
        scope.maturity = framework.maturityScale;
    return scope;
}

QString DashboardPage::shownFramework() const
{
    const QString key = m_framework->currentData().toString();
    return key.isEmpty() ? Catalogue::codeKey() : key;
}

void DashboardPage::showData(const DashboardData &before)
{
    const Store &store = m_workspace->store();
    const QDate today = store.clock().today();
    const Organisation organisation = m_workspace->organisation();
    const QString asAt = today.toString(QStringLiteral("d MMMM yyyy"));
    if (m_data.scope.isCode()) {
        m_heading->setText(tr("%1: cyber governance as at %2").arg(organisation.name, asAt));
    } else {
        // Who answers for it, as the framework names them (the Software Security Code's Senior Responsible Owner).
        const Framework framework = m_workspace->framework(m_data.scope.key());
        const Catalogue *catalogue = Catalogue::builtInByKey(framework.key);
        const QString title =
            catalogue && !catalogue->accountableTitle().isEmpty() ? catalogue->accountableTitle() : tr("Owner");
        QString heading = tr("%1: %2 as at %3").arg(organisation.name, framework.shortName, asAt);
        heading +=
            u'\n' + tr("%1: %2").arg(title, framework.ownerName.isEmpty() ? tr("none named yet") : framework.ownerName);
        if (catalogue && catalogue->vendorRole(framework.vendorRole))
            heading += tr("; role: %1").arg(catalogue->vendorRole(framework.vendorRole)->label.toLower());
        m_heading->setText(heading);
    }
    const QString items = m_data.scope.itemNoun + u's';

    auto setTile = [this](int index, const QString &value, const QString &detail, const QColor &colour) {
        m_tiles[index].value->setText(value);
        m_tiles[index].detail->setText(detail);
        QLabel *valueLabel = m_tiles[index].value;
        if (valueLabel->palette().color(QPalette::WindowText) != colour) {
            QPalette palette = valueLabel->palette();
            palette.setColor(QPalette::WindowText, colour);
            valueLabel->setPalette(palette);
        }
    };
    const QColor neutral(0x1F, 0x4E, 0x79);
    const auto movement = m_data.movement();
    QString movementText = tr("no earlier board review");
    if (movement) {
        const QString arrow = *movement > 0   ? QStringLiteral("\u25B2 up %1").arg(*movement)
                              : *movement < 0 ? QStringLiteral("\u25BC down %1").arg(-*movement)
                                              : QStringLiteral("\u25B6 no change");
        movementText = tr("%1 since %2").arg(arrow, m_data.previousReviewName);
    }
    setTile(0, tr("%1/100").arg(Scoring::format(m_data.posture.score)), movementText, neutral);
    setTile(1, tr("%1 of %2").arg(m_data.posture.atReasonableOrBetter).arg(m_data.posture.counted),
            tr("%1; %2 not assessed").arg(items).arg(m_data.posture.notAssessed), neutral);
    setTile(2, QString::number(m_data.posture.unsupported), tr("rated Reasonable or better with no current evidence"),
            m_data.posture.unsupported ? ragColor(Rag::Red) : ragColor(Rag::Green));
    setTile(3, QString::number(m_data.expiredEvidence),
            tr("%1 more expire within 30 days").arg(m_data.expiringEvidence),
            m_data.expiredEvidence ? ragColor(Rag::Red) : ragColor(Rag::Green));
    setTile(4, QString::number(m_data.overdueTargets), tr("%1 below target past their date").arg(items),
            m_data.overdueTargets ? ragColor(Rag::Red) : ragColor(Rag::Green));

    // Rebuilding a chart or re-wrapping the attention list is most of a refresh: an edit of commentary
    // changes neither, a rating change usually two charts. Only what changed is redrawn.
    const QList<const ChartSpec *> specs{&m_data.ratingsByPrinciple, &m_data.postureTrend, &m_data.currentVersusTarget,
                                         &m_data.evidenceFreshness};
    const QList<const ChartSpec *> previous{&before.ratingsByPrinciple, &before.postureTrend,
                                            &before.currentVersusTarget, &before.evidenceFreshness};
    for (int i = 0; i < m_charts.size(); ++i) {
        if (!(*specs[i] == *previous[i]))
            charts::updateChartView(m_charts[i], *specs[i], *previous[i]);
    }
    if (m_data.attention != before.attention || m_attention->count() == 0)
        fillAttention();
    showPrinciples();
    showMaturity(before);
}

void DashboardPage::showMaturity(const DashboardData &before)
{
    m_maturityPanel->setVisible(m_data.maturity.has_value());
    if (!m_data.maturity)
        return;
    const MaturityView &view = *m_data.maturity;
    if (!m_maturityChart) {
        m_maturityChart = charts::createChartView(view.radar, m_maturityPanel);
        m_maturityChart->setObjectName(QStringLiteral("maturityRadar"));
        m_maturityChart->setMinimumSize(kChartMinimumWidth, 340);
        m_maturityLayout->insertWidget(0, m_maturityChart, 3);
    } else if (!before.maturity || !(before.maturity->radar == view.radar)) {
        charts::updateChartView(m_maturityChart, view.radar, before.maturity ? before.maturity->radar : ChartSpec());
    }
    // The numbers behind the shapes, and the words that keep the two lenses apart.
    const auto level = [](const std::optional<double> &value) {
        return value ? QString::number(*value, 'f', 1) : QStringLiteral("–");
    };
    QString html = tr("<p><b>Maturity</b> on levels %1: how capable and repeatable the practice behind each %2 is. "
                      "It is a different question from assurance and is never part of the posture score or the "
                      "colours.</p>")
                       .arg(view.scale.rangeText().toHtmlEscaped(), m_data.scope.itemNoun.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\"><tr><th align=\"left\">%1</th>"
                           "<th align=\"right\">%2</th><th align=\"right\">%3</th><th align=\"right\">%4</th>"
                           "<th align=\"right\">%5</th></tr>")
                .arg(m_data.scope.groupNoun.left(1).toUpper() + m_data.scope.groupNoun.mid(1), tr("Current"),
                     tr("Target"), tr("Gap"), tr("Assessed"));
    for (const MaturityGroup &group : view.groups) {
        html += QStringLiteral("<tr><td>%1 %2</td><td align=\"right\">%3</td><td align=\"right\">%4</td>"
                               "<td align=\"right\">%5</td><td align=\"right\">%6</td></tr>")
                    .arg(group.label.toHtmlEscaped(), group.title.toHtmlEscaped(), level(group.current),
                         level(group.target), level(group.gap), tr("%1 of %2").arg(group.assessed).arg(group.items));
    }
    html += QStringLiteral("</table>");
    if (view.largestGaps.isEmpty()) {
        html += tr("<p>No %1 is below its target maturity.</p>").arg(m_data.scope.itemNoun.toHtmlEscaped());
    } else {
        QStringList gaps;
        for (const MaturityGap &gap : view.largestGaps)
            gaps << tr("<b>%1</b> %2: %3 against %4")
                        .arg(gap.reference.toHtmlEscaped(), gap.shortTitle.toHtmlEscaped(),
                             view.scale.label(gap.current).toHtmlEscaped(),
                             view.scale.label(gap.target).toHtmlEscaped());
        html += tr("<p>Largest gaps:<br>%1</p>").arg(gaps.join(QStringLiteral("<br>")));
    }
    m_maturityTable->setText(html);
}

void DashboardPage::showPrinciples()
{
    while (m_principleLabels.size() > m_data.principleIds.size())
        delete m_principleLabels.takeLast();
    while (m_principleLabels.size() < m_data.principleIds.size()) {
        auto *label = new PrincipleChip(this);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        m_principleRow->addWidget(label, 1);
        m_principleLabels << label;
    }
    for (qsizetype p = 0; p < m_data.principleIds.size(); ++p) {
        const Rag rag = m_data.principleRags.value(p, Rag::NotApplicable);
        const PostureScore &score = m_data.principleScores[p];
        QLabel *label = m_principleLabels[p];
        label->setProperty(kRagProperty, ragKey(rag));
        // The colour is a thick left edge (hatched gaps read by their word); the word and score carry it too.
        static_cast<PrincipleChip *>(label)->setEdgeColour(ragColor(rag));
        label->setText(tr("<b>%1</b> %2<br>%3, %4/100")
                           .arg(m_data.principleLabels.value(p).toHtmlEscaped(),
                                m_data.principleTitles.value(p).toHtmlEscaped(), ragLabel(rag),
                                Scoring::format(score.score)));
        // Wide enough for its longest word ("management"), so a narrow window wraps lines but never cuts a word.
        int widestWord = 0;
        const QString words = m_data.principleTitles.value(p) + u' ' + ragLabel(rag) + QStringLiteral(", 100/100");
        for (const QString &word : words.split(u' ', Qt::SkipEmptyParts))
            widestWord = std::max(widestWord, label->fontMetrics().horizontalAdvance(word));
        label->setMinimumWidth(widestWord + 8 + 12 + 2 + 4); // left edge, padding, borders, a margin
        const QString noun = m_data.scope.groupNoun.left(1).toUpper() + m_data.scope.groupNoun.mid(1);
        label->setToolTip(tr("%5 %1 (%2): score %3 out of 100, %4. The colour comes from the score, as in "
                             "the board pack: 75 or more Green, 25 to 74 Amber, below 25 Red.")
                              .arg(m_data.principleLabels.value(p), m_data.principleTitles.value(p),
                                   Scoring::format(score.score), ragLabel(rag), noun));
    }
}

void DashboardPage::fillAttention()
{
    m_attention->clear();
    m_attentionHeading->setText(
        tr("<b>Attention items</b> (%1)").arg(m_data.attention.size() + m_data.unlistedExpiredEvidence));
    if (m_data.attention.isEmpty()) {
        m_attention->addItem(tr("Nothing needs the board's attention."));
        return;
    }
    // Grouped by rule, the most severe group first (the order of the CLI and the board pack).
    for (const AttentionGroup &group : Attention::groupByRule(m_data.attention)) {
        const int rule = int(group.rule);
        // Of a large register's expired evidence only the first are named; the register lists the rest.
        const int unlisted = group.rule == AttentionRule::ExpiredEvidence ? m_data.unlistedExpiredEvidence : 0;
        const qsizetype total = group.itemIndexes.size() + unlisted;
        auto *header =
            new QListWidgetItem(QStringLiteral("%1 (%2)").arg(attentionRuleLabel(group.rule)).arg(total), m_attention);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        header->setFlags(Qt::ItemIsEnabled);
        // A long rule (hundreds of expired items in a large register) shows its first items and a row
        // that shows the rest: filling and wrapping thousands of rows on every edit would freeze the window.
        const bool all =
            (m_expandedRules.contains(rule) && unlisted == 0) || group.itemIndexes.size() <= kItemsShownPerRule;
        const QList<qsizetype> shown = all ? group.itemIndexes : group.itemIndexes.first(kItemsShownPerRule);
        for (qsizetype index : shown) {
            const AttentionItem &item = m_data.attention[index];
            // Action details name their action; other details get their subject in front unless they say it.
            const bool named = item.subjectKind == QStringLiteral("action") || item.detail.contains(item.subject);
            const QString subject = named ? QString() : item.subject + QStringLiteral(": ");
            auto *row = new QListWidgetItem(
                QStringLiteral("    %1%2  [%3]").arg(subject, item.detail, severityWord(item.severity)), m_attention);
            row->setData(kAttentionIndexRole, int(index));
            row->setToolTip(plainForRichText(item.detail));
            if (item.severity == SeverityHigh)
                row->setForeground(ragColor(Rag::Red));
        }
        if (!all || unlisted > 0) {
            auto *more = new QListWidgetItem(
                unlisted > 0 ? tr("    \u2026 and %1 more: double-click to see them in the evidence register")
                                   .arg(total - shown.size())
                             : tr("    \u2026 and %1 more: double-click to show them all").arg(total - shown.size()),
                m_attention);
            more->setData(unlisted > 0 ? kShowRegisterRole : kShowAllRuleRole, rule);
            QFont italic = more->font();
            italic.setItalic(true);
            more->setFont(italic);
        }
    }
}

} // namespace quorum
