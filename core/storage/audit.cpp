#include "core/storage/audit.h"

#include "core/storage/sql.h"

#include <QCryptographicHash>
#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace quorum {

namespace {

void addField(QCryptographicHash &hash, const QString &value)
{
    // Length-prefixed so that moving characters between adjacent fields changes the hash.
    const QByteArray utf8 = value.toUtf8();
    hash.addData(QByteArray::number(utf8.size()));
    hash.addData(QByteArrayView(":"));
    hash.addData(utf8);
}

AuditEntry readEntry(const SqlQuery &query)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    entry.record.actor = query.value(2).toString();
    entry.record.actingAs = query.value(3).toString();
    entry.record.entity = query.value(4).toString();
    entry.record.entityId = query.value(5).toString();
    entry.record.field = query.value(6).toString();
    entry.record.oldValue = query.value(7).toString();
    entry.record.newValue = query.value(8).toString();
    entry.prevHash = query.value(9).toString();
    entry.hash = query.value(10).toString();
    return entry;
}

/** @p text for a LIKE pattern with ESCAPE '\': its own \, % and _ match only themselves. */
QString escapedLikeText(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return text;
}

const QString kColumns =
    QStringLiteral("id, at, actor, acting_as, entity, entity_id, field, old_value, new_value, prev_hash, hash");

} // namespace

QString AuditTrail::timestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QString AuditTrail::hashOf(qint64 id, const QString &at, const AuditRecord &record, const QString &prevHash)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, QString::number(id));
    addField(hash, at);
    addField(hash, record.actor);
    addField(hash, record.actingAs);
    addField(hash, record.entity);
    addField(hash, record.entityId);
    addField(hash, record.field);
    addField(hash, record.oldValue);
    addField(hash, record.newValue);
    addField(hash, prevHash);
    return QString::fromLatin1(hash.result().toHex());
}

qint64 AuditTrail::append(const QSqlDatabase &db, const AuditRecord &record, const QDateTime &at)
{
    SqlQuery last(db, QStringLiteral("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"));
    last.exec();
    qint64 id = 1;
    QString prevHash = QString::fromLatin1(kGenesis);
    if (last.next()) {
        id = last.value(0).toLongLong() + 1;
        prevHash = last.value(1).toString();
    }
    const QString when = timestamp(at.isValid() ? at : QDateTime::currentDateTimeUtc());
    SqlQuery(db, QStringLiteral("INSERT INTO audit (%1) VALUES (:id, :at, :actor, :acting, :entity, :entity_id, "
                                ":field, :old, :new, :prev, :hash)")
                     .arg(kColumns))
        .bind(QStringLiteral(":id"), id)
        .bind(QStringLiteral(":at"), when)
        .bind(QStringLiteral(":actor"), record.actor)
        .bind(QStringLiteral(":acting"), record.actingAs)
        .bind(QStringLiteral(":entity"), record.entity)
        .bind(QStringLiteral(":entity_id"), record.entityId)
        .bind(QStringLiteral(":field"), record.field)
        .bind(QStringLiteral(":old"), record.oldValue)
        .bind(QStringLiteral(":new"), record.newValue)
        .bind(QStringLiteral(":prev"), prevHash)
        .bind(QStringLiteral(":hash"), hashOf(id, when, record, prevHash))
        .exec();
    return id;
}

