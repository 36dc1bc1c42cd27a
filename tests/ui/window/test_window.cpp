// What a new user hit (issue 13): saved files confirmed only once written, read-only files, the window at
// 1024x700, the owner boxes, the organisation's name, and sign-off.

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/models/actionsmodel.h"
#include "core/samples/demodata.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/pages/evidenceactions.h"
#include "ui/pages/reviewspage.h"
#include "ui/report/boardpackdialog.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/savedfilenotice.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrl>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QAction *menuAction(QMainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().remove(u'&').startsWith(text))
                return action;
        }
    }
    return nullptr;
}

QPushButton *button(QWidget *parent, const QString &text)
{
    for (QPushButton *candidate : parent->findChildren<QPushButton *>()) {
        if (candidate->text().remove(u'&') == text)
            return candidate;
    }
    return nullptr;
}

/** A demo organisation in a file of its own (closed), for tests that open it their own way. */
QString demoFile(const TempFolder &folder, const QString &name)
{
    const QString path = folder.path(name);
    auto workspace = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    return path;
}

/** Records what would have been opened, and launches nothing. */
struct RecordingOpener {
    QList<QUrl> asked;
    DesktopOpener opener()
    {
        return DesktopOpener([this](const QUrl &url) {
            asked << url;
            return true;
        });
    }
};

/** Runs @p check on the next modal dialog, then closes it (for dialogs that exec()). */
void inspectNextDialog(std::function<void(QDialog *)> check)
{
    QTimer::singleShot(0, [check] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            check(dialog);
            dialog->reject();
        }
    });
}

} // namespace

// ---- 5: "Saved as" only once the bytes are on disk; Open and Show in Folder ------------------------------

TEST(SavedFiles, ACopyOfEvidenceIsWholeOnDiskWhenTheConfirmationShows)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"copy.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    // Small enough to sit in QFile's write buffer until the file is flushed or closed.
    const QByteArray content("The board approved the incident response plan on 3 March.");
    EvidenceInput input;
    input.title = u"Plan approval"_qs;
    input.isFile = true;
    input.fileName = u"approval.txt"_qs;
    input.content = content;
    input.actionIds = {u"D1"_qs};
    const qint64 id = workspace->addEvidence(input);
    QWidget parent;
    EvidenceActions actions(workspace.get(), &parent);
    RecordingOpener recorder;
    actions.setDesktopOpener(recorder.opener());
    const QString out = folder.path(u"out"_qs);
    ASSERT_TRUE(QDir().mkpath(out));
    const QString target = QDir(out).filePath(u"approval.txt"_qs);

    qint64 sizeWhenShown = -1;
    {
        MessageBoxAnswers answers({[&](QMessageBox *box) {
            sizeWhenShown = QFileInfo(target).size();
            MessageBoxAnswers::clickText(u"Open"_qs)(box);
        }});
        ASSERT_TRUE(actions.saveCopyTo(id, out));
        EXPECT_TRUE(answers.done()) << "no confirmation was shown";
        ASSERT_EQ(answers.texts().size(), 1);
        EXPECT_TRUE(answers.texts().constFirst().contains(QDir::toNativeSeparators(target)))
            << answers.texts().constFirst().toStdString();
    }
    EXPECT_EQ(sizeWhenShown, content.size()) << "the confirmation came before the file was written";
    ASSERT_EQ(recorder.asked.size(), 1);
    EXPECT_EQ(recorder.asked.constFirst(), QUrl::fromLocalFile(target));

    // A second copy never overwrites the first; Show in Folder opens the folder that holds it.
    {
        MessageBoxAnswers answers({MessageBoxAnswers::clickText(u"Show in Folder"_qs)});
        ASSERT_TRUE(actions.saveCopyTo(id, out));
    }
    ASSERT_EQ(recorder.asked.size(), 2);
    EXPECT_EQ(recorder.asked.constLast(), QUrl::fromLocalFile(QFileInfo(target).absolutePath()));
    QFile first(target);
    ASSERT_TRUE(first.open(QIODevice::ReadOnly));
    EXPECT_EQ(first.readAll(), content);
}

