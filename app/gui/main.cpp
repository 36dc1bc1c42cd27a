#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/domain/filenames.h"
#include "core/domain/paths.h"
#include "core/samples/demodata.h"
#include "core/storage/sql.h"
#include "core/workspace/dashboardprefetch.h"
#include "core/workspace/workspace.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/window/firstpaintprobe.h"
#include "ui/window/mainwindow.h"
#include "ui/window/serverlogin.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include <cstring>

namespace {

bool wantsScreenshot(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // A screenshot needs no display: render offscreen unless the caller chose a platform.
    const bool screenshot = wantsScreenshot(argc, argv);
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    quorum::leaveOutDriverNotes();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Quorum"));
    QApplication::setApplicationName(QStringLiteral("quorum"));
    QApplication::setApplicationDisplayName(QStringLiteral("Quorum"));
    QApplication::setApplicationVersion(QStringLiteral(QUORUM_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.quorum.Quorum"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Board assurance against the UK Cyber Governance Code of Practice"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("The database file to open, or a PostgreSQL server's record: a postgresql:// URI or a libpq "
                       "keyword string (host=... dbname=...)."),
        QStringLiteral("FILE|URI"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a 1400x900 picture of the window and exit."),
                                              QStringLiteral("PNG"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("The page to show first."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption actionOption(
        QStringLiteral("action"),
        QStringLiteral("Open the Actions page with this action selected (A1 to E5, or KEY:ID)."), QStringLiteral("ID"));
    const QCommandLineOption frameworkOption(
        QStringLiteral("framework"),
        QStringLiteral("Show the dashboard of this framework the organisation follows (cgc, ssc, or a library's key)."),
        QStringLiteral("KEY"));
    parser.addOptions({dbOption, screenshotOption, pageOption, actionOption, frameworkOption});
    parser.process(app);

    auto fail = [&](const QString &message) {
        // Nobody is there to close a dialog when taking a screenshot or measuring start-up.
        if (screenshot || qEnvironmentVariableIsSet("QUORUM_FIRST_PAINT_PROBE"))
            qCritical("quorum: %s", qUtf8Printable(message));
        else
            QMessageBox::critical(nullptr, QStringLiteral("Quorum"), message);
        return 3;
    };

    const quorum::Catalogue &catalogue = quorum::Catalogue::builtIn();
    const quorum::Clock clock = quorum::Clock::fromEnvironment();
    std::unique_ptr<quorum::Workspace> workspace;
    try {
        QString path = parser.value(dbOption);
        if (path.isEmpty()) {
            path = quorum::defaultDatabasePath();
            if (!QFileInfo::exists(path)) {
                // First start: a demo organisation to explore, in the user's data folder.
                QDir().mkpath(QFileInfo(path).absolutePath());
                workspace = quorum::Workspace::open(path, true, catalogue, clock);
                quorum::DemoData::populate(workspace->store(), clock.today());
            }
        }
        if (!workspace) {
            // A server's record is read ahead from now, on a second session, while this one connects and checks it.
            std::unique_ptr<quorum::DashboardPrefetch> readAhead =
                screenshot ? nullptr : quorum::DashboardPrefetch::beforeOpening(path, clock);
            // The file's full check runs on another thread once the window is painted (MainWindow starts
            // it); the first change waits for it. A screenshot is taken at once, so it checks first.
            const auto check = screenshot ? quorum::Database::IntegrityCheck::BeforeOpening
                                          : quorum::Database::IntegrityCheck::InBackground;
            // Nobody is there to type a password for a screenshot or a start-up measurement.
            if (screenshot || qEnvironmentVariableIsSet("QUORUM_FIRST_PAINT_PROBE"))
                workspace = quorum::Workspace::open(path, false, catalogue, clock, nullptr, check);
            else
                workspace = quorum::openWithLogin(path, false, nullptr, check);
            if (!workspace)
                return 0; // the password prompt was cancelled: nothing to show
            // The dashboard's largest reads (the evidence counts, the attention items) run beside building the window.
            workspace->prefetchDashboard(std::move(readAhead));
        }
    } catch (const quorum::Error &error) {
        return fail(error.message());
    }

    quorum::Workspace *opened = workspace.get();
    auto *window = new quorum::MainWindow(std::move(workspace));
    window->setAttribute(Qt::WA_DeleteOnClose);
    // Damage found by the background check ends the session as a refusal to open would have: nothing has
    // been written to the file, and nothing will be.
    // (File > Open checks before opening, so only this first window can be told of damage later.)
    QObject::connect(opened, &quorum::Workspace::integrityFailed, window, [&fail, window](const QString &message) {
        window->hide();
        QCoreApplication::exit(fail(message));
    });
    if (parser.isSet(pageOption) && !window->showPage(parser.value(pageOption))) {
        const QString pages = window->pageNames().join(QStringLiteral(", "));
        delete window;
        return fail(QStringLiteral("There is no page \"%1\"; the pages are %2.").arg(parser.value(pageOption), pages));
    }
    if (parser.isSet(frameworkOption)) {
        const QString key = parser.value(frameworkOption).trimmed().toLower();
        bool followed = false;
        for (const quorum::Framework &framework : opened->followedFrameworks())
            followed = followed || framework.key == key;
        if (!followed) {
            delete window;
            return fail(QStringLiteral("The organisation follows no framework \"%1\" ('quorum-cli frameworks list' "
                                       "shows them).")
                            .arg(key));
        }
        window->dashboardPage()->showFramework(key);
    }
    if (parser.isSet(actionOption)) {
        // Any followed framework's item, typed in any case: "a1", "ssc:3.2".
        const QString typed = parser.value(actionOption).trimmed();
        const QString id = opened->knownItem(typed);
        if (id.isEmpty()) {
            delete window;
            return fail(QStringLiteral("There is no action \"%1\"; the actions are A1 to E5, and another "
                                       "framework's items are KEY:ID (ssc:3.2).")
                            .arg(typed));
        }
        window->showPage(QStringLiteral("actions"));
        window->actionsPage()->showAction(id);
    }
    if (screenshot) {
        window->resize(1400, 900);
        window->show();
        QApplication::processEvents();
        const QString target = parser.value(screenshotOption);
        const bool saved = window->grab().save(target);
        delete window;
        if (!saved)
            return fail(QStringLiteral("Could not write the screenshot to %1.").arg(target));
        return 0;
    }
    if (qEnvironmentVariableIsSet("QUORUM_FIRST_PAINT_PROBE")) {
        // Start-up benchmark (tests/bench/run): report when the dashboard is first painted, then quit.
        window->resize(1400, 900);
        new quorum::FirstPaintProbe(window->dashboardPage());
    }
    window->show();
    // Copies of evidence opened in earlier sessions are no longer needed once a day old; tidied once the
    // window is up rather than before it.
    QTimer::singleShot(std::chrono::seconds(2),
                       [] { quorum::removePrivateTempCopies(QDateTime::currentDateTime().addDays(-1)); });
    const QPointer<quorum::MainWindow> alive(window);
    const int status = app.exec();
    delete alive.data(); // still open when the application quit without closing it (the start-up probe)
    return status;
}
