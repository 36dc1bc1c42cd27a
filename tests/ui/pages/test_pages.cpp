#include "core/domain/catalogue.h"
#include "core/models/actionsmodel.h"
#include "core/models/auditmodel.h"
#include "core/models/evidencemodel.h"
#include "core/models/peoplemodel.h"
#include "core/models/roles.h"
#include "core/report/boardpack.h"
#include "core/rules/scoring.h"
#include "core/samples/demodata.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/evidencepage.h"
#include "ui/pages/historypage.h"
#include "ui/pages/peoplepage.h"
#include "ui/window/frameworksdialog.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDropEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrl>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A main window over a fresh demo database in a temporary folder. */
struct DemoWindow {
    TempFolder folder;
    Workspace *workspace = nullptr;
    std::unique_ptr<MainWindow> window;

    DemoWindow()
    {
        auto ws = Workspace::open(folder.path(u"pages.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(ws->store(), fixedToday());
        workspace = ws.get();
        window = std::make_unique<MainWindow>(std::move(ws));
        window->resize(1400, 900);
        window->show();
    }
};

/** Accepts the next modal dialog as soon as it opens (the evidence details dialog). */
void acceptNextDialog()
{
    QTimer::singleShot(0, [] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
            dialog->accept();
    });
}

int visibleActions(QTreeView *view)
{
    int count = 0;
    for (int p = 0; p < view->model()->rowCount(); ++p)
        count += view->model()->rowCount(view->model()->index(p, 0));
    return count;
}

} // namespace

TEST(ActionsPage, FiltersChainPrincipleRatingOwnerAndAttention)
{
    DemoWindow demo;
    ActionsPage *page = demo.window->actionsPage();
    // The Code's 22 actions and the 14 principles of the Software Security Code, which the demo follows too.
    EXPECT_EQ(visibleActions(page->view()), 36);

    auto *principle = page->findChild<QComboBox *>(u"principleFilter"_qs);
    ASSERT_NE(principle, nullptr);
    principle->setCurrentIndex(principle->findData(u"D"_qs));
    EXPECT_EQ(visibleActions(page->view()), 4);
    principle->setCurrentIndex(0);

    page->setAttentionOnly(true);
    const int attention = visibleActions(page->view());
    EXPECT_GT(attention, 0);
    EXPECT_LT(attention, 36);
    // Every visible action really needs attention.
    for (int p = 0; p < page->view()->model()->rowCount(); ++p) {
        const QModelIndex parent = page->view()->model()->index(p, 0);
        for (int a = 0; a < page->view()->model()->rowCount(parent); ++a)
            EXPECT_TRUE(page->view()->model()->index(a, 0, parent).data(NeedsAttentionRole).toBool());
    }
    page->setAttentionOnly(false);

    auto *search = page->findChild<QLineEdit *>(u"actionSearch"_qs);
    ASSERT_NE(search, nullptr);
    search->setText(u"supply chain"_qs);
    EXPECT_EQ(visibleActions(page->view()), 1);
    // Showing a hidden action clears the filters rather than failing.
    page->showAction(u"E2"_qs);
    EXPECT_EQ(page->editor()->actionId(), u"E2"_qs);
    EXPECT_TRUE(search->text().isEmpty());
}

