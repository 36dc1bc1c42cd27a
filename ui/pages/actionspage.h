#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace quorum {

class ActionEditor;
class ActionsModel;
class AttentionFilterProxy;
class EvidenceActions;
class OwnerFilterProxy;
class PrincipleFilterProxy;
class RatingFilterProxy;
class Workspace;

/**
 * The CISO's page: the principles and actions on the left (sortable, searchable, filterable by
 * principle, rating, owner and "needs attention"), the editor of the selected action on the right.
 */
class ActionsPage : public QWidget {
    Q_OBJECT

public:
    ActionsPage(Workspace *workspace, EvidenceActions *evidenceActions, QWidget *parent = nullptr);

    ActionsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    ActionEditor *editor() const { return m_editor; }

    /** Selects the action and scrolls to it (clearing filters that would hide it). */
    void showAction(const QString &actionId);
    void focusSearch();
    /** The index in the view (through every filter) of an action's first column; invalid if filtered out. */
    QModelIndex viewIndexOf(const QString &actionId) const;
    void setAttentionOnly(bool only);

    /** The owner column fits its names up to this width; the title column takes the rest. */
    static constexpr int kOwnerColumnMaximumWidth = 170;
    /** The title column is never narrower than this (the list scrolls sideways instead). */
    static constexpr int kTitleMinimumWidth = 200;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void refillOwners();
    /** The principle filter's choices: the groups of every framework followed. */
    void refillPrinciples();
    void fitOwnerColumn();
    /** Hides the maturity column when the organisation stops tracking maturity. */
    void followMaturityTracking();
    /** The maturity column as wide as its heading or its widest level, whichever is wider. */
    void fitMaturityColumn();
    void fitTitleColumn();

    Workspace *m_workspace;
    ActionsModel *m_model;
    PrincipleFilterProxy *m_principleFilter;
    RatingFilterProxy *m_ratingFilter;
    OwnerFilterProxy *m_ownerFilter;
    AttentionFilterProxy *m_attentionFilter;
    QSortFilterProxyModel *m_search;
    QTreeView *m_view;
    ActionEditor *m_editor;
    QLineEdit *m_searchEdit;
    QComboBox *m_principleCombo;
    QComboBox *m_ratingCombo;
    QComboBox *m_ownerCombo;
    QCheckBox *m_attentionOnly;
};

} // namespace quorum
