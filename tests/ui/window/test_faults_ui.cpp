// The desktop app under faults and hostile text: an edit refused because another program holds the lock
// is reported and the next edit works; user text is never rendered as rich text (markup injection).
#include "core/domain/boardrecords.h"
#include "core/domain/catalogue.h"
#include "core/models/actionsmodel.h"
#include "core/models/auditmodel.h"
#include "core/models/evidencemodel.h"
#include "core/samples/demodata.h"
#include "core/storage/database.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QApplication>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTextDocument>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A line from the helper that holds the lock (see tests/fault/faulthelper.cpp). */
QString readLine(QProcess &process)
{
    while (!process.canReadLine()) {
        if (!process.waitForReadyRead(60000))
            return {};
    }
    return QString::fromUtf8(process.readLine()).trimmed();
}

const QString kPayload = u"<img src=\"file:///etc/passwd\"><b>bold</b>"_qs;

/** Every place in @p model (two levels deep) whose tool tip would render @p payload as markup. */
QStringList richToolTips(const QAbstractItemModel &model, const QString &payload, const QModelIndex &parent = {})
{
    QStringList found;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            const QString tip = model.data(index, Qt::ToolTipRole).toString();
            if (tip.contains(payload) && Qt::mightBeRichText(tip))
                found << QStringLiteral("%1 row %2 column %3: %4")
                             .arg(QString::fromLatin1(model.metaObject()->className()))
                             .arg(row)
                             .arg(column)
                             .arg(tip);
        }
        if (parent == QModelIndex())
            found << richToolTips(model, payload, model.index(row, 0));
    }
    return found;
}

} // namespace

TEST(GuiFaults, AnEditRefusedBecauseTheFileIsLockedIsReportedAndTheNextEditWorks)
{
    auto db = createDatabase(true);
    const QString path = db->path;
    db->close();
    auto workspace = Workspace::open(path, false, Catalogue::builtIn(), fixedClock());
    workspace->database().setBusyTimeout(200);
    ActionsModel model(workspace.get());
    QSignalSpy editFailed(&model, &ActionsModel::editFailed);
    QSignalSpy errorOccurred(workspace.get(), &Workspace::errorOccurred);
    const QModelIndex a1 = model.indexOfAction(u"A1"_qs).siblingAtColumn(ActionsModel::RatingColumn);
    const QModelIndex a2 = model.indexOfAction(u"A2"_qs).siblingAtColumn(ActionsModel::RatingColumn);
    ASSERT_TRUE(a1.isValid());

    // One edit that works, so there is something to undo.
    const Rating a2Before = workspace->store().assessment(u"A2"_qs).rating;
    const Rating a2After = a2Before == Rating::Substantial ? Rating::Limited : Rating::Substantial;
    ASSERT_TRUE(model.setData(a2, QVariant::fromValue(a2After)));
    const int commands = workspace->undoStack()->count();
    ASSERT_EQ(commands, 1);

    QProcess other;
    other.start(QStringLiteral(QUORUM_FAULT_HELPER_PATH), {u"hold"_qs, path});
    ASSERT_EQ(readLine(other), u"holding"_qs) << other.readAllStandardError().toStdString();

    const QString before = model.data(a1).toString();
    EXPECT_FALSE(model.setData(a1, QVariant::fromValue(Rating::NoAssurance)));
    ASSERT_EQ(editFailed.count(), 1);
    const QString message = editFailed.takeFirst().at(0).toString();
    EXPECT_TRUE(message.contains(u"locked by another program"_qs)) << message.toStdString();
    EXPECT_EQ(model.data(a1).toString(), before) << "the view shows a change that was not saved";
    EXPECT_EQ(workspace->undoStack()->count(), commands) << "a refused change was put on the undo stack";

    // An undo refused for the same reason is reported through the workspace, and changes nothing.
    workspace->undoStack()->undo();
    ASSERT_EQ(errorOccurred.count(), 1);
    EXPECT_TRUE(errorOccurred.takeFirst().at(0).toString().contains(u"locked by another program"_qs));
    EXPECT_EQ(workspace->store().assessment(u"A2"_qs).rating, a2After);

    other.write("rollback\n");
    EXPECT_EQ(readLine(other), u"done"_qs);
    other.waitForFinished(30000);

    EXPECT_TRUE(model.setData(a1, QVariant::fromValue(Rating::NoAssurance))) << model.lastError().toStdString();
    EXPECT_EQ(workspace->store().assessment(u"A1"_qs).rating, Rating::NoAssurance);
    EXPECT_EQ(editFailed.count(), 0);
    EXPECT_TRUE(workspace->store().verifyAuditChain().ok);
}

