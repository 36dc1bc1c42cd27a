#pragma once

#include "core/domain/domain.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

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
    /** How long the search waits after the last key before it asks the store (typing stays responsive). */
    static constexpr int kSearchDelayMs = 200;

    EvidencePage(Workspace *workspace, EvidenceActions *actions, QWidget *parent = nullptr);

    /** The view and model read the register when first asked for (or when the page is first shown). */
    QTableView *view() const;
    EvidenceModel *model() const;
    qint64 currentEvidenceId() const;
    /** Selects one item and scrolls to it (clearing the search and status filter). */
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
    QTableView *m_view;
    QLineEdit *m_searchEdit;
    /** Waits for a pause in typing before the search asks the store. */
    QTimer *m_searchDelay;
    QComboBox *m_statusCombo;
    QLabel *m_countLabel;
    /** The item last made current, selected again after the rows are read again (a change, a sort, a filter). */
    qint64 m_keptEvidenceId = 0;
};

} // namespace quorum
