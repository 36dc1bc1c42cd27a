#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/models/actionsmodel.h"
#include "core/samples/demodata.h"
#include "core/storage/integritycheck.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "ui/pages/actionspage.h"
#include "ui/window/mainwindow.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>
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

TEST(MainWindow, PagesAreBuiltWhenFirstShownHoweverTheyAreReached)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"lazy.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    MainWindow window(std::move(workspace));
    window.resize(1400, 900);
    window.show();
    // Only the dashboard at start.
    for (const QString &name : window.pageNames())
        EXPECT_EQ(window.isPageBuilt(name), name == u"dashboard"_qs) << name.toStdString();

    // By the page list's shortcut (View > Evidence, Ctrl+3).
    QAction *evidence = findAction(window, u"Evidence"_qs);
    ASSERT_NE(evidence, nullptr);
    evidence->trigger();
    EXPECT_TRUE(window.isPageBuilt(u"evidence"_qs));
    auto *stack = window.findChild<QStackedWidget *>();
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(stack->currentWidget(), window.page(u"evidence"_qs));
    EXPECT_FALSE(window.isPageBuilt(u"people"_qs));

    // By asking for it, without showing it: built, and the page shown stays shown.
    EXPECT_NE(window.peoplePage(), nullptr);
    EXPECT_TRUE(window.isPageBuilt(u"people"_qs));
    EXPECT_EQ(stack->currentWidget(), window.page(u"evidence"_qs));
    EXPECT_EQ(stack->count(), window.pageNames().size());
    EXPECT_EQ(window.page(u"no such page"_qs), nullptr);
}

TEST(MainWindow, TheBackgroundCheckStartsOnceTheWindowIsPainted)
{
    TempFolder folder;
    const QString path = folder.path(u"checked.quorum"_qs);
    {
        auto created = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(created->store(), fixedToday());
    }
    auto workspace = Workspace::open(path, false, Catalogue::builtIn(), fixedClock(), nullptr,
                                     Database::IntegrityCheck::InBackground);
    workspace->prefetchDashboard();
    const BackgroundIntegrityCheck *check = workspace->database().backgroundIntegrityCheck();
    ASSERT_NE(check, nullptr);
    MainWindow window(std::move(workspace));
    // Building the window, dashboard included, leaves the check alone: it would slow the first paint.
    EXPECT_FALSE(check->isStarted());
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QDeadlineTimer deadline(30000);
    while (!check->isStarted() && !deadline.hasExpired())
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    EXPECT_TRUE(check->isStarted());
    EXPECT_EQ(check->failure(), QString());
}

TEST(MainWindow, TheActingAsMenuListsThePeopleRecordedWhenItOpens)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"acting.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    Workspace *ws = workspace.get();
    MainWindow window(std::move(workspace));
    QMenu *acting = nullptr;
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        if (menu->title().remove(u'&') == u"Acting As"_qs)
            acting = menu;
    }
    ASSERT_NE(acting, nullptr);
    auto choices = [acting] {
        Q_EMIT acting->aboutToShow();
        QStringList texts;
        for (QAction *action : acting->actions()) {
            if (!action->isSeparator())
                texts << action->text();
        }
        return texts;
    };
    const QStringList before = choices();
    ASSERT_FALSE(before.isEmpty());
    EXPECT_TRUE(before.constFirst().startsWith(u"Only my login"_qs));
    EXPECT_FALSE(before.join(u'\n').contains(u"Grace Hopper"_qs));

    // Someone recorded since is there the next time the menu opens, and choosing them acts as them.
    ws->addPerson({0, u"Grace Hopper"_qs, u"Risk lead"_qs, false, true});
    const QStringList after = choices();
    EXPECT_EQ(after.size(), before.size() + 1);
    QAction *grace = nullptr;
    for (QAction *action : acting->actions()) {
        if (action->text() == u"Grace Hopper - Risk lead"_qs)
            grace = action;
    }
    ASSERT_NE(grace, nullptr);
    grace->trigger();
    EXPECT_EQ(ws->actingAs(), u"Grace Hopper"_qs);
    choices();
    bool checked = false;
    for (QAction *action : acting->actions())
        checked = checked || (action->text() == u"Grace Hopper - Risk lead"_qs && action->isChecked());
    EXPECT_TRUE(checked) << "the person acted as is ticked when the menu opens again";
    QSettings().remove(u"actingAs"_qs); // keep other tests' settings clean
}

TEST(MainWindow, APageThatCannotBeBuiltSaysWhyAndIsTriedAgain)
{
    TempFolder folder;
    MainWindow window(Workspace::open(folder.path(u"fail.quorum"_qs), true, Catalogue::builtIn(), fixedClock()));
    window.show();
    int attempts = 0;
    window.addLazyPage(u"flaky"_qs, u"Flaky"_qs, [&attempts]() -> QWidget * {
        if (++attempts == 1)
            throw Error(Error::Kind::Storage, u"The page could not read its data."_qs);
        return new QLabel(u"Built"_qs);
    });
    QString shown;
    QTimer::singleShot(0, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    window.showPage(u"flaky"_qs);
    EXPECT_TRUE(shown.contains(u"could not read its data"_qs)) << shown.toStdString();
    EXPECT_FALSE(window.isPageBuilt(u"flaky"_qs));
    window.showPage(u"dashboard"_qs);
    window.showPage(u"flaky"_qs); // tried again
    EXPECT_EQ(attempts, 2);
    EXPECT_TRUE(window.isPageBuilt(u"flaky"_qs));
    EXPECT_EQ(qobject_cast<QLabel *>(window.page(u"flaky"_qs))->text(), u"Built"_qs);
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
