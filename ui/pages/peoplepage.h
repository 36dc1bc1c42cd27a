#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace quorum {

class PeopleModel;
class Workspace;

/**
 * Board members and executives, and each director's cyber training records (action C3), with the
 * directors whose training is missing or expired marked in red.
 */
class PeoplePage : public QWidget {
    Q_OBJECT

public:
    explicit PeoplePage(Workspace *workspace, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    PeopleModel *model() const { return m_model; }

    /** Selects a person. */
    void showPerson(qint64 personId);
    void addPerson();
    void editPerson();
    void removePerson();
    void addTraining();
    void removeTraining();

private:
    qint64 currentPersonId() const;
    void refreshTraining();

    Workspace *m_workspace;
    PeopleModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_trainingHeading;
    QTableWidget *m_training;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_addTraining;
    QPushButton *m_removeTraining;
};

} // namespace quorum
