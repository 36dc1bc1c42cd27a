#include "core/storage/migrations.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/serveraccess.h"
#include "core/storage/sql.h"
#include "core/storage/sqldialect.h"

#include <algorithm>
#include <optional>

namespace quorum {

namespace {

void execAll(const QSqlDatabase &db, const QStringList &statements)
{
    const SqlDialect &dialect = SqlDialect::of(db);
    for (const QString &statement : statements)
        SqlDialect::execDefinition(db, dialect.ddl(statement));
}

// Version 1: the whole domain of the brief. Portable SQL; engine-specific bits come from the dialect.
void createVersion1(const QSqlDatabase &db)
{
    execAll(
        db,
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE organisation (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, "
                           "marking TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE principle (id TEXT PRIMARY KEY, position INTEGER NOT NULL, "
                           "title TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE action (id TEXT PRIMARY KEY, principle_id TEXT NOT NULL REFERENCES "
                           "principle(id), position INTEGER NOT NULL, short_title TEXT NOT NULL, text TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE person (id {PK}, name TEXT NOT NULL, role TEXT NOT NULL, "
                           "is_board INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1)"),
            QStringLiteral("CREATE UNIQUE INDEX person_name ON person (lower(name))"),
            QStringLiteral("CREATE TABLE assessment (action_id TEXT PRIMARY KEY REFERENCES action(id), "
                           "owner_id INTEGER REFERENCES person(id), director_id INTEGER REFERENCES person(id), "
                           "rating TEXT NOT NULL, target TEXT NOT NULL, justification TEXT NOT NULL DEFAULT '', "
                           "commentary TEXT NOT NULL DEFAULT '', target_date TEXT, next_review TEXT, "
                           "updated_at TEXT)"),
            QStringLiteral("CREATE TABLE blob (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data {BLOB} NOT NULL)"),
            QStringLiteral("CREATE TABLE evidence (id {PK}, title TEXT NOT NULL, type TEXT NOT NULL, "
                           "source TEXT NOT NULL, effective_date TEXT, review_by TEXT, url TEXT, "
                           "sha256 TEXT REFERENCES blob(sha256), file_name TEXT, revision INTEGER NOT NULL DEFAULT 1, "
                           "created_at TEXT NOT NULL, CHECK (url IS NOT NULL OR sha256 IS NOT NULL))"),
            QStringLiteral("CREATE TABLE evidence_revision (evidence_id INTEGER NOT NULL REFERENCES evidence(id) "
                           "ON DELETE CASCADE, revision INTEGER NOT NULL, sha256 TEXT NOT NULL REFERENCES "
                           "blob(sha256), file_name TEXT, replaced_at TEXT NOT NULL, "
                           "PRIMARY KEY (evidence_id, revision))"),
            QStringLiteral("CREATE TABLE evidence_action (evidence_id INTEGER NOT NULL REFERENCES evidence(id) "
                           "ON DELETE CASCADE, action_id TEXT NOT NULL REFERENCES action(id), "
                           "PRIMARY KEY (evidence_id, action_id))"),
            QStringLiteral("CREATE INDEX evidence_action_by_action ON evidence_action (action_id)"),
            QStringLiteral("CREATE TABLE training (id {PK}, person_id INTEGER NOT NULL REFERENCES person(id) "
                           "ON DELETE CASCADE, course TEXT NOT NULL, completed TEXT NOT NULL, valid_until TEXT)"),
            QStringLiteral("CREATE TABLE review (id {PK}, name TEXT NOT NULL UNIQUE, meeting_date TEXT NOT NULL, "
                           "created_at TEXT NOT NULL, decisions TEXT NOT NULL DEFAULT '', "
                           "signed_by INTEGER REFERENCES person(id), signed_at TEXT, minute_ref TEXT)"),
            QStringLiteral("CREATE TABLE review_item (review_id INTEGER NOT NULL REFERENCES review(id) "
                           "ON DELETE CASCADE, action_id TEXT NOT NULL, rating TEXT NOT NULL, target TEXT NOT NULL, "
                           "owner TEXT, director TEXT, evidence_current INTEGER NOT NULL, "
                           "evidence_expired INTEGER NOT NULL, commentary TEXT NOT NULL DEFAULT '', "
                           "PRIMARY KEY (review_id, action_id))"),
            QStringLiteral("CREATE TABLE metric (id {PK}, name TEXT NOT NULL UNIQUE, unit TEXT NOT NULL DEFAULT '', "
                           "higher_is_better INTEGER NOT NULL, green_threshold REAL NOT NULL, "
                           "amber_threshold REAL NOT NULL, created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE metric_action (metric_id INTEGER NOT NULL REFERENCES metric(id) "
                           "ON DELETE CASCADE, action_id TEXT NOT NULL REFERENCES action(id), "
                           "PRIMARY KEY (metric_id, action_id))"),
            QStringLiteral("CREATE TABLE metric_reading (id {PK}, metric_id INTEGER NOT NULL REFERENCES metric(id) "
                           "ON DELETE CASCADE, taken_on TEXT NOT NULL, value REAL NOT NULL, "
                           "note TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE event (id {PK}, kind TEXT NOT NULL, occurred_on TEXT NOT NULL, "
                           "title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '', "
                           "stakeholders TEXT NOT NULL DEFAULT '', lessons TEXT NOT NULL DEFAULT '', "
                           "follow_ups TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE event_action (event_id INTEGER NOT NULL REFERENCES event(id) "
                           "ON DELETE CASCADE, action_id TEXT NOT NULL REFERENCES action(id), "
                           "PRIMARY KEY (event_id, action_id))"),
            QStringLiteral("CREATE TABLE audit (id {PK}, at TEXT NOT NULL, actor TEXT NOT NULL, "
                           "acting_as TEXT NOT NULL DEFAULT '', entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
                           "field TEXT NOT NULL, old_value TEXT, new_value TEXT, prev_hash TEXT NOT NULL, "
                           "hash TEXT NOT NULL)"),
        });
    execAll(db, SqlDialect::of(db).guardTriggers());
}

// Version 2: indexes for reading a large evidence register. The dashboard counts evidence by its review
// date, lists the expired items by title, and finds each action's latest report; without these, each
// reads the whole evidence table (about a tenth of a second at 20,000 items; see docs/PERFORMANCE.md).
void indexEvidenceDates(const QSqlDatabase &db)
{
    execAll(db, {
                    QStringLiteral("CREATE INDEX evidence_by_review_by ON evidence (review_by, title)"),
                    QStringLiteral("CREATE INDEX evidence_by_type_date ON evidence (type, effective_date)"),
                });
}

// Version 3: the evidence counts the dashboard starts from, kept by triggers. Counting 20,000 items and
// 38,000 links on every start was a third of reading the evidence summary (docs/PERFORMANCE.md); the
// counts that depend on the date (expired, expiring) are still read from the items due.
void tallyEvidence(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("CREATE TABLE evidence_tally (subject TEXT PRIMARY KEY, n INTEGER NOT NULL)")});
    recountEvidenceTally(db);
    execAll(db, SqlDialect::of(db).evidenceTallyTriggers());
}

