#pragma once

#include "core/domain/domain.h"
#include "core/storage/store.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>

namespace quorum {

class Workspace;

/**
 * Every piece of evidence, one row each: title, the actions it supports, type, source, effective and
 * review-by dates, status (current, expiring within 30 days, expired), the first 12 hex digits of its
 * SHA-256 and whether it is a stored file or a link. Optionally limited to the evidence of one action, to
 * text searched for and to one status, and sorted by any column.
 *
 * A window on the register, not a copy of it: the number of rows is counted in SQL, and rows are read a block
 * of kBlockRows at a time (the first with the count, the others as a view asks for them: Store::evidenceWindow),
 * keeping the kCachedBlocks most recently used, so a register of 200,000 items shows its first screen at once and
 * in little memory. Searching,
 * filtering and sorting ask the store again (EvidenceQuery) instead of sorting or filtering rows in memory.
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

    /** Rows read at a time, and how many such blocks are kept. */
    static constexpr int kBlockRows = 256;
    static constexpr int kCachedBlocks = 40;

    explicit EvidenceModel(Workspace *workspace, QObject *parent = nullptr, InitialLoad load = InitialLoad::Now);

    /** Reads the rows if they have not been read yet. */
    void ensureLoaded();
    bool isLoaded() const { return m_loaded; }

    /** Shows only the evidence that supports @p actionId (empty: all). Reads at once. */
    void setActionFilter(const QString &actionId);
    /** Shows only the items with @p text (trimmed) in them (EvidenceQuery::search); empty: all. */
    void setSearch(const QString &text);
    /** Shows only the items of @p status today; none: all. */
    void setStatusFilter(std::optional<EvidenceStatus> status);
    /** Both of the above off, reading the rows again once. */
    void clearSearchAndStatus();
    /** What the model shows; sortColumn() is -1 for the order of ids. */
    const EvidenceQuery &query() const { return m_query; }
    int sortColumn() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    /** Sorts by @p column (-1: by id) in SQL; the rows are read again. */
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /**
     * The item on @p row, read with its block if it is not held; null past the end. The pointer stays valid until
     * the model is reset or kCachedBlocks other blocks have been read.
     */
    const Evidence *evidenceAt(int row) const;
    /** The row of item @p id in the current order and filters (asked of the store when not held); -1 if not shown. */
    int rowOfEvidence(qint64 id) const;
    /** Reads the first block and counts the rows again; forgets the other rows held (read again as they are shown). */
    void reload();
    /** How many rows are held in memory now (at most kBlockRows * kCachedBlocks). */
    int heldRowCount() const;

private:
    struct Block {
        QList<Evidence> rows;
        quint64 lastUse = 0;
    };
    /** The block @p index, read when not held; the least recently used goes when more than kCachedBlocks are. */
    const Block &block(int index) const;

    Workspace *m_workspace;
    EvidenceQuery m_query;
    bool m_loaded = false;
    int m_count = 0;
    mutable QHash<int, Block> m_blocks;
    mutable quint64 m_uses = 0;
};

} // namespace quorum
