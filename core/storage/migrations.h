#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <limits>
#include <optional>

namespace quorum {

/** One numbered step of the schema; applying it takes the schema from version-1 to version. */
struct Migration {
    int version;
    QString description;
    std::function<void(const QSqlDatabase &)> apply;
    /**
     * False for a step that only speeds reading up (an index): a read-only file without it can still be
     * opened, for reading, by this program.
     */
    bool neededToRead = true;
};

/**
 * The ordered list of schema steps. A database at schema version N (SqlDialect::schemaVersion) gets steps N+1..
 * applied,
 * each in its own transaction together with its version bump, so a crash leaves the file at a whole
 * version. Never edit a released step: add a new one.
 */
const QList<Migration> &migrations();

/** The first schema version that keeps evidence_tally (migration 3). */
constexpr int kEvidenceTallyVersion = 3;

/**
 * Counts evidence_tally afresh from the evidence and its links (schema kEvidenceTallyVersion and later): for
 * rows written with the triggers suspended, as a restore does.
 */
void recountEvidenceTally(const QSqlDatabase &db);

/** The first schema version whose evidence links carry their evidence's review-by date (migration 11). */
constexpr int kLinkDueDatesVersion = 11;

/** The first schema version with the indexes of the attention list's order of expired evidence (migration 13). */
constexpr int kAttentionOrderVersion = 13;

/**
 * Sets each evidence link's review-by date from its evidence (schema kLinkDueDatesVersion and later): for rows
 * written with the triggers suspended, as a restore does.
 */
void refreshLinkDueDates(const QSqlDatabase &db);

/**
 * Makes the Cyber Governance Code the one framework of a record whose catalogue came from before schema 9
 * (migration 9, and a copy of a read-only file from before it): the Code's framework row and its own numbering.
 */
void holdCodeAsOnlyFramework(const QSqlDatabase &db);

/** Whether a file at schema @p version lacks a step that this program needs in order to read it. */
bool needsUpgradeToRead(int version);

/**
 * Applies the missing steps, up to @p upTo (a restore builds the schema of the backup's own version), on
 * either engine, and returns the version the database is at now; throws Error and leaves the database at the
 * last whole version. @p knownVersion, when given, is the version just read (by the check before opening),
 * not read again. Each step checks the version again under the writer's lock, so two programs upgrading one
 * server at once take each step once.
 */
int migrate(const QSqlDatabase &db, int upTo = std::numeric_limits<int>::max(),
            std::optional<int> knownVersion = std::nullopt);

} // namespace quorum
