#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/evidencerows.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/migrations.h"
#include "core/storage/sql.h"
#include "core/storage/sqlitedialect.h"
#include "core/storage/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace quorum {

namespace {

QDate dateFrom(const QVariant &value)
{
    return value.isNull() ? QDate() : QDate::fromString(value.toString(), Qt::ISODate);
}

QString sha256Of(const QByteArray &data)
{
    return BlobStore::sha256Of(data);
}

QString megabytes(qint64 bytes)
{
    return QString::number((bytes + 1024 * 1024 - 1) / (1024 * 1024));
}

Error tooLarge(const QString &name, qint64 size)
{
    return Error(Error::Kind::InvalidInput,
                 QStringLiteral("%1 is %2 MB; Quorum stores files up to %3 MB. Record a link to it instead.")
                     .arg(name, megabytes(size))
                     .arg(Store::kMaxEvidenceBytes / (1024 * 1024)));
}

/** A web link as stored: trimmed, http or https with a host, at most 2000 characters. */
QString checkedUrl(const QString &text)
{
    const QString url = text.trimmed();
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QStringLiteral("https") && scheme != QStringLiteral("http")))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("\"%1\" is not a web link; a link must start with https:// or http://.").arg(url));
    if (url.size() > 2000)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The link is longer than 2000 characters."));
    return url;
}

/** The name a stored file is kept under: the original name without folders. */
QString checkedFileName(const QString &name)
{
    QString base = name;
    const qsizetype slash = std::max(base.lastIndexOf(QLatin1Char('/')), base.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        base = base.mid(slash + 1);
    const QString fileName = checkedText(base, QStringLiteral("file name"), Store::kMaxNameChars, false);
    if (fileName.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A stored file needs a name."));
    return fileName;
}

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

/** How the audit trail names a stored file: "minutes.pdf (revision 2, sha256 ab12...)". */
QString fileDescription(const QString &fileName, int revision, const QString &sha256)
{
    return QStringLiteral("%1 (revision %2, sha256 %3)").arg(fileName).arg(revision).arg(sha256);
}

/** How the audit trail names a whole piece of evidence. */
QString evidenceDescription(const Evidence &e)
{
    const QString what =
        e.isFile() ? QStringLiteral("%1, revision %2, sha256 %3").arg(e.fileName).arg(e.revision).arg(e.sha256) : e.url;
    return QStringLiteral("%1 (%2; supports %3)").arg(e.title, what, e.actionIds.join(QStringLiteral(", ")));
}

void checkDates(const QDate &effective, const QDate &reviewBy)
{
    if (effective.isValid() && reviewBy.isValid() && reviewBy < effective)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The review-by date %1 is before the effective date %2.")
                        .arg(reviewBy.toString(Qt::ISODate), effective.toString(Qt::ISODate)));
}

/**
 * An empty file backs nothing, and a rating it seemed to support would be an unsupported claim in
 * disguise: refused wherever a file becomes evidence (added, replaced, read from disk).
 */
Error emptyFile(const QString &name)
{
    return Error(Error::Kind::InvalidInput,
                 QStringLiteral("%1 is empty (0 bytes), so it cannot be evidence: nothing in it supports an "
                                "assessment. Choose the file that holds the evidence.")
                     .arg(name));
}

/** Throws Corrupt unless @p data still hashes to @p sha256. */
void checkBlob(const QByteArray &data, const QString &sha256, qint64 evidenceId)
{
    if (sha256Of(data) != sha256)
        throw Error(Error::Kind::Corrupt,
                    QStringLiteral("The stored file of evidence %1 no longer matches its SHA-256; it was changed "
                                   "outside Quorum. Restore the database from a backup.")
                        .arg(evidenceId));
}

} // namespace

namespace {

/**
 * Opens @p file at @p path for reading as evidence; returns its name as shown. Refuses a folder, a missing,
 * unreadable or special file (a device, a pipe), a file larger than Store::kMaxEvidenceBytes and the open
 * database's own files, with an Error naming the file and what to do.
 */
QString openEvidenceFile(const QString &path, QFile &file)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists())
        throw Error(Error::Kind::NotFound, QStringLiteral("%1 does not exist; check the name and folder.").arg(shown));
    if (info.isDir())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 is a folder; choose a file in it.").arg(shown));
    if (!info.isFile())
        throw Error(
            Error::Kind::InvalidInput,
            QStringLiteral("%1 is not a regular file (a device or a pipe); save it as a file first.").arg(shown));
    if (info.size() > Store::kMaxEvidenceBytes)
        throw tooLarge(shown, info.size());
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("added as evidence"));
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Cannot read %1 (%2); check that you are allowed to read it.")
                        .arg(shown, file.errorString()));
    return shown;
}

/**
 * A file on disk about to be stored as evidence: checked, open, and hashed in a first pass a chunk at a time
 * (the hash is the file's key, needed before anything is written); BlobStore::put reads it again to store it
 * and refuses it if it changed in between.
 */
struct IncomingFile {
    QFile file;
    QString shown;
    QString sha256;
    qint64 size = 0;

    explicit IncomingFile(const QString &path)
    {
        shown = openEvidenceFile(path, file);
        sha256 = BlobStore::sha256Of(file, shown, Store::kMaxEvidenceBytes, &size);
        if (size > Store::kMaxEvidenceBytes)
            throw tooLarge(shown, size);
        if (size == 0)
            throw emptyFile(shown);
    }

    /** Stores the bytes with @p blobs (inside the caller's transaction), read again from the start. */
    void store(const BlobStore &blobs)
    {
        if (!file.seek(0))
            throw Error(
                Error::Kind::InvalidInput,
                QStringLiteral("Cannot read %1 again (%2); nothing was stored.").arg(shown, file.errorString()));
        blobs.put(sha256, size, file, shown);
    }
};

} // namespace

EvidenceInput evidenceInputFromFile(const QString &path)
{
    EvidenceInput input;
    QFile file;
    const QString shown = openEvidenceFile(path, file); // refused now rather than when it is stored
    if (file.size() == 0)
        throw emptyFile(shown);
    input.sourcePath = path;
    const QFileInfo info(path);
    input.isFile = true;
    input.fileName = info.fileName();
    input.title = info.completeBaseName().trimmed().isEmpty() ? info.fileName() : info.completeBaseName();
    return input;
}

