// The desktop app on a PostgreSQL server (issue 15): --db and File > Open Server..., the password prompt,
// and recent servers.

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/models/actionsmodel.h"
#include "core/samples/demodata.h"
#include "core/storage/serveraccess.h"
#include "core/storage/serverconnection.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "postgresserver.h"
#include "testsupport.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/reviewspage.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/window/accessdialog.h"
#include "ui/window/connectionbanner.h"
#include "ui/window/mainwindow.h"
#include "ui/window/serverdialog.h"
#include "ui/window/serverlogin.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** Puts the demo organisation on @p connection (a server), as `quorum-cli init --demo` does. */
void createDemo(const ServerConnection &connection)
{
    auto workspace = Workspace::open(connection, true, Catalogue::builtIn(), Clock::fromEnvironment());
    DemoData::populate(workspace->store(), workspace->store().clock().today());
}

/** Types @p password into the password prompt that is @p modal, ticks "remember" as asked, and connects. */
std::function<void(QWidget *)> typePassword(const QString &password, QStringList *problemsSeen = nullptr)
{
    return [password, problemsSeen](QWidget *modal) {
        auto *field = modal->findChild<QLineEdit *>(QStringLiteral("password"));
        ASSERT_NE(field, nullptr) << "not the password prompt";
        EXPECT_EQ(field->echoMode(), QLineEdit::Password);
        if (problemsSeen) {
            auto *problem = modal->findChild<QLabel *>(QStringLiteral("problem"));
            if (problem && problem->isVisibleTo(modal))
                *problemsSeen << problem->text();
        }
        field->setText(password);
        okButton(modal)->click();
    };
}

/** The demo organisation on a database of its own on the test server, open in a main window. */
class ServerDemoWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        createDemo(server);
        window = MainWindow::openWindow(database.connectionString(), false, nullptr);
        ASSERT_TRUE(window);
    }
    void TearDown() override { delete window.data(); }

    /** A second client on the same record, recording its changes as @p actor. */
    std::unique_ptr<Workspace> otherClient(const QString &actor) const
    {
        // Another person signs in as themselves: the trail names the login.
        auto other = Workspace::open(ServerConnection::parse(locationAs(database.connectionString(), actor)), false,
                                     Catalogue::builtIn(), Clock::fromEnvironment());
        other->store().setActor(actor);
        return other;
    }

    TestPostgresDatabase database;
    const ServerConnection server = ServerConnection::parse(database.connectionString());
    QPointer<MainWindow> window;
};

} // namespace

TEST(ServerWindow, ADemoOnAServerOpensInAWindowNamedAfterTheServerAndJoinsTheRecentList)
{
    TestPostgresDatabase database;
    const ServerConnection server = ServerConnection::parse(database.connectionString());
    createDemo(server);
    QSettings().remove(QStringLiteral("recentFiles"));

    QPointer<MainWindow> window = MainWindow::openWindow(database.connectionString(), false, nullptr);
    ASSERT_TRUE(window);
    EXPECT_TRUE(window->workspace()->isServer());
    EXPECT_TRUE(window->windowTitle().startsWith(server.displayName())) << window->windowTitle().toStdString();
    EXPECT_EQ(window->workspace()->store().organisation().name, QStringLiteral("Northgate Freight Group plc"));
    // The recent list keeps what opens it again, and shows the server's name. (Other test programs running
    // beside this one share the settings and may have put their own entries in front since.)
    const QStringList recent = MainWindow::recentFiles();
    const auto entry = std::find_if(recent.cbegin(), recent.cend(), [&server](const QString &location) {
        return ServerConnection::isServer(location)
               && ServerConnection::parse(location).displayName() == server.displayName();
    });
    ASSERT_NE(entry, recent.cend());
    EXPECT_EQ(MainWindow::recentLabel(*entry), server.displayName());
    // An edit on the server is there for a second client.
    window->workspace()->setRating(QStringLiteral("A1"), Rating::Limited, {});
    auto other = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
    EXPECT_EQ(other->store().assessment(QStringLiteral("A1")).rating, Rating::Limited);
    delete window.data();
}

