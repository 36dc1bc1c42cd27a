#pragma once

#include "core/rules/attention.h"

#include <QHash>
#include <QMainWindow>

#include <functional>
#include <memory>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace quorum {

class ActionsPage;
class DashboardPage;
class EvidenceActions;
class EventsPage;
class EvidencePage;
class HistoryPage;
class MetricsPage;
class PeoplePage;
class Workspace;

/**
 * The main window over one open Workspace: a page list on the left, the pages on the right, File
 * (new, open, open server, recent, save a copy, organisation), Edit (undo, redo, acting as), View (pages, undo
 * history) and Help menus, and the organisation, marking and posture score in the status bar. Opening
 * another database opens a new window for it and closes this one. Layout and recent files persist.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace *workspace() const { return m_workspace.get(); }
    DashboardPage *dashboardPage() const { return m_dashboardPage; }
    // Pages other than the dashboard are built on first use: asking for one builds it.
    ActionsPage *actionsPage() const;
    EvidencePage *evidencePage() const;
    PeoplePage *peoplePage() const;
    HistoryPage *historyPage() const;
    /** The page called @p name (built now if it was not yet), or nullptr. */
    QWidget *page(const QString &name) const;
    /** Whether the page called @p name has been built (shown or asked for). */
    bool isPageBuilt(const QString &name) const;

    /** Page names for --page and --screenshot: "actions", "evidence", ... */
    QStringList pageNames() const;
    bool showPage(const QString &name);
    /** Adds a page (used by later features such as the dashboard); @p first puts it at the top. */
    void addPage(const QString &name, const QString &title, QWidget *page, bool first = false);
    /** Adds a page that @p build makes the first time it is shown or asked for. */
    void addLazyPage(const QString &name, const QString &title, std::function<QWidget *()> build);

    /**
     * Opens @p location (a file, or a server's connection) in a new window (shown), asking for a server's
     * password if it wants one; reports failures as a dialog and returns nullptr, also when the person
     * cancels.
     */
    static MainWindow *openWindow(const QString &location, bool create, QWidget *dialogParent);
    /** The files and servers opened last, newest first: paths, and connections without passwords. */
    static QStringList recentFiles();
    /** How the recent menu shows @p location: a file's path, or a server's display name. */
    static QString recentLabel(const QString &location);
    /**
     * The window's size on a first start (nothing remembered): 1366x800, or the screen's @p available
     * area when that is smaller, so that every part of the window is on the screen from the start.
     */
    static QSize firstStartSize(const QSize &available);

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void updateStatus();
    void updateActingAsMenu();
    void showAbout();
    void newDatabase();
    void openDatabase();
    /** File > Open Server...: asks for a connection (ServerDialog) and opens it in a new window. */
    void openServer();
    /** Where file dialogs start: the open file's folder, or the home folder for a server. */
    QString startFolder() const;
    /** Asks where and saves a copy of the database; returns its path, or nothing if none was saved. */
    QString saveCopy();
    /** Save a Copy for a record on a server: RecordCopy into the new file @p path, with progress. */
    QString saveServerCopy(const QString &path);
    /** The banner over a read-only file's pages: it says so and offers to save a copy to edit. */
    QWidget *makeReadOnlyBanner();
    void editOrganisation();
    void rememberRecent(const QString &path);
    void refillRecentMenu();
    void switchTo(const QString &path, bool create);
    void goToAttention(const AttentionItem &item);
    void goToTile(const QString &key);
    QWidget *pageAt(int index) const;
    void saveTypedText();

    std::unique_ptr<Workspace> m_workspace;
    EvidenceActions *m_evidenceActions;
    QListWidget *m_pageList;
    QStackedWidget *m_pages;
    DashboardPage *m_dashboardPage = nullptr; ///< built at the end of the constructor
    /** Stand-ins of the pages not built yet, with what builds each. */
    mutable QHash<QWidget *, std::function<QWidget *()>> m_pageBuilders;
    QLabel *m_statusLabel;
    QLabel *m_actingLabel;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_actingMenu = nullptr;
    QActionGroup *m_actingGroup = nullptr;
    QStringList m_pageNames;
    bool m_shown = false;
    bool m_painted = false;
};

} // namespace quorum