// Version 4: a version per assessment, counted up by every change, so that a change made from what
// someone saw is refused when another person changed the assessment since (shared mode, issue 15).
void versionAssessments(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("ALTER TABLE assessment ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")});
}

// Version 6: a version for every other record that is edited in place (the organisation, people, evidence,
// training, metrics, exercises and incidents), as for assessments in version 4.
void versionRecords(const QSqlDatabase &db)
{
    QStringList statements;
    for (const char *table : {"organisation", "person", "evidence", "training", "metric", "event"})
        statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
                          .arg(QLatin1String(table));
    execAll(db, statements);
}

// Version 5: on a server, every committed change tells the other clients (LISTEN/NOTIFY), which update
// their windows live. Nothing for a file.
void noticeChanges(const QSqlDatabase &db)
{
    execAll(db, SqlDialect::of(db).changeNoticeTriggers());
}

// Version 7: a large evidence file kept in rows of 1 MB (BlobStore), so that storing, opening and verifying it
// never holds it whole in memory. Files already stored stay as they are; small files stay in one row.
void chunkLargeFiles(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("CREATE TABLE blob_chunk (sha256 TEXT NOT NULL REFERENCES blob(sha256), "
                                "seq INTEGER NOT NULL, data {BLOB} NOT NULL, PRIMARY KEY (sha256, seq))")});
}

