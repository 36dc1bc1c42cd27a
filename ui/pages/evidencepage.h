#pragma once

#include "core/domain/domain.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace quorum {

class EvidenceActions;
class EvidenceModel;
class Workspace;

/**
 * The evidence register: every document, report, minute and link with the actions it supports, its
 * dates, status and SHA-256; add by dialog or by dropping files, open, save a copy, replace with a new
 * revision, edit, remove.
 */
class EvidencePage : public QWidget {
    Q_OBJECT

public:
    EvidencePage(Workspace *workspace, EvidenceActions *actions, QWidget *parent = nullptr);

    /** The view and model read the register when first asked for (or when the page is first shown). */
    QTableView *view() const;
    EvidenceModel *model() const;
    qint64 currentEvidenceId() const;
    /** Selects one item (clearing filters that hide it). */
    void showEvidence(qint64 evidenceId);
    /** Shows only the items of one status. */
    void showStatus(EvidenceStatus status);

protected:
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    Workspace *m_workspace;
    EvidenceActions *m_actions;
    EvidenceModel *m_model;
    QSortFilterProxyModel *m_statusFilter;
    QSortFilterProxyModel *m_search;
    QTableView *m_view;
    QLineEdit *m_searchEdit;
    QComboBox *m_statusCombo;
};

} // namespace quorum
