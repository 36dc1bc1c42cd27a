#include "core/storage/serverconnection.h"

#include "core/domain/error.h"

#include <libpq-fe.h>

namespace quorum {

QString ServerConnection::quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

bool ServerConnection::isServer(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://")))
        return true;
    // A keyword string names at least a host or a database; a file name never holds "dbname=".
    for (const char *keyword : {"dbname=", "host=", "hostaddr=", "service="}) {
        if (trimmed.startsWith(QLatin1String(keyword)) || trimmed.contains(QLatin1Char(' ') + QLatin1String(keyword)))
            return true;
    }
    return false;
}

ServerConnection ServerConnection::parse(const QString &text)
{
    char *failure = nullptr;
    PQconninfoOption *options = PQconninfoParse(text.trimmed().toUtf8().constData(), &failure);
    if (!options) {
        const QString reason = failure ? QString::fromUtf8(failure).trimmed() : QStringLiteral("out of memory");
        PQfreemem(failure);
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("This is not a PostgreSQL connection Quorum can use: %1. Write it as "
                                   "postgresql://HOST/DATABASE or as host=HOST dbname=DATABASE.")
                        .arg(reason));
    }
    ServerConnection connection;
    for (PQconninfoOption *option = options; option->keyword; ++option) {
        if (option->val && *option->val)
            connection.m_options.append({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    return connection;
}

QString ServerConnection::value(const QString &keyword) const
{
    for (const auto &[key, value] : m_options) {
        if (key == keyword)
            return value;
    }
    return {};
}

QString ServerConnection::displayName() const
{
    const QString user = value(QStringLiteral("user"));
    const QString port = value(QStringLiteral("port"));
    QString host = value(QStringLiteral("host"));
    if (host.isEmpty())
        host = value(QStringLiteral("hostaddr"));
    QString shown = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        shown += user + QLatin1Char('@');
    // A unix-socket folder is not a host name: libpq's URI form puts it in ?host=.
    const bool socketFolder = host.startsWith(QLatin1Char('/'));
    if (!socketFolder)
        shown += host;
    if (!port.isEmpty() && !socketFolder)
        shown += QLatin1Char(':') + port;
    shown += QLatin1Char('/') + value(QStringLiteral("dbname"));
    if (socketFolder)
        shown += QStringLiteral("?host=") + host;
    return shown;
}

void ServerConnection::applyTo(QSqlDatabase &db) const
{
    // Qt's driver builds its own keyword string from these and the options, which it joins with spaces
    // where the options are separated by semicolons; so each value is quoted, and none may hold one.
    QStringList extra;
    for (const auto &[key, value] : m_options) {
        if (key == QLatin1String("host"))
            db.setHostName(value);
        else if (key == QLatin1String("dbname"))
            db.setDatabaseName(value);
        else if (key == QLatin1String("user"))
            db.setUserName(value);
        else if (key == QLatin1String("password"))
            db.setPassword(value);
        else if (key == QLatin1String("port"))
            extra << QStringLiteral("port=%1").arg(quoted(value));
        else {
            if (value.contains(QLatin1Char(';')))
                throw Error(Error::Kind::InvalidInput,
                            QStringLiteral("The connection option %1 holds a semicolon, which Quorum cannot pass "
                                           "on; use a service file (service=NAME) for it.")
                                .arg(key));
            extra << QStringLiteral("%1=%2").arg(key, quoted(value));
        }
    }
    db.setConnectOptions(extra.join(QLatin1Char(';')));
}

QString ServerConnection::withoutPassword() const
{
    QStringList words;
    for (const auto &[key, value] : m_options) {
        if (key != QLatin1String("password"))
            words << QStringLiteral("%1=%2").arg(key, quoted(value));
    }
    return words.join(QLatin1Char(' '));
}

ServerConnection ServerConnection::withPassword(const QString &password) const
{
    ServerConnection copy;
    for (const auto &option : m_options) {
        if (option.first != QLatin1String("password"))
            copy.m_options.append(option);
    }
    if (!password.isEmpty())
        copy.m_options.append({QStringLiteral("password"), password});
    return copy;
}

QString ServerConnection::connectionString() const
{
    QStringList words;
    for (const auto &[key, value] : m_options)
        words << QStringLiteral("%1=%2").arg(key, quoted(value));
    return words.join(QLatin1Char(' '));
}

bool ServerConnection::answers(int timeoutSeconds) const
{
    QString text = connectionString();
    // A later keyword wins in libpq: the caller's bound on waiting replaces one written into the connection.
    text += QStringLiteral(" connect_timeout=%1").arg(timeoutSeconds);
    return PQping(text.toUtf8().constData()) == PQPING_OK;
}

bool ServerConnection::serverWantsPassword() const
{
    PGconn *connection = PQconnectdb(connectionString().toUtf8().constData());
    const bool wants = connection && PQstatus(connection) != CONNECTION_OK && PQconnectionNeedsPassword(connection);
    PQfinish(connection);
    return wants;
}

} // namespace quorum