TEST(ServerWindow, APasswordIsAskedForARefusedOneAsksAgainWithTheReasonAndNothingIsRemembered)
{
    TestPostgresDatabase database;
    const QString location = database.connectionStringWithPasswordLogin();
    createDemo(ServerConnection::parse(location).withPassword(TestPostgresDatabase::kPasswordUserPassword));
    qunsetenv("PGPASSWORD");

    // Without a password, the core refuses with PasswordRequired: the CLI's message and exit code 3.
    try {
        Workspace::open(ServerConnection::parse(location), false, Catalogue::builtIn(), Clock::fromEnvironment());
        FAIL() << "opened without a password";
    } catch (const PasswordRequired &error) {
        EXPECT_TRUE(error.isOpenFailure());
        EXPECT_TRUE(error.message().contains(QStringLiteral("PGPASSWORD"))) << error.message().toStdString();
    }

    QStringList problems;
    ModalScript script(
        {typePassword(QStringLiteral("wrong")), typePassword(TestPostgresDatabase::kPasswordUserPassword, &problems)});
    auto workspace = openWithLogin(location, false, nullptr, Database::IntegrityCheck::BeforeOpening);
    ASSERT_TRUE(workspace);
    EXPECT_TRUE(script.finished());
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems.first().contains(QStringLiteral("password authentication failed")))
        << problems.first().toStdString();
    EXPECT_EQ(workspace->store().organisation().name, QStringLiteral("Northgate Freight Group plc"));
    // What opens it again never holds the password.
    EXPECT_FALSE(workspace->location().contains(TestPostgresDatabase::kPasswordUserPassword));
    EXPECT_FALSE(ServerConnection::parse(workspace->location()).hasPassword());
}

TEST(ServerWindow, CancellingThePasswordPromptOpensNothing)
{
    TestPostgresDatabase database;
    const QString location = database.connectionStringWithPasswordLogin();
    createDemo(ServerConnection::parse(location).withPassword(TestPostgresDatabase::kPasswordUserPassword));
    qunsetenv("PGPASSWORD");
    ModalScript script({[](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); }});
    EXPECT_EQ(MainWindow::openWindow(location, false, nullptr), nullptr);
    EXPECT_TRUE(script.finished());
}

TEST(ServerWindow, ARecordOfAnotherKindIsRefusedWithoutAskingForAPasswordAgain)
{
    TestPostgresDatabase database;
    const QString location = database.connectionStringWithPasswordLogin();
    // An empty database: the password is right, but there is no record to open.
    ModalScript script({typePassword(TestPostgresDatabase::kPasswordUserPassword)});
    try {
        openWithLogin(location, false, nullptr, Database::IntegrityCheck::BeforeOpening);
        FAIL() << "opened a database with no record";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::NotQuorum);
        EXPECT_TRUE(error.message().contains(QStringLiteral("init"))) << error.message().toStdString();
    }
    EXPECT_TRUE(script.finished());
}

