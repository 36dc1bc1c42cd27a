#include "core/domain/catalogue.h"
#include "core/interchange/frameworklibrary.h"
#include "core/models/roles.h"
#include "core/report/boardpack.h"
#include "core/samples/demodata.h"
#include "core/workspace/dashboard.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "ui/charts/chartfactory.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/pages/evidencepage.h"
#include "ui/widgets/ragcolors.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QPainter>
#include <QPdfWriter>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedBarSeries>
#include <QTableView>
#include <QValueAxis>
#include <QXYSeries>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

struct Demo {
    TempFolder folder;
    Workspace *workspace = nullptr;
    std::unique_ptr<MainWindow> window;
    Demo()
    {
        auto ws = Workspace::open(folder.path(u"dash.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(ws->store(), fixedToday());
        workspace = ws.get();
        window = std::make_unique<MainWindow>(std::move(ws));
        window->resize(1366, 768);
        window->show();
    }
};

/** The board pack of @p workspace's record made at noon today, what the dashboard is compared with. */
BoardPackContent packAtNoon(Workspace &workspace)
{
    BoardPackOptions options;
    options.createdAt = QDateTime(fixedToday(), QTime(12, 0), Qt::UTC);
    return BoardPack::build(workspace.store(), options);
}

/** Two principles, green and red actions: the stacked bars of the chart tests. */
ChartSpec greenAndRedByPrinciple()
{
    ChartSpec spec;
    spec.kind = ChartSpec::Kind::StackedBars;
    spec.title = u"Ratings"_qs;
    spec.categories = {u"A"_qs, u"B"_qs};
    spec.series = {{u"Green"_qs, {3, 1}, SeriesTone::Green}, {u"Red"_qs, {2, 0}, SeriesTone::Red}};
    return spec;
}

} // namespace

TEST(ChartAdapter, StackedBarsCarryOneSetPerToneWithTheSpecsValues)
{
    const ChartSpec spec = greenAndRedByPrinciple();
    std::unique_ptr<QWidget> widget(charts::createChartView(spec, nullptr));
    auto *view = qobject_cast<QChartView *>(widget.get());
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(view->chart()->series().size(), 1);
    auto *bars = qobject_cast<QStackedBarSeries *>(view->chart()->series().first());
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->count(), 2);
    EXPECT_EQ(bars->barSets()[0]->label(), u"Green"_qs);
    EXPECT_EQ(bars->barSets()[0]->at(0), 3);
    EXPECT_EQ(bars->barSets()[1]->at(0), 2);
    EXPECT_EQ(bars->barSets()[1]->brush().color(), charts::toneColor(SeriesTone::Red));
    // Amber and gaps differ by pattern as well as colour.
    EXPECT_NE(charts::toneBrush(SeriesTone::Amber).style(), Qt::SolidPattern);
    EXPECT_NE(charts::toneBrush(SeriesTone::Gap).style(), Qt::SolidPattern);
}

TEST(ChartAdapter, LineChartHasOnePointPerCategory)
{
    ChartSpec spec;
    spec.kind = ChartSpec::Kind::Line;
    spec.categories = {u"Q1"_qs, u"Q2"_qs, u"Now"_qs};
    spec.series = {{u"Posture"_qs, {40, 55.4, 61}, SeriesTone::Primary}};
    std::unique_ptr<QWidget> widget(charts::createChartView(spec, nullptr));
    auto *view = qobject_cast<QChartView *>(widget.get());
    QLineSeries *line = nullptr;
    for (QAbstractSeries *series : view->chart()->series()) {
        if (series->type() == QAbstractSeries::SeriesTypeLine)
            line = static_cast<QLineSeries *>(series);
    }
    ASSERT_NE(line, nullptr);
    ASSERT_EQ(line->count(), 3);
    EXPECT_EQ(line->at(1).y(), 55);
    EXPECT_EQ(line->at(2).x(), 2);
}