qint64 Store::addEvidence(const EvidenceInput &input)
{
    const QString title = checkedText(input.title, QStringLiteral("evidence title"), kMaxNameChars, false);
    if (title.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence needs a title."));
    if (input.actionIds.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence must support at least one action."));
    QStringList actionIds;
    for (const QString &actionId : input.actionIds) {
        const QString id = checkActionId(actionId);
        if (!actionIds.contains(id))
            actionIds << id;
    }
    checkDates(input.effective, input.reviewBy);

    QString url;
    QString fileName;
    QString sha256;
    std::optional<IncomingFile> fromDisk;
    if (input.isFile) {
        if (input.content.isEmpty() && !input.sourcePath.isEmpty()) {
            fromDisk.emplace(input.sourcePath);
            sha256 = fromDisk->sha256;
        } else {
            if (input.content.size() > kMaxEvidenceBytes)
                throw tooLarge(input.fileName, input.content.size());
            if (input.content.isEmpty())
                throw emptyFile(input.fileName);
            sha256 = sha256Of(input.content);
        }
        fileName = checkedFileName(input.fileName);
    } else {
        url = checkedUrl(input.url);
    }

    Transaction transaction(m_database);
    if (fromDisk)
        fromDisk->store(blobs());
    else if (input.isFile)
        blobs().put(sha256, input.content);
    const qint64 id = insertRow(db(), QStringLiteral("evidence"), 0,
                                {
                                    {QStringLiteral("title"), title},
                                    {QStringLiteral("type"), evidenceTypeKey(input.type)},
                                    {QStringLiteral("source"), evidenceSourceKey(input.source)},
                                    {QStringLiteral("effective_date"), isoDateOrNull(input.effective)},
                                    {QStringLiteral("review_by"), isoDateOrNull(input.reviewBy)},
                                    {QStringLiteral("url"), nullIfEmpty(url)},
                                    {QStringLiteral("sha256"), nullIfEmpty(sha256)},
                                    {QStringLiteral("file_name"), nullIfEmpty(fileName)},
                                    {QStringLiteral("revision"), QVariant(1)},
                                    {QStringLiteral("created_at"), AuditTrail::timestamp(m_clock.now())},
                                });
    for (const QString &actionId : std::as_const(actionIds)) {
        SqlQuery(db(), QStringLiteral("INSERT INTO evidence_action (evidence_id, action_id) VALUES (:e, :a)"))
            .bind(QStringLiteral(":e"), id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    const QString subject = QString::number(id);
    audit(QStringLiteral("evidence"), subject, QStringLiteral("added"), QString(),
          input.isFile ? QStringLiteral("%1 (%2, sha256 %3)").arg(title, fileName, sha256)
                       : QStringLiteral("%1 (%2)").arg(title, url));
    audit(QStringLiteral("evidence"), subject, QStringLiteral("actions"), QString(),
          actionIds.join(QStringLiteral(", ")));
    transaction.commit();
    return id;
}

QList<Evidence> Store::evidence() const
{
    return evidenceOfAction(QString());
}

QList<Evidence> Store::evidenceOfAction(const QString &actionId) const
{
    // Empty: every item. Otherwise only the action's items, and only their links are read.
    const QString ofAction = QStringLiteral("SELECT evidence_id FROM evidence_action WHERE action_id = :action");
    SqlQuery q(db(), versioned(QStringLiteral("SELECT %1 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256%2 "
                                              "ORDER BY e.id")
                                   .arg(kEvidenceColumns, actionId.isEmpty()
                                                              ? QString()
                                                              : QStringLiteral(" WHERE e.id IN (%1)").arg(ofAction))));
    if (!actionId.isEmpty())
        q.bind(QStringLiteral(":action"), actionId);
    q.exec();
    QList<Evidence> result;
    while (q.next())
        result.append(readEvidence(q));
    const QHash<qint64, QStringList> links =
        actionId.isEmpty() ? linkedActions(QStringLiteral("evidence_action"), QStringLiteral("evidence_id"))
                           : linkedActions(QStringLiteral("evidence_action"), QStringLiteral("evidence_id"), ofAction,
                                           {{QStringLiteral(":action"), actionId}});
    for (Evidence &item : result)
        item.actionIds = links.value(item.id);
    return result;
}

EvidenceCounts Store::evidenceCounts(const QDate &asOf) const
{
    EvidenceCounts counts;
    counts.asOf = asOf;
    const QString today = asOf.toString(Qt::ISODate);
    const QString soon = asOf.addDays(kExpiringWithinDays).toString(Qt::ISODate);
    // Current = all minus expired (an item with no review date never expires). The totals are kept by triggers
    // (evidence_tally; the empty subject counts items, an action's its links), or counted in a read-only file
    // from before them.
    const int schema = m_database.schemaVersion();
    SqlQuery totals(db(), schema >= kEvidenceTallyVersion
                              ? QStringLiteral("SELECT subject, n FROM evidence_tally WHERE n > 0")
                              : QStringLiteral("SELECT action_id, count(*) FROM evidence_action GROUP BY action_id "
                                               "UNION ALL SELECT '', count(*) FROM evidence"));
    totals.exec();
    while (totals.next()) {
        const QString subject = totals.value(0).toString();
        if (subject.isEmpty()) {
            counts.current = totals.value(1).toInt();
            continue;
        }
        counts.currentByAction.insert(subject, totals.value(1).toInt());
        counts.expiringByAction.insert(subject, 0);
        counts.expiredByAction.insert(subject, 0);
    }
    // The items expired, and due by `soon`: two range counts on the review-by index, which read no row (one pass
    // that summed the expired ones decoded every entry, and took twice as long on a register of 200,000).
    SqlQuery due(db(), QStringLiteral("SELECT (SELECT count(*) FROM evidence WHERE review_by < :today), "
                                      "(SELECT count(*) FROM evidence WHERE review_by <= :soon)"));
    due.bind(QStringLiteral(":today"), today).bind(QStringLiteral(":soon"), soon).exec();
    if (due.next()) {
        counts.expired = due.value(0).toInt();
        counts.expiring = due.value(1).toInt() - counts.expired;
    }
    // Each action's: from the links' own review-by dates and their index on (action_id, review_by), two range
    // counts per action (issue 19: a register of years holds tens of thousands of due items); a read-only file
    // from before schema 11 counts them through the items due.
    SqlQuery byAction(db(), schema >= kLinkDueDatesVersion
                                ? QStringLiteral("SELECT a.id, (SELECT count(*) FROM evidence_action ea WHERE "
                                                 "ea.action_id = a.id AND ea.review_by < :today), (SELECT count(*) "
                                                 "FROM evidence_action ea WHERE ea.action_id = a.id AND "
                                                 "ea.review_by <= :soon) FROM action a")
                                : QStringLiteral("SELECT ea.action_id, sum(CASE WHEN e.review_by < :today THEN 1 ELSE "
                                                 "0 END), count(*) FROM evidence e CROSS JOIN evidence_action ea "
                                                 "WHERE ea.evidence_id = e.id AND e.review_by <= :soon "
                                                 "GROUP BY ea.action_id"));
    byAction.bind(QStringLiteral(":today"), today).bind(QStringLiteral(":soon"), soon).exec();
    while (byAction.next()) {
        const QString action = byAction.value(0).toString();
        const int expired = byAction.value(1).toInt();
        const int dueSoon = byAction.value(2).toInt();
        if (dueSoon == 0 || !counts.currentByAction.contains(action))
            continue;
        counts.expiredByAction[action] = expired;
        counts.expiringByAction[action] = dueSoon - expired;
        counts.currentByAction[action] -= expired;
    }
    counts.current -= counts.expired;
    return counts;
}

namespace {

/** "created_at < :after": recorded by the end of @p date (UTC), as the board pack of a review counts. */
QString recordedByCondition(const QDate &date)
{
    return date.isValid() ? QStringLiteral(" AND created_at < :after") : QString();
}

void bindRecordedBy(SqlQuery &query, const QDate &date)
{
    if (date.isValid())
        query.bind(QStringLiteral(":after"), date.addDays(1).toString(Qt::ISODate));
}

} // namespace

QList<ExpiredEvidence> Store::expiredEvidence(const QDate &asOf, int limit, const QDate &recordedBy, int *total) const
{
    return expiredEvidence(asOf, limit, recordedBy, total, -1);
}

QList<ExpiredEvidence> Store::expiredEvidence(const QDate &asOf, int limit, const QDate &recordedBy, int *total,
                                              qint64 expiredCount) const
{
    const QString expiredOnes = QStringLiteral("SELECT id, title, review_by FROM evidence WHERE review_by < :today")
                                + recordedByCondition(recordedBy);
    QList<ExpiredEvidence> items;
    const auto read = [&](const QString &sql, std::optional<int> rows) {
        SqlQuery q(db(), sql);
        q.bind(QStringLiteral(":today"), asOf.toString(Qt::ISODate));
        bindRecordedBy(q, recordedBy);
        if (rows)
            q.bind(QStringLiteral(":limit"), *rows);
        q.exec();
        while (q.next())
            items.append({q.value(0).toLongLong(), q.value(1).toString(), dateFrom(q.value(2)), {}});
    };
    if (limit >= EvidenceSummary::kAllExpired) {
        read(expiredOnes, std::nullopt);
        if (total)
            *total = int(items.size());
    } else {
        // The first @p limit in the attention list's order (title case-insensitively, then id) without reading every
        // expired title (issue 19: tens of thousands in a register of years): for titles of ASCII alone, an ASCII
        // case fold in SQL orders them as Qt does, so the first @p limit of those; and every title with other letters
        // (accents fold differently), which the sort below puts in its place. The true first @p limit are among them.
        const SqlDialect &dialect = SqlDialect::of(db());
        const int schema = m_database.schemaVersion();
        const QString asciiOnly = dialect.titleIsAscii();
        qint64 expired = expiredCount;
        if (expired < 0) {
            SqlQuery count(db(), QStringLiteral("SELECT count(*) FROM evidence WHERE review_by < :today")
                                     + recordedByCondition(recordedBy));
            count.bind(QStringLiteral(":today"), asOf.toString(Qt::ISODate));
            bindRecordedBy(count, recordedBy);
            expired = count.scalar().toLongLong();
        }
        if (total)
            *total = int(expired);
        // Two ways to the first of the ASCII titles: walk the titles in that order (schema 13's index), keeping the
        // expired ones, or read every expired one through the review-by index and sort them. The walk passes about
        // limit * registerSize / expired rows, the read `expired` rows: so the walk once many have expired.
        const qint64 registerSize =
            schema >= kEvidenceTallyVersion
                ? SqlQuery(db(), QStringLiteral("SELECT n FROM evidence_tally WHERE subject = ''"))
                      .scalar()
                      .toLongLong()
                : SqlQuery(db(), QStringLiteral("SELECT count(*) FROM evidence")).scalar().toLongLong();
        const bool walk = schema >= kAttentionOrderVersion && expired > limit
                          && double(std::max(limit, 1)) * double(registerSize) < double(expired) * double(expired);
        // "+review_by" keeps SQLite off the review-by index, so it walks the titles; PostgreSQL weighs both itself.
        const QString due = walk && dialect.engine() == SqlDialect::Engine::Sqlite
                                ? QStringLiteral("SELECT id, title, review_by FROM evidence WHERE +review_by < :today")
                                      + recordedByCondition(recordedBy)
                                : expiredOnes;
        read(due
                 + QStringLiteral(" AND %1 ORDER BY %2, id LIMIT :limit")
                       .arg(asciiOnly, dialect.titleInAsciiFoldOrder()),
             std::max(limit, 0));
        // The other titles, through schema 13's index on them (few in any register), its condition written as the
        // index's so the engine may use it. SQLite is told to: without statistics it prefers the review-by index.
        const bool sqliteIndexed = schema >= kAttentionOrderVersion && dialect.engine() == SqlDialect::Engine::Sqlite;
        read(QStringLiteral("SELECT id, title, review_by FROM evidence %1 WHERE review_by < :today%2 AND NOT (%3)")
                 .arg(sqliteIndexed ? QStringLiteral("INDEXED BY evidence_other_titles_due") : QString(),
                      recordedByCondition(recordedBy), asciiOnly),
             std::nullopt);
    }
    const auto inAttentionOrder = [](const ExpiredEvidence &a, const ExpiredEvidence &b) {
        const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
        return byTitle != 0 ? byTitle < 0 : a.id < b.id;
    };
    if (limit < items.size()) {
        std::partial_sort(items.begin(), items.begin() + std::max(limit, 0), items.end(), inAttentionOrder);
        items.resize(std::max(limit, 0));
    }
    std::sort(items.begin(), items.end(),
              [](const ExpiredEvidence &a, const ExpiredEvidence &b) { return a.id < b.id; });
    if (items.isEmpty())
        return items;
    // Their links: all of them at once when every item is listed, otherwise those of the items listed.
    QHash<qint64, QStringList> links;
    if (limit >= items.size() && items.size() > 1000) {
        SqlQuery q(db(),
                   QStringLiteral("SELECT ea.evidence_id, ea.action_id FROM evidence e CROSS JOIN evidence_action ea "
                                  "WHERE ea.evidence_id = e.id AND e.review_by < :today"));
        q.bind(QStringLiteral(":today"), asOf.toString(Qt::ISODate)).exec(); // a few more links than needed: harmless
        while (q.next())
            links[q.value(0).toLongLong()] << q.value(1).toString();
    } else {
        // One statement for the items listed (a round trip each would cost a server dozens per refresh).
        QStringList placeholders;
        for (qsizetype i = 0; i < items.size(); ++i)
            placeholders << QStringLiteral(":e%1").arg(i);
        SqlQuery q(db(), QStringLiteral("SELECT evidence_id, action_id FROM evidence_action WHERE evidence_id IN (%1)")
                             .arg(placeholders.join(QStringLiteral(", "))));
        for (qsizetype i = 0; i < items.size(); ++i)
            q.bind(placeholders[i], items[i].id);
        q.exec();
        while (q.next())
            links[q.value(0).toLongLong()] << q.value(1).toString();
    }
    // Each item's actions in catalogue order, as everywhere else.
    const QHash<QString, int> rank = catalogueRanks();
    for (ExpiredEvidence &item : items) {
        item.actionIds = links.value(item.id);
        std::sort(item.actionIds.begin(), item.actionIds.end(),
                  [&rank](const QString &a, const QString &b) { return rank.value(a) < rank.value(b); });
    }
    return items;
}

EvidenceCounts Store::evidenceRecordedCounts(const QDate &asOf, const QDate &recordedBy) const
{
    if (!recordedBy.isValid())
        return evidenceCounts(asOf);
    // One pass over the items (no index on created_at, which only a past meeting's pack asks about). Each action's
    // items not expired are those of today's counts: an upper bound, recorded by then or not (see the header).
    EvidenceCounts counts = evidenceCounts(asOf);
    counts.expiringByAction.clear();
    counts.expiredByAction.clear();
    const QString today = asOf.toString(Qt::ISODate);
    SqlQuery totals(db(), QStringLiteral("SELECT count(*), coalesce(sum(CASE WHEN review_by < :today THEN 1 ELSE 0 "
                                         "END), 0), coalesce(sum(CASE WHEN review_by >= :today2 AND review_by <= :soon "
                                         "THEN 1 ELSE 0 END), 0) FROM evidence WHERE 1 = 1")
                              + recordedByCondition(recordedBy));
    totals.bind(QStringLiteral(":today"), today)
        .bind(QStringLiteral(":today2"), today)
        .bind(QStringLiteral(":soon"), asOf.addDays(kExpiringWithinDays).toString(Qt::ISODate));
    bindRecordedBy(totals, recordedBy);
    totals.exec();
    if (totals.next()) {
        counts.expired = totals.value(1).toInt();
        counts.expiring = totals.value(2).toInt();
        counts.current = totals.value(0).toInt() - counts.expired;
    }
    return counts;
}

QList<qint64> Store::newestUnexpiredEvidence(const QDate &asOf, const QDate &recordedBy, int perAction,
                                             const QHash<QString, int> &notExpiredByAction) const
{
    // Newest first (effective date, then id; no date last) through the index on those, in batches
    // (a server sends a whole result at once): an item is listed when it is among the newest @p perAction of one
    // of its actions, and the reading stops once every action has as many as it holds, up to @p perAction.
    QHash<QString, int> wanted;
    for (auto it = notExpiredByAction.cbegin(); it != notExpiredByAction.cend(); ++it) {
        if (it.value() > 0)
            wanted.insert(it.key(), std::min(it.value(), perAction));
    }
    // By key, not by offset: each batch starts after the last row of the one before, so reading to the end (an
    // action with fewer items than it might hold) is one walk of the index, not a walk per batch.
    const auto statement = [&recordedBy](bool first, const QString &columns) {
        return QStringLiteral("SELECT %1 FROM evidence WHERE (review_by IS NULL OR review_by >= :today)%2%3 "
                              "ORDER BY coalesce(effective_date, '') DESC, id DESC LIMIT :limit")
            .arg(columns, recordedByCondition(recordedBy),
                 first ? QString()
                       : QStringLiteral(" AND coalesce(effective_date, '') <= :date AND NOT (coalesce(effective_date, "
                                        "'') = :date2 AND id >= :id)")); // a range of the index, both engines
    };
    constexpr int kBatch = 256;
    QList<qint64> listed;
    QHash<QString, int> listedPerAction;
    int satisfied = 0;
    bool first = true;
    QString lastDate;
    qint64 lastId = 0;
    while (satisfied < wanted.size()) {
        const QString items = statement(first, QStringLiteral("id, coalesce(effective_date, '')"));
        SqlQuery batch(db(), items);
        SqlQuery links(db(), QStringLiteral("SELECT ea.evidence_id, ea.action_id FROM (%1) AS b CROSS JOIN "
                                            "evidence_action ea WHERE ea.evidence_id = b.id")
                                 .arg(statement(first, QStringLiteral("id"))));
        for (SqlQuery *query : {&batch, &links}) {
            query->bind(QStringLiteral(":today"), asOf.toString(Qt::ISODate)).bind(QStringLiteral(":limit"), kBatch);
            if (!first)
                query->bind(QStringLiteral(":date"), lastDate)
                    .bind(QStringLiteral(":date2"), lastDate)
                    .bind(QStringLiteral(":id"), lastId);
            bindRecordedBy(*query, recordedBy);
            query->exec();
        }
        first = false;
        QHash<qint64, QStringList> actionsOf;
        while (links.next())
            actionsOf[links.value(0).toLongLong()] << links.value(1).toString();
        int read = 0;
        while (batch.next()) {
            ++read;
            const qint64 id = batch.value(0).toLongLong();
            lastId = id;
            lastDate = batch.value(1).toString();
            if (satisfied >= wanted.size())
                continue;
            const QStringList actions = actionsOf.value(id);
            bool takes = false;
            for (const QString &action : actions)
                takes = takes || listedPerAction.value(action) < wanted.value(action);
            if (!takes)
                continue;
            listed << id;
            for (const QString &action : actions) {
                if (++listedPerAction[action] == wanted.value(action))
                    ++satisfied;
            }
        }
        if (read < kBatch)
            break;
    }
    return listed;
}

EvidenceSummary Store::evidenceSummary(const QDate &asOf, int listedExpired) const
{
    EvidenceSummary summary;
    summary.counts = evidenceCounts(asOf);
    summary.expired = expiredEvidence(asOf, listedExpired, {}, nullptr, summary.counts.expired);
    // E2's newest formal report: reports newest first through the index on type and date, the first linked to E2
    // (in a record of years of reports, a few rows; the latest of every action's, read before, took 11 ms on a server
    // for the large organisation, and only E2's was ever read).
    SqlQuery report(db(), QStringLiteral("SELECT e.effective_date FROM evidence e WHERE e.type = :type AND "
                                         "e.effective_date <= :today AND EXISTS (SELECT 1 FROM evidence_action ea "
                                         "WHERE ea.evidence_id = e.id AND ea.action_id = :action) "
                                         "ORDER BY e.effective_date DESC LIMIT 1"));
    report.bind(QStringLiteral(":type"), evidenceTypeKey(EvidenceType::Report))
        .bind(QStringLiteral(":today"), asOf.toString(Qt::ISODate))
        .bind(QStringLiteral(":action"), QStringLiteral("E2"));
    summary.latestFormalReport = dateFrom(report.scalar());
    return summary;
}

std::optional<Evidence> Store::evidenceItem(qint64 id) const
{
    SqlQuery q(db(), versioned(QStringLiteral("SELECT %1 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
                                              "WHERE e.id = :id")
                                   .arg(kEvidenceColumns)));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    Evidence e = readEvidence(q);
    e.actionIds = linkedActions(QStringLiteral("evidence_action"), QStringLiteral("evidence_id"), QStringLiteral(":id"),
                                {{QStringLiteral(":id"), id}})
                      .value(id);
    return e;
}

namespace {

/** The SHA-256 of the current file of evidence @p id; throws NotFound, or InvalidInput for a link. */
QString currentFileHash(const QSqlDatabase &db, qint64 id)
{
    SqlQuery q(db, QStringLiteral("SELECT sha256 FROM evidence WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 does not exist.").arg(id));
    if (q.value(0).isNull())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence %1 is a link; it has no stored file.").arg(id));
    return q.value(0).toString();
}

} // namespace

QByteArray Store::evidenceContent(qint64 id) const
{
    const QString sha = currentFileHash(db(), id);
    const QByteArray data = blobs().read(sha);
    checkBlob(data, sha, id);
    return data;
}

void Store::writeEvidenceContent(qint64 id, QIODevice &out) const
{
    const QString sha = currentFileHash(db(), id);
    bool written = true;
    const QString streamed = blobs().stream(sha, [&out, &written](const QByteArray &bytes) {
        written = out.write(bytes) == bytes.size();
        return written;
    });
    if (!written)
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("Could not write the file of evidence %1: %2").arg(id).arg(out.errorString()));
    if (streamed != sha)
        throw Error(Error::Kind::Corrupt,
                    QStringLiteral("The stored file of evidence %1 no longer matches its SHA-256; it was changed "
                                   "outside Quorum. Restore the database from a backup.")
                        .arg(id));
}

Store::EvidenceTotals Store::evidenceTotals() const
{
    SqlQuery q(db(), QStringLiteral("SELECT (SELECT count(*) FROM evidence), (SELECT count(*) FROM evidence WHERE "
                                    "sha256 IS NOT NULL), (SELECT count(*) FROM evidence_revision)"));
    q.exec();
    EvidenceTotals totals;
    if (q.next()) {
        totals.items = q.value(0).toLongLong();
        totals.files = q.value(1).toLongLong();
        // Each file's current version, and its earlier ones (only files have revisions).
        totals.versions = totals.files + q.value(2).toLongLong();
    }
    return totals;
}

QList<EvidenceProblem> Store::verifyEvidence(const CheckProgress &progress, bool *interrupted) const
{
    QList<EvidenceProblem> problems;
    if (interrupted)
        *interrupted = false;
    // One blob at a time keeps memory flat however large the store is.
    const qint64 total =
        progress ? SqlQuery(db(), QStringLiteral("SELECT count(*) FROM blob")).scalar().toLongLong() : 0;
    SqlQuery shas(db(), QStringLiteral("SELECT sha256, size FROM blob ORDER BY sha256"));
    shas.exec();
    QStringList bad;
    qint64 done = 0;
    while (shas.next()) {
        if (progress && !progress(done++, total)) {
            if (interrupted)
                *interrupted = true;
            return problems; // what was found so far: none is reported, since the check did not finish
        }
        const QString sha = shas.value(0).toString();
        qint64 size = 0;
        const QString streamed = blobs().stream(sha, [&size](const QByteArray &bytes) {
            size += bytes.size();
            return true;
        });
        if (streamed != sha || size != shas.value(1).toLongLong())
            bad << sha;
    }
    if (progress)
        progress(done, total);
    // A file whose bytes are gone altogether (only possible behind the application's back).
    SqlQuery missing(db(), QStringLiteral("SELECT e.id, e.title, e.sha256 FROM evidence e WHERE e.sha256 IS NOT NULL "
                                          "AND NOT EXISTS (SELECT 1 FROM blob b WHERE b.sha256 = e.sha256) "
                                          "UNION SELECT r.evidence_id, e.title, r.sha256 FROM evidence_revision r "
                                          "JOIN evidence e ON e.id = r.evidence_id "
                                          "WHERE NOT EXISTS (SELECT 1 FROM blob b WHERE b.sha256 = r.sha256)"));
    missing.exec();
    while (missing.next())
        problems.append(
            {missing.value(0).toLongLong(), missing.value(1).toString(),
             QStringLiteral("stored file with SHA-256 %1 is missing").arg(missing.value(2).toString().left(12))});
    for (const QString &sha : std::as_const(bad)) {
        SqlQuery users(db(),
                       QStringLiteral("SELECT id, title FROM evidence WHERE sha256 = :sha "
                                      "UNION SELECT r.evidence_id, e.title FROM evidence_revision r "
                                      "JOIN evidence e ON e.id = r.evidence_id WHERE r.sha256 = :sha ORDER BY 1"));
        users.bind(QStringLiteral(":sha"), sha).exec();
        while (users.next())
            problems.append({users.value(0).toLongLong(), users.value(1).toString(),
                             QStringLiteral("stored file does not match its SHA-256 %1").arg(sha.left(12))});
    }
    std::sort(problems.begin(), problems.end(),
              [](const EvidenceProblem &a, const EvidenceProblem &b) { return a.evidenceId < b.evidenceId; });
    return problems;
}

std::optional<QStringList> Store::verifyEvidenceTally() const
{
    if (m_database.schemaVersion() < kEvidenceTallyVersion)
        return std::nullopt;
    // Both sides of every subject either side knows; the empty subject is the number of items.
    SqlQuery q(db(), QStringLiteral("WITH counted (subject, n) AS (SELECT '', count(*) FROM evidence "
                                    "UNION ALL SELECT action_id, count(*) FROM evidence_action GROUP BY action_id), "
                                    "subjects (subject) AS (SELECT subject FROM counted UNION "
                                    "SELECT subject FROM evidence_tally) "
                                    "SELECT s.subject, coalesce(t.n, 0), coalesce(c.n, 0) FROM subjects s "
                                    "LEFT JOIN evidence_tally t ON t.subject = s.subject "
                                    "LEFT JOIN counted c ON c.subject = s.subject "
                                    "WHERE coalesce(t.n, 0) <> coalesce(c.n, 0) ORDER BY s.subject"));
    q.exec();
    QStringList problems;
    while (q.next()) {
        const QString subject = q.value(0).toString();
        problems << QStringLiteral("%1: kept %2, counted %3")
                        .arg(subject.isEmpty() ? QStringLiteral("items") : subject)
                        .arg(q.value(1).toLongLong())
                        .arg(q.value(2).toLongLong());
    }
    if (m_database.schemaVersion() >= kLinkDueDatesVersion) {
        // The review-by dates kept on the links (schema 11), which the counts on a date are read from.
        SqlQuery links(db(), QStringLiteral("SELECT ea.evidence_id, ea.action_id, ea.review_by, e.review_by FROM "
                                            "evidence_action ea JOIN evidence e ON e.id = ea.evidence_id WHERE "
                                            "ea.review_by IS DISTINCT FROM e.review_by ORDER BY ea.evidence_id, "
                                            "ea.action_id"));
        links.exec();
        while (links.next()) {
            const auto shown = [](const QVariant &date) {
                return date.isNull() ? QStringLiteral("none") : date.toString();
            };
            problems << QStringLiteral("evidence %1 on %2: review-by kept %3, the item's %4")
                            .arg(links.value(0).toLongLong())
                            .arg(links.value(1).toString(), shown(links.value(2)), shown(links.value(3)));
        }
    }
    return problems;
}

// ---- Editing evidence --------------------------------------------------------------------------

void Store::updateEvidence(const Evidence &metadata)
{
    const auto before = evidenceItem(metadata.id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(metadata.id));
    const QString title = checkedText(metadata.title, QStringLiteral("evidence title"), kMaxNameChars, false);
    if (title.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence needs a title."));
    checkDates(metadata.effective, metadata.reviewBy);
    QString url = before->url;
    if (before->isFile()) {
        if (!metadata.url.trimmed().isEmpty())
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("Evidence %1 is a stored file; it cannot also be a link. Add the link as "
                                       "evidence of its own.")
                            .arg(metadata.id));
    } else if (!metadata.url.trimmed().isEmpty()) {
        url = checkedUrl(metadata.url);
    }

    const QString subject = QString::number(metadata.id);
    QList<std::array<QString, 3>> changes; // field, old, new
    if (before->title != title)
        changes.append({QStringLiteral("title"), before->title, title});
    if (before->type != metadata.type)
        changes.append({QStringLiteral("type"), evidenceTypeKey(before->type), evidenceTypeKey(metadata.type)});
    if (before->source != metadata.source)
        changes.append(
            {QStringLiteral("source"), evidenceSourceKey(before->source), evidenceSourceKey(metadata.source)});
    if (before->effective != metadata.effective)
        changes.append({QStringLiteral("effective date"), dateText(before->effective), dateText(metadata.effective)});
    if (before->reviewBy != metadata.reviewBy)
        changes.append({QStringLiteral("review-by date"), dateText(before->reviewBy), dateText(metadata.reviewBy)});
    if (before->url != url)
        changes.append({QStringLiteral("link"), before->url, url});
    if (changes.isEmpty())
        return;

    Transaction transaction(m_database);
    claimVersion(QStringLiteral("evidence"), metadata.id, metadata.version ? metadata.version : before->version,
                 QStringLiteral("The evidence \"%1\"").arg(before->title), QStringLiteral("evidence"), subject);
    SqlQuery(db(), QStringLiteral("UPDATE evidence SET title = :title, type = :type, source = :source, "
                                  "effective_date = :effective, review_by = :review_by, url = :url WHERE id = :id"))
        .bind(QStringLiteral(":title"), title)
        .bind(QStringLiteral(":type"), evidenceTypeKey(metadata.type))
        .bind(QStringLiteral(":source"), evidenceSourceKey(metadata.source))
        .bind(QStringLiteral(":effective"), isoDateOrNull(metadata.effective))
        .bind(QStringLiteral(":review_by"), isoDateOrNull(metadata.reviewBy))
        .bind(QStringLiteral(":url"), nullIfEmpty(url))
        .bind(QStringLiteral(":id"), metadata.id)
        .exec();
    for (const auto &change : std::as_const(changes))
        audit(QStringLiteral("evidence"), subject, change[0], change[1], change[2]);
    transaction.commit();
}

void Store::setEvidenceActions(qint64 id, const QStringList &actionIds)
{
    const auto before = evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(id));
    QStringList wanted;
    for (const QString &actionId : actionIds) {
        if (actionId.trimmed().isEmpty())
            continue;
        const QString canonical = checkActionId(actionId);
        if (!wanted.contains(canonical))
            wanted << canonical;
    }
    if (wanted.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Evidence must support at least one action; to drop it altogether, remove it."));
    if (QSet<QString>(wanted.cbegin(), wanted.cend())
        == QSet<QString>(before->actionIds.cbegin(), before->actionIds.cend()))
        return;

    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM evidence_action WHERE evidence_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    for (const QString &actionId : std::as_const(wanted)) {
        SqlQuery(db(), QStringLiteral("INSERT INTO evidence_action (evidence_id, action_id) VALUES (:e, :a)"))
            .bind(QStringLiteral(":e"), id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    // Read back inside the transaction: the catalogue order, as everywhere else.
    const QStringList after = evidenceItem(id)->actionIds;
    audit(QStringLiteral("evidence"), QString::number(id), QStringLiteral("actions"),
          before->actionIds.join(QStringLiteral(", ")), after.join(QStringLiteral(", ")));
    transaction.commit();
}

int Store::makeEvidenceFileCurrent(const Evidence &before, const QString &sha256, const QString &fileName,
                                   const QString &note)
{
    const QString now = AuditTrail::timestamp(m_clock.now());
    const int revision = before.revision + 1;
    SqlQuery(db(),
             QStringLiteral("INSERT INTO evidence_revision (evidence_id, revision, sha256, file_name, replaced_at) "
                            "VALUES (:id, :revision, :sha, :file, :at)"))
        .bind(QStringLiteral(":id"), before.id)
        .bind(QStringLiteral(":revision"), before.revision)
        .bind(QStringLiteral(":sha"), before.sha256)
        .bind(QStringLiteral(":file"), nullIfEmpty(before.fileName))
        .bind(QStringLiteral(":at"), now)
        .exec();
    SqlQuery(db(), QStringLiteral("UPDATE evidence SET sha256 = :sha, file_name = :file, revision = :revision "
                                  "WHERE id = :id"))
        .bind(QStringLiteral(":sha"), sha256)
        .bind(QStringLiteral(":file"), fileName)
        .bind(QStringLiteral(":revision"), revision)
        .bind(QStringLiteral(":id"), before.id)
        .exec();
    QString newValue = fileDescription(fileName, revision, sha256);
    if (!note.isEmpty())
        newValue += QStringLiteral(", ") + note;
    audit(QStringLiteral("evidence"), QString::number(before.id), QStringLiteral("file"),
          fileDescription(before.fileName, before.revision, before.sha256), newValue);
    return revision;
}

int Store::replaceEvidenceFile(qint64 id, const QString &fileName, const QByteArray &content)
{
    if (content.size() > kMaxEvidenceBytes)
        throw tooLarge(fileName, content.size());
    if (content.isEmpty())
        throw emptyFile(fileName);
    const QString sha256 = sha256Of(content);
    return replaceEvidenceFileWith(id, fileName, sha256, [&] { blobs().put(sha256, content); });
}

int Store::replaceEvidenceFileFrom(qint64 id, const QString &path)
{
    IncomingFile incoming(path);
    return replaceEvidenceFileWith(id, QFileInfo(path).fileName(), incoming.sha256, [&] { incoming.store(blobs()); });
}

int Store::replaceEvidenceFileWith(qint64 id, const QString &fileName, const QString &sha256,
                                   const std::function<void()> &storeBytes)
{
    const auto before = evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(id));
    if (!before->isFile())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Evidence %1 is a link, not a stored file; change its address, or add the file "
                                   "as new evidence.")
                        .arg(id));
    const QString name = checkedFileName(fileName);
    if (sha256 == before->sha256 && name == before->fileName)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is the same file as the current version (revision %2); nothing was replaced.")
                        .arg(name)
                        .arg(before->revision));

    Transaction transaction(m_database);
    storeBytes();
    const int revision = makeEvidenceFileCurrent(*before, sha256, name, QString());
    transaction.commit();
    return revision;
}

int Store::restoreEvidenceRevision(qint64 id, int revision)
{
    const auto before = evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(id));
    if (revision == before->revision)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Revision %1 of evidence %2 is already the current version.").arg(revision).arg(id));
    SqlQuery q(db(), QStringLiteral("SELECT sha256, file_name FROM evidence_revision "
                                    "WHERE evidence_id = :id AND revision = :revision"));
    q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":revision"), revision).exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 has no revision %2; its current revision is %3.")
                                               .arg(id)
                                               .arg(revision)
                                               .arg(before->revision));
    const QString sha256 = q.value(0).toString();
    const QString fileName = q.value(1).toString();
    if (!blobs().contains(sha256))
        throw Error(Error::Kind::Corrupt,
                    QStringLiteral("The file of revision %1 of evidence %2 is missing from the database; restore the "
                                   "database from a backup.")
                        .arg(revision)
                        .arg(id));
    Transaction transaction(m_database);
    const int current =
        makeEvidenceFileCurrent(*before, sha256, fileName, QStringLiteral("restored from revision %1").arg(revision));
    transaction.commit();
    return current;
}

