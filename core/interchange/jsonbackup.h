#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

class QIODevice;

namespace quorum {

class Database;

/** What a backup file says about itself, read and checked without touching any database. */
struct BackupInfo {
    int formatVersion = 0;
    int schemaVersion = 0;
    int catalogueVersion = 0;
    QString catalogueId;
    QString program;
    QString exportedAt;
    QString organisation;
    QMap<QString, qint64> rows; ///< table -> number of rows
    qint64 bytes = 0;           ///< size of the file

    qint64 totalRows() const;
};

/** A backup file read into memory and checked: its description and its tables. */
struct BackupFile {
    QString path; ///< the file it was read from, for messages
    BackupInfo info;
    QJsonObject tables;
};

/**
 * The whole database as one JSON file, and back. The export is table-driven: every table of the schema
 * in dependency order (except the catalogue's own wording, which the program supplies), every row with
 * its columns by name, BLOBs (the evidence files) in base64 and the audit trail verbatim with its
 * hashes, so new tables and columns are included without changing this class. It carries the format, the
 * schema and catalogue versions and the catalogue's action ids. A restore goes into an empty database
 * only: the file is loaded into a scratch database at its own schema version, brought up to date by the
 * same migrations that upgrade a database file, then copied across in one transaction that also checks
 * foreign keys, the audit chain and every evidence file's SHA-256, so the result is identical (same rows,
 * same ids, a chain that verifies) or nothing changes.
 */
class JsonBackup {
public:
    /** The value of "format" in every backup file. */
    static QString formatName();
    static constexpr int kFormatVersion = 1;
    /** Largest backup file read (2 GiB): evidence files are in it, in base64. */
    static constexpr qint64 kMaxBytes = 2LL * 1024 * 1024 * 1024;

    /** Writes everything in @p database to @p path; the file is replaced only once complete. Throws Error. */
    static BackupInfo write(const Database &database, const QString &path, const QDateTime &now);

    /** Writes everything in @p db as a backup to @p device. Throws Error. */
    static BackupInfo write(const QSqlDatabase &db, QIODevice &device, const QDateTime &now);

    /** Reads and checks @p path: format, versions, catalogue and the shape of the tables. Throws Error. */
    static BackupFile read(const QString &path);

    /** True when nothing has been recorded in @p database (its audit trail holds only the catalogue's rows).
     */
    static bool isEmpty(const Database &database);

    /**
     * Restores @p backup into @p target, which must be empty, in one transaction. The catalogue text is
     * the backup's version until the database is next opened (which brings it up to date, as for any
     * older file). Throws Error and changes nothing when the backup cannot be restored exactly.
     */
    static void restore(const BackupFile &backup, Database &target);

    /**
     * Loads @p backup into a new scratch database, as restore() does, without touching any other file:
     * the check behind a dry run. Throws Error for anything restore() would refuse.
     */
    static void verify(const BackupFile &backup);
};

} // namespace quorum