TEST(ChartAdapter, NewValuesGoIntoTheChartShownAndANewShapeBuildsItAgain)
{
    const ChartSpec shown = greenAndRedByPrinciple();
    std::unique_ptr<QWidget> widget(charts::createChartView(shown, nullptr));
    auto *view = qobject_cast<QChartView *>(widget.get());
    const QChart *chart = view->chart();

    // Values only: the same chart takes them, and its value axis fits them.
    ChartSpec values = shown;
    values.series[1].values = {9, 4};
    charts::updateChartView(view, values, shown);
    EXPECT_EQ(view->chart(), chart);
    auto *bars = qobject_cast<QStackedBarSeries *>(view->chart()->series().first());
    EXPECT_EQ(bars->barSets()[1]->at(0), 9);
    EXPECT_EQ(bars->barSets()[1]->at(1), 4);
    const auto *axis = qobject_cast<QValueAxis *>(view->chart()->axes(Qt::Vertical).first());
    EXPECT_GE(axis->max(), 12); // 3 + 9 stacked

    // A series more: built again, with every series.
    ChartSpec shape = values;
    shape.series.append({u"Gap"_qs, {1, 1}, SeriesTone::Gap});
    charts::updateChartView(view, shape, values);
    bars = qobject_cast<QStackedBarSeries *>(view->chart()->series().first());
    ASSERT_EQ(bars->count(), 3);
    EXPECT_EQ(bars->barSets()[2]->label(), u"Gap"_qs);

    // A line: its points and markers move together.
    ChartSpec line;
    line.kind = ChartSpec::Kind::Line;
    line.categories = {u"Q1"_qs, u"Now"_qs};
    line.series = {{u"Posture"_qs, {40, 61}, SeriesTone::Primary}};
    charts::updateChartView(view, line, shape);
    const QChart *lineChart = view->chart();
    ChartSpec moved = line;
    moved.series[0].values = {40, 70};
    charts::updateChartView(view, moved, line);
    EXPECT_EQ(view->chart(), lineChart);
    for (QAbstractSeries *series : view->chart()->series())
        EXPECT_EQ(static_cast<QXYSeries *>(series)->at(1).y(), 70) << series->type();
}

TEST(ChartAdapter, PaintsVectorsIntoAPdf)
{
    TempFolder folder;
    const QString path = folder.path(u"chart.pdf"_qs);
    {
        QPdfWriter pdf(path);
        QPainter painter(&pdf);
        ChartSpec spec;
        spec.categories = {u"A"_qs};
        spec.series = {{u"Green"_qs, {1}, SeriesTone::Green}};
        charts::paintChart(spec, &painter, QRectF(0, 0, 3000, 2000));
    }
    EXPECT_GT(QFileInfo(path).size(), 500);
}

TEST(ChartAdapter, BarValuesKeepAContrastOfFourAndAHalfToOneOnEveryColourOfTheirBar)
{
    // Issue 13: white counts on the hatched grey gap bars were hard to read: the pattern shows the white
    // page through it. Every colour a bar shows (its pattern painted over the white chart) must keep
    // WCAG AA contrast (4.5:1) with the colour of its value.
    for (SeriesTone tone : {SeriesTone::Green, SeriesTone::Amber, SeriesTone::Red, SeriesTone::Gap,
                            SeriesTone::NotApplicable, SeriesTone::Primary, SeriesTone::Secondary}) {
        QImage bar(32, 32, QImage::Format_RGB32);
        bar.fill(Qt::white);
        {
            QPainter painter(&bar);
            painter.fillRect(bar.rect(), charts::toneBrush(tone));
        }
        QSet<QRgb> shown;
        for (int y = 0; y < bar.height(); ++y) {
            for (int x = 0; x < bar.width(); ++x)
                shown.insert(bar.pixel(x, y));
        }
        const QColor label = charts::barLabelColor(tone);
        for (QRgb colour : std::as_const(shown))
            EXPECT_GE(charts::contrastRatio(label, QColor(colour)), 4.5)
                << "tone " << int(tone) << ": " << label.name().toStdString() << " on "
                << QColor(colour).name().toStdString();
    }
    // The ratio itself, on known pairs.
    EXPECT_NEAR(charts::contrastRatio(Qt::black, Qt::white), 21.0, 1e-9);
    EXPECT_NEAR(charts::contrastRatio(QColor(0x75, 0x75, 0x75), Qt::white), 4.6, 0.05);
}

