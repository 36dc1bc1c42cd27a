#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace quorum {

class AuditModel;
class DateField;
class Workspace;

/**
 * The audit trail for internal audit (E4): every change with who, when, what, before and after,
 * filterable by action, person and dates, and a check that the hash chain and the stored files are
 * untampered.
 */
class HistoryPage : public QWidget {
    Q_OBJECT

public:
    explicit HistoryPage(Workspace *workspace, QWidget *parent = nullptr);

    AuditModel *model() const { return m_model; }
    /** Shows only the changes to one action. */
    void filterByAction(const QString &actionId);
    /** Runs the checks and returns the summary shown to the person. */
    QString verify();

private:
    void applyFilter();
    void refillPeople();

    Workspace *m_workspace;
    AuditModel *m_model;
    QTableView *m_view;
    QComboBox *m_action;
    QComboBox *m_person;
    DateField *m_from;
    DateField *m_to;
    QLabel *m_verifyResult;
};

} // namespace quorum
