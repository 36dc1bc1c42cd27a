#include "core/storage/sqldialect.h"

#include "core/domain/error.h"
#include "core/storage/postgresdialect.h"
#include "core/storage/sql.h"
#include "core/storage/sqlitedialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace quorum {

const SqlDialect &SqlDialect::of(const QSqlDatabase &db)
{
    static const SqliteDialect sqlite;
    static const PostgresDialect postgres;
    const QString driver = db.driverName();
    if (driver == QLatin1String("QSQLITE"))
        return sqlite;
    if (driver == QLatin1String("QPSQL"))
        return postgres;
    throw Error(Error::Kind::Storage, QStringLiteral("Quorum cannot keep a record in a %1 database.").arg(driver));
}

QStringList SqlDialect::attentionOrderIndexes() const
{
    // SQLite takes a column with a collation; PostgreSQL an expression in parentheses, with the review-by date
    // beside the key.
    const QString order = engine() == Engine::Sqlite
                              ? QStringLiteral("%1, id, review_by").arg(titleInAsciiFoldOrder())
                              : QStringLiteral("(%1), id) INCLUDE (review_by").arg(titleInAsciiFoldOrder());
    return {
        QStringLiteral("CREATE INDEX IF NOT EXISTS evidence_attention_order ON evidence (%1)").arg(order),
        QStringLiteral("CREATE INDEX IF NOT EXISTS evidence_other_titles_due ON evidence (review_by) WHERE NOT (%1)")
            .arg(titleIsAscii())};
}

void SqlDialect::execDefinition(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        // libpq reports a server gone mid-statement (a COMMIT cut off) without an SQLSTATE.
        if (serverConnectionLostAfter(db, query.lastError()))
            throw disconnectedError(query.lastError().databaseText().isEmpty() ? query.lastError().text()
                                                                               : query.lastError().databaseText());
        throw classifySqlError(query.lastError(), statement.simplified().left(120), engineOf(db));
    }
}

} // namespace quorum