TEST(ChartAdapter, TheValueAxisHasRoundTicks)
{
    // Issue 13: 41 items of evidence gave an axis of 0, 8, 16, 24, 32, 41.
    ChartSpec spec = greenAndRedByPrinciple();
    spec.series = {{u"Current"_qs, {24, 0}, SeriesTone::Green}, {u"Expired"_qs, {17, 0}, SeriesTone::Red}};
    std::unique_ptr<QWidget> widget(charts::createChartView(spec, nullptr));
    auto *view = qobject_cast<QChartView *>(widget.get());
    ASSERT_NE(view, nullptr);
    const auto *axis = qobject_cast<QValueAxis *>(view->chart()->axes(Qt::Vertical).first());
    ASSERT_NE(axis, nullptr);
    EXPECT_EQ(axis->min(), 0);
    EXPECT_EQ(axis->max(), 50);
    EXPECT_EQ(axis->tickCount(), 6);
}

TEST(DashboardPage, PrincipleChartsNameEveryPrinciple)
{
    // Issue 13: principles were labelled A to E only. The charts by principle name them in their tooltip,
    // and the row above the charts names them on screen.
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    QStringList names;
    for (const CataloguePrinciple &principle : Catalogue::builtIn().principles())
        names << principle.title;
    ASSERT_EQ(names.size(), 5);
    int principleCharts = 0;
    for (QChartView *view : page->findChildren<QChartView *>()) {
        auto *axis = qobject_cast<QBarCategoryAxis *>(view->chart()->axes(Qt::Horizontal).value(0));
        if (!axis || axis->categories().value(0) != u"A"_qs)
            continue;
        ++principleCharts;
        for (const QString &name : std::as_const(names))
            EXPECT_TRUE(view->chart()->toolTip().contains(name)) << name.toStdString();
    }
    EXPECT_EQ(principleCharts, 2); // ratings by principle, current against target
    ASSERT_EQ(page->principleLabels().size(), 5);
    for (qsizetype p = 0; p < names.size(); ++p)
        EXPECT_TRUE(page->principleLabels()[p]->text().contains(names[p].toHtmlEscaped())) << p;
}

TEST(DashboardPage, ShowsEachPrinciplesColourAsTheBoardPackDoes)
{
    // Issue 13: the dashboard's bars were mostly green while the pack called every principle Amber.
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    const BoardPackContent pack = packAtNoon(*demo.workspace);
    ASSERT_EQ(page->principleLabels().size(), pack.principles.size());
    bool anyAmber = false;
    for (qsizetype p = 0; p < pack.principles.size(); ++p) {
        const QLabel *label = page->principleLabels()[p];
        const Rag rag = pack.principles[p].rag;
        anyAmber = anyAmber || rag == Rag::Amber;
        EXPECT_EQ(label->property(DashboardPage::kRagProperty).toString(), ragKey(rag)) << p;
        EXPECT_TRUE(label->text().contains(ragLabel(rag))) << label->text().toStdString();
        EXPECT_TRUE(label->text().contains(Scoring::format(pack.principles[p].score.score) + u"/100"_qs));
        EXPECT_TRUE(label->isVisible());
    }
    EXPECT_TRUE(anyAmber); // the demo's story: bars mostly green, principles amber

    // After a change, the row follows the pack.
    demo.workspace->setRating(u"A1"_qs, Rating::NoAssurance);
    demo.workspace->setRating(u"A2"_qs, Rating::NoAssurance);
    page->refresh();
    const BoardPackContent after = packAtNoon(*demo.workspace);
    EXPECT_EQ(page->principleLabels()[0]->property(DashboardPage::kRagProperty).toString(),
              ragKey(after.principles[0].rag));
}

