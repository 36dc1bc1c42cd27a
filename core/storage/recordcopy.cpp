#include "core/storage/recordcopy.h"

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <QSet>
#include <QSqlRecord>

#include <algorithm>
#include <map>
#include <memory>

namespace quorum {

namespace {

/** Computed from the others by triggers: recounted in the target rather than copied. */
const QString kDerivedTable = QStringLiteral("evidence_tally");

/** The hash of the newest row of @p db's audit trail; empty for an empty trail. */
QString chainHead(const QSqlDatabase &db)
{
    AuditFilter newest;
    newest.limit = 1;
    const QList<AuditEntry> last = AuditTrail::entries(db, newest);
    return last.isEmpty() ? QString() : last.constFirst().hash;
}

/**
 * The tables of @p db's schema, aside from a server's own: its version row, and the roles of access by role,
 * which belong to the record they were set up for (a copy's admin sets up its own with ServerAccess::enable).
 */
QSet<QString> tablesOf(const QSqlDatabase &db)
{
    const bool server = engineOf(db) == SqlDialect::Engine::Postgres;
    SqlQuery query(db, server ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                               "current_schema() AND table_name NOT IN ('quorum_schema', "
                                               "'quorum_access')")
                              : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                               "LIKE 'sqlite\\_%' ESCAPE '\\'"));
    query.exec();
    QSet<QString> tables;
    while (query.next())
        tables.insert(query.value(0).toString());
    return tables;
}

/** The column names of @p table in @p db, in the table's order. */
QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    const QSqlRecord record = db.record(table);
    QStringList columns;
    for (int i = 0; i < record.count(); ++i)
        columns << record.fieldName(i);
    return columns;
}

/** Whether @p table's key is chosen by PostgreSQL (an identity column "id"), not text like an action's. */
bool hasIdentity(const QSqlDatabase &db, const QString &table)
{
    SqlQuery query(db, QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                      "current_schema() AND table_name = :table AND column_name = 'id' AND "
                                      "is_identity = 'YES'"));
    query.bind(QStringLiteral(":table"), table);
    return query.scalar().toInt() > 0;
}

qint64 countRows(const QSqlDatabase &db, const QString &table)
{
    return SqlQuery(db, QStringLiteral("SELECT count(*) FROM %1").arg(table)).scalar().toLongLong();
}

/**
 * Inserts rows into one table of the target, many to a statement (a multi-row INSERT, every value bound): one
 * round trip per row made a copy of a large organisation to a server take over a minute. A statement holds at
 * most kMostValues values, and rows of stored files at most about kMostBytes, so memory stays bounded (a 1 MB
 * chunk of a large file goes alone). Rows go in in the order they were written; flush() sends what is left.
 */
class RowWriter {
public:
    static constexpr qsizetype kMostValues = 2000;
    static constexpr qsizetype kMostBytes = 1024 * 1024;

    RowWriter(const QSqlDatabase &db, const QString &table, const QStringList &columns)
        : m_db(db)
        , m_table(table)
        , m_columns(columns)
        , m_rowsPerStatement(std::max<qsizetype>(1, kMostValues / std::max<qsizetype>(1, columns.size())))
    {
    }
    void write(QList<QVariant> values)
    {
        for (const QVariant &value : std::as_const(values)) {
            if (value.typeId() == QMetaType::QByteArray) {
                m_bytes += value.toByteArray().size();
                m_holdsFiles = true;
            } else if (value.typeId() == QMetaType::QString)
                m_bytes += 2 * value.toString().size();
        }
        m_pending.append(std::move(values));
        if (m_pending.size() >= m_rowsPerStatement || m_bytes >= kMostBytes)
            flush();
    }
    void flush()
    {
        if (m_pending.isEmpty())
            return;
        Statement &statement = statementFor(m_pending.size());
        for (qsizetype row = 0; row < m_pending.size(); ++row) {
            const QList<QVariant> &values = m_pending[row];
            for (qsizetype column = 0; column < values.size(); ++column)
                statement.query->bind(statement.placeholders[row * m_columns.size() + column], values[column]);
        }
        statement.query->exec();
        // A statement is kept for the next batch of its size (and a server connection keeps it longer): it must
        // not keep this batch's stored files alive with it. (Other rows are small: not worth a second pass.)
        if (m_holdsFiles) {
            for (const QString &placeholder : std::as_const(statement.placeholders))
                statement.query->bind(placeholder, QVariant());
        }
        m_pending.clear();
        m_bytes = 0;
        m_holdsFiles = false;
    }

private:
    struct Statement {
        std::unique_ptr<SqlQuery> query;
        QStringList placeholders; ///< row by row, column by column
    };
    /** The INSERT of @p rows rows (one for a full batch, one for the last part of a table). */
    Statement &statementFor(qsizetype rows)
    {
        auto found = m_statements.find(rows);
        if (found != m_statements.end())
            return found->second;
        Statement statement;
        QStringList tuples;
        for (qsizetype row = 0; row < rows; ++row) {
            QStringList names;
            for (qsizetype column = 0; column < m_columns.size(); ++column)
                names << QStringLiteral(":r%1c%2").arg(row).arg(column);
            statement.placeholders << names;
            tuples << QLatin1Char('(') + names.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
        statement.query = std::make_unique<SqlQuery>(
            m_db, QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                      .arg(m_table, m_columns.join(QStringLiteral(", ")), tuples.join(QStringLiteral(", "))));
        return m_statements.emplace(rows, std::move(statement)).first->second;
    }

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    qsizetype m_rowsPerStatement;
    QList<QList<QVariant>> m_pending;
    qsizetype m_bytes = 0;
    bool m_holdsFiles = false; ///< the pending rows hold bytes (stored files)
    std::map<qsizetype, Statement> m_statements;
};

} // namespace