QList<EvidenceRevision> Store::evidenceRevisions(qint64 id) const
{
    const auto item = evidenceItem(id);
    if (!item)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 does not exist.").arg(id));
    QList<EvidenceRevision> result;
    if (!item->isFile())
        return result;
    SqlQuery q(db(), QStringLiteral("SELECT r.revision, r.sha256, r.file_name, coalesce(b.size, 0), r.replaced_at "
                                    "FROM evidence_revision r LEFT JOIN blob b ON b.sha256 = r.sha256 "
                                    "WHERE r.evidence_id = :id ORDER BY r.revision"));
    q.bind(QStringLiteral(":id"), id).exec();
    QDateTime addedAt = item->createdAt;
    while (q.next()) {
        EvidenceRevision revision;
        revision.revision = q.value(0).toInt();
        revision.sha256 = q.value(1).toString();
        revision.fileName = q.value(2).toString();
        revision.size = q.value(3).toLongLong();
        revision.addedAt = addedAt;
        revision.replacedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
        addedAt = revision.replacedAt;
        result.append(revision);
    }
    EvidenceRevision current;
    current.revision = item->revision;
    current.sha256 = item->sha256;
    current.fileName = item->fileName;
    current.size = item->size;
    current.addedAt = addedAt;
    result.append(current);
    return result;
}