TEST(FrameworksDialog, FollowsTheSoftwareSecurityCodeSetsItsRoleAndOwnerAndTheActionsPageShowsIt)
{
    DemoWindow demo;
    ActionsPage *page = demo.window->actionsPage();
    // The demo follows the Software Security Code: stop, to start from the Code alone.
    demo.workspace->setFrameworkFollowed(u"ssc"_qs, false);
    EXPECT_EQ(visibleActions(page->view()), 22);
    FrameworksDialog dialog(demo.workspace);
    auto *list = dialog.findChild<QListWidget *>(u"frameworks"_qs);
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->count(), 2);
    EXPECT_EQ(list->item(1)->text(), u"Software Security Code (not followed)"_qs);
    ASSERT_TRUE(dialog.select(u"ssc"_qs));
    auto *followed = dialog.findChild<QCheckBox *>(u"followed"_qs);
    auto *role = dialog.findChild<QComboBox *>(u"vendorRole"_qs);
    auto *owner = dialog.findChild<QComboBox *>(u"owner"_qs);
    ASSERT_TRUE(followed && role && owner);
    EXPECT_FALSE(followed->isChecked());
    followed->click();
    EXPECT_TRUE(demo.workspace->framework(u"ssc"_qs).enabled);
    EXPECT_EQ(list->item(1)->text(), u"Software Security Code"_qs);
    // The actions page lists the Code's 22 actions and the Software Security Code's 14 principles.
    EXPECT_EQ(visibleActions(page->view()), 36);
    auto *principle = page->findChild<QComboBox *>(u"principleFilter"_qs);
    principle->setCurrentIndex(principle->findData(u"ssc:3"_qs));
    EXPECT_EQ(visibleActions(page->view()), 5);
    EXPECT_TRUE(principle->currentText().startsWith(u"Software Security Code: 3  Secure deployment"_qs))
        << principle->currentText().toStdString();
    principle->setCurrentIndex(0);

    const int reseller = role->findData(u"reseller"_qs);
    ASSERT_GE(reseller, 0);
    role->setCurrentIndex(reseller);
    Q_EMIT role->activated(reseller);
    EXPECT_EQ(demo.workspace->framework(u"ssc"_qs).vendorRole, u"reseller"_qs);
    const int row = owner->findText(u"Owen Price"_qs, Qt::MatchStartsWith);
    ASSERT_GE(row, 0);
    owner->setCurrentIndex(row);
    Q_EMIT owner->activated(row);
    EXPECT_EQ(demo.workspace->framework(u"ssc"_qs).ownerName, u"Owen Price"_qs);
    // For a person to look at (docs/screenshots): QUORUM_SCREENSHOT_DIR=folder.
    if (const QString folder = qEnvironmentVariable("QUORUM_SCREENSHOT_DIR"); !folder.isEmpty()) {
        dialog.show();
        dialog.grab().save(folder + u"/frameworks-dialog.png"_qs);
    }

    // The editor shows a principle the role leaves out as Not applicable, its rating locked, saying why.
    page->showAction(u"ssc:1.2"_qs);
    ActionEditor *editor = page->editor();
    ASSERT_EQ(editor->actionId(), u"ssc:1.2"_qs);
    EXPECT_TRUE(editor->isEnabled());
    const auto labels = editor->findChildren<QLabel *>();
    const bool headed = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text().startsWith(u"Software Security Code 1.2  Third-party components"_qs);
    });
    EXPECT_TRUE(headed);
    QComboBox *rating = editor->findChildren<QComboBox *>().at(2);
    EXPECT_FALSE(rating->isEnabled());
    EXPECT_TRUE(rating->toolTip().contains(u"resellers to follow themes 3 and 4"_qs))
        << rating->toolTip().toStdString();
    page->showAction(u"ssc:3.2"_qs);
    EXPECT_TRUE(rating->isEnabled());
    EXPECT_TRUE(rating->toolTip().isEmpty());

    // Each was one change: three undos leave the Code alone again.
    for (int i = 0; i < 3; ++i)
        demo.workspace->undoStack()->undo();
    EXPECT_EQ(demo.workspace->framework(u"ssc"_qs).vendorRole, u"distributor"_qs);
    EXPECT_EQ(demo.workspace->framework(u"ssc"_qs).ownerName, u"Mark Elliott"_qs);
    EXPECT_FALSE(demo.workspace->framework(u"ssc"_qs).enabled);
    EXPECT_EQ(visibleActions(page->view()), 22);
}

TEST(ActionEditor, OwnerAndCommentaryAreSavedAndUndoable)
{
    DemoWindow demo;
    ActionsPage *page = demo.window->actionsPage();
    page->showAction(u"C1"_qs);
    ActionEditor *editor = page->editor();
    ASSERT_EQ(editor->actionId(), u"C1"_qs);
    EXPECT_EQ(demo.workspace->store().actionState(u"C1"_qs).ownerName, QString());

    auto combos = editor->findChildren<QComboBox *>();
    QComboBox *owner = combos.at(0);
    const int row = owner->findText(u"Owen Price"_qs, Qt::MatchStartsWith);
    ASSERT_GE(row, 0);
    owner->setCurrentIndex(row);
    Q_EMIT owner->activated(row);
    EXPECT_EQ(demo.workspace->store().actionState(u"C1"_qs).ownerName, u"Owen Price"_qs);

    auto *commentary = editor->findChild<QPlainTextEdit *>();
    commentary->setFocus();
    commentary->selectAll();
    QTest::keyClicks(commentary, u"Culture programme relaunched"_qs);
    // Moving to another action saves what was typed.
    page->showAction(u"C2"_qs);
    EXPECT_EQ(demo.workspace->store().actionState(u"C1"_qs).assessment.commentary, u"Culture programme relaunched"_qs);

    demo.workspace->undoStack()->undo();
    EXPECT_NE(demo.workspace->store().actionState(u"C1"_qs).assessment.commentary, u"Culture programme relaunched"_qs);
    demo.workspace->undoStack()->undo();
    EXPECT_EQ(demo.workspace->store().actionState(u"C1"_qs).ownerName, QString());
}

