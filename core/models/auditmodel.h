#pragma once

#include "core/storage/audit.h"

#include <QAbstractTableModel>

namespace quorum {

class Workspace;

/**
 * The audit trail, newest first, filtered by an AuditFilter. Loads the newest rows first and fetches
 * older ones as the view scrolls, so a trail of hundreds of thousands of rows opens at once.
 */
class AuditModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, WhoColumn, SubjectColumn, FieldColumn, BeforeColumn, AfterColumn, ColumnCount };
    static constexpr int kPageSize = 500;

    explicit AuditModel(Workspace *workspace, QObject *parent = nullptr);

    void setFilter(const AuditFilter &filter);
    const AuditFilter &filter() const { return m_filter; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const AuditEntry *entryAt(int row) const;
    void reload();
    /** Puts the rows written since the newest one shown on top (all of them again after a large import). */
    void takeNewRows();

private:
    /** The newest @p count rows of the filter, newest first; with @p beforeId, only those older than that row. */
    QList<AuditEntry> load(int count, qint64 beforeId = 0) const;

    Workspace *m_workspace;
    AuditFilter m_filter;
    QList<AuditEntry> m_rows; ///< newest first
    bool m_exhausted = false;
};

} // namespace quorum
