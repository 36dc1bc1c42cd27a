#pragma once

#include "core/storage/sqldialect.h"

namespace quorum {

/**
 * The SqlDialect of a Quorum record on a PostgreSQL 15 server (the shared mode): 64-bit identity keys and
 * bytea, the schema version in a one-row table quorum_schema (PostgreSQL has no user_version; the row also
 * marks the database as Quorum's), BEGIN at READ COMMITTED followed by a transaction-scoped advisory lock
 * that admits one writer at a time (as SQLite's BEGIN IMMEDIATE does), and the guards as PL/pgSQL trigger
 * functions that refuse with the same sentences as SQLite's.
 */
class PostgresDialect final : public SqlDialect {
public:
    /** The advisory lock every write transaction takes first ("QUORWRIT"): one writer at a time. */
    static constexpr qint64 kWriterLock = 0x51554F5257524954;

    Engine engine() const override { return Engine::Postgres; }
    QString ddl(QString statement) const override;
    int schemaVersion(const QSqlDatabase &db) const override;
    void setSchemaVersion(const QSqlDatabase &db, int version) const override;
    void markAsQuorum(const QSqlDatabase &db) const override;
    QString beginWrite(const QSqlDatabase &db) const override;
    void commit(const QSqlDatabase &db) const override;
    void rollback(const QSqlDatabase &db) const override;
    QStringList guardTriggers() const override;
    QStringList changeNoticeTriggers() const override;
    QStringList evidenceTallyTriggers() const override;
    QStringList linkDueDateTriggers() const override;
    QString titleIsAscii() const override;
    QString titleInAsciiFoldOrder() const override;
    QStringList serverIdentityObjects(const QString &schema) const override;
};

} // namespace quorum