TEST(ServerWindowOffline, ALostServerShowsABannerLocksEditingAndGivesItAllBackOnReconnecting)
{
    TestPostgresCluster cluster;
    const QString location = cluster.createDatabase(QStringLiteral("board"));
    createDemo(ServerConnection::parse(location));
    QPointer<MainWindow> window = MainWindow::openWindow(location, false, nullptr);
    ASSERT_TRUE(window);
    window->resize(1200, 800);
    window->show();
    Workspace *workspace = window->workspace();
    auto *banner = window->findChild<ConnectionBanner *>();
    ASSERT_NE(banner, nullptr);
    EXPECT_FALSE(banner->isVisible());
    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("B2"));
    auto *editor = window->findChild<ActionEditor *>();
    ASSERT_NE(editor, nullptr);
    auto *rating = editor->findChild<QComboBox *>(QStringLiteral("rating"));
    ASSERT_NE(rating, nullptr);
    ASSERT_TRUE(rating->isEnabled());
    QAction *organisation = nullptr;
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text() == QStringLiteral("Or&ganisation..."))
            organisation = action;
    ASSERT_NE(organisation, nullptr);
    ASSERT_TRUE(organisation->isEnabled());
    const QString undoLabel = workspace->undoStack()->undoText();

    QSignalSpy lost(workspace, &Workspace::connectionLost);
    QSignalSpy restored(workspace, &Workspace::connectionRestored);
    cluster.halt();
    ASSERT_TRUE(lost.wait(60000));
    EXPECT_TRUE(banner->isVisible());
    EXPECT_TRUE(banner->text().contains(QStringLiteral("nothing can be changed"))) << banner->text().toStdString();
    EXPECT_TRUE(banner->text().contains(QStringLiteral("Trying again"))) << banner->text().toStdString();
    EXPECT_FALSE(rating->isEnabled());
    EXPECT_EQ(rating->toolTip(), offlineReason());
    EXPECT_FALSE(organisation->isEnabled());
    // The last state stays on show: the actions table still lists every action, none of them editable now.
    const QAbstractItemModel *model = window->actionsPage()->findChild<QTreeView *>()->model();
    ASSERT_GT(model->rowCount(), 0);
    EXPECT_FALSE(model->flags(model->index(0, ActionsModel::RatingColumn, model->index(0, 0))) & Qt::ItemIsEditable);
    if (const QString folder = qEnvironmentVariable("QUORUM_TEST_SCREENSHOT_DIR"); !folder.isEmpty())
        window->grab().save(folder + QStringLiteral("/connection-lost.png"));

    cluster.resume();
    ASSERT_TRUE(restored.count() > 0 || restored.wait(60000));
    EXPECT_FALSE(banner->isVisible());
    EXPECT_TRUE(rating->isEnabled());
    EXPECT_NE(rating->toolTip(), offlineReason());
    EXPECT_TRUE(organisation->isEnabled());
    EXPECT_EQ(workspace->undoStack()->undoText(), undoLabel);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("again")))
        << window->statusBar()->currentMessage().toStdString();
    // And it edits again.
    workspace->setRating(QStringLiteral("A1"), Rating::Limited, {});
    EXPECT_EQ(workspace->store().assessment(QStringLiteral("A1")).rating, Rating::Limited);
    delete window.data();
}

