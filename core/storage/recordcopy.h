#pragma once

#include <QMap>
#include <QString>

#include <functional>

namespace quorum {

class Database;

/** What a copy carried: the rows of every table, and the stored files' bytes. */
struct CopyReport {
    QMap<QString, qint64> rows; ///< table -> rows copied
    qint64 files = 0;           ///< stored evidence files (distinct contents)
    qint64 fileBytes = 0;
    qint64 auditRows = 0;
    QString lastAuditHash; ///< the chain's head, the same in both once copied
};

/**
 * Copies a whole record from one database to another, either engine to either engine: every row of every
 * table under its own key, every stored file, every revision and review, and the audit trail row for row
 * with its hashes, so that the copy verifies exactly as the original does. The target must be empty
 * (Database::Mode::CreateEmpty: the schema and nothing else); everything goes in one transaction, so the
 * target holds the whole record or nothing. verify() then checks the copy against the source before
 * anyone is told it succeeded: the rows of every table, the chain, and every file's SHA-256.
 */
class RecordCopy {
public:
    /** Called as the copy goes: @p done of @p total steps (tables, and stored files one by one). */
    using Progress = std::function<void(qint64 done, qint64 total)>;

    /** Copies @p source into @p target. Throws Error (Conflict when the target is not empty). */
    static CopyReport copy(const Database &source, Database &target, const Progress &progress = {});

    /**
     * Checks that @p target holds what @p report says was copied from @p source: the same number of rows in
     * every table, an audit chain that verifies and ends in the same hash, every stored file matching its
     * SHA-256 and evidence totals that agree with the register. Throws Error (Corrupt) naming the first
     * difference.
     */
    static void verify(const Database &source, Database &target, const CopyReport &report);

    /**
     * Copies @p source to @p targetLocation, a new file or an empty database on a server
     * (ServerConnection::isServer), and verifies the copy before returning. A file created for it is
     * deleted again when anything fails, and a server's database is left without a record, so a failed
     * copy can be tried again. Throws Error.
     */
    static CopyReport copyTo(const Database &source, const QString &targetLocation, const Progress &progress = {});

    /** The tables in the order a copy writes them (each after those it refers to). */
    static const QStringList &tablesInOrder();
};

} // namespace quorum
