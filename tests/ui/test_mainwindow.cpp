#include "actionspage.h"
#include "catalogue.h"
#include "demodata.h"
#include "mainwindow.h"
#include "models/actionsmodel.h"
#include "testsupport.h"
#include "workspace.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenuBar>
#include <QProcess>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QAction *findAction(QMainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().remove(u'&').startsWith(text))
                return action;
        }
    }
    return nullptr;
}

} // namespace

TEST(MainWindow, EditARatingThroughTheViewThenUndoIt)
{
    TempFolder folder;
    const QString path = folder.path(u"ui.quorum"_qs);
    auto workspace = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    Workspace *ws = workspace.get();
    MainWindow window(std::move(workspace));
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    ActionsPage *page = window.actionsPage();
    QTreeView *view = page->view();
    const QModelIndex cell = page->viewIndexOf(u"D3"_qs).siblingAtColumn(ActionsModel::RatingColumn);
    ASSERT_TRUE(cell.isValid());
    const Rating before = ws->store().actionState(u"D3"_qs).assessment.rating;

    view->setCurrentIndex(cell);
    view->edit(cell);
    auto *combo = view->findChild<QComboBox *>();
    ASSERT_NE(combo, nullptr) << "no rating editor opened";
    const int row = combo->findData(u"substantial"_qs);
    ASSERT_GE(row, 0);
    combo->setCurrentIndex(row);
    Q_EMIT combo->activated(row);
    QApplication::processEvents();
    EXPECT_EQ(ws->store().actionState(u"D3"_qs).assessment.rating, Rating::Substantial);

    QAction *undo = findAction(window, u"Undo"_qs);
    ASSERT_NE(undo, nullptr);
    EXPECT_TRUE(undo->isEnabled());
    undo->trigger();
    EXPECT_EQ(ws->store().actionState(u"D3"_qs).assessment.rating, before);
    EXPECT_EQ(cell.data().toString(), ratingLabel(before));

    // What the view showed is what the file holds.
    window.close();
    auto reopened = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*reopened, fixedClock());
    EXPECT_EQ(store.actionState(u"D3"_qs).assessment.rating, before);
}

TEST(MainWindow, ScreenshotOptionWritesAPngWithoutADisplay)
{
    TempFolder folder;
    const QString db = folder.path(u"shot.quorum"_qs);
    ASSERT_EQ(runCli({u"--db"_qs, db, u"init"_qs, u"--demo"_qs}).exitCode, 0);
    const QString png = folder.path(u"actions.png"_qs);
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_qs);
    env.insert(u"QT_QPA_PLATFORM"_qs, u"offscreen"_qs);
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(QUORUM_GUI_PATH), {u"--db"_qs, db, u"--screenshot"_qs, png, u"--page"_qs, u"actions"_qs});
    ASSERT_TRUE(gui.waitForFinished(60000));
    EXPECT_EQ(gui.exitCode(), 0) << gui.readAllStandardError().toStdString();
    QImage image(png);
    EXPECT_EQ(image.size(), QSize(1400, 900));

    gui.start(QStringLiteral(QUORUM_GUI_PATH), {u"--db"_qs, db, u"--screenshot"_qs, png, u"--page"_qs, u"nowhere"_qs});
    ASSERT_TRUE(gui.waitForFinished(60000));
    EXPECT_EQ(gui.exitCode(), 3);
}
