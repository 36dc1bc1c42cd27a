#include "core/domain/catalogue.h"
#include "core/models/roles.h"
#include "core/rules/scoring.h"
#include "core/samples/demodata.h"
#include "core/workspace/metricchart.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/charts/chartfactory.h"
#include "ui/pages/metricspage.h"
#include "ui/widgets/datefield.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <functional>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A metrics page over a fresh demo database, at the size of a laptop screen. */
struct DemoMetrics {
    TempFolder folder;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<MetricsPage> page;

    DemoMetrics()
    {
        workspace = Workspace::open(folder.path(u"metrics.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(workspace->store(), fixedToday());
        page = std::make_unique<MetricsPage>(workspace.get());
        page->resize(1400, 900);
        page->show();
    }

    int rowOf(const QString &name) const
    {
        for (int row = 0; row < page->metricList()->rowCount(); ++row) {
            if (page->metricList()->item(row, 0)->text() == name)
                return row;
        }
        return -1;
    }
};

} // namespace

TEST(MetricsPage, ListsTheDemoMetricsWithTheirStatusInWords)
{
    DemoMetrics demo;
    QTableWidget *list = demo.page->metricList();
    const QList<Metric> metrics = demo.workspace->store().metrics();
    ASSERT_EQ(list->rowCount(), metrics.size());
    ASSERT_EQ(list->rowCount(), 8);
    for (int row = 0; row < metrics.size(); ++row)
        EXPECT_EQ(list->item(row, 0)->text(), metrics[row].name);

    // Tier 1 supplier assurance ends outside tolerance: red, in words as well as colour.
    const int row = demo.rowOf(u"Tier 1 suppliers with current assurance"_qs);
    ASSERT_GE(row, 0);
    const int status = list->columnCount() - 1;
    EXPECT_EQ(list->item(row, status)->text(), u"Red (outside tolerance)"_qs);
    EXPECT_EQ(list->item(row, status)->data(RagRole).value<Rag>(), Rag::Red);
    EXPECT_EQ(list->item(row, 2)->text(), u"Higher is better"_qs);
    EXPECT_EQ(list->item(row, 5)->text(), u"A4, E2"_qs);
    EXPECT_EQ(list->item(row, 6)->text(), u"71 %"_qs);

    // Selecting it shows its six readings (newest first) and its chart against the tolerance bands.
    demo.page->showMetric(list->item(row, 0)->data(RecordTable::kIdRole).toLongLong());
    EXPECT_EQ(demo.page->readingList()->rowCount(), 6);
    EXPECT_EQ(demo.page->readingList()->item(0, 1)->text(), u"71 %"_qs);
    EXPECT_EQ(demo.page->chartSpec().categories.size(), 6);
    EXPECT_EQ(demo.page->chartSpec().bands.size(), 3);
    EXPECT_EQ(demo.page->chartSpec().series.value(0).values.last(), 71);
}

TEST(MetricsPage, AddingAMetricAndAReadingUpdatesThePageAndUndoRemovesThem)
{
    DemoMetrics demo;
    const Metric metric = metricOf(u"Backups restored in test"_qs, true, 100, 90, {u"D1"_qs});
    const qint64 id = demo.workspace->addMetric(metric);
    EXPECT_EQ(demo.page->metricList()->rowCount(), 9);
    demo.page->showMetric(id);
    EXPECT_EQ(demo.page->currentMetricId(), id);
    EXPECT_EQ(demo.page->readingList()->rowCount(), 0);
    const int row = demo.rowOf(metric.name);
    const int status = demo.page->metricList()->columnCount() - 1;
    EXPECT_EQ(demo.page->metricList()->item(row, status)->text(), u"No reading"_qs);

    demo.workspace->addReading({0, id, fixedToday(), 95, u"Two restores overran"_qs});
    EXPECT_EQ(demo.page->currentMetricId(), id); // the selection survives the refresh
    ASSERT_EQ(demo.page->readingList()->rowCount(), 1);
    EXPECT_EQ(demo.page->readingList()->item(0, 3)->text(), u"Two restores overran"_qs);
    EXPECT_EQ(demo.page->metricList()->item(demo.rowOf(metric.name), status)->text(), u"Amber"_qs);
    EXPECT_EQ(demo.page->chartSpec().series.value(0).values, QList<double>{95});

    demo.workspace->undoStack()->undo(); // the reading
    EXPECT_EQ(demo.page->readingList()->rowCount(), 0);
    EXPECT_EQ(demo.page->metricList()->item(demo.rowOf(metric.name), status)->text(), u"No reading"_qs);
    demo.workspace->undoStack()->undo(); // the metric
    EXPECT_EQ(demo.page->metricList()->rowCount(), 8);
    EXPECT_EQ(demo.rowOf(metric.name), -1);
}

TEST(MetricsPage, TheMetricDialogChecksThresholdsAndActionsAsTheyAreTyped)
{
    DemoMetrics demo;
    QString thresholdProblem;
    QString actionProblem;
    ModalScript script({[&](QWidget *dialog) {
        setText(dialog, "name", u"Laptops encrypted"_qs);
        setText(dialog, "unit", u"%"_qs);
        setText(dialog, "green", u"90"_qs);
        setText(dialog, "amber", u"98"_qs); // higher is better, so amber above green is wrong
        EXPECT_FALSE(okButton(dialog)->isEnabled());
        thresholdProblem = dialog->findChild<QLabel *>(u"problem"_qs)->text();
        setText(dialog, "amber", u"80"_qs);
        setText(dialog, "actions", u"A1, Z9"_qs);
        EXPECT_FALSE(okButton(dialog)->isEnabled());
        actionProblem = dialog->findChild<QLabel *>(u"problem"_qs)->text();
        setText(dialog, "actions", u"a1, e2"_qs);
        EXPECT_TRUE(okButton(dialog)->isEnabled());
        okButton(dialog)->click();
    }});
    demo.page->newMetric();
    EXPECT_TRUE(script.finished());
    EXPECT_TRUE(thresholdProblem.contains(u"higher is better"_qs)) << thresholdProblem.toStdString();
    EXPECT_TRUE(actionProblem.contains(u"Z9"_qs)) << actionProblem.toStdString();
    const Metric added = demo.workspace->store().metricByName(u"Laptops encrypted"_qs);
    EXPECT_EQ(added.greenThreshold, 90);
    EXPECT_EQ(added.amberThreshold, 80);
    EXPECT_EQ(added.actionIds, (QStringList{u"A1"_qs, u"E2"_qs}));
    EXPECT_EQ(demo.page->currentMetricId(), added.id);
}

TEST(MetricsPage, ARefusedMetricKeepsThePersonsInput)
{
    DemoMetrics demo;
    QString refusal;
    QString nameOnReturn;
    QString greenOnReturn;
    ModalScript script({[&](QWidget *dialog) {
                            // A name that exists already: the store refuses it.
                            setText(dialog, "name", u"Phishing simulation click rate"_qs);
                            setText(dialog, "green", u"5"_qs);
                            setText(dialog, "amber", u"8"_qs);
                            dialog->findChild<QRadioButton *>(u"lower"_qs)->setChecked(true);
                            okButton(dialog)->click();
                        },
                        [&](QWidget *box) {
                            refusal = qobject_cast<QMessageBox *>(box)->text();
                            clickButton(box, QMessageBox::Ok);
                        },
                        [&](QWidget *dialog) {
                            nameOnReturn = dialog->findChild<QLineEdit *>(u"name"_qs)->text();
                            greenOnReturn = dialog->findChild<QLineEdit *>(u"green"_qs)->text();
                            EXPECT_TRUE(dialog->findChild<QRadioButton *>(u"lower"_qs)->isChecked());
                            qobject_cast<QDialog *>(dialog)->reject();
                        }});
    demo.page->newMetric();
    EXPECT_TRUE(script.finished());
    EXPECT_TRUE(refusal.contains(u"already exists"_qs)) << refusal.toStdString();
    EXPECT_EQ(nameOnReturn, u"Phishing simulation click rate"_qs);
    EXPECT_EQ(greenOnReturn, u"5"_qs);
    EXPECT_EQ(demo.page->metricList()->rowCount(), 8);
}

TEST(MetricsPage, RecordingAReadingByDialogAndRemovingItWithTheDeleteKey)
{
    DemoMetrics demo;
    const Metric metric = demo.workspace->store().metricByName(u"Mean time to contain incidents"_qs);
    demo.page->showMetric(metric.id);
    QString preview;
    ModalScript record({[&](QWidget *dialog) {
        EXPECT_EQ(dialog->findChild<DateField *>(u"date"_qs)->date(), fixedToday());
        EXPECT_EQ(dialog->findChild<DateField *>(u"date"_qs)->maximumDate(), fixedToday());
        EXPECT_FALSE(okButton(dialog)->isEnabled());
        setText(dialog, "value", u"55"_qs);
        for (QLabel *label : dialog->findChildren<QLabel *>()) {
            if (label->text().startsWith(u"This reading"_qs))
                preview = label->text();
        }
        okButton(dialog)->click();
    }});
    demo.page->recordReading();
    EXPECT_TRUE(record.finished());
    EXPECT_EQ(preview, u"This reading is Red (outside tolerance)."_qs);
    QTableWidget *readings = demo.page->readingList();
    ASSERT_EQ(readings->rowCount(), 7);
    EXPECT_EQ(readings->item(0, 1)->text(), u"55 hours"_qs);
    EXPECT_EQ(readings->item(0, 2)->text(), u"Red (outside tolerance)"_qs);

    // Delete on the readings table asks first; No keeps the reading, Yes removes it.
    ASSERT_TRUE(focus(readings));
    readings->selectRow(0);
    {
        ModalScript keep({[](QWidget *box) { clickButton(box, QMessageBox::No); }});
        QTest::keyClick(readings, Qt::Key_Delete);
        EXPECT_TRUE(keep.finished());
        EXPECT_EQ(readings->rowCount(), 7);
    }
    {
        ModalScript remove({[](QWidget *box) { clickButton(box, QMessageBox::Yes); }});
        ASSERT_TRUE(focus(readings));
        QTest::keyClick(readings, Qt::Key_Delete);
        EXPECT_TRUE(remove.finished());
        EXPECT_EQ(readings->rowCount(), 6);
    }
    demo.workspace->undoStack()->undo();
    EXPECT_EQ(readings->rowCount(), 7);
}

TEST(MetricsPage, DeleteRemovesTheMetricAfterAskingAndEnterEditsIt)
{
    DemoMetrics demo;
    QTableWidget *list = demo.page->metricList();
    ASSERT_TRUE(focus(list));
    list->selectRow(demo.rowOf(u"Overdue high-risk audit findings"_qs));
    QString title;
    ModalScript edit({[&](QWidget *dialog) {
        title = dialog->windowTitle();
        EXPECT_EQ(dialog->findChild<QLineEdit *>(u"name"_qs)->text(), u"Overdue high-risk audit findings"_qs);
        EXPECT_TRUE(dialog->findChild<QRadioButton *>(u"lower"_qs)->isChecked());
        setText(dialog, "amber", u"3"_qs);
        okButton(dialog)->click();
    }});
    QTest::keyClick(list, Qt::Key_Return);
    EXPECT_TRUE(edit.finished());
    EXPECT_EQ(title, u"Edit metric"_qs);
    EXPECT_EQ(demo.workspace->store().metricByName(u"Overdue high-risk audit findings"_qs).amberThreshold, 3);

    ModalScript remove({[](QWidget *box) { clickButton(box, QMessageBox::Yes); }});
    ASSERT_TRUE(focus(list));
    QTest::keyClick(list, Qt::Key_Delete);
    EXPECT_TRUE(remove.finished());
    EXPECT_EQ(list->rowCount(), 7);
    EXPECT_EQ(demo.rowOf(u"Overdue high-risk audit findings"_qs), -1);
    demo.workspace->undoStack()->undo();
    EXPECT_EQ(list->rowCount(), 8);
}

TEST(ChartAdapter, ToleranceBandsBecomeAreaSeriesBehindTheLine)
{
    Metric metric;
    metric.name = u"Patching"_qs;
    metric.unit = u"%"_qs;
    metric.greenThreshold = 95;
    metric.amberThreshold = 85;
    const ChartSpec spec = metricChart(
        metric,
        {{1, 1, QDate(2026, 1, 10), 80, {}}, {2, 1, QDate(2026, 4, 10), 90.5, {}}, {3, 1, QDate(2026, 6, 1), 97, {}}});
    std::unique_ptr<QWidget> widget(charts::createChartView(spec, nullptr));
    auto *view = qobject_cast<QChartView *>(widget.get());
    ASSERT_NE(view, nullptr);
    const QList<QAbstractSeries *> series = view->chart()->series();
    QList<QAreaSeries *> areas;
    int firstLine = -1;
    for (int i = 0; i < series.size(); ++i) {
        if (auto *area = qobject_cast<QAreaSeries *>(series[i])) {
            EXPECT_EQ(firstLine, -1) << "bands are added before the line, so they are drawn behind it";
            areas << area;
        } else if (series[i]->type() == QAbstractSeries::SeriesTypeLine && firstLine < 0) {
            firstLine = i;
        }
    }
    ASSERT_EQ(areas.size(), 3);
    ASSERT_GE(firstLine, 0);
    EXPECT_TRUE(areas[0]->name().startsWith(u"Green"_qs));
    EXPECT_TRUE(areas[2]->name().startsWith(u"Red (outside tolerance)"_qs));
    // The amber band spans 85 to 95 across the whole width.
    EXPECT_EQ(areas[1]->upperSeries()->at(0).y(), 95);
    EXPECT_EQ(areas[1]->lowerSeries()->at(0).y(), 85);
    EXPECT_EQ(areas[1]->upperSeries()->at(0).x(), -0.5);
    EXPECT_EQ(areas[1]->upperSeries()->at(1).x(), 2.5);
    // Amber and red differ by pattern as well as colour; the line keeps the decimals.
    EXPECT_NE(areas[1]->brush().textureImage().pixel(1, 1), areas[1]->brush().textureImage().pixel(4, 4));
    EXPECT_FALSE(areas[2]->brush().textureImage().isNull());
    auto *line = static_cast<QLineSeries *>(series[firstLine]);
    ASSERT_EQ(line->count(), 3);
    EXPECT_DOUBLE_EQ(line->at(1).y(), 90.5);
}
