#pragma once

#include "core/domain/domain.h"
#include "core/rules/scoring.h"

#include <QAbstractItemModel>
#include <QHash>

namespace quorum {

class Workspace;

/**
 * The principles and their actions as a two-level tree, with one column per thing a director scans
 * for: owner, director, rating, target, RAG, evidence counts, next review and the trend since the last
 * board review, then the maturity level (a view shows it only while the organisation tracks maturity). Rating and
 * target are editable; an edit goes through the Workspace, so it is saved, audited and undoable. The model listens to
 * the Workspace and refreshes only the rows that changed.
 */
class ActionsModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        TitleColumn,
        OwnerColumn,
        DirectorColumn,
        RatingColumn,
        TargetColumn,
        RagColumn,
        EvidenceColumn,
        ExpiredColumn,
        NextReviewColumn,
        TrendColumn,
        MaturityColumn, ///< last, so that the columns before keep their places (issue 18)
        ColumnCount
    };

    explicit ActionsModel(Workspace *workspace, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** The index of an action's first column, for "go to action". */
    QModelIndex indexOfAction(const QString &actionId) const;
    const ActionState *actionAt(const QModelIndex &index) const;

    /** -1 fell, 0 same, +1 rose, nullopt: no earlier review or no rank. */
    std::optional<int> trend(const QString &actionId) const;

    /** Rereads everything (after evidence or review changes). */
    void reload();

    /** The last error of setData, for the view to show. */
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void editFailed(const QString &message);

private:
    struct PrincipleRow {
        QString id;
        QString title; ///< with its framework's name before it, for a framework other than the Code
        int rank = 0;  ///< its place in catalogue order, which sorting by id keeps
        QList<ActionState> actions;
    };

    void reloadAction(const QString &actionId);
    void loadBaseline();
    QVariant principleData(const PrincipleRow &principle, int column, int role) const;
    QVariant actionData(const ActionState &state, int column, int role) const;
    bool needsAttention(const ActionState &state) const;
    /** The maturity scale of @p state's framework (CMMI unless its library file defines one). */
    const MaturityScale &maturityScale(const ActionState &state) const;
    QString maturityToolTip(const ActionState &state) const;

    Workspace *m_workspace;
    QList<PrincipleRow> m_principles;
    QHash<QString, Rating> m_baseline;              ///< ratings at the last board review
    QHash<QString, MaturityScale> m_maturityScales; ///< by framework key, read with the rows
    QString m_lastError;
};

/** An arrow for a trend, with words for screen readers and the colour-blind: "▲ up". */
QString trendText(std::optional<int> trend);

} // namespace quorum
