#pragma once

#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace quorum {

/**
 * Where a shared Quorum record lives: a PostgreSQL database, named as libpq names one, either by a URI
 * ("postgresql://board@db.example/quorum?sslmode=verify-full") or by keywords ("host=/run/postgresql
 * dbname=quorum"). libpq's own parser (PQconninfoParse) reads it, so every form and option libpq knows
 * (several hosts, target_session_attrs, sslrootcert, application_name) works as it does in psql. The
 * password, when one is written into it, is kept for connecting and never shown.
 */
class ServerConnection {
public:
    /** Whether @p text names a server rather than a file: a postgresql:// URI or a keyword string. */
    static bool isServer(const QString &text);
    /** Parses @p text with libpq; throws InvalidInput with libpq's reason when it is not a connection. */
    static ServerConnection parse(const QString &text);

    /** The value of a keyword (host, port, dbname, user, ...); empty when not given. */
    QString value(const QString &keyword) const;
    /** "postgresql://user@host:port/dbname", for messages, titles and recent lists: never a password. */
    QString displayName() const;
    /** Points a QPSQL connection at the server, with every option given (the password included). */
    void applyTo(QSqlDatabase &db) const;

private:
    QList<QPair<QString, QString>> m_options; ///< keyword and value, as libpq parsed them, only those set
};

} // namespace quorum