TEST(DashboardPage, TilesAndPrincipleLabelsPaintTheirPanelsAndColours)
{
    // Painted from the palette, not by style sheets: each principle's colour is its label's thick left edge, and
    // a tile reached with the keyboard shows it with a highlighted edge.
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    const BoardPackContent pack = packAtNoon(*demo.workspace);
    ASSERT_EQ(page->principleLabels().size(), pack.principles.size());
    for (qsizetype p = 0; p < pack.principles.size(); ++p) {
        QLabel *label = page->principleLabels()[p];
        const QImage image = label->grab().toImage();
        EXPECT_EQ(image.pixelColor(4, image.height() / 2), ragColor(pack.principles[p].rag)) << p;
        EXPECT_EQ(image.pixelColor(image.width() / 2, image.height() - 2), label->palette().color(QPalette::Base));
        EXPECT_TRUE(label->styleSheet().isEmpty());
    }
    const QList<QFrame *> tiles = page->findChildren<QFrame *>(u"tile"_qs);
    ASSERT_EQ(tiles.size(), 5);
    QFrame *tile = tiles.first();
    EXPECT_TRUE(tile->styleSheet().isEmpty());
    const QImage unfocused = tile->grab().toImage();
    EXPECT_EQ(unfocused.pixelColor(1, unfocused.height() / 2), tile->palette().color(QPalette::Base));
    demo.window->activateWindow();
    QApplication::setActiveWindow(demo.window.get());
    tile->setFocus(Qt::TabFocusReason);
    ASSERT_TRUE(tile->hasFocus());
    const QImage focused = tile->grab().toImage();
    EXPECT_EQ(focused.pixelColor(1, focused.height() / 2), tile->palette().color(QPalette::Highlight));
}

TEST(DashboardPage, TilesAgreeWithTheCoreAndAttentionIsListed)
{
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    const DashboardData data = DashboardData::build(demo.workspace->store(), fixedToday());
    EXPECT_EQ(page->data().posture.score, data.posture.score);
    EXPECT_EQ(page->data().expiredEvidence, data.expiredEvidence);
    ASSERT_FALSE(data.attention.isEmpty());
    int listed = 0;
    QListWidget *list = page->attentionList();
    for (int i = 0; i < list->count(); ++i)
        listed += list->item(i)->data(DashboardPage::kAttentionIndexRole).isValid() ? 1 : 0;
    EXPECT_EQ(listed, data.attention.size());
    EXPECT_TRUE(data.movement().has_value());
    EXPECT_EQ(data.postureTrend.categories.size(), demo.workspace->store().reviews().size() + 1);
}

namespace {

/** Counts the resize events @p watched receives (a chart view's: each one lays its chart out again). */
class ResizeCounter : public QObject {
public:
    explicit ResizeCounter(QObject *watched)
        : QObject(watched)
    {
        watched->installEventFilter(this);
    }
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            ++count;
        return false;
    }
};

} // namespace

