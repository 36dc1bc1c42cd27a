#include "context.h"

#include "arguments.h"
#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/paths.h"
#include "core/storage/serverconnection.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace quorum::cli {

Session openSession(const Context &context, bool create)
{
    Session session;
    const Database::Mode mode = create ? Database::Mode::CreateNew : Database::Mode::OpenExisting;
    if (ServerConnection::isServer(context.dbPath)) {
        session.database = Database::openServer(ServerConnection::parse(context.dbPath), mode, Catalogue::builtIn());
    } else {
        if (create && context.defaultPath)
            QDir().mkpath(QFileInfo(context.dbPath).absolutePath());
        session.database = Database::open(context.dbPath, mode, Catalogue::builtIn());
    }
    session.store = std::make_unique<Store>(*session.database, Clock::fromEnvironment());
    return session;
}

void printJson(QTextStream &out, const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue dateOrNull(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue scoreOrNull(const std::optional<double> &score)
{
    return score ? QJsonValue(qRound(*score * 10.0) / 10.0) : QJsonValue();
}

Rating parseRating(const QString &text, const QString &option)
{
    const auto rating = ratingFromKey(text);
    if (!rating)
        throw UsageError{
            QStringLiteral("%1: \"%2\" is not a rating; use one of %3").arg(option, text, ratingKeysList())};
    return *rating;
}

QDate parseDate(const QString &text, const QString &option)
{
    if (text.isEmpty())
        return {};
    const auto date = parseIsoDate(text);
    if (!date)
        throw UsageError{QStringLiteral("%1: \"%2\" is not a date; write it as YYYY-MM-DD").arg(option, text)};
    return *date;
}

bool samePath(const QString &a, const QString &b)
{
    const QFileInfo first(a);
    const QFileInfo second(b);
    const QString left = first.exists() ? first.canonicalFilePath() : first.absoluteFilePath();
    const QString right = second.exists() ? second.canonicalFilePath() : second.absoluteFilePath();
    return left == right;
}

} // namespace quorum::cli