TEST(ServerDialog, APastedAddressFillsThePartsAndEditedPartsRebuildIt)
{
    ServerDialog dialog(nullptr, {});
    auto *connection = dialog.findChild<QLineEdit *>(QStringLiteral("connection"));
    ASSERT_NE(connection, nullptr);
    auto part = [&dialog](const char *name) { return dialog.findChild<QLineEdit *>(QLatin1String(name)); };
    connection->setText(QStringLiteral("postgresql://board@db.example.org:6543/quorum?sslmode=verify-full"
                                       "&target_session_attrs=read-write"));
    Q_EMIT connection->textEdited(connection->text());
    EXPECT_EQ(part("host")->text(), QStringLiteral("db.example.org"));
    EXPECT_EQ(dialog.findChild<QSpinBox *>()->value(), 6543);
    EXPECT_EQ(part("database")->text(), QStringLiteral("quorum"));
    EXPECT_EQ(part("user")->text(), QStringLiteral("board"));
    EXPECT_EQ(dialog.findChild<QComboBox *>()->currentText(), QStringLiteral("verify-full"));
    EXPECT_TRUE(okButton(&dialog)->isEnabled());

    // Editing a part keeps what the parts do not show (target_session_attrs).
    part("database")->setText(QStringLiteral("quorum_board"));
    Q_EMIT part("database")->textEdited(part("database")->text());
    const ServerConnection built = ServerConnection::parse(dialog.connection());
    EXPECT_EQ(built.value(QStringLiteral("dbname")), QStringLiteral("quorum_board"));
    EXPECT_EQ(built.value(QStringLiteral("host")), QStringLiteral("db.example.org"));
    EXPECT_EQ(built.value(QStringLiteral("port")), QStringLiteral("6543"));
    EXPECT_EQ(built.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
    EXPECT_EQ(built.value(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));

    // Something that is no connection is said so, and cannot be connected to.
    connection->setText(QStringLiteral("postgresql://[broken"));
    Q_EMIT connection->textEdited(connection->text());
    EXPECT_FALSE(okButton(&dialog)->isEnabled());
}

TEST_F(ServerDemoWindow, AChangeFromAnOlderViewIsRefusedWithWhoChangedItAndTypedCommentaryIsKept)
{
    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("B2"));
    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("B2"));
    auto *editor = window->findChild<ActionEditor *>();
    ASSERT_NE(editor, nullptr);
    auto *rating = editor->findChild<QComboBox *>(QStringLiteral("rating"));
    auto *commentary = editor->findChild<QPlainTextEdit *>();
    ASSERT_TRUE(rating && commentary);

    // A second director changes B2 on their own machine; this window has not heard of it yet.
    auto other = otherClient(QStringLiteral("second.director"));
    other->changeAssessment(QStringLiteral("B2"), {{AssessmentField::Commentary, QStringLiteral("Their note")}});

    // Typed here meanwhile, then committed: refused, with who and what, and the typed text stays.
    commentary->setPlainText(QStringLiteral("My note"));
    commentary->document()->setModified(true);
    MessageBoxAnswers answers({MessageBoxAnswers::click(QMessageBox::Ok)});
    EXPECT_FALSE(editor->commitPendingEdits());
    ASSERT_EQ(answers.texts().size(), 1);
    EXPECT_TRUE(answers.texts().first().contains(QStringLiteral("second.director")))
        << answers.texts().first().toStdString();
    EXPECT_TRUE(answers.texts().first().contains(QStringLiteral("Their note")))
        << answers.texts().first().toStdString();
    EXPECT_EQ(commentary->toPlainText(), QStringLiteral("My note"));
    EXPECT_EQ(other->store().assessment(QStringLiteral("B2")).commentary, QStringLiteral("Their note"));
    // Having been told, a second attempt replaces it knowingly.
    EXPECT_TRUE(editor->commitPendingEdits());
    EXPECT_EQ(other->store().assessment(QStringLiteral("B2")).commentary, QStringLiteral("My note"));

    // A rating chosen from an older view is refused too, and the box shows what is recorded.
    other->setRating(QStringLiteral("B2"), Rating::Substantial);
    MessageBoxAnswers ratingAnswers({MessageBoxAnswers::click(QMessageBox::Ok)});
    rating->setCurrentIndex(rating->findData(QVariant::fromValue(Rating::Limited)));
    Q_EMIT rating->activated(rating->currentIndex());
    ASSERT_EQ(ratingAnswers.texts().size(), 1);
    EXPECT_TRUE(ratingAnswers.texts().first().contains(QStringLiteral("substantial")))
        << ratingAnswers.texts().first().toStdString();
    EXPECT_EQ(rating->currentData().value<Rating>(), Rating::Substantial);
    EXPECT_EQ(other->store().assessment(QStringLiteral("B2")).rating, Rating::Substantial);
}

TEST_F(ServerDemoWindow, AnotherDirectorsChangeReachesTheOpenWindowAndItsStatusBarSaysWho)
{
    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("C1"));
    auto *rating = window->findChild<ActionEditor *>()->findChild<QComboBox *>(QStringLiteral("rating"));
    ASSERT_NE(rating->currentData().value<Rating>(), Rating::Substantial);

    auto other = otherClient(QStringLiteral("second.director"));
    QSignalSpy heard(window->workspace(), &Workspace::othersChanged);
    other->setRating(QStringLiteral("C1"), Rating::Substantial);
    ASSERT_TRUE(heard.wait(5000));
    EXPECT_EQ(rating->currentData().value<Rating>(), Rating::Substantial);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("second.director")))
        << window->statusBar()->currentMessage().toStdString();
}