const QStringList &RecordCopy::tablesInOrder()
{
    // The order of migration 1's CREATE TABLEs: each table after those it refers to.
    static const QStringList tables{
        QStringLiteral("meta"),
        QStringLiteral("organisation"),
        QStringLiteral("principle"),
        QStringLiteral("action"),
        QStringLiteral("person"),
        QStringLiteral("framework"),
        QStringLiteral("assessment"),
        QStringLiteral("blob"),
        QStringLiteral("blob_chunk"),
        QStringLiteral("evidence"),
        QStringLiteral("evidence_revision"),
        QStringLiteral("evidence_action"),
        QStringLiteral("training"),
        QStringLiteral("review"),
        QStringLiteral("review_item"),
        QStringLiteral("metric"),
        QStringLiteral("metric_action"),
        QStringLiteral("metric_reading"),
        QStringLiteral("event"),
        QStringLiteral("event_action"),
        QStringLiteral("audit"),
    };
    return tables;
}

CopyReport RecordCopy::copy(const Database &source, Database &target, const Progress &progress)
{
    const QSqlDatabase from = source.connection();
    const QSqlDatabase to = target.connection();
    if (AuditTrail::rowCount(to) > 0)
        throw Error(Error::Kind::Conflict, QStringLiteral("%1 already holds a Quorum record; a copy goes only into an "
                                                          "empty database, and Quorum never overwrites one.")
                                               .arg(target.path()));
    // A table this program does not know would be left behind: refused rather than copied in part.
    QSet<QString> known(tablesInOrder().cbegin(), tablesInOrder().cend());
    known.insert(kDerivedTable);
    for (const QString &table : tablesOf(from)) {
        if (!known.contains(table))
            throw Error(Error::Kind::TooNew, QStringLiteral("%1 holds a table (%2) that this version of Quorum does "
                                                            "not know; copy it with the version that wrote it.")
                                                 .arg(source.path(), table));
    }

    CopyReport report;
    const qint64 fileCount = countRows(from, QStringLiteral("blob"));
    const qint64 total = tablesInOrder().size() + fileCount;
    qint64 done = 0;
    const auto step = [&] {
        if (progress)
            progress(++done, total);
    };

    Transaction transaction(target);
    // The trail goes across as it is, each row naming who made it and with its own hash: the server's stamp
    // (migration 8) would name whoever runs the copy. Off only inside this transaction, which only the
    // owner of the new record's tables may do; the copy is verified row by row afterwards.
    const bool toServer = engineOf(to) == SqlDialect::Engine::Postgres;
    if (toServer) {
        SqlDialect::execDefinition(to, QStringLiteral("ALTER TABLE audit DISABLE TRIGGER audit_stamp"));
        // The tally is counted once at the end (recountEvidenceTally): kept by its triggers row by row, each of
        // the thousands of links would leave a dead version of its count behind, a table of a few rows spread
        // over hundreds of pages that every dashboard reads.
        SqlDialect::execDefinition(to, QStringLiteral("ALTER TABLE evidence DISABLE TRIGGER evidence_tally_item"));
        SqlDialect::execDefinition(to,
                                   QStringLiteral("ALTER TABLE evidence_action DISABLE TRIGGER evidence_tally_link"));
    }
    // Whatever creating the schema put in (nothing but the schema's own rows) makes way for the source's.
    for (auto it = tablesInOrder().crbegin(); it != tablesInOrder().crend(); ++it)
        SqlQuery(to, QStringLiteral("DELETE FROM %1").arg(*it)).exec();
    QList<QPair<qint64, QList<QVariant>>> signatures; // review id -> signed_by, signed_at, minute_ref
    for (const QString &table : tablesInOrder()) {
        const QStringList targetColumns = columnsOf(to, table);
        QStringList columns;
        for (const QString &column : columnsOf(from, table)) {
            if (targetColumns.contains(column))
                columns << column;
        }
        if (columns.isEmpty()) { // a table the source is too old to have (a read-only file from before it)
            report.rows.insert(table, 0);
            step();
            continue;
        }
        RowWriter writer(to, table, columns);
        qint64 rows = 0;
        if (table == QLatin1String("blob") || table == QLatin1String("blob_chunk")) {
            // Stored files, and the 1 MB chunks of large ones, read one row at a time: a record of large files is
            // never read whole into memory (the PostgreSQL driver reads a result whole), and the writer sends
            // about 1 MB at most in one statement.
            const bool files = table == QLatin1String("blob");
            const QStringList keyColumns = files ? QStringList{QStringLiteral("sha256")}
                                                 : QStringList{QStringLiteral("sha256"), QStringLiteral("seq")};
            SqlQuery keys(
                from,
                QStringLiteral("SELECT %1 FROM %2 ORDER BY %1").arg(keyColumns.join(QStringLiteral(", ")), table));
            keys.exec();
            QList<QList<QVariant>> keyValues;
            while (keys.next()) {
                QList<QVariant> key;
                for (qsizetype i = 0; i < keyColumns.size(); ++i)
                    key << keys.value(int(i));
                keyValues << key;
            }
            QStringList conditions;
            for (const QString &key : keyColumns)
                conditions << QStringLiteral("%1 = :%1").arg(key);
            const QString select =
                QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                    .arg(columns.join(QStringLiteral(", ")), table, conditions.join(QStringLiteral(" AND ")));
            for (const QList<QVariant> &key : std::as_const(keyValues)) {
                SqlQuery row(from, select);
                for (qsizetype i = 0; i < keyColumns.size(); ++i)
                    row.bind(QLatin1Char(':') + keyColumns[i], key[i]);
                row.exec();
                row.next();
                QList<QVariant> values;
                for (qsizetype i = 0; i < columns.size(); ++i)
                    values << row.value(int(i));
                report.fileBytes += values.value(columns.indexOf(QStringLiteral("data"))).toByteArray().size();
                writer.write(values);
                ++rows;
                if (files)
                    step();
            }
            if (files)
                report.files = rows;
        } else {
            SqlQuery rowsOf(
                from, QStringLiteral("SELECT %1 FROM %2 ORDER BY 1").arg(columns.join(QStringLiteral(", ")), table));
            rowsOf.exec();
            const bool review = table == QLatin1String("review");
            const QList<qsizetype> signedColumns{columns.indexOf(QStringLiteral("signed_by")),
                                                 columns.indexOf(QStringLiteral("signed_at")),
                                                 columns.indexOf(QStringLiteral("minute_ref"))};
            while (rowsOf.next()) {
                QList<QVariant> values;
                for (qsizetype i = 0; i < columns.size(); ++i)
                    values << rowsOf.value(int(i));
                // A signed review takes no items: it goes in unsigned, and is signed once its items are in.
                if (review && !values.value(signedColumns[1]).isNull()) {
                    QList<QVariant> signature;
                    for (const qsizetype column : signedColumns) {
                        signature << values.value(column);
                        if (column >= 0)
                            values[column] = QVariant(values[column].metaType());
                    }
                    signatures.append({values.value(columns.indexOf(QStringLiteral("id"))).toLongLong(), signature});
                }
                writer.write(values);
                ++rows;
            }
        }
        writer.flush();
        if (table == QLatin1String("review_item")) {
            for (const auto &[id, signature] : std::as_const(signatures)) {
                SqlQuery(to, QStringLiteral("UPDATE review SET signed_by = :by, signed_at = :at, minute_ref = :minute "
                                            "WHERE id = :id"))
                    .bind(QStringLiteral(":by"), signature[0])
                    .bind(QStringLiteral(":at"), signature[1])
                    .bind(QStringLiteral(":minute"), signature[2])
                    .bind(QStringLiteral(":id"), id)
                    .exec();
            }
        }
        // Rows put in under their own keys: the server's next chosen key must come after them.
        if (toServer && rows > 0 && hasIdentity(to, table))
            SqlQuery(to, QStringLiteral("SELECT setval(pg_get_serial_sequence(:table, 'id'), (SELECT max(id) FROM %1))")
                             .arg(table))
                .bind(QStringLiteral(":table"), table)
                .scalar();
        report.rows.insert(table, rows);
        step();
    }
    recountEvidenceTally(to);
    refreshLinkDueDates(to); // a file from before schema 11 has none to copy
    // A read-only file from before schema 9 holds the Code alone, without a framework table.
    if (report.rows.value(QStringLiteral("framework")) == 0) {
        holdCodeAsOnlyFramework(to);
        report.rows.insert(QStringLiteral("framework"), countRows(to, QStringLiteral("framework")));
    }
    if (toServer) {
        SqlDialect::execDefinition(to, QStringLiteral("ALTER TABLE audit ENABLE TRIGGER audit_stamp"));
        SqlDialect::execDefinition(to, QStringLiteral("ALTER TABLE evidence ENABLE TRIGGER evidence_tally_item"));
        SqlDialect::execDefinition(to,
                                   QStringLiteral("ALTER TABLE evidence_action ENABLE TRIGGER evidence_tally_link"));
    }
    transaction.commit();

    report.auditRows = report.rows.value(QStringLiteral("audit"));
    report.lastAuditHash = chainHead(from);
    return report;
}