qint64 AuditTrail::rowCount(const QSqlDatabase &db)
{
    SqlQuery last(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM audit"));
    last.exec();
    return last.next() ? last.value(0).toLongLong() : 0;
}

QList<AuditEntry> AuditTrail::entries(const QSqlDatabase &db, const AuditFilter &filter)
{
    QString sql = QStringLiteral("SELECT %1 FROM audit WHERE 1 = 1").arg(kColumns);
    if (!filter.entity.isEmpty())
        sql += QStringLiteral(" AND entity = :entity");
    if (!filter.entityId.isEmpty())
        sql += QStringLiteral(" AND entity_id = :entity_id");
    if (!filter.actor.isEmpty())
        sql += QStringLiteral(" AND (actor = :actor OR acting_as = :actor)");
    if (!filter.actionId.isEmpty())
        sql += QStringLiteral(
            " AND ((entity = 'assessment' AND entity_id = :action) OR (entity = 'evidence' AND entity_id IN ("
            "SELECT CAST(evidence_id AS TEXT) FROM evidence_action WHERE action_id = :action "
            "UNION SELECT entity_id FROM audit WHERE entity = 'evidence' AND field = 'actions' "
            "AND (', ' || coalesce(old_value, '') || ', ' LIKE :action_pattern ESCAPE '\\' "
            "OR ', ' || coalesce(new_value, '') || ', ' LIKE :action_pattern ESCAPE '\\'))))");
    if (!filter.person.isEmpty())
        sql += QStringLiteral(" AND (lower(actor) = lower(:person) OR lower(acting_as) = lower(:person) "
                              "OR (entity IN ('person', 'training') AND lower(entity_id) = lower(:person)) "
                              "OR (entity = 'assessment' AND field IN ('owner', 'director') "
                              "AND (lower(old_value) = lower(:person) OR lower(new_value) = lower(:person))))");
    if (!filter.search.isEmpty())
        sql += QStringLiteral(" AND (lower(entity_id) LIKE lower(:search) ESCAPE '\\' "
                              "OR lower(field) LIKE lower(:search) ESCAPE '\\' "
                              "OR lower(coalesce(old_value, '')) LIKE lower(:search) ESCAPE '\\' "
                              "OR lower(coalesce(new_value, '')) LIKE lower(:search) ESCAPE '\\')");
    if (filter.from.isValid())
        sql += QStringLiteral(" AND at >= :from");
    if (filter.to.isValid())
        sql += QStringLiteral(" AND at < :to");
    if (filter.afterId > 0)
        sql += QStringLiteral(" AND id > :after");
    // Keyset paging: the next page starts below the last row shown, straight from the key (no offset to skip).
    if (filter.beforeId > 0)
        sql += QStringLiteral(" AND id < :before");
    sql += QStringLiteral(" ORDER BY id DESC");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT :limit");
    SqlQuery query(db, sql);
    if (!filter.entity.isEmpty())
        query.bind(QStringLiteral(":entity"), filter.entity);
    if (!filter.entityId.isEmpty())
        query.bind(QStringLiteral(":entity_id"), filter.entityId);
    if (!filter.actor.isEmpty())
        query.bind(QStringLiteral(":actor"), filter.actor);
    if (!filter.actionId.isEmpty()) {
        query.bind(QStringLiteral(":action"), filter.actionId);
        query.bind(QStringLiteral(":action_pattern"), QStringLiteral("%, %1, %").arg(escapedLikeText(filter.actionId)));
    }
    if (!filter.person.isEmpty())
        query.bind(QStringLiteral(":person"), filter.person.trimmed());
    if (!filter.search.isEmpty())
        query.bind(QStringLiteral(":search"), QStringLiteral("%%1%").arg(escapedLikeText(filter.search)));
    if (filter.from.isValid())
        query.bind(QStringLiteral(":from"), filter.from.toString(Qt::ISODate));
    if (filter.to.isValid())
        query.bind(QStringLiteral(":to"), filter.to.addDays(1).toString(Qt::ISODate));
    if (filter.afterId > 0)
        query.bind(QStringLiteral(":after"), filter.afterId);
    if (filter.beforeId > 0)
        query.bind(QStringLiteral(":before"), filter.beforeId);
    if (filter.limit > 0)
        query.bind(QStringLiteral(":limit"), filter.limit);
    query.exec();
    QList<AuditEntry> result;
    while (query.next())
        result.append(readEntry(query));
    std::reverse(result.begin(), result.end());
    return result;
}

ChainCheck AuditTrail::verify(const QSqlDatabase &db, const CheckProgress &progress, int batchRows)
{
    ChainCheck check;
    const int kBatch = std::max(1, batchRows);
    const qint64 total = progress ? rowCount(db) : 0;
    SqlQuery query(
        db, QStringLiteral("SELECT %1 FROM audit WHERE id > :after ORDER BY id LIMIT %2").arg(kColumns).arg(kBatch));
    QString expectedPrev = QString::fromLatin1(kGenesis);
    qint64 expectedId = 1;
    // From the smallest key there can be: a row slipped in below the first (id 0 or less) breaks the chain too.
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        query.bind(QStringLiteral(":after"), after).exec();
        int read = 0;
        while (query.next()) {
            ++read;
            const AuditEntry entry = readEntry(query);
            const QString storedAt = query.value(1).toString();
            ++check.rows;
            QString problem;
            if (entry.id != expectedId)
                problem = QStringLiteral("row %1 follows row %2: rows are missing").arg(entry.id).arg(expectedId - 1);
            else if (entry.prevHash != expectedPrev)
                problem = QStringLiteral("row %1 does not link to the row before it").arg(entry.id);
            else if (hashOf(entry.id, storedAt, entry.record, entry.prevHash) != entry.hash)
                problem = QStringLiteral("row %1 was altered after it was written").arg(entry.id);
            if (!problem.isEmpty()) {
                check.ok = false;
                check.firstBadId = entry.id;
                check.problem = problem;
                return check;
            }
            expectedPrev = entry.hash;
            ++expectedId;
            after = entry.id;
        }
        if (read < kBatch)
            break;
        if (progress && !progress(check.rows, total)) {
            check.interrupted = true;
            return check;
        }
    }
    if (progress)
        progress(check.rows, std::max(total, check.rows));
    return check;
}

} // namespace quorum
