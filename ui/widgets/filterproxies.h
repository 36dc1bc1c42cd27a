#pragma once

#include "core/domain/rating.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace quorum {

/**
 * Base of the small filters of the actions tree: a row passes when its value for one role matches;
 * principle rows stay while any of their actions pass. Each subclass has one job and an
 * intent-named setter, so the page chains them (principle -> rating -> owner -> attention -> search).
 */
class RoleFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    RoleFilterProxy(int role, QObject *parent);

protected:
    void setWanted(const QVariant &value);
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_role;
    QVariant m_wanted; ///< invalid: everything passes
};

/** Only the actions of one principle. */
class PrincipleFilterProxy : public RoleFilterProxy {
    Q_OBJECT
public:
    explicit PrincipleFilterProxy(QObject *parent = nullptr);
    void setPrincipleId(const QString &principleId);
};

/** Only the actions with one rating. */
class RatingFilterProxy : public RoleFilterProxy {
    Q_OBJECT
public:
    explicit RatingFilterProxy(QObject *parent = nullptr);
    void setRating(std::optional<Rating> rating);
};

/** Only the actions one person owns (0: the unowned ones). */
class OwnerFilterProxy : public RoleFilterProxy {
    Q_OBJECT
public:
    explicit OwnerFilterProxy(QObject *parent = nullptr);
    void setOwnerId(std::optional<qint64> ownerId);
};

/** Only the actions that need the board's attention. */
class AttentionFilterProxy : public RoleFilterProxy {
    Q_OBJECT
public:
    explicit AttentionFilterProxy(QObject *parent = nullptr);
    void setAttentionOnly(bool only);
};

} // namespace quorum
