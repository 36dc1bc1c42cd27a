#pragma once

#include "core/domain/domain.h"

#include <QAbstractTableModel>

namespace quorum {

class Workspace;

/**
 * Every piece of evidence, one row each: title, the actions it supports, type, source, effective and
 * review-by dates, status (current, expiring within 30 days, expired), the first 12 hex digits of its
 * SHA-256 and whether it is a stored file or a link. Optionally limited to the evidence of one action.
 */
class EvidenceModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TitleColumn,
        ActionsColumn,
        TypeColumn,
        SourceColumn,
        EffectiveColumn,
        ReviewByColumn,
        StatusColumn,
        HashColumn,
        KindColumn,
        ColumnCount
    };

    /** When the rows are first read: at once, or on the first ensureLoaded() (for a page not yet shown). */
    enum class InitialLoad { Now, OnDemand };

    explicit EvidenceModel(Workspace *workspace, QObject *parent = nullptr, InitialLoad load = InitialLoad::Now);

    /** Reads the rows if they have not been read yet. */
    void ensureLoaded();
    bool isLoaded() const { return m_loaded; }

    /** Shows only the evidence that supports @p actionId (empty: all). */
    void setActionFilter(const QString &actionId);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;

    const Evidence *evidenceAt(int row) const;
    int rowOfEvidence(qint64 id) const;
    void reload();

private:
    Workspace *m_workspace;
    QString m_actionFilter;
    bool m_loaded = false;
    QList<Evidence> m_rows;
};

} // namespace quorum