QByteArray Store::revisionContent(qint64 id, int revision) const
{
    const auto item = evidenceItem(id);
    if (!item)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 does not exist.").arg(id));
    if (item->isFile() && revision == item->revision)
        return evidenceContent(id);
    SqlQuery q(db(), QStringLiteral("SELECT r.sha256 FROM evidence_revision r "
                                    "WHERE r.evidence_id = :id AND r.revision = :revision"));
    q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":revision"), revision).exec();
    if (!q.next()) {
        if (!item->isFile())
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("Evidence %1 is a link; it has no stored file.").arg(id));
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 has no revision %2; its revisions are 1 to %3.")
                                               .arg(id)
                                               .arg(revision)
                                               .arg(item->revision));
    }
    const QByteArray data = blobs().read(q.value(0).toString());
    checkBlob(data, q.value(0).toString(), id);
    return data;
}

// ---- Removing and restoring evidence -----------------------------------------------------------

EvidenceSnapshot Store::takeEvidenceSnapshot(qint64 id) const
{
    const auto item = evidenceItem(id);
    if (!item)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(id));
    EvidenceSnapshot snapshot;
    snapshot.evidence = *item;
    if (!item->isFile())
        return snapshot;
    snapshot.revisions = evidenceRevisions(id);
    snapshot.revisions.removeLast(); // the current version is in snapshot.evidence
    QSet<QString> shas{item->sha256};
    for (const EvidenceRevision &revision : std::as_const(snapshot.revisions))
        shas.insert(revision.sha256);
    for (const QString &sha : std::as_const(shas)) {
        const int elsewhere =
            SqlQuery(db(), QStringLiteral("SELECT (SELECT count(*) FROM evidence WHERE sha256 = :sha AND id <> :id) "
                                          "+ (SELECT count(*) FROM evidence_revision WHERE sha256 = :sha "
                                          "AND evidence_id <> :id)"))
                .bind(QStringLiteral(":sha"), sha)
                .bind(QStringLiteral(":id"), id)
                .scalar()
                .toInt();
        if (elsewhere > 0)
            continue;
        if (blobs().contains(sha))
            snapshot.blobs.insert(sha, blobs().read(sha));
    }
    return snapshot;
}

