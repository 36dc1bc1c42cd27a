#pragma once

#include <Qt>

namespace quorum {

/** The custom item roles of Quorum's models, in one place. */
enum Role : int {
    ActionIdRole = Qt::UserRole + 1, ///< QString: "A1" (empty for a principle row)
    PrincipleIdRole,                 ///< QString: "A"
    RatingRole,                      ///< quorum::Rating
    RagRole,                         ///< quorum::Rag
    SortRole,                        ///< a value that sorts naturally (ranks, dates, numbers)
    NeedsAttentionRole,              ///< bool: unowned, unsupported claim, expired evidence, overdue, fell
    SearchTextRole,                  ///< QString: every searchable word of the row
    OwnerIdRole,                     ///< qint64
    UnsupportedClaimRole,            ///< bool
    EvidenceIdRole,                  ///< qint64
    EvidenceStatusRole,              ///< int(quorum::EvidenceStatus), so proxies can filter on it
    PersonIdRole,                    ///< qint64
    IsBoardRole,                     ///< bool
    AuditIdRole,                     ///< qint64
};

} // namespace quorum
