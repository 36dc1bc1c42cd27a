#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace quorum {

class ActionsModel;
class Workspace;

/** The principles-and-actions table: sortable, searchable, ratings editable in place. */
class ActionsPage : public QWidget {
    Q_OBJECT

public:
    ActionsPage(Workspace *workspace, QWidget *parent = nullptr);

    ActionsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

    /** Selects the action and scrolls to it. */
    void showAction(const QString &actionId);

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    ActionsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_search;
};

} // namespace quorum