TEST(DashboardPage, AWideWindowLaysItsChartsOutOnceWhenFirstShown)
{
    // Built at the default width, the page is arranged for a narrow window (the list below the charts) until
    // its first resize. Were the layouts around its body left with the sizes they cached for that arrangement,
    // the scroll area would lay the charts out with a scroll bar, and then again without.
    TempFolder folder;
    auto ws = Workspace::open(folder.path(u"wide.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(ws->store(), fixedToday());
    // Without the maturity panel, 900 pixels hold the page arranged side by side but not one above the other.
    Organisation organisation = ws->organisation();
    organisation.trackMaturity = false;
    ws->setOrganisation(organisation);
    MainWindow window(std::move(ws));
    window.resize(1400, 900);
    DashboardPage *page = window.dashboardPage();
    QHash<QChartView *, ResizeCounter *> counters;
    for (QChartView *view : page->findChildren<QChartView *>())
        counters.insert(view, new ResizeCounter(view));
    window.show();
    QApplication::processEvents();
    QListWidget *list = page->attentionList();
    const QPoint listAt = list->mapTo(page, QPoint());
    int shown = 0;
    for (auto it = counters.cbegin(); it != counters.cend(); ++it) {
        if (!it.key()->isVisible())
            continue; // the maturity radar, below the charts, when the organisation tracks maturity
        ++shown;
        EXPECT_EQ(it.value()->count, 1);
        // Side by side: the charts left of the attention list.
        EXPECT_LE(it.key()->mapTo(page, QPoint()).x() + it.key()->width(), listAt.x());
    }
    EXPECT_GE(shown, 4);
    auto *scroll = page->findChild<QScrollArea *>();
    ASSERT_NE(scroll, nullptr);
    EXPECT_FALSE(scroll->verticalScrollBar()->isVisible());
}

TEST(DashboardPage, UpdatesLiveAfterAnEditAndAfterUndo)
{
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    const auto before = page->data().posture.score;
    demo.workspace->setRating(u"D3"_qs, Rating::Substantial);
    page->refresh(); // the page refreshes on a zero timer; run it now
    ASSERT_TRUE(page->data().posture.score.has_value());
    EXPECT_GT(*page->data().posture.score, *before);
    demo.workspace->undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(page->data().posture.score, before);
}

TEST(DashboardPage, ActivatingAnAttentionItemOpensWhatItConcerns)
{
    Demo demo;
    DashboardPage *page = demo.window->dashboardPage();
    const QList<AttentionItem> &items = page->data().attention;
    const auto unowned = std::find_if(items.begin(), items.end(), [](const AttentionItem &item) {
        return item.rule == AttentionRule::UnownedAction;
    });
    ASSERT_NE(unowned, items.end());
    Q_EMIT page->attentionActivated(*unowned);
    EXPECT_EQ(demo.window->actionsPage()->editor()->actionId(), unowned->subject);
    EXPECT_TRUE(demo.window->actionsPage()->isVisible());
}

TEST(DashboardPage, ALongRuleShowsItsFirstItemsAndARowThatShowsTheRest)
{
    Demo demo;
    // As many expired items as the summary names (all of them listed), more than the dashboard shows at first.
    const int already = demo.window->dashboardPage()->data().expiredEvidence;
    ASSERT_LT(already, EvidenceSummary::kListedExpired);
    for (int i = 0; i < EvidenceSummary::kListedExpired - already; ++i) {
        EvidenceInput input;
        input.title = u"Lapsed record %1"_qs.arg(i, 2, 10, QLatin1Char('0'));
        input.url = u"https://example.org/lapsed/%1"_qs.arg(i);
        input.effective = fixedToday().addYears(-3);
        input.reviewBy = fixedToday().addYears(-2);
        input.actionIds = {u"C2"_qs};
        demo.workspace->addEvidence(input);
    }
    DashboardPage *page = demo.window->dashboardPage();
    page->refresh();
    QListWidget *list = page->attentionList();
    const int expired =
        int(std::count_if(page->data().attention.cbegin(), page->data().attention.cend(),
                          [](const AttentionItem &item) { return item.rule == AttentionRule::ExpiredEvidence; }));
    ASSERT_GT(expired, DashboardPage::kItemsShownPerRule);
    auto countRows = [list](int role) {
        int rows = 0;
        for (int i = 0; i < list->count(); ++i)
            rows += list->item(i)->data(role).isValid() ? 1 : 0;
        return rows;
    };
    const int listedBefore = countRows(DashboardPage::kAttentionIndexRole);
    EXPECT_EQ(listedBefore, page->data().attention.size() - (expired - DashboardPage::kItemsShownPerRule));
    ASSERT_EQ(countRows(DashboardPage::kShowAllRuleRole), 1);
    QListWidgetItem *more = nullptr;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(DashboardPage::kShowAllRuleRole).isValid())
            more = list->item(i);
    }
    EXPECT_TRUE(more->text().contains(QString::number(expired - DashboardPage::kItemsShownPerRule)));
    const int moreRow = list->row(more);
    Q_EMIT list->itemActivated(more);
    EXPECT_EQ(countRows(DashboardPage::kAttentionIndexRole), page->data().attention.size());
    // The rest is shown in place: the first newly shown item is current, where the "more" row was.
    EXPECT_EQ(list->currentRow(), moreRow);
    EXPECT_TRUE(list->item(moreRow)->data(DashboardPage::kAttentionIndexRole).isValid());
    EXPECT_EQ(countRows(DashboardPage::kShowAllRuleRole), 0);
}