TEST_F(ServerDemoWindow, SaveACopyTakesTheWholeRecordFromTheServerIntoAFileThatVerifies)
{
    QAction *saveCopy = nullptr;
    for (QAction *action : window->menuBar()->actions().first()->menu()->actions()) {
        if (action->text() == QStringLiteral("Save a &Copy..."))
            saveCopy = action;
    }
    ASSERT_NE(saveCopy, nullptr);
    QTemporaryDir folder;
    const QString path = QDir(folder.path()).filePath(QStringLiteral("laptop.quorum"));
    ModalScript script({[&path](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        ASSERT_NE(dialog, nullptr);
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    }});
    saveCopy->trigger();
    EXPECT_TRUE(script.finished());
    ASSERT_TRUE(QFileInfo::exists(path));
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("checked")))
        << window->statusBar()->currentMessage().toStdString();

    // The copy is the same record: the same trail, hash for hash, and the same files.
    auto copy = Workspace::open(path, false, Catalogue::builtIn(), Clock::fromEnvironment());
    const ChainCheck chain = copy->store().verifyAuditChain();
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    EXPECT_EQ(chain.rows, window->workspace()->store().auditRowCount());
    EXPECT_TRUE(copy->store().verifyEvidence().isEmpty());
    EXPECT_EQ(copy->store().evidence().size(), window->workspace()->store().evidence().size());
}

namespace {

/** The demo with access by role on, and a director's login linked to the Chair. */
class ServerRolesWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        createDemo(server);
        auto admin = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
        admin->enableAccess(QString());
        admin->grantAccess(director, AccessRole::Director, QStringLiteral("Helen Marsh"));
    }

    QString as(const QString &login) const
    {
        return QString(database.connectionString())
            .replace(QStringLiteral("user=%1").arg(database.server().user), QStringLiteral("user=%1").arg(login));
    }

    TestPostgresDatabase database;
    const ServerConnection server = ServerConnection::parse(database.connectionString());
    const QString director = database.name() + QStringLiteral("_director");
};

} // namespace

TEST_F(ServerRolesWindow, AWindowOffersOnlyWhatTheLoginsRolesAllowAndFollowsARoleGivenWhileItIsOpen)
{
    QPointer<MainWindow> window = MainWindow::openWindow(as(director), false, nullptr);
    ASSERT_TRUE(window);
    const auto closeWindow = qScopeGuard([&window] { delete window.data(); });
    EXPECT_TRUE(window->statusBar()->findChildren<QLabel *>().size() > 0);
    bool saysWho = false;
    for (const QLabel *label : window->statusBar()->findChildren<QLabel *>())
        saysWho = saysWho || label->text() == QStringLiteral("Signed in as %1 (Director)").arg(director);
    EXPECT_TRUE(saysWho) << "the status bar names the login and its roles";
    // Settings > Access is for admins only.
    auto *settings = window->menuBar()->findChild<QMenu *>(QStringLiteral("settingsMenu"));
    ASSERT_NE(settings, nullptr);
    EXPECT_FALSE(settings->menuAction()->isVisible());

    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("B2"));
    auto *rating = window->findChild<ActionEditor *>()->findChild<QComboBox *>(QStringLiteral("rating"));
    ASSERT_NE(rating, nullptr);
    EXPECT_FALSE(rating->isEnabled());
    EXPECT_TRUE(rating->toolTip().contains(QStringLiteral("Only the CISO role may change assessments")))
        << rating->toolTip().toStdString();
    EXPECT_TRUE(rating->toolTip().contains(director));
    // Nor is rating in place in the actions table.
    auto *view = window->actionsPage()->findChild<QTreeView *>();
    ASSERT_NE(view, nullptr);
    const QModelIndex b2 = view->currentIndex().siblingAtColumn(ActionsModel::RatingColumn);
    ASSERT_TRUE(b2.isValid());
    EXPECT_FALSE(b2.flags().testFlag(Qt::ItemIsEditable));

    // An admin gives this login the CISO role from another machine: the open window follows within moments.
    QSignalSpy changed(window->workspace(), &Workspace::accessChanged);
    {
        auto admin = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
        admin->grantAccess(director, AccessRole::Ciso, QString());
    }
    ASSERT_TRUE(changed.wait(5000)) << "the role given was not noticed";
    EXPECT_TRUE(rating->isEnabled());
    EXPECT_TRUE(b2.flags().testFlag(Qt::ItemIsEditable));
    EXPECT_TRUE(window->workspace()->access().holds(AccessRole::Ciso));
    // And the change the new role allows goes through.
    window->workspace()->setRating(QStringLiteral("B2"), Rating::Limited);
    EXPECT_EQ(window->workspace()->store().assessment(QStringLiteral("B2")).rating, Rating::Limited);
}