TEST(MarkupInjection, UserTextIsNeverRenderedAsRichText)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"markup.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    Store &store = workspace->store();
    // Markup in every kind of text a user types or a file brings in.
    Organisation organisation = store.organisation();
    organisation.name = u"Northgate "_qs + kPayload;
    store.setOrganisation(organisation);
    const qint64 person = store.addPerson({0, u"Mallory "_qs + kPayload, u"Director "_qs + kPayload, true, true});
    store.updateAssessment(
        u"A1"_qs, {{AssessmentField::Commentary, u"Commentary "_qs + kPayload}, {AssessmentField::Owner, person}});
    EvidenceInput input;
    input.title = u"Evidence "_qs + kPayload;
    input.isFile = true;
    input.fileName = u"report <b>x</b>.pdf"_qs;
    input.content = "bytes";
    input.actionIds = {u"A1"_qs};
    store.addEvidence(input);
    Metric metric;
    metric.name = u"Metric "_qs + kPayload;
    metric.unit = u"%"_qs;
    metric.greenThreshold = 90;
    metric.amberThreshold = 80;
    metric.actionIds = {u"E2"_qs};
    const qint64 metricId = store.addMetric(metric);
    store.addReading({0, metricId, fixedToday(), 70, u"Note "_qs + kPayload});
    BoardEvent event;
    event.occurredOn = fixedToday().addDays(-3);
    event.title = u"Exercise "_qs + kPayload;
    event.actionIds = {u"D2"_qs};
    store.addEvent(event);
    store.setActor(u"tester"_qs, u"Mallory "_qs + kPayload);

    // Models: tool tips are rich text whenever they look like it, so user text must be escaped there.
    ActionsModel actions(workspace.get());
    EvidenceModel evidence(workspace.get());
    AuditModel audit(workspace.get());
    QStringList problems = richToolTips(actions, kPayload) + richToolTips(evidence, kPayload)
                           + richToolTips(audit, kPayload) + richToolTips(evidence, u"<b>x</b>"_qs);

    // Widgets: every label of every page, once each page has been shown.
    MainWindow window(std::move(workspace));
    window.resize(1400, 900);
    window.show();
    for (QStackedWidget *stack : window.findChildren<QStackedWidget *>()) {
        for (int page = 0; page < stack->count(); ++page) {
            stack->setCurrentIndex(page);
            QApplication::processEvents();
        }
    }
    for (const QAbstractItemView *view : window.findChildren<QAbstractItemView *>()) {
        if (view->model())
            problems << richToolTips(*view->model(), kPayload);
    }
    int shown = 0; // the payload must really be on screen somewhere, or this test proves nothing
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        const QString text = label->text();
        if (text.contains(kPayload))
            ++shown;
        const bool rich =
            label->textFormat() == Qt::RichText || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
        if (rich && (text.contains(kPayload) || text.contains(u"<b>x</b>"_qs)))
            problems << QStringLiteral("label %1: %2").arg(label->objectName(), text);
    }
    EXPECT_GT(shown, 0) << "no label shows the organisation's name";
    EXPECT_TRUE(problems.isEmpty()) << problems.join(u"\n"_qs).toStdString();
}