TEST(DashboardPage, ExpiredEvidenceBeyondWhatIsNamedIsCountedAndOpensTheRegister)
{
    Demo demo;
    const int added = EvidenceSummary::kListedExpired + 12;
    for (int i = 0; i < added; ++i) {
        EvidenceInput input;
        input.title = u"Lapsed record %1"_qs.arg(i, 2, 10, QLatin1Char('0'));
        input.url = u"https://example.org/lapsed/%1"_qs.arg(i);
        input.reviewBy = fixedToday().addYears(-2);
        input.actionIds = {u"C2"_qs};
        demo.workspace->addEvidence(input);
    }
    DashboardPage *page = demo.window->dashboardPage();
    page->refresh();
    const int expired = page->data().expiredEvidence;
    ASSERT_GT(expired, EvidenceSummary::kListedExpired);
    EXPECT_EQ(page->data().unlistedExpiredEvidence, expired - EvidenceSummary::kListedExpired);
    QListWidget *list = page->attentionList();
    QListWidgetItem *header = nullptr;
    QListWidgetItem *more = nullptr;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text().startsWith(attentionRuleLabel(AttentionRule::ExpiredEvidence)))
            header = list->item(i);
        if (list->item(i)->data(DashboardPage::kShowRegisterRole).isValid())
            more = list->item(i);
    }
    ASSERT_NE(header, nullptr);
    EXPECT_TRUE(header->text().contains(u"(%1)"_qs.arg(expired))) << header->text().toStdString();
    ASSERT_NE(more, nullptr);
    EXPECT_TRUE(more->text().contains(u"%1 more"_qs.arg(expired - DashboardPage::kItemsShownPerRule)))
        << more->text().toStdString();
    EXPECT_TRUE(more->text().contains(u"evidence register"_qs));
    // It opens the register on the expired items, where every one of them is listed.
    Q_EMIT list->itemActivated(more);
    EvidencePage *register_ = demo.window->evidencePage();
    EXPECT_TRUE(register_->isVisible());
    QAbstractItemModel *shown = register_->view()->model();
    while (shown->canFetchMore({}))
        shown->fetchMore({});
    EXPECT_EQ(shown->rowCount(), expired);
    for (int row = 0; row < shown->rowCount(); ++row)
        ASSERT_EQ(shown->index(row, 0).data(EvidenceStatusRole).toInt(), int(EvidenceStatus::Expired)) << row;
}