TEST_F(ServerRolesWindow, TheAccessPageShowsWhoHoldsWhatAndGivesARoleAsTyped)
{
    QPointer<MainWindow> window = MainWindow::openWindow(database.connectionString(), false, nullptr);
    ASSERT_TRUE(window);
    const auto closeWindow = qScopeGuard([&window] { delete window.data(); });
    auto *settings = window->menuBar()->findChild<QMenu *>(QStringLiteral("settingsMenu"));
    ASSERT_NE(settings, nullptr);
    EXPECT_TRUE(settings->menuAction()->isVisible());

    AccessDialog dialog(window->workspace(), window);
    auto *members = dialog.findChild<QTableWidget *>(QStringLiteral("members"));
    ASSERT_NE(members, nullptr);
    QStringList rows;
    for (int row = 0; row < members->rowCount(); ++row)
        rows << members->item(row, 0)->text() + QStringLiteral(": ") + members->item(row, 1)->text()
                    + QStringLiteral(" / ") + members->item(row, 2)->text();
    EXPECT_TRUE(rows.contains(QStringLiteral("%1: Director / Helen Marsh").arg(director)))
        << rows.join(u'|').toStdString();

    // A role given through the form: a wrong login first (refused, the form opens again as typed), then right.
    const QString auditor = database.name() + QStringLiteral("_auditor");
    QStringList refusals;
    ModalScript script({
        [&](QWidget *form) {
            form->findChild<QLineEdit *>(QStringLiteral("login"))->setText(QStringLiteral("pg_bad"));
            auto *role = form->findChild<QComboBox *>(QStringLiteral("role"));
            role->setCurrentIndex(role->findText(accessRoleTitle(AccessRole::Auditor)));
            okButton(form)->click();
        },
        [&](QWidget *refusal) {
            refusals << qobject_cast<QMessageBox *>(refusal)->text();
            clickButton(refusal, QMessageBox::Ok);
        },
        [&](QWidget *form) {
            auto *login = form->findChild<QLineEdit *>(QStringLiteral("login"));
            EXPECT_EQ(login->text(), QStringLiteral("pg_bad"));
            EXPECT_EQ(form->findChild<QComboBox *>(QStringLiteral("role"))->currentText(),
                      accessRoleTitle(AccessRole::Auditor));
            login->setText(auditor);
            okButton(form)->click();
        },
    });
    dialog.giveRole();
    EXPECT_TRUE(script.finished());
    ASSERT_EQ(refusals.size(), 1);
    EXPECT_TRUE(refusals.constFirst().contains(QStringLiteral("not a login name")));
    // For a look at the page (a screenshot pass): QUORUM_TEST_SHOTS names a folder.
    if (qEnvironmentVariableIsSet("QUORUM_TEST_SHOTS")) {
        dialog.show();
        dialog.grab().save(qEnvironmentVariable("QUORUM_TEST_SHOTS") + QStringLiteral("/access-dialog.png"));
    }
    bool listed = false;
    for (int row = 0; row < members->rowCount(); ++row)
        listed =
            listed
            || (members->item(row, 0)->text() == auditor && members->item(row, 1)->text() == QStringLiteral("Auditor"));
    EXPECT_TRUE(listed);
}