// Version 8: who did a change, as the server knows it (issue 16). A person may be linked to the login they
// sign in to a server with (access grant --person); on a server, every audit row is stamped with the login
// and its place in the chain by a trigger, and board reviews are signed off through one function that the
// roles of ServerAccess allow. A file gains only the (unused) column, so both engines keep one schema.
void nameLogins(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("ALTER TABLE person ADD COLUMN login TEXT"),
                 QStringLiteral("CREATE UNIQUE INDEX person_login ON person (login)")});
    const SqlDialect &dialect = SqlDialect::of(db);
    const QString schema =
        dialect.engine() == SqlDialect::Engine::Postgres
            ? SqlQuery(db, QStringLiteral("SELECT quote_ident(current_schema())")).scalar().toString()
            : QString();
    execAll(db, dialect.serverIdentityObjects(schema));
}

// Version 9: several frameworks (issue 17). The Cyber Governance Code becomes one framework of a record beside the
// Software Security Code and frameworks read from GRC library files; each group (principle, theme) and item keeps
// its framework, its own numbering ("3.2", stored as "ssc:3.2") and, for a library item, its URN and the titles
// above it. A framework row says whether the organisation follows it, its vendor role (which groups apply) and
// who answers for it. Everything stored so far is the Code's.
void holdFrameworks(const QSqlDatabase &db)
{
    execAll(db, {
                    QStringLiteral("CREATE TABLE framework (key TEXT PRIMARY KEY, position INTEGER NOT NULL, "
                                   "urn TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, version INTEGER NOT NULL, "
                                   "title TEXT NOT NULL, short_name TEXT NOT NULL, group_noun TEXT NOT NULL, "
                                   "item_noun TEXT NOT NULL, publisher TEXT NOT NULL DEFAULT '', "
                                   "published TEXT NOT NULL DEFAULT '', source_url TEXT NOT NULL DEFAULT '', "
                                   "copyright TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '', "
                                   "attribution TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', "
                                   "enabled INTEGER NOT NULL DEFAULT 0, vendor_role TEXT, "
                                   "owner_id INTEGER REFERENCES person(id), row_version INTEGER NOT NULL DEFAULT 1)"),
                    QStringLiteral("ALTER TABLE principle ADD COLUMN framework TEXT NOT NULL DEFAULT 'cgc'"),
                    QStringLiteral("ALTER TABLE principle ADD COLUMN reference TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE principle ADD COLUMN introduction TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE principle ADD COLUMN urn TEXT"),
                    QStringLiteral("ALTER TABLE action ADD COLUMN framework TEXT NOT NULL DEFAULT 'cgc'"),
                    QStringLiteral("ALTER TABLE action ADD COLUMN reference TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE action ADD COLUMN path TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE action ADD COLUMN urn TEXT"),
                    QStringLiteral("CREATE INDEX action_by_framework ON action (framework)"),
                    QStringLiteral("CREATE INDEX framework_by_owner ON framework (owner_id)"),
                });
    holdCodeAsOnlyFramework(db);
}

// Version 10: maturity beside assurance (issue 18). The organisation says whether it tracks maturity (off by
// default); a framework read from a library file may bring its own scale (CMMI otherwise); each item records its
// current and target level, when it was assessed and by whom; a board review freezes the levels with the ratings.
void trackMaturity(const QSqlDatabase &db)
{
    execAll(db, {
                    QStringLiteral("ALTER TABLE organisation ADD COLUMN track_maturity INTEGER NOT NULL DEFAULT 0"),
                    QStringLiteral("ALTER TABLE framework ADD COLUMN maturity_scale TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE assessment ADD COLUMN maturity INTEGER"),
                    QStringLiteral("ALTER TABLE assessment ADD COLUMN maturity_target INTEGER"),
                    QStringLiteral("ALTER TABLE assessment ADD COLUMN maturity_assessed TEXT"),
                    QStringLiteral("ALTER TABLE assessment ADD COLUMN maturity_assessor TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE review_item ADD COLUMN maturity INTEGER"),
                    QStringLiteral("ALTER TABLE review_item ADD COLUMN maturity_target INTEGER"),
                });
}