CopyReport RecordCopy::copyTo(const Database &source, const QString &targetLocation, const Progress &progress)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    if (ServerConnection::isServer(targetLocation)) {
        auto target =
            Database::openServer(ServerConnection::parse(targetLocation), Database::Mode::CreateEmpty, catalogue);
        // Reported as copied only once on disk, however the server is set (the session is the copy's alone; a
        // setting that waits for more, a standby's, is kept). It matters to the VACUUM below too: a row's commit
        // must be on disk before VACUUM may mark it visible to all, and with asynchronous commits it is not yet,
        // so the dashboard's counts would read the tables.
        SqlQuery(target->connection(),
                 QStringLiteral("SELECT set_config('synchronous_commit', 'on', false) "
                                "WHERE current_setting('synchronous_commit') IN ('off', 'local')"))
            .exec();
        const CopyReport report = copy(source, *target, progress);
        // As after any bulk load on PostgreSQL: rows just written carry no hint bits, the tables no visibility
        // map (the dashboard's counts are index-only scans) and no statistics for the planner until autovacuum
        // comes round, and the first windows on the copy would pay for it. Done now, outside the transaction
        // (VACUUM cannot run in one), on the record's tables alone; the copy is committed, so a failure here
        // loses nothing and only leaves the work to autovacuum.
        try {
            QStringList tables = tablesInOrder();
            tables << kDerivedTable;
            SqlDialect::execDefinition(target->connection(),
                                       QStringLiteral("VACUUM (ANALYZE) %1").arg(tables.join(QStringLiteral(", "))));
        } catch (const Error &) {
        }
        verify(source, *target, report);
        return report;
    }
    auto target = Database::open(targetLocation, Database::Mode::CreateEmpty, catalogue);
    const QString path = target->path();
    try {
        const CopyReport report = copy(source, *target, progress);
        verify(source, *target, report);
        return report;
    } catch (...) {
        target.reset();
        Database::removeFiles(path);
        throw;
    }
}