TEST(SavedFiles, OpenAndSaveACopyOfALargeFileWriteItWholeAndADamagedOneNotAtAll)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"large.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    // Larger than a chunk of storage (1 MB): added from disk, opened and saved a chunk at a time.
    QByteArray content(2 * 1024 * 1024 + 4321, Qt::Uninitialized);
    for (qsizetype i = 0; i < content.size(); ++i)
        content[i] = char(i % 253 + i / 100000);
    const QString source = folder.path(u"penetration test.pdf"_qs);
    writeFile(source, content);
    EvidenceInput input = evidenceInputFromFile(source);
    input.actionIds = {u"D1"_qs};
    const qint64 id = workspace->addEvidence(input);
    QWidget parent;
    EvidenceActions actions(workspace.get(), &parent);
    RecordingOpener recorder;
    actions.setDesktopOpener(recorder.opener());

    actions.open(id);
    ASSERT_EQ(recorder.asked.size(), 1);
    const QString opened = recorder.asked.constFirst().toLocalFile();
    EXPECT_EQ(fileSha256(opened), fileSha256(source));
    QDir(QFileInfo(opened).absolutePath()).removeRecursively(); // the private copy the desktop would have opened
    const QString out = folder.path(u"out"_qs);
    ASSERT_TRUE(QDir().mkpath(out));
    {
        MessageBoxAnswers answers({MessageBoxAnswers::click(QMessageBox::Close)});
        ASSERT_TRUE(actions.saveCopyTo(id, out));
    }
    EXPECT_EQ(fileSha256(QDir(out).filePath(u"penetration test.pdf"_qs)), fileSha256(source));

    // A chunk changed outside Quorum: neither Open nor Save a Copy hands out the file, and nothing is left.
    workspace.reset();
    rawSql(folder.path(u"large.quorum"_qs), {u"UPDATE blob_chunk SET data = CAST('forged' AS BLOB) WHERE seq = 1"_qs});
    workspace = Workspace::open(folder.path(u"large.quorum"_qs), false, Catalogue::builtIn(), fixedClock());
    EvidenceActions damaged(workspace.get(), &parent);
    damaged.setDesktopOpener(recorder.opener());
    const QString again = folder.path(u"again"_qs);
    ASSERT_TRUE(QDir().mkpath(again));
    {
        MessageBoxAnswers answers(
            {MessageBoxAnswers::click(QMessageBox::Ok), MessageBoxAnswers::click(QMessageBox::Ok)});
        damaged.open(id);
        EXPECT_FALSE(damaged.saveCopyTo(id, again));
        ASSERT_EQ(answers.texts().size(), 2);
        EXPECT_TRUE(answers.texts().constFirst().contains(u"no longer matches its SHA-256"_qs))
            << answers.texts().constFirst().toStdString();
    }
    EXPECT_EQ(recorder.asked.size(), 1);
    EXPECT_TRUE(QDir(again).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(SavedFiles, TheExportedBoardPackIsConfirmedOnceItIsWritten)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"pack.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    DemoData::populate(workspace->store(), fixedToday());
    BoardPackDialog dialog(workspace.get());
    RecordingOpener recorder;
    dialog.setDesktopOpener(recorder.opener());
    const QString path = folder.path(u"board pack.pdf"_qs);
    QByteArray headWhenShown;
    qint64 sizeWhenShown = -1;
    MessageBoxAnswers answers({[&](QMessageBox *box) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            headWhenShown = file.read(5);
        sizeWhenShown = QFileInfo(path).size();
        MessageBoxAnswers::clickText(u"Show in Folder"_qs)(box);
    }});
    ASSERT_TRUE(dialog.exportTo(path));
    ASSERT_TRUE(answers.done()) << "the export was not confirmed";
    EXPECT_TRUE(answers.texts().constFirst().contains(u"board pack.pdf"_qs))
        << answers.texts().constFirst().toStdString();
    EXPECT_EQ(headWhenShown, QByteArray("%PDF-"));
    EXPECT_EQ(sizeWhenShown, QFileInfo(path).size());
    ASSERT_EQ(recorder.asked.size(), 1);
    EXPECT_EQ(recorder.asked.constFirst(), QUrl::fromLocalFile(folder.root()));
}

// ---- 6: a read-only file says so from the start ----------------------------------------------------------

