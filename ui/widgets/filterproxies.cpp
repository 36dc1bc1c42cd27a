#include "ui/widgets/filterproxies.h"

#include "core/models/roles.h"
namespace quorum {

RoleFilterProxy::RoleFilterProxy(int role, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_role(role)
{
    setRecursiveFilteringEnabled(true);
}

void RoleFilterProxy::setWanted(const QVariant &value)
{
    m_wanted = value;
    invalidateFilter();
}

bool RoleFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_wanted.isValid())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Principle rows have children; recursive filtering keeps them when a child passes.
    if (sourceModel()->hasChildren(index))
        return false;
    return index.data(m_role) == m_wanted;
}

PrincipleFilterProxy::PrincipleFilterProxy(QObject *parent)
    : RoleFilterProxy(PrincipleIdRole, parent)
{
}

void PrincipleFilterProxy::setPrincipleId(const QString &principleId)
{
    setWanted(principleId.isEmpty() ? QVariant() : QVariant(principleId));
}

RatingFilterProxy::RatingFilterProxy(QObject *parent)
    : RoleFilterProxy(RatingRole, parent)
{
}

void RatingFilterProxy::setRating(std::optional<Rating> rating)
{
    setWanted(rating ? QVariant::fromValue(*rating) : QVariant());
}

OwnerFilterProxy::OwnerFilterProxy(QObject *parent)
    : RoleFilterProxy(OwnerIdRole, parent)
{
}

void OwnerFilterProxy::setOwnerId(std::optional<qint64> ownerId)
{
    setWanted(ownerId ? QVariant::fromValue(*ownerId) : QVariant());
}

AttentionFilterProxy::AttentionFilterProxy(QObject *parent)
    : RoleFilterProxy(NeedsAttentionRole, parent)
{
}

void AttentionFilterProxy::setAttentionOnly(bool only)
{
    setWanted(only ? QVariant(true) : QVariant());
}

} // namespace quorum
