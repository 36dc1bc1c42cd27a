// The evidence register a window at a time (issue 19): counting, ordering and narrowing the register in SQL,
// so that a page shows the first screen of 200,000 items without reading them all (docs/design.md, "The
// evidence register reads a window").
#include "core/storage/database.h"
#include "core/storage/evidencerows.h"
#include "core/storage/migrations.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <QHash>

#include <algorithm>

namespace quorum {

namespace {

using Bindings = QList<QPair<QString, QVariant>>;

/** A piece of SQL and the values of its placeholders. */
struct Sql {
    QString text;
    Bindings bindings;
};

/** "%text%" for LIKE ... ESCAPE '!': the person's own !, % and _ match only themselves. */
QString containsPattern(QString text)
{
    text.replace(QLatin1Char('!'), QStringLiteral("!!"));
    text.replace(QLatin1Char('%'), QStringLiteral("!%"));
    text.replace(QLatin1Char('_'), QStringLiteral("!_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

QDate dayOf(const EvidenceQuery &query, const Clock &clock)
{
    return query.asOf.isValid() ? query.asOf : clock.today();
}

/**
 * "e.type IN (:type0, ...)" for the keys whose label contains @p search (the register shows labels, so a search
 * for "minutes" finds board minutes); empty when none does.
 */
template<typename Kind>
Sql labelsMatching(const QString &search, const QList<Kind> &kinds, QString (*label)(Kind), QString (*key)(Kind),
                   const QString &column)
{
    Sql sql;
    QStringList placeholders;
    for (Kind kind : kinds) {
        if (!label(kind).contains(search, Qt::CaseInsensitive))
            continue;
        placeholders << QStringLiteral(":%1%2").arg(column).arg(placeholders.size());
        sql.bindings.append({placeholders.constLast(), key(kind)});
    }
    if (!placeholders.isEmpty())
        sql.text = QStringLiteral("e.%1 IN (%2)").arg(column, placeholders.join(QStringLiteral(", ")));
    return sql;
}

/**
 * LIKE that ignores case: SQLite's LIKE already does for ASCII letters (lower() on every row would cost a third
 * of a search of 200,000 items, and folds no more than LIKE does), PostgreSQL's ILIKE does.
 */
QString likeOf(const QSqlDatabase &db)
{
    return engineOf(db) == SqlDialect::Engine::Postgres ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

bool isHexText(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(),
                       [](QChar c) { return QStringView(u"0123456789abcdefABCDEF").contains(c); });
}

/**
 * "e.id IN (the items linked to the actions whose id contains the search)": the few catalogue ids are matched
 * first, so the links are read through their index instead of matching the text against every link.
 */
Sql actionsMatching(const QSqlDatabase &db, const QString &pattern)
{
    SqlQuery ids(db,
                 QStringLiteral("SELECT id FROM action WHERE id %1 :search ESCAPE '!' ORDER BY id").arg(likeOf(db)));
    ids.bind(QStringLiteral(":search"), pattern).exec();
    Sql sql;
    QStringList placeholders;
    while (ids.next()) {
        placeholders << QStringLiteral(":action_id%1").arg(placeholders.size());
        sql.bindings.append({placeholders.constLast(), ids.value(0).toString()});
    }
    if (!placeholders.isEmpty())
        sql.text = QStringLiteral("e.id IN (SELECT evidence_id FROM evidence_action WHERE action_id IN (%1))")
                       .arg(placeholders.join(QStringLiteral(", ")));
    return sql;
}

/** The conditions of @p query, each a piece of SQL on `evidence e`. */
QList<Sql> conditionsOf(const QSqlDatabase &db, const EvidenceQuery &query, const QDate &today)
{
    QList<Sql> conditions;
    if (!query.actionId.isEmpty())
        conditions.append(
            {QStringLiteral("e.id IN (SELECT evidence_id FROM evidence_action WHERE action_id = :action)"),
             {{QStringLiteral(":action"), query.actionId}}});
    if (query.status) {
        // As evidenceStatus(): expired after its review-by date, expiring within kExpiringWithinDays of it, current
        // otherwise and without one. ISO dates order as text; each is a range of the index on review_by.
        const Bindings dates{{QStringLiteral(":today"), today.toString(Qt::ISODate)},
                             {QStringLiteral(":soon"), today.addDays(kExpiringWithinDays).toString(Qt::ISODate)}};
        switch (*query.status) {
        case EvidenceStatus::Expired:
            conditions.append({QStringLiteral("e.review_by < :today"), {dates.at(0)}});
            break;
        case EvidenceStatus::Expiring:
            conditions.append({QStringLiteral("e.review_by >= :today AND e.review_by <= :soon"), dates});
            break;
        case EvidenceStatus::Current:
            conditions.append({QStringLiteral("(e.review_by IS NULL OR e.review_by > :soon)"), {dates.at(1)}});
            break;
        }
    }
    if (!query.search.isEmpty()) {
        const QString pattern = containsPattern(query.search);
        const QString like = likeOf(db);
        Sql any{QStringLiteral("e.title %1 :search ESCAPE '!' OR e.file_name %1 :search ESCAPE '!' "
                               "OR e.url %1 :search ESCAPE '!'")
                    .arg(like),
                {{QStringLiteral(":search"), pattern}}};
        // A SHA-256 is hex digits: other text cannot be in one.
        if (isHexText(query.search))
            any.text += QStringLiteral(" OR e.sha256 %1 :search ESCAPE '!'").arg(like);
        for (const Sql &more : {actionsMatching(db, pattern),
                                labelsMatching(query.search, allEvidenceTypes(), evidenceTypeLabel, evidenceTypeKey,
                                               QStringLiteral("type")),
                                labelsMatching(query.search, allEvidenceSources(), evidenceSourceLabel,
                                               evidenceSourceKey, QStringLiteral("source"))}) {
            if (more.text.isEmpty())
                continue;
            any.text += QStringLiteral(" OR ") + more.text;
            any.bindings += more.bindings;
        }
        any.text = QLatin1Char('(') + any.text + QLatin1Char(')');
        conditions.append(any);
    }
    return conditions;
}

/** " WHERE a AND b" (empty without conditions), with the values of all of them. */
Sql whereOf(const QList<Sql> &conditions)
{
    Sql where;
    QStringList texts;
    for (const Sql &condition : conditions) {
        texts << condition.text;
        where.bindings += condition.bindings;
    }
    if (!texts.isEmpty())
        where.text = QStringLiteral(" WHERE ") + texts.join(QStringLiteral(" AND "));
    return where;
}

/**
 * What a column is sorted by: an expression on `evidence e` (none for the id), whether it can be NULL, and where
 * NULL goes in ascending order. The id breaks every tie, so the order is total and a window never repeats or skips
 * a row.
 */
struct SortKey {
    Sql expression; ///< empty text: by id alone
    bool nullable = false;
    bool nullsLast = false; ///< in ascending order
    bool indexed = false;   ///< text that an index holds in this order (with the id)
};

/** CASE @p column WHEN key THEN rank ... : the keys of @p kinds ranked by their labels, as the register shows them. */
template<typename Kind>
Sql rankedByLabel(const QList<Kind> &kinds, QString (*label)(Kind), QString (*key)(Kind), Kind fallback,
                  const QString &column)
{
    QList<Kind> ranked = kinds;
    std::stable_sort(ranked.begin(), ranked.end(), [label](Kind a, Kind b) { return label(a) < label(b); });
    Sql sql{QStringLiteral("CASE e.%1").arg(column), {}};
    for (qsizetype rank = 0; rank < ranked.size(); ++rank) {
        const QString placeholder = QStringLiteral(":%1_rank%2").arg(column).arg(rank);
        sql.text += QStringLiteral(" WHEN %1 THEN %2").arg(placeholder).arg(rank);
        sql.bindings.append({placeholder, key(ranked.at(rank))});
    }
    // A key this program does not know reads as the fallback (readEvidence), so it sorts as one.
    sql.text += QStringLiteral(" ELSE %1 END").arg(ranked.indexOf(fallback));
    return sql;
}

SortKey sortKeyOf(EvidenceQuery::Sort sort, const QDate &today)
{
    switch (sort) {
    case EvidenceQuery::Sort::Id:
        return {};
    case EvidenceQuery::Sort::Title:
        return {{QStringLiteral("e.title"), {}}, false, false, true};
    case EvidenceQuery::Sort::Actions:
        // The first of its actions by id (an item supports one at least).
        return {{QStringLiteral("(SELECT min(ea.action_id) FROM evidence_action ea WHERE ea.evidence_id = e.id)"), {}},
                true,
                false};
    case EvidenceQuery::Sort::Type:
        return {rankedByLabel(allEvidenceTypes(), evidenceTypeLabel, evidenceTypeKey, EvidenceType::Other,
                              QStringLiteral("type"))};
    case EvidenceQuery::Sort::Source:
        return {rankedByLabel(allEvidenceSources(), evidenceSourceLabel, evidenceSourceKey, EvidenceSource::Management,
                              QStringLiteral("source"))};
    case EvidenceQuery::Sort::Effective:
        // No date first, as the empty text it shows.
        return {{QStringLiteral("coalesce(e.effective_date, '')"), {}}, false, false, true};
    case EvidenceQuery::Sort::ReviewBy:
        return {{QStringLiteral("e.review_by"), {}}, true, true, true}; // never due: last
    case EvidenceQuery::Sort::Status:
        // The EvidenceStatus order: current, expiring, expired.
        return {{QStringLiteral("CASE WHEN e.review_by IS NULL THEN %1 WHEN e.review_by < :today THEN %3 "
                                "WHEN e.review_by <= :soon THEN %2 ELSE %1 END")
                     .arg(int(EvidenceStatus::Current))
                     .arg(int(EvidenceStatus::Expiring))
                     .arg(int(EvidenceStatus::Expired)),
                 {{QStringLiteral(":today"), today.toString(Qt::ISODate)},
                  {QStringLiteral(":soon"), today.addDays(kExpiringWithinDays).toString(Qt::ISODate)}}}};
    case EvidenceQuery::Sort::Hash:
        return {{QStringLiteral("e.sha256"), {}}, true, false}; // links (no file) first
    case EvidenceQuery::Sort::Kind:
        // Files by revision, then links.
        return {{QStringLiteral("CASE WHEN e.sha256 IS NULL THEN 2147483647 ELSE e.revision END"), {}}};
    }
    return {};
}

/**
 * " ORDER BY key, e.id" in @p order, NULL placed the same way on both engines. With @p sortMatches, the engine sorts
 * the rows that match instead of walking an index in order and reading every row it passes (the key as an
 * expression that no index holds): a search that matches a few items of 200,000 then costs one pass over the table
 * instead of a read of every row in index order, three times as long on SQLite, twice on PostgreSQL (whose generic
 * plan of a kept statement, not knowing the text, walks the index).
 */
QString orderByOf(const SortKey &key, Qt::SortOrder order, bool sortMatches)
{
    const QString direction = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (key.expression.text.isEmpty())
        return QStringLiteral(" ORDER BY e.id %1").arg(direction);
    const bool nullsAfter = (order == Qt::AscendingOrder) == key.nullsLast;
    const QString nulls =
        key.nullable ? (nullsAfter ? QStringLiteral(" NULLS LAST") : QStringLiteral(" NULLS FIRST")) : QString();
    const QString expression =
        sortMatches && key.indexed ? QStringLiteral("(%1 || '')").arg(key.expression.text) : key.expression.text;
    return QStringLiteral(" ORDER BY %1 %2%3, e.id %2").arg(expression, direction, nulls);
}

void bindAll(SqlQuery &query, const Bindings &bindings)
{
    for (const auto &[placeholder, value] : bindings)
        query.bind(placeholder, value);
}

} // namespace

int Store::evidenceCount(const EvidenceQuery &query) const
{
    // All the items, or one action's: the totals kept by triggers (schema 3), instead of counting 200,000 rows.
    if (query.search.isEmpty() && !query.status && m_database.schemaVersion() >= kEvidenceTallyVersion) {
        SqlQuery tally(db(), QStringLiteral("SELECT n FROM evidence_tally WHERE subject = :subject"));
        tally.bind(QStringLiteral(":subject"), query.actionId).exec();
        return tally.next() ? tally.value(0).toInt() : 0; // a total that reaches nought has no row
    }
    const Sql where = whereOf(conditionsOf(db(), query, dayOf(query, m_clock)));
    SqlQuery count(db(), QStringLiteral("SELECT count(*) FROM evidence e") + where.text);
    bindAll(count, where.bindings);
    return count.scalar().toInt();
}

QList<Evidence> Store::evidenceWindow(const EvidenceQuery &query, int offset, int limit) const
{
    if (limit <= 0)
        return {};
    const QDate today = dayOf(query, m_clock);
    const Sql where = whereOf(conditionsOf(db(), query, today));
    const SortKey key = sortKeyOf(query.sort, today);
    // The window's ids first: the order and the offset are worked out on the evidence table alone (through an
    // index for the title and review-by orders), and only the rows returned are read whole and joined.
    SqlQuery ids(db(), QStringLiteral("SELECT e.id FROM evidence e%1%2 LIMIT :limit OFFSET :offset")
                           .arg(where.text, orderByOf(key, query.order, !query.search.isEmpty())));
    bindAll(ids, where.bindings);
    bindAll(ids, key.expression.bindings);
    ids.bind(QStringLiteral(":limit"), limit).bind(QStringLiteral(":offset"), std::max(offset, 0)).exec();
    QHash<qint64, qsizetype> position;
    QStringList placeholders;
    Bindings idValues;
    while (ids.next()) {
        const qint64 id = ids.value(0).toLongLong();
        position.insert(id, position.size());
        placeholders << QStringLiteral(":id%1").arg(placeholders.size());
        idValues.append({placeholders.constLast(), id});
    }
    if (placeholders.isEmpty())
        return {};
    const QString list = placeholders.join(QStringLiteral(", "));
    SqlQuery rows(db(), versioned(QStringLiteral("SELECT %1 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
                                                 "WHERE e.id IN (%2)")
                                      .arg(kEvidenceColumns, list)));
    bindAll(rows, idValues);
    rows.exec();
    QList<Evidence> result(position.size());
    QList<bool> found(position.size(), false);
    while (rows.next()) {
        Evidence item = readEvidence(rows);
        const qsizetype at = position.value(item.id);
        result[at] = std::move(item);
        found[at] = true;
    }
    const QHash<qint64, QStringList> links =
        linkedActions(QStringLiteral("evidence_action"), QStringLiteral("evidence_id"), list, idValues);
    QList<Evidence> ordered;
    ordered.reserve(result.size());
    for (qsizetype at = 0; at < result.size(); ++at) {
        if (!found.at(at)) // removed by someone else between the two reads (a server)
            continue;
        result[at].actionIds = links.value(result.at(at).id);
        ordered.append(std::move(result[at]));
    }
    return ordered;
}

int Store::evidenceRowOf(const EvidenceQuery &query, qint64 id) const
{
    const QDate today = dayOf(query, m_clock);
    const Sql where = whereOf(conditionsOf(db(), query, today));
    const SortKey key = sortKeyOf(query.sort, today);
    const QString also = where.text.isEmpty() ? QStringLiteral(" WHERE ") : where.text + QStringLiteral(" AND ");
    // Its key, if the query shows it at all.
    SqlQuery item(db(), QStringLiteral("SELECT %1 FROM evidence e%2e.id = :target")
                            .arg(key.expression.text.isEmpty() ? QStringLiteral("e.id") : key.expression.text, also));
    bindAll(item, where.bindings);
    bindAll(item, key.expression.bindings);
    item.bind(QStringLiteral(":target"), id).exec();
    if (!item.next())
        return -1;
    const QVariant value = item.value(0);
    // Its row is the number of rows before it in the order (orderByOf): a smaller key, or the same key and a
    // smaller id (each the other way round when descending).
    const QString less = query.order == Qt::AscendingOrder ? QStringLiteral("<") : QStringLiteral(">");
    const QString byId = QStringLiteral("e.id %1 :target").arg(less);
    QString before;
    if (key.expression.text.isEmpty()) {
        before = byId;
    } else {
        const QString k = key.expression.text;
        const bool nullsAfter = (query.order == Qt::AscendingOrder) == key.nullsLast;
        if (!value.isNull()) {
            before = QStringLiteral("%1 %2 :key OR (%1 = :key AND %3)").arg(k, less, byId);
            if (key.nullable && !nullsAfter)
                before = QStringLiteral("%1 IS NULL OR ").arg(k) + before;
        } else {
            before = nullsAfter ? QStringLiteral("%1 IS NOT NULL OR (%1 IS NULL AND %2)").arg(k, byId)
                                : QStringLiteral("%1 IS NULL AND %2").arg(k, byId);
        }
    }
    SqlQuery count(db(), QStringLiteral("SELECT count(*) FROM evidence e%1(%2)").arg(also, before));
    bindAll(count, where.bindings);
    bindAll(count, key.expression.bindings);
    if (!value.isNull() && !key.expression.text.isEmpty())
        count.bind(QStringLiteral(":key"), value);
    count.bind(QStringLiteral(":target"), id);
    return count.scalar().toInt();
}

} // namespace quorum