TEST(ActionEditor, BoardLengthGuideTurnsAmberPastTheLimit)
{
    DemoWindow demo;
    ActionsPage *page = demo.window->actionsPage();
    page->showAction(u"C1"_qs);
    ActionEditor *editor = page->editor();
    auto *guide = editor->findChild<QLabel *>(u"boardLengthGuide"_qs);
    ASSERT_NE(guide, nullptr);
    auto *commentary = editor->findChild<QPlainTextEdit *>();
    const int limit = BoardPack::kBoardTextChars;
    commentary->setPlainText(QString(limit - 1, u'x'));
    commentary->setFocus();
    commentary->moveCursor(QTextCursor::End);
    QTest::keyClicks(commentary, u"y"_qs);
    EXPECT_EQ(guide->text(), u"%1 / %1 characters for the board pack"_qs.arg(limit));
    const QString within = guide->styleSheet();
    EXPECT_FALSE(within.contains(u"#8A5A00"_qs));
    // One character past the limit: the guide says where the rest goes, in amber.
    QTest::keyClicks(commentary, u"z"_qs);
    EXPECT_EQ(guide->text(),
              u"%1 / %2 characters for the board pack: the rest goes to the annex"_qs.arg(limit + 1).arg(limit));
    EXPECT_TRUE(guide->styleSheet().contains(u"#8A5A00"_qs)) << guide->styleSheet().toStdString();
    QTest::keyClick(commentary, Qt::Key_Backspace);
    EXPECT_EQ(guide->text(), u"%1 / %1 characters for the board pack"_qs.arg(limit));
    EXPECT_EQ(guide->styleSheet(), within);
}

TEST(ActionEditor, DroppingAFileAddsEvidenceToTheAction)
{
    DemoWindow demo;
    ActionsPage *page = demo.window->actionsPage();
    page->showAction(u"B3"_qs);
    ActionEditor *editor = page->editor();
    const int before = demo.workspace->store().actionState(u"B3"_qs).evidenceCurrent;
    EXPECT_EQ(before, 0); // the demo's unsupported claim

    const QString file = demo.folder.path(u"budget paper 2026.txt"_qs);
    writeFile(file, "Cyber budget 2026: 9% of IT spend.");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    acceptNextDialog();
    QApplication::sendEvent(editor, &drop);

    const ActionState after = demo.workspace->store().actionState(u"B3"_qs);
    EXPECT_EQ(after.evidenceCurrent, 1);
    const QList<Evidence> evidence = demo.workspace->store().evidence();
    const auto stored = std::find_if(evidence.begin(), evidence.end(),
                                     [](const Evidence &e) { return e.fileName == u"budget paper 2026.txt"_qs; });
    ASSERT_NE(stored, evidence.end());
    EXPECT_EQ(stored->title, u"budget paper 2026"_qs);
    EXPECT_EQ(demo.workspace->store().evidenceContent(stored->id), QByteArray("Cyber budget 2026: 9% of IT spend."));
    EXPECT_FALSE(Scoring::score(after).unsupportedClaim);
    demo.workspace->undoStack()->undo();
    EXPECT_EQ(demo.workspace->store().actionState(u"B3"_qs).evidenceCurrent, 0);
}

TEST(EvidencePage, StatusFilterShowsOnlyExpiredItems)
{
    DemoWindow demo;
    EvidencePage *page = demo.window->evidencePage();
    QTableView *view = page->view();
    const int all = view->model()->rowCount();
    EXPECT_EQ(all, demo.workspace->store().evidence().size());
    auto *status = page->findChild<QComboBox *>();
    status->setCurrentIndex(status->findData(QVariant::fromValue(EvidenceStatus::Expired)));
    const int expired = view->model()->rowCount();
    EXPECT_GT(expired, 0);
    EXPECT_LT(expired, all);
    for (int row = 0; row < expired; ++row)
        EXPECT_EQ(view->model()->index(row, 0).data(EvidenceStatusRole).toInt(), int(EvidenceStatus::Expired));
}