// Version 11: each link to an action carries its evidence's review-by date, kept by triggers and indexed with the
// action, so an action's expired and expiring counts on a date come from the index instead of every due item and
// its links (issue 19: a register of 200,000 items holds tens of thousands that are due); and the items newest
// first, for the board pack's index.
void dueDatesOnLinks(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("ALTER TABLE evidence_action ADD COLUMN review_by TEXT")});
    refreshLinkDueDates(db);
    execAll(db, {QStringLiteral("CREATE INDEX evidence_action_due ON evidence_action (action_id, review_by)"),
                 // The board pack's index of each action's newest items reads newest first (no date last).
                 QStringLiteral("CREATE INDEX evidence_newest ON evidence (coalesce(effective_date, ''), id)")});
    execAll(db, SqlDialect::of(db).linkDueDateTriggers());
}

// Version 12: the evidence register in the order of its titles or review-by dates, a window at a time (issue 19).
// Each ends with the id, the tie-break of those orders (Store::evidenceWindow), so a window is a walk along an
// index that holds all it needs. Without them, a window half-way down a register of 200,000 items sorted by title
// sorted the whole table again (260 ms on SQLite); by review-by date, the ties were sorted again on the way and on
// PostgreSQL each row read from the table (110 ms; 17 ms with the index). IF NOT EXISTS: only indexes, which a file
// rebuilt by hand may already have.
void indexEvidenceOrders(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("CREATE INDEX IF NOT EXISTS evidence_by_title ON evidence (title, id)"),
                 QStringLiteral("CREATE INDEX IF NOT EXISTS evidence_by_review_by_id ON evidence (review_by, id)")});
}

// Version 13: the first expired items in the attention list's order without reading every expired title (issue 19:
// a register of years holds tens of thousands): a walk along the titles folded as that order folds them, and the
// titles it cannot order (not ASCII alone) found through their own small index. IF NOT EXISTS: only indexes.
void indexAttentionOrder(const QSqlDatabase &db)
{
    execAll(db, SqlDialect::of(db).attentionOrderIndexes());
}

} // namespace

void holdCodeAsOnlyFramework(const QSqlDatabase &db)
{
    execAll(db, {QStringLiteral("UPDATE principle SET reference = id WHERE reference = ''"),
                 QStringLiteral("UPDATE action SET reference = id WHERE reference = ''")});
    // The Code's row, at the catalogue version the record holds (none yet in a new record: the catalogue is
    // written after the schema, and writes the rest of the row).
    const Catalogue &code = Catalogue::builtIn();
    SqlQuery(db, QStringLiteral("INSERT INTO framework (key, position, urn, origin, version, title, short_name, "
                                "group_noun, item_noun, publisher, published, source_url, copyright, licence, "
                                "attribution, enabled) VALUES (:key, 0, :urn, 'built-in', "
                                "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'catalogue_version'), "
                                "0), :title, :short, :group, :item, :publisher, :published, :source, :copyright, "
                                ":licence, :attribution, 1) ON CONFLICT (key) DO NOTHING"))
        .bind(QStringLiteral(":key"), code.key())
        .bind(QStringLiteral(":urn"), code.urn())
        .bind(QStringLiteral(":title"), code.title())
        .bind(QStringLiteral(":short"), code.shortName())
        .bind(QStringLiteral(":group"), code.groupNoun())
        .bind(QStringLiteral(":item"), code.itemNoun())
        .bind(QStringLiteral(":publisher"), code.publisher())
        .bind(QStringLiteral(":published"), code.published())
        .bind(QStringLiteral(":source"), code.sourceUrl())
        .bind(QStringLiteral(":copyright"), code.copyright())
        .bind(QStringLiteral(":licence"), code.licence())
        .bind(QStringLiteral(":attribution"), code.attribution())
        .exec();
}

void recountEvidenceTally(const QSqlDatabase &db)
{
    execAll(db, {
                    QStringLiteral("DELETE FROM evidence_tally"),
                    // Not "HAVING" without "GROUP BY": SQLite accepts that only from 3.39.
                    // The subquery's alias is required by PostgreSQL (before 16).
                    QStringLiteral("INSERT INTO evidence_tally (subject, n) "
                                   "SELECT '', n FROM (SELECT count(*) AS n FROM evidence) AS items WHERE n > 0"),
                    QStringLiteral("INSERT INTO evidence_tally (subject, n) "
                                   "SELECT action_id, count(*) FROM evidence_action GROUP BY action_id"),
                });
}