TEST(DashboardPage, TheAttentionListPutsHighItemsAboveMediumOnes)
{
    // A new organisation, as a new user sees it: 22 unowned actions (Medium), no exercise and no formal
    // report (High). The High rules come first, as in the CLI and the board pack.
    TempFolder folder;
    MainWindow window(Workspace::open(folder.path(u"new.quorum"_qs), true, Catalogue::builtIn(), fixedClock()));
    QListWidget *list = window.dashboardPage()->attentionList();
    const QList<AttentionItem> &items = window.dashboardPage()->data().attention;
    QList<int> severities;
    for (int i = 0; i < list->count(); ++i) {
        const QVariant index = list->item(i)->data(DashboardPage::kAttentionIndexRole);
        if (index.isValid())
            severities << items[index.toInt()].severity;
    }
    ASSERT_GE(severities.size(), 3);
    EXPECT_EQ(severities.constFirst(), int(SeverityHigh));
    EXPECT_TRUE(std::is_sorted(severities.cbegin(), severities.cend()));
}

TEST(DashboardPage, EachFrameworkHasADashboardOfItsOwnAndTheEditorShowsWhatSharesEvidence)
{
    Demo demo;
    // A third framework beside the Code and the Software Security Code that the demo follows.
    demo.workspace->importFramework(FrameworkLibrary::read(dataPath(u"frameworks/harbour-baseline-v1.yaml"_qs)));
    DashboardPage *page = demo.window->dashboardPage();
    auto *choice = page->findChild<QComboBox *>(u"frameworkChoice"_qs);
    ASSERT_NE(choice, nullptr);
    EXPECT_FALSE(choice->isHidden());
    ASSERT_EQ(choice->count(), 3);
    EXPECT_EQ(choice->itemText(0), u"Cyber Governance Code"_qs);
    EXPECT_EQ(choice->itemText(1), u"Software Security Code"_qs);
    EXPECT_EQ(choice->itemText(2), u"Harbour Baseline"_qs);
    const double codeScore = page->data().posture.score.value_or(-1);

    page->showFramework(u"ssc"_qs);
    const QList<ActionState> ssc = statesOfFramework(demo.workspace->actionStates(), u"ssc"_qs);
    EXPECT_EQ(page->data().scope.key(), u"ssc"_qs);
    EXPECT_EQ(page->data().posture.score, Scoring::posture(ssc).score);
    EXPECT_NE(page->data().posture.score.value_or(-1), codeScore) << "never blended with the Code's";
    EXPECT_EQ(page->data().ratingsByPrinciple.categories, (QStringList{u"1"_qs, u"2"_qs, u"3"_qs, u"4"_qs}));
    EXPECT_EQ(page->data().ratingsByPrinciple.title, u"Ratings by theme (principles per colour)"_qs);
    // Its trend has a point for each review that froze its principles (three), then now.
    EXPECT_EQ(page->data().postureTrend.categories.size(), 4);
    for (const AttentionItem &item : page->data().attention) {
        EXPECT_EQ(item.subjectKind, u"action"_qs);
        EXPECT_TRUE(item.subject.startsWith(u"ssc:"_qs)) << item.subject.toStdString();
    }
    EXPECT_EQ(page->principleLabels().size(), 4);

    page->showFramework(u"harbour-baseline"_qs);
    EXPECT_EQ(page->data().posture.counted, 6);
    EXPECT_EQ(page->data().ratingsByPrinciple.title, u"Ratings by group (requirements per colour)"_qs);
    EXPECT_TRUE(page->data().postureTrend.categories.size() == 1) << "no review froze it yet: Now only";

    page->showFramework(u"cgc"_qs);
    EXPECT_EQ(page->data().posture.score.value_or(-1), codeScore);

    // The editor of a principle shows the Code's actions that share its evidence.
    ActionsPage *actions = demo.window->actionsPage();
    actions->showAction(u"ssc:3.2"_qs);
    const auto labels = actions->editor()->findChildren<QLabel *>();
    const bool shared = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text().contains(u"Shares evidence with the Code's actions:</b> <a href=\"action:A4\">A4</a>"_qs);
    });
    EXPECT_TRUE(shared);
}