void Store::removeEvidence(qint64 id)
{
    const auto before = evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 no longer exists.").arg(id));
    QSet<QString> shas;
    if (before->isFile()) {
        shas.insert(before->sha256);
        SqlQuery revisions(db(), QStringLiteral("SELECT sha256 FROM evidence_revision WHERE evidence_id = :id"));
        revisions.bind(QStringLiteral(":id"), id).exec();
        while (revisions.next())
            shas.insert(revisions.value(0).toString());
    }

    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM evidence_revision WHERE evidence_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    SqlQuery(db(), QStringLiteral("DELETE FROM evidence_action WHERE evidence_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    SqlQuery(db(), QStringLiteral("DELETE FROM evidence WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    // Files are content-addressed and may be shared: delete only those nothing uses any more.
    for (const QString &sha : std::as_const(shas))
        blobs().removeIfUnused(sha);
    audit(QStringLiteral("evidence"), QString::number(id), QStringLiteral("removed"), evidenceDescription(*before),
          QString());
    transaction.commit();
}

void Store::restoreEvidence(const EvidenceSnapshot &snapshot)
{
    const Evidence &e = snapshot.evidence;
    if (e.id <= 0)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Only removed evidence can be restored."));
    if (evidenceItem(e.id))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("Evidence %1 already exists; it cannot be restored twice.").arg(e.id));
    if (e.actionIds.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence must support at least one action."));
    QStringList actionIds;
    for (const QString &actionId : e.actionIds)
        actionIds << checkActionId(actionId);
    if (!e.isFile())
        checkedUrl(e.url);

    // Every file must be in the database already or in the snapshot, with bytes that match the hash.
    QStringList shas;
    if (e.isFile())
        shas << e.sha256;
    for (const EvidenceRevision &revision : snapshot.revisions)
        shas << revision.sha256;
    QHash<QString, QByteArray> toInsert;
    for (const QString &sha : std::as_const(shas)) {
        if (toInsert.contains(sha))
            continue;
        if (blobs().contains(sha))
            continue;
        const auto found = snapshot.blobs.constFind(sha);
        if (found == snapshot.blobs.constEnd())
            throw Error(Error::Kind::NotFound,
                        QStringLiteral("Evidence %1 cannot be restored: its file with SHA-256 %2 is no longer in the "
                                       "database.")
                            .arg(e.id)
                            .arg(sha.left(12)));
        checkBlob(*found, sha, e.id);
        toInsert.insert(sha, *found);
    }

    Transaction transaction(m_database);
    for (auto it = toInsert.cbegin(); it != toInsert.cend(); ++it)
        blobs().put(it.key(), it.value());
    insertRow(
        db(), QStringLiteral("evidence"), e.id,
        {
            {QStringLiteral("title"), e.title},
            {QStringLiteral("type"), evidenceTypeKey(e.type)},
            {QStringLiteral("source"), evidenceSourceKey(e.source)},
            {QStringLiteral("effective_date"), isoDateOrNull(e.effective)},
            {QStringLiteral("review_by"), isoDateOrNull(e.reviewBy)},
            {QStringLiteral("url"), nullIfEmpty(e.url)},
            {QStringLiteral("sha256"), nullIfEmpty(e.sha256)},
            {QStringLiteral("file_name"), nullIfEmpty(e.fileName)},
            {QStringLiteral("revision"), e.revision},
            {QStringLiteral("created_at"), AuditTrail::timestamp(e.createdAt.isValid() ? e.createdAt : m_clock.now())},
        });
    for (const EvidenceRevision &revision : snapshot.revisions) {
        SqlQuery(db(), QStringLiteral("INSERT INTO evidence_revision (evidence_id, revision, sha256, file_name, "
                                      "replaced_at) VALUES (:id, :revision, :sha, :file, :at)"))
            .bind(QStringLiteral(":id"), e.id)
            .bind(QStringLiteral(":revision"), revision.revision)
            .bind(QStringLiteral(":sha"), revision.sha256)
            .bind(QStringLiteral(":file"), nullIfEmpty(revision.fileName))
            .bind(QStringLiteral(":at"), AuditTrail::timestamp(revision.replacedAt))
            .exec();
    }
    for (const QString &actionId : std::as_const(actionIds)) {
        SqlQuery(db(), QStringLiteral("INSERT INTO evidence_action (evidence_id, action_id) VALUES (:e, :a) "
                                      "ON CONFLICT (evidence_id, action_id) DO NOTHING"))
            .bind(QStringLiteral(":e"), e.id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    audit(QStringLiteral("evidence"), QString::number(e.id), QStringLiteral("restored"), QString(),
          evidenceDescription(*evidenceItem(e.id)));
    transaction.commit();
}

} // namespace quorum