TEST_F(ServerRolesWindow, ARoleTakenAwayByHandIsToldAtTheNextChangeAndWhatWasTypedStays)
{
    {
        auto admin = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
        admin->grantAccess(director, AccessRole::Ciso, QString());
    }
    QPointer<MainWindow> window = MainWindow::openWindow(as(director), false, nullptr);
    ASSERT_TRUE(window);
    const auto closeWindow = qScopeGuard([&window] { delete window.data(); });
    window->showPage(QStringLiteral("actions"));
    window->actionsPage()->showAction(QStringLiteral("B2"));
    auto *editor = window->findChild<ActionEditor *>();
    auto *rating = editor->findChild<QComboBox *>(QStringLiteral("rating"));
    auto *commentary = editor->findChild<QPlainTextEdit *>();
    ASSERT_TRUE(rating && commentary);
    ASSERT_TRUE(rating->isEnabled());

    // The server's administrator takes the role away in psql: no trail row, so no notice reaches the window.
    rawSql(database.connectionString(),
           {QStringLiteral("REVOKE %1 FROM %2")
                .arg(ServerAccess::groupRole(*ServerAccess::prefixOf(window->workspace()->database().connection()),
                                             AccessRole::Ciso),
                     director)});
    commentary->setPlainText(QStringLiteral("Typed before the role went"));
    commentary->document()->setModified(true);
    MessageBoxAnswers answers({MessageBoxAnswers::click(QMessageBox::Ok)});
    EXPECT_FALSE(editor->commitPendingEdits());
    ASSERT_EQ(answers.texts().size(), 1);
    EXPECT_TRUE(answers.texts().first().contains(QStringLiteral("does not let your account do this")))
        << answers.texts().first().toStdString();
    // Nothing typed is lost, and the window now offers only what the login may still do.
    EXPECT_EQ(commentary->toPlainText(), QStringLiteral("Typed before the role went"));
    EXPECT_TRUE(commentary->isReadOnly());
    EXPECT_FALSE(rating->isEnabled());
    EXPECT_FALSE(window->workspace()->access().holds(AccessRole::Ciso));
    EXPECT_NE(window->workspace()->store().assessment(QStringLiteral("B2")).commentary,
              QStringLiteral("Typed before the role went"));
}

TEST_F(ServerRolesWindow, AControlARoleUnlocksIsAsItsPageWantsItThen)
{
    const QString auditor = database.name() + QStringLiteral("_auditor");
    {
        auto admin = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
        admin->grantAccess(auditor, AccessRole::Auditor, QString());
    }
    QPointer<MainWindow> window = MainWindow::openWindow(as(auditor), false, nullptr);
    ASSERT_TRUE(window);
    const auto closeWindow = qScopeGuard([&window] { delete window.data(); });
    window->showPage(QStringLiteral("reviews"));
    auto *reviews = static_cast<ReviewsPage *>(window->page(QStringLiteral("reviews")));
    QPushButton *sign = nullptr;
    for (QPushButton *button : reviews->findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("&Sign off..."))
            sign = button;
    }
    ASSERT_NE(sign, nullptr);
    qint64 signedId = 0;
    qint64 unsignedId = 0;
    for (const Review &review : window->workspace()->store().reviews())
        (review.isSigned() ? signedId : unsignedId) = review.id;
    ASSERT_TRUE(signedId && unsignedId);
    // Locked for the auditor, while the page asks for it on (an unsigned review) and then off (a signed one).
    ASSERT_TRUE(reviews->reviewList()->selectId(unsignedId));
    ASSERT_TRUE(reviews->reviewList()->selectId(signedId));
    EXPECT_FALSE(sign->isEnabled());

    QSignalSpy changed(window->workspace(), &Workspace::accessChanged);
    {
        auto admin = Workspace::open(server, false, Catalogue::builtIn(), Clock::fromEnvironment());
        admin->grantAccess(auditor, AccessRole::Secretary, QString());
    }
    ASSERT_TRUE(changed.wait(5000));
    // Unlocked, but the review shown is signed: the page's own wish, not the one before it, holds.
    EXPECT_FALSE(sign->isEnabled());
    EXPECT_EQ(reviews->reviewList()->selectedId(), signedId);
}