void refreshLinkDueDates(const QSqlDatabase &db)
{
    // Only the links whose date differs, none and a date counted as different: rewriting every link would leave a
    // dead copy of each on a server.
    execAll(db, {QStringLiteral("UPDATE evidence_action SET review_by = (SELECT e.review_by FROM evidence e "
                                "WHERE e.id = evidence_action.evidence_id) "
                                "WHERE EXISTS (SELECT 1 FROM evidence e WHERE e.id = evidence_action.evidence_id "
                                "AND ((e.review_by IS NULL) <> (evidence_action.review_by IS NULL) "
                                "OR e.review_by <> evidence_action.review_by))")});
}

const QList<Migration> &migrations()
{
    static const QList<Migration> steps{
        {1, QStringLiteral("organisation, catalogue, people, assessments, evidence, reviews, metrics, events, audit"),
         createVersion1},
        {2, QStringLiteral("indexes on evidence review and effective dates"), indexEvidenceDates, false},
        // Not needed to read: without the tally, Store::dueEvidence counts the register instead.
        {3, QStringLiteral("evidence counts kept by triggers"), tallyEvidence, false},
        // Not needed to read: a file from before reads every assessment as version 1, and is never written.
        {4, QStringLiteral("a version per assessment, for concurrent editing"), versionAssessments, false},
        {5, QStringLiteral("change notices for live updates on a server"), noticeChanges, false},
        // Not needed to read, as version 4.
        {6, QStringLiteral("a version per record edited in place, for concurrent editing"), versionRecords, false},
        // Not needed to read: a file from before holds no file in chunks.
        {7, QStringLiteral("large evidence files in chunks of 1 MB"), chunkLargeFiles, false},
        // Not needed to read: nothing reads a login from a file, and a server's record is always upgraded.
        {8, QStringLiteral("people linked to server logins; the server names who made each change"), nameLogins, false},
        // Not needed to read: a file from before holds the Code alone, and Store reads it as that.
        {9, QStringLiteral("several frameworks: the Software Security Code and frameworks from library files"),
         holdFrameworks, false},
        // Not needed to read: a file from before tracks no maturity, and Store reads it as that.
        {10, QStringLiteral("maturity beside assurance: levels per item, a scale per framework"), trackMaturity, false},
        // Not needed to read: without the dates on the links, Store counts the due evidence through the items.
        {11, QStringLiteral("evidence review-by dates on its links, and its newest first, for a large register"),
         dueDatesOnLinks, false},
        // Not needed to read: only indexes.
        {12, QStringLiteral("indexes for the evidence register in title and review-by order"), indexEvidenceOrders,
         false},
        // Not needed to read: only indexes.
        {13, QStringLiteral("indexes for the expired evidence in the attention list's order"), indexAttentionOrder,
         false},
    };
    return steps;
}

bool needsUpgradeToRead(int version)
{
    for (const Migration &step : migrations()) {
        if (step.version > version && step.neededToRead)
            return true;
    }
    return false;
}

int migrate(const QSqlDatabase &db, int upTo, std::optional<int> knownVersion)
{
    const SqlDialect &dialect = SqlDialect::of(db);
    int version = knownVersion ? *knownVersion : dialect.schemaVersion(db);
    const int before = version;
    // With access by role on a server, the schema belongs to the record's owner role: an upgrade runs as it,
    // which only an admin of the record may become (ServerAccess); nothing to upgrade, no role taken.
    std::optional<ActingAsRecordOwner> asOwner;
    if (version < std::min(upTo, migrations().constLast().version))
        asOwner.emplace(db);
    for (const Migration &step : migrations()) {
        if (step.version <= version)
            continue;
        if (step.version > upTo)
            break;
        dialect.beginWrite(db);
        // Another program may have taken this step since the version was read: one writer at a time from here.
        if (const int now = dialect.schemaVersion(db); now >= step.version) {
            dialect.rollback(db);
            version = now;
            continue;
        }
        try {
            step.apply(db);
            if (step.version == 1)
                dialect.markAsQuorum(db);
            dialect.setSchemaVersion(db, step.version);
            dialect.commit(db);
        } catch (const Error &error) {
            dialect.rollback(db);
            throw Error(error.kind(), QStringLiteral("Upgrading the database to version %1 failed: %2")
                                          .arg(step.version)
                                          .arg(error.message()));
        }
        version = step.version;
    }
    // A table a migration added is granted like the others.
    if (version > before) {
        if (const auto prefix = ServerAccess::prefixOf(db))
            ServerAccess::applyGrants(db, *prefix);
    }
    return version;
}

} // namespace quorum