void RecordCopy::verify(const Database &source, Database &target, const CopyReport &report)
{
    const QSqlDatabase from = source.connection();
    const QSqlDatabase to = target.connection();
    const auto refuse = [&target](const QString &problem) {
        throw Error(Error::Kind::Corrupt,
                    QStringLiteral("The copy in %1 does not match the original: %2.").arg(target.path(), problem));
    };
    const QSet<QString> sourceTables = tablesOf(from);
    for (auto it = report.rows.cbegin(); it != report.rows.cend(); ++it) {
        // A source from before schema 9 has no framework table: the copy holds the Code's one row.
        const bool codeRowAdded = it.key() == QLatin1String("framework") && !sourceTables.contains(it.key());
        const qint64 original = sourceTables.contains(it.key()) ? countRows(from, it.key()) : codeRowAdded ? 1 : 0;
        const qint64 copied = countRows(to, it.key());
        if (original != copied || copied != it.value())
            refuse(QStringLiteral("%1 holds %2 rows in the original and %3 in the copy")
                       .arg(it.key())
                       .arg(original)
                       .arg(copied));
    }
    const ChainCheck chain = AuditTrail::verify(to);
    if (!chain.ok)
        refuse(QStringLiteral("its audit trail does not verify (%1)").arg(chain.problem));
    if (chain.rows != report.auditRows)
        refuse(QStringLiteral("its audit trail has %1 rows, the original %2").arg(chain.rows).arg(report.auditRows));
    if (chainHead(to) != report.lastAuditHash)
        refuse(QStringLiteral("its audit trail ends in another row"));
    Store copied(target, Clock());
    const QList<EvidenceProblem> files = copied.verifyEvidence();
    if (!files.isEmpty())
        refuse(QStringLiteral("evidence %1 (\"%2\") does not match its SHA-256")
                   .arg(files.constFirst().evidenceId)
                   .arg(files.constFirst().title));
    const std::optional<QStringList> tally = copied.verifyEvidenceTally();
    if (tally && !tally->isEmpty())
        refuse(QStringLiteral("its evidence totals disagree with its register (%1)").arg(tally->constFirst()));
}

} // namespace quorum