TEST(EvidencePage, SearchWaitsForAPauseHeadersSortInSqlAndShowEvidenceClearsTheFilters)
{
    DemoWindow demo;
    ASSERT_TRUE(demo.window->showPage(u"evidence"_qs));
    EvidencePage *page = demo.window->evidencePage();
    QTableView *view = page->view();
    EvidenceModel *model = page->model();
    EXPECT_EQ(view->model(), model); // nothing filters or sorts in memory between them
    EXPECT_EQ(model->query().sort, EvidenceQuery::Sort::ReviewBy);
    const int all = model->rowCount();
    auto *count = page->findChild<QLabel *>(u"evidenceCount"_qs);
    ASSERT_NE(count, nullptr);
    EXPECT_EQ(count->text(), u"%1 items"_qs.arg(all));

    // Typing waits for a pause before it asks the store.
    auto *search = page->findChild<QLineEdit *>();
    QTest::keyClicks(search, u"MINUTES"_qs);
    EXPECT_EQ(model->rowCount(), all);
    QTest::qWait(EvidencePage::kSearchDelayMs + 100);
    EvidenceQuery minutes = model->query();
    minutes.search = u"minutes"_qs;
    const int found = demo.workspace->store().evidenceCount(minutes);
    EXPECT_GT(found, 0);
    EXPECT_LT(found, all);
    EXPECT_EQ(model->rowCount(), found);
    EXPECT_EQ(count->text(), found == 1 ? u"1 item"_qs : u"%1 items"_qs.arg(found));

    // A click on a header sorts by that column, in SQL.
    QHeaderView *header = view->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(EvidenceModel::TitleColumn) + 5, header->height() / 2));
    EXPECT_EQ(model->query().sort, EvidenceQuery::Sort::Title);
    for (int row = 1; row < model->rowCount(); ++row)
        EXPECT_LE(model->evidenceAt(row - 1)->title, model->evidenceAt(row)->title);

    // The current item stays current when the rows are read again after a change.
    view->setCurrentIndex(model->index(model->rowCount() - 1, 0));
    const qint64 current = page->currentEvidenceId();
    ASSERT_NE(current, 0);
    EvidenceInput link;
    link.title = u"Board minutes, special meeting"_qs;
    link.url = u"https://intranet.example/minutes"_qs;
    link.actionIds = {u"A1"_qs};
    demo.workspace->addEvidence(link);
    EXPECT_EQ(model->rowCount(), found + 1);
    EXPECT_EQ(page->currentEvidenceId(), current);

    // Showing an item the search hides clears the search and the status, and selects it.
    page->showStatus(EvidenceStatus::Expired);
    const QList<Evidence> evidence = demo.workspace->store().evidence();
    const auto hidden = std::find_if(evidence.begin(), evidence.end(), [](const Evidence &e) {
        return !e.title.contains(u"minutes"_qs, Qt::CaseInsensitive) && e.type != EvidenceType::BoardMinutes
               && evidenceStatus(e.reviewBy, fixedToday()) != EvidenceStatus::Expired;
    });
    ASSERT_NE(hidden, evidence.end());
    page->showEvidence(hidden->id);
    EXPECT_TRUE(search->text().isEmpty());
    EXPECT_EQ(page->findChild<QComboBox *>()->currentIndex(), 0);
    EXPECT_EQ(model->rowCount(), all + 1);
    EXPECT_EQ(page->currentEvidenceId(), hidden->id);
    EXPECT_EQ(count->text(), u"%1 items"_qs.arg(all + 1));
}

TEST(PeoplePage, DirectorsWithoutCurrentTrainingAreMarked)
{
    DemoWindow demo;
    PeopleModel *model = demo.window->peoplePage()->model();
    int missing = 0;
    int expired = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString text = model->index(row, PeopleModel::TrainingColumn).data().toString();
        missing += text == u"Missing"_qs ? 1 : 0;
        expired += text.startsWith(u"Expired"_qs) ? 1 : 0;
        if (!model->personAt(row)->board) {
            EXPECT_TRUE(text.isEmpty());
        }
    }
    EXPECT_EQ(missing, 1);
    EXPECT_EQ(expired, 1);
}

TEST(HistoryPage, FiltersByActionAndVerifies)
{
    DemoWindow demo;
    HistoryPage *page = demo.window->historyPage();
    page->filterByAction(u"A4"_qs);
    AuditModel *model = page->model();
    ASSERT_GT(model->rowCount(), 0);
    int assessmentRows = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const AuditRecord &record = model->entryAt(row)->record;
        // The action's own changes, and the evidence that supports (or supported) it.
        if (record.entity == u"assessment"_qs) {
            EXPECT_EQ(record.entityId, u"A4"_qs);
            ++assessmentRows;
        } else {
            EXPECT_EQ(record.entity, u"evidence"_qs);
        }
    }
    EXPECT_GT(assessmentRows, 0);
    EXPECT_TRUE(page->verify().contains(u"all"_qs));
}

TEST(MainWindow, EveryPageCanBeShownByName)
{
    DemoWindow demo;
    for (const QString &name : {u"actions"_qs, u"evidence"_qs, u"people"_qs, u"history"_qs})
        EXPECT_TRUE(demo.window->showPage(name)) << name.toStdString();
    EXPECT_FALSE(demo.window->showPage(u"nowhere"_qs));
}
