#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace quorum {

class ActionsPage;
class Workspace;

/**
 * The main window over one open Workspace: a page list on the left, the pages on the right, the Edit
 * menu wired to the workspace's undo stack, and the organisation and posture score in the status bar.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace *workspace() const { return m_workspace.get(); }
    ActionsPage *actionsPage() const { return m_actionsPage; }

    /** Page names for --screenshot: "actions", ... */
    QStringList pageNames() const;
    bool showPage(const QString &name);

private:
    void buildMenus();
    void updateStatus();
    void showAbout();
    void addPage(const QString &name, const QString &title, QWidget *page);

    std::unique_ptr<Workspace> m_workspace;
    QListWidget *m_pageList;
    QStackedWidget *m_pages;
    ActionsPage *m_actionsPage;
    QLabel *m_statusLabel;
    QStringList m_pageNames;
};

} // namespace quorum