TEST(ReadOnlyFile, TheWindowSaysSoAndNothingCanBeEdited)
{
    TempFolder folder;
    const QString path = demoFile(folder, u"readonly.quorum"_qs);
    ASSERT_TRUE(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther)); // chmod a-w
    auto workspace = Workspace::open(path, false, Catalogue::builtIn(), fixedClock());
    ASSERT_TRUE(workspace->isReadOnly());
    MainWindow window(std::move(workspace));
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    auto *banner = window.findChild<QWidget *>(u"readOnlyBanner"_qs);
    ASSERT_NE(banner, nullptr) << "no read-only banner";
    EXPECT_TRUE(banner->isVisible());
    QStringList bannerTexts;
    for (QLabel *label : banner->findChildren<QLabel *>())
        bannerTexts << label->text();
    EXPECT_TRUE(bannerTexts.join(u' ').contains(u"Read-only"_qs)) << bannerTexts.join(u' ').toStdString();
    EXPECT_TRUE(bannerTexts.join(u' ').contains(u"Save a copy to edit"_qs)) << bannerTexts.join(u' ').toStdString();
    QStringList status;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        status << label->text();
    EXPECT_TRUE(status.join(u' ').contains(u"Read-only"_qs)) << status.join(u' ').toStdString();
    EXPECT_FALSE(status.join(u' ').contains(u"Changes are recorded"_qs)) << status.join(u' ').toStdString();

    for (const QString &text : {u"Undo"_qs, u"Redo"_qs, u"Organisation"_qs}) {
        QAction *action = menuAction(window, text);
        ASSERT_NE(action, nullptr) << text.toStdString();
        EXPECT_FALSE(action->isEnabled()) << text.toStdString();
    }

    // The action editor: every control that changes the action is off, and stays off on another action.
    ActionsPage *actions = window.actionsPage();
    window.showPage(u"actions"_qs);
    actions->showAction(u"B2"_qs);
    ActionEditor *editor = actions->editor();
    for (QComboBox *combo : editor->findChildren<QComboBox *>())
        EXPECT_FALSE(combo->isEnabled()) << combo->currentText().toStdString();
    const QList<DateField *> dates = editor->findChildren<DateField *>();
    EXPECT_FALSE(dates.isEmpty());
    for (DateField *date : dates)
        EXPECT_FALSE(date->isEnabled());
    for (QPlainTextEdit *text : editor->findChildren<QPlainTextEdit *>())
        EXPECT_TRUE(text->isReadOnly());
    for (const QString &text : {u"Add file..."_qs, u"Add link..."_qs}) {
        QPushButton *add = button(editor, text);
        ASSERT_NE(add, nullptr) << text.toStdString();
        EXPECT_FALSE(add->isEnabled()) << text.toStdString();
        EXPECT_TRUE(add->toolTip().contains(u"read-only"_qs)) << add->toolTip().toStdString();
    }
    EXPECT_EQ(actions->view()->editTriggers(), QAbstractItemView::NoEditTriggers);

    // Every page's buttons that change the record, even once a row is selected.
    window.showPage(u"evidence"_qs);
    QWidget *evidence = window.page(u"evidence"_qs);
    QTest::qWait(0);
    if (auto *view = evidence->findChild<QTableView *>())
        view->selectRow(0);
    for (const QString &text : {u"Add files..."_qs, u"Edit..."_qs, u"Remove"_qs, u"New revision..."_qs})
        EXPECT_FALSE(button(evidence, text)->isEnabled()) << text.toStdString();
    EXPECT_TRUE(button(evidence, u"Open"_qs)->isEnabled()) << "reading stays possible";
    const QList<QPair<QString, QString>> pageButtons{{u"people"_qs, u"Add person..."_qs},
                                                     {u"reviews"_qs, u"New board review..."_qs},
                                                     {u"metrics"_qs, u"New metric..."_qs},
                                                     {u"exercises"_qs, u"New exercise..."_qs}};
    for (const auto &[page, text] : pageButtons) {
        window.showPage(page);
        QPushButton *add = button(window.page(page), text);
        ASSERT_NE(add, nullptr) << text.toStdString();
        EXPECT_FALSE(add->isEnabled()) << text.toStdString();
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

TEST(ReadOnlyFile, AWritableFileShowsNoBannerAndEditsAsBefore)
{
    TempFolder folder;
    MainWindow window(
        Workspace::open(demoFile(folder, u"writable.quorum"_qs), false, Catalogue::builtIn(), fixedClock()));
    window.show();
    EXPECT_EQ(window.findChild<QWidget *>(u"readOnlyBanner"_qs), nullptr);
    ActionEditor *editor = window.actionsPage()->editor();
    for (QComboBox *combo : editor->findChildren<QComboBox *>())
        EXPECT_TRUE(combo->isEnabled());
    EXPECT_NE(window.actionsPage()->view()->editTriggers(), QAbstractItemView::NoEditTriggers);
}

// ---- 9 and 11b: the window from 1024x700 up ------------------------------------------------------------

namespace {

/** True when @p widget lies within the visible width of @p scroll's viewport (it may scroll vertically). */
bool withinWidth(QWidget *widget, QScrollArea *scroll)
{
    const QRect inViewport(widget->mapTo(scroll->viewport(), QPoint(0, 0)), widget->size());
    return inViewport.left() >= 0 && inViewport.right() < scroll->viewport()->width();
}

} // namespace

TEST(WindowLayout, AFirstStartFitsTheScreen)
{
    // On a 1024x700 screen the window opened at 1366x800, its right side and bottom off the screen.
    EXPECT_EQ(MainWindow::firstStartSize(QSize(1024, 672)), QSize(1024, 672));
    EXPECT_EQ(MainWindow::firstStartSize(QSize(1920, 1040)), QSize(1366, 800));
    QSettings().remove(u"window/geometry"_qs);
    TempFolder folder;
    auto workspace = Workspace::open(demoFile(folder, u"first.quorum"_qs), false, Catalogue::builtIn(), fixedClock());
    MainWindow window(std::move(workspace));
    const QSize available = window.screen()->availableGeometry().size();
    EXPECT_LE(window.width(), available.width());
    EXPECT_LE(window.height(), available.height());
}

TEST(WindowLayout, At1024x700WithTheUndoHistoryOpenNothingIsCutOff)
{
    TempFolder folder;
    auto workspace = Workspace::open(demoFile(folder, u"small.quorum"_qs), false, Catalogue::builtIn(), fixedClock());
    Workspace *ws = workspace.get();
    MainWindow window(std::move(workspace));
    auto *undoDock = window.findChild<QDockWidget *>(u"undoHistoryDock"_qs);
    ASSERT_NE(undoDock, nullptr);
    undoDock->show();
    window.resize(1024, 700);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_EQ(window.size(), QSize(1024, 700)) << "the window cannot be made this small";
    EXPECT_GE(undoDock->width(), 150);

    // The action editor keeps a useful width, and the owner box shows the owner's whole name.
    window.showPage(u"actions"_qs);
    ActionsPage *page = window.actionsPage();
    page->showAction(u"A1"_qs);
    QApplication::processEvents();
    ActionEditor *editor = page->editor();
    EXPECT_GE(editor->width(), ActionEditor::kMinimumUsefulWidth);
    EXPECT_GE(page->view()->header()->sectionSize(ActionsModel::TitleColumn), ActionsPage::kTitleMinimumWidth);
    const QString owner = ws->store().person(ws->store().assessment(u"A1"_qs).ownerId)->name;
    auto *ownerBox = editor->findChildren<QComboBox *>().value(0);
    ASSERT_NE(ownerBox, nullptr);
    ASSERT_TRUE(ownerBox->currentText().startsWith(owner)) << ownerBox->currentText().toStdString();
    EXPECT_GE(ownerBox->width(), ownerBox->fontMetrics().horizontalAdvance(owner) + 30) << "the owner's name is cut";
    EXPECT_EQ(ownerBox->toolTip(), ownerBox->currentText()) << "the whole name and role are in the tooltip";

    // The dashboard: every tile and the attention list within the page's width (it scrolls only downwards).
    window.showPage(u"dashboard"_qs);
    QApplication::processEvents();
    DashboardPage *dashboard = window.dashboardPage();
    QScrollArea *scroll = dashboard->scrollArea();
    ASSERT_NE(scroll, nullptr);
    EXPECT_FALSE(scroll->horizontalScrollBar()->isVisible()) << "the dashboard scrolls sideways";
    int tiles = 0;
    for (QWidget *tile : dashboard->findChildren<QWidget *>(u"tile"_qs)) {
        ++tiles;
        EXPECT_TRUE(withinWidth(tile, scroll)) << "tile " << tiles << " is cut off";
    }
    EXPECT_EQ(tiles, 5);
    EXPECT_TRUE(withinWidth(dashboard->attentionList(), scroll)) << "the attention list is cut off";
    EXPECT_GE(dashboard->attentionList()->height(), 200);
}

TEST(WindowLayout, At1366TheTitleColumnIsWiderThanTheOwnerColumn)
{
    TempFolder folder;
    MainWindow window(Workspace::open(demoFile(folder, u"wide.quorum"_qs), false, Catalogue::builtIn(), fixedClock()));
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.showPage(u"actions"_qs);
    QApplication::processEvents();
    QHeaderView *header = window.actionsPage()->view()->header();
    EXPECT_GT(header->sectionSize(ActionsModel::TitleColumn), header->sectionSize(ActionsModel::OwnerColumn));
    EXPECT_LE(header->sectionSize(ActionsModel::OwnerColumn), ActionsPage::kOwnerColumnMaximumWidth);
    // The title takes exactly the width the other columns leave: no gap, and nothing to scroll to.
    EXPECT_EQ(header->length(), window.actionsPage()->view()->viewport()->width());
}

// ---- 11c: the organisation's name of a new file is a placeholder ------------------------------------------

TEST(OrganisationName, ANewOrganisationsNameIsTypedNotAppended)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"new.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    Workspace *ws = workspace.get();
    const QString unnamed = ws->store().organisation().name;
    MainWindow window(std::move(workspace));
    window.show();
    QString shownText;
    QString placeholder;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *name = dialog->findChild<QLineEdit *>();
        shownText = name->text();
        placeholder = name->placeholderText();
        name->setFocus();
        QTest::keyClicks(name, u"Northgate Freight"_qs);
        dialog->accept();
    });
    menuAction(window, u"Organisation"_qs)->trigger();
    EXPECT_TRUE(shownText.isEmpty()) << shownText.toStdString();
    EXPECT_EQ(placeholder, unnamed);
    EXPECT_EQ(ws->store().organisation().name, u"Northgate Freight"_qs);

    // Left empty, a new organisation keeps the name it had; a named one shows its name to edit.
    QTimer::singleShot(0, [&] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            shownText = dialog->findChild<QLineEdit *>()->text();
            dialog->reject();
        }
    });
    menuAction(window, u"Organisation"_qs)->trigger();
    EXPECT_EQ(shownText, u"Northgate Freight"_qs);
}

