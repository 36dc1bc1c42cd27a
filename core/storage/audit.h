#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace quorum {

/** What one change was: who, to what, which field, before and after (text as a person reads it). */
struct AuditRecord {
    QString actor;    ///< the operating-system user
    QString actingAs; ///< the person they act as in Quorum, if chosen
    QString entity;   ///< "assessment", "person", "evidence", "review", ...
    QString entityId; ///< "A1", a person's name, an evidence id ...
    QString field;
    QString oldValue;
    QString newValue;
};

/** A stored row of the audit trail. */
struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    AuditRecord record;
    QString prevHash;
    QString hash;
};

/** Filter for reading the trail; empty fields do not filter, and the fields given must all match. */
struct AuditFilter {
    QString entity;
    QString entityId;
    QString actor; ///< matches actor or acting-as
    /**
     * An action id ("A1"): its assessment rows, and the rows of evidence that supports it or ever did
     * (as the evidence's "actions" rows record).
     */
    QString actionId;
    /**
     * A person's name, case-insensitively: rows they wrote (actor or acting-as), rows about them (person
     * and training rows), and owner or director changes to or from them.
     */
    QString person;
    /** Free text, case-insensitively, anywhere in the subject id, field, old or new value (no wildcards). */
    QString search;
    QDate from;          ///< inclusive, UTC date
    QDate to;            ///< inclusive, UTC date
    int limit = 0;       ///< 0: no limit; otherwise the newest @c limit rows
    qint64 afterId = 0;  ///< only rows newer than this one (a view taking the rows written since it loaded)
    qint64 beforeId = 0; ///< only rows older than this one (a view fetching the next page down)
};

/** Told how far a long check has got (@p done of @p total); returning false stops it. */
using CheckProgress = std::function<bool(qint64 done, qint64 total)>;

/** The result of checking the hash chain. */
struct ChainCheck {
    bool ok = true;
    /** Stopped by its progress before the end: @c rows were checked and no problem was found in them. */
    bool interrupted = false;
    qint64 rows = 0;
    qint64 firstBadId = 0;
    QString problem;
};

/**
 * The append-only, hash-chained audit trail. Each row's hash covers its id, time, actor, subject,
 * field, old and new values and the previous row's hash, so an edit, insertion or deletion made
 * behind the application's back breaks the chain at that row. Appends happen inside the caller's
 * transaction, so a change and its audit row are written together or not at all.
 */
class AuditTrail {
public:
    /** Appends within the open transaction and returns the row's id; @p at defaults to the current UTC time. */
    static qint64 append(const QSqlDatabase &db, const AuditRecord &record, const QDateTime &at = {});

    static QList<AuditEntry> entries(const QSqlDatabase &db, const AuditFilter &filter = {});
    /** How many rows the trail has (the id of the last row: ids run 1, 2, 3, ... without gaps). */
    static qint64 rowCount(const QSqlDatabase &db);

    /**
     * Walks the whole chain, a batch of rows at a time (memory stays flat on a server, whose driver reads a result
     * whole), telling @p progress after each batch; when it returns false, the walk stops (interrupted).
     */
    static ChainCheck verify(const QSqlDatabase &db, const CheckProgress &progress = {},
                             int batchRows = kVerifyBatchRows);
    /** How many rows verify() reads at a time. */
    static constexpr int kVerifyBatchRows = 20000;

    /** The hash of a row given its fields and the previous hash (hex SHA-256). */
    static QString hashOf(qint64 id, const QString &at, const AuditRecord &record, const QString &prevHash);

    /** The canonical text form of a timestamp in the trail (UTC, milliseconds). */
    static QString timestamp(const QDateTime &at);

    static constexpr const char *kGenesis = "genesis";
};

} // namespace quorum