// ---- 11d, 11e: sign-off ---------------------------------------------------------------------------------

TEST(SignOff, TheChairIsOfferedFirstAndAFutureMeetingCannotBeSignedYet)
{
    TempFolder folder;
    auto workspace = Workspace::open(demoFile(folder, u"sign.quorum"_qs), false, Catalogue::builtIn(), fixedClock());
    Workspace *ws = workspace.get();
    MainWindow window(std::move(workspace));
    window.show();
    window.showPage(u"reviews"_qs);
    auto *reviews = static_cast<ReviewsPage *>(window.page(u"reviews"_qs));
    QPushButton *sign = button(reviews, u"Sign off..."_qs);
    ASSERT_NE(sign, nullptr);

    // A review for a meeting still to come: Sign off is off, and says why.
    auto select = [reviews](const QString &name) {
        QTableWidget *list = reviews->reviewList();
        for (int row = 0; row < list->rowCount(); ++row) {
            if (list->item(row, 0)->text() == name) {
                list->selectRow(row);
                return true;
            }
        }
        return false;
    };
    ws->createReview(u"Board next month"_qs, fixedToday().addDays(20));
    ASSERT_TRUE(select(u"Board next month"_qs));
    EXPECT_FALSE(sign->isEnabled());
    EXPECT_TRUE(sign->toolTip().contains(u"still to come"_qs)) << sign->toolTip().toStdString();
    EXPECT_THROW(ws->signReview(ws->store().reviews().constLast().id, ws->store().personByName(u"Helen Marsh"_qs).id),
                 Error)
        << "the store still refuses";

    // A review of today's meeting: the Chair (Helen Marsh), not the first director by name, is offered.
    ws->createReview(u"Board today"_qs, fixedToday());
    ASSERT_TRUE(select(u"Board today"_qs));
    EXPECT_TRUE(sign->isEnabled());
    EXPECT_TRUE(sign->toolTip().isEmpty());
    QString offered;
    inspectNextDialog([&offered](QDialog *dialog) {
        if (auto *director = dialog->findChild<QComboBox *>())
            offered = director->currentText();
    });
    sign->click();
    EXPECT_TRUE(offered.startsWith(u"Helen Marsh - Chair"_qs)) << offered.toStdString();
}
