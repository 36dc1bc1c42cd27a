#include "core/interchange/jsonbackup.h"

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/cataloguewriter.h"
#include "core/storage/database.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/migrations.h"
#include "core/storage/sql.h"
#include "core/storage/sqlitedialect.h"
#include "core/storage/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QTemporaryDir>
#include <QUuid>

#include <cmath>

namespace quorum {

namespace {

/**
 * Tables whose rows a catalogue supplies. The built-in frameworks' rows are never written (the program restoring
 * has the catalogue); those of frameworks read from library files are (schema 9), since no program has them.
 */
const QSet<QString> &catalogueTables()
{
    static const QSet<QString> tables{QStringLiteral("principle"), QStringLiteral("action")};
    return tables;
}

/** The rows of catalogue table @p table that a backup holds: those of library frameworks. */
QString catalogueRowsFilter(const QSqlDatabase &db)
{
    return SqliteDialect::tables(db).contains(QStringLiteral("framework"))
               ? QStringLiteral(" WHERE framework IN (SELECT key FROM framework WHERE origin = 'library')")
               : QStringLiteral(" WHERE 0");
}

/**
 * Tables computed from the others (counts kept by triggers): never written, recounted after a restore, so a
 * backup cannot carry counts that disagree with its rows.
 */
const QSet<QString> &derivedTables()
{
    static const QSet<QString> tables{QStringLiteral("evidence_tally")};
    return tables;
}

const QString kBlobKey = QStringLiteral("base64");

void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += QByteArray::number(u, 16).rightJustified(2, '0');
            } else if (u < 0x80) {
                out += char(u);
            } else {
                // Surrogate pairs are kept together: encode the pair as one code point.
                out += QString(c).toUtf8();
            }
        }
    }
    out += '"';
}

void appendValue(QByteArray &out, const QVariant &value)
{
    if (value.isNull() || !value.isValid()) {
        out += "null";
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: {
        const qint64 number = value.toLongLong();
        // JSON numbers are exact to 2^53; larger integers travel as text (SQLite turns them back into
        // integers).
        if (std::llabs(number) < (1LL << 53))
            out += QByteArray::number(number);
        else
            appendJsonString(out, QString::number(number));
        return;
    }
    case QMetaType::Double: {
        const double number = value.toDouble();
        if (std::isfinite(number))
            out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
        else
            out += "null";
        return;
    }
    case QMetaType::QByteArray:
        out += "{\"base64\":\"";
        out += value.toByteArray().toBase64();
        out += "\"}";
        return;
    default:
        appendJsonString(out, value.toString());
    }
}

void writeOrFail(QIODevice &device, const QByteArray &bytes)
{
    if (device.write(bytes) != bytes.size())
        throw Error(Error::Kind::Full, QStringLiteral("Could not write the backup: %1").arg(device.errorString()));
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

[[noreturn]] void refuse(const QString &path, const QString &what)
{
    throw Error(Error::Kind::InvalidInput, QStringLiteral("%1: %2").arg(shown(path), what));
}

/** A raw connection to a scratch file, outside Database (no migrations, no catalogue). */
class ScratchConnection {
public:
    explicit ScratchConnection(const QString &path)
        : m_name(QStringLiteral("quorum-restore-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (!db.open())
            throw classifySqlError(db.lastError(), QStringLiteral("creating the scratch database %1").arg(path));
    }
    ~ScratchConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ScratchConnection(const ScratchConnection &) = delete;
    ScratchConnection &operator=(const ScratchConnection &) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

QVariant boundValue(const QJsonValue &value, const QString &table, const QString &column)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::fabs(number) < 9007199254740992.0)
            return static_cast<qint64>(number);
        return number;
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.size() == 1 && object.value(kBlobKey).isString()) {
            const auto decoded = QByteArray::fromBase64Encoding(object.value(kBlobKey).toString().toLatin1(),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (decoded)
                return *decoded;
        }
        break;
    }
    case QJsonValue::Array:
        break;
    }
    throw Error(Error::Kind::InvalidInput,
                QStringLiteral("the value of column %1 in table %2 is neither text, a number, null nor base64 data")
                    .arg(column, table));
}

/** Suspends the schema's triggers (a signed review's items must go in) for the life of the object. */
class SuspendedTriggers {
public:
    explicit SuspendedTriggers(const QSqlDatabase &db)
        : m_db(db)
        , m_triggers(SqliteDialect::triggers(db))
    {
        for (const auto &trigger : std::as_const(m_triggers))
            SqlQuery(m_db, QStringLiteral("DROP TRIGGER %1").arg(SqliteDialect::quoted(trigger.first))).exec();
    }
    /** Puts them back; call before committing (a rollback puts them back by itself). */
    void restore()
    {
        for (const auto &trigger : std::as_const(m_triggers))
            SqlQuery(m_db, trigger.second).exec();
        m_triggers.clear();
    }

private:
    QSqlDatabase m_db;
    QList<QPair<QString, QString>> m_triggers;
};

/** Inserts the backup's rows into a scratch database at the backup's schema version. */
void loadRows(const QSqlDatabase &db, const BackupFile &backup, const QString &path)
{
    const QStringList tables = SqliteDialect::tables(db);
    for (auto it = backup.tables.constBegin(); it != backup.tables.constEnd(); ++it) {
        if (!tables.contains(it.key()))
            refuse(path, QStringLiteral("the backup has a table \"%1\" that a version %2 database does not have; it "
                                        "is damaged or was not written by Quorum.")
                             .arg(it.key())
                             .arg(backup.info.schemaVersion));
    }
    SqlDialect::of(db).beginWrite(db);
    try {
        SuspendedTriggers triggers(db);
        for (const QString &table : tables) {
            if (!backup.tables.contains(table) || derivedTables().contains(table))
                continue;
            QSet<QString> known;
            for (const SqliteDialect::Column &column : SqliteDialect::columns(db, table))
                known.insert(column.name);
            QStringList keys;
            std::optional<SqlQuery> insert;
            const QJsonArray rows = backup.tables.value(table).toArray();
            // Schema 9 puts the Code's framework row in; the backup's rows say what the record held.
            if (table == QLatin1String("framework"))
                SqlQuery(db, QStringLiteral("DELETE FROM framework")).exec();
            for (qsizetype r = 0; r < rows.size(); ++r) {
                const QJsonObject row = rows[r].toObject();
                if (row.keys() != keys) {
                    keys = row.keys();
                    QStringList names;
                    QStringList placeholders;
                    for (qsizetype k = 0; k < keys.size(); ++k) {
                        if (!known.contains(keys[k]))
                            refuse(path, QStringLiteral("table \"%1\" of the backup has a column \"%2\" that a version "
                                                        "%3 database does not have.")
                                             .arg(table, keys[k])
                                             .arg(backup.info.schemaVersion));
                        names << SqliteDialect::quoted(keys[k]);
                        placeholders << QStringLiteral(":c%1").arg(k);
                    }
                    insert.emplace(db, QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                           .arg(SqliteDialect::quoted(table), names.join(QStringLiteral(", ")),
                                                placeholders.join(QStringLiteral(", "))));
                }
                try {
                    for (qsizetype k = 0; k < keys.size(); ++k)
                        insert->bind(QStringLiteral(":c%1").arg(k), boundValue(row.value(keys[k]), table, keys[k]));
                    insert->exec();
                } catch (const Error &error) {
                    refuse(path, QStringLiteral("row %1 of table \"%2\" cannot be restored: %3")
                                     .arg(r + 1)
                                     .arg(table, error.message()));
                }
            }
        }
        triggers.restore();
        if (backup.info.schemaVersion >= kEvidenceTallyVersion)
            recountEvidenceTally(db); // older versions get it from their migration
        if (backup.info.schemaVersion >= kLinkDueDatesVersion)
            refreshLinkDueDates(db); // derived, as the tally: never taken from the file
        SqlDialect::of(db).commit(db);
    } catch (...) {
        SqlDialect::of(db).rollback(db);
        throw;
    }
}

/** Builds the scratch database for @p backup in @p folder and brings it to the current schema. */
QString stage(const BackupFile &backup, const QString &folder, const QString &sourcePath)
{
    const QString path = QDir(folder).filePath(QStringLiteral("restore.quorum"));
    {
        ScratchConnection scratch(path);
        migrate(scratch.db(), backup.info.schemaVersion);
        loadRows(scratch.db(), backup, sourcePath);
    }
    // The same migrations (and catalogue update) as any older database file.
    Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn()).reset();
    // A backup holds no built-in framework's wording (this program has it): each one the record holds, at the
    // version it holds (the opening above brought an older one up to date, with its trail row), is put back here,
    // without a trail row, as it was when the backup was written. A backup from before schema 9 holds the Code
    // this way too.
    {
        ScratchConnection scratch(path);
        const QSqlDatabase db = scratch.db();
        SqlDialect::of(db).beginWrite(db);
        try {
            for (const Catalogue *catalogue : Catalogue::builtIns()) {
                const bool held = SqlQuery(db, QStringLiteral("SELECT count(*) FROM framework WHERE key = :key"))
                                      .bind(QStringLiteral(":key"), catalogue->key())
                                      .scalar()
                                      .toInt()
                                  > 0;
                const bool worded = SqlQuery(db, QStringLiteral("SELECT count(*) FROM action WHERE framework = :key"))
                                        .bind(QStringLiteral(":key"), catalogue->key())
                                        .scalar()
                                        .toInt()
                                    > 0;
                if (held && !worded)
                    writeCatalogue(db, *catalogue, false);
            }
            SqlDialect::of(db).commit(db);
        } catch (...) {
            SqlDialect::of(db).rollback(db);
            throw;
        }
    }
    return path;
}

/** Copies every table of the staged database into @p target and checks the result, in one transaction. */
void copyInto(const QString &stagedPath, Database &target, const QString &sourcePath)
{
    const QSqlDatabase db = target.connection();
    const QString alias = QStringLiteral("staged");
    SqliteDialect::attach(db, stagedPath, alias);
    try {
        Transaction transaction(target);
        // Checked once everything is in, so that a problem is reported as what it is.
        SqliteDialect::deferForeignKeys(db);
        SuspendedTriggers triggers(db);
        // Every table, the catalogue's too: the staged record holds the built-in frameworks as this program has them
        // and those from library files as the backup had them.
        const QStringList tables = SqliteDialect::tables(db);
        for (auto it = tables.crbegin(); it != tables.crend(); ++it)
            SqlQuery(db, QStringLiteral("DELETE FROM main.%1").arg(SqliteDialect::quoted(*it))).exec();
        for (const QString &table : std::as_const(tables)) {
            QSet<QString> staged;
            for (const SqliteDialect::Column &column : SqliteDialect::columns(db, table, alias))
                staged.insert(column.name);
            QStringList common;
            for (const SqliteDialect::Column &column : SqliteDialect::columns(db, table)) {
                if (staged.contains(column.name))
                    common << SqliteDialect::quoted(column.name);
            }
            if (common.isEmpty())
                continue;
            const QString columns = common.join(QStringLiteral(", "));
            SqlQuery(db, QStringLiteral("INSERT INTO main.%1 (%2) SELECT %2 FROM %3.%1 ORDER BY rowid")
                             .arg(SqliteDialect::quoted(table), columns, SqliteDialect::quoted(alias)))
                .exec();
        }
        triggers.restore();
        const QStringList keys = SqliteDialect::foreignKeyProblems(db);
        if (!keys.isEmpty())
            refuse(sourcePath, QStringLiteral("the backup is inconsistent (%1); nothing was restored.")
                                   .arg(keys.join(QStringLiteral("; "))));
        const ChainCheck chain = AuditTrail::verify(db);
        if (!chain.ok)
            refuse(sourcePath, QStringLiteral("the audit trail in the backup does not verify (%1): the file was "
                                              "changed after it was written; nothing was restored.")
                                   .arg(chain.problem));
        const QList<EvidenceProblem> files = Store(target, Clock()).verifyEvidence();
        if (!files.isEmpty())
            refuse(sourcePath, QStringLiteral("evidence %1 (\"%2\") in the backup does not match its SHA-256: the file "
                                              "was changed after it was written; nothing was restored.")
                                   .arg(files.constFirst().evidenceId)
                                   .arg(files.constFirst().title));
        transaction.commit();
    } catch (...) {
        SqliteDialect::detach(db, alias);
        throw;
    }
    SqliteDialect::detach(db, alias);
}

} // namespace

qint64 BackupInfo::totalRows() const
{
    qint64 total = 0;
    for (const qint64 count : rows)
        total += count;
    return total;
}

QString JsonBackup::formatName()
{
    return QStringLiteral("quorum-backup");
}

namespace {

/** JSON backups read and write a file's schema (SQLite's catalogue of tables, its row ids). */
void refuseServer(const Database &database)
{
    if (database.isServer())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is a record on a server: JSON backups are made of and into Quorum files. A "
                                   "server's administrator backs its record up with pg_dump.")
                        .arg(database.path()));
}

} // namespace

BackupInfo JsonBackup::write(const Database &database, const QString &path, const QDateTime &now)
{
    refuseServer(database);
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("overwritten by the backup"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Could not create %1: %2").arg(shown(path), file.errorString()));
    BackupInfo info = write(database.connection(), file, now);
    if (!file.commit())
        throw Error(Error::Kind::Full, QStringLiteral("Could not write %1: %2").arg(shown(path), file.errorString()));
    info.bytes = QFileInfo(path).size();
    return info;
}

BackupInfo JsonBackup::write(const QSqlDatabase &db, QIODevice &device, const QDateTime &now)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    BackupInfo info;
    info.formatVersion = kFormatVersion;
    info.schemaVersion = SqliteDialect::userVersion(db);
    info.catalogueId = catalogue.id();
    info.catalogueVersion =
        SqlQuery(db, QStringLiteral("SELECT value FROM meta WHERE key = 'catalogue_version'")).scalar().toInt();
    info.program = QStringLiteral("Quorum %1").arg(QStringLiteral(QUORUM_VERSION));
    info.exportedAt = AuditTrail::timestamp(now.isValid() ? now : QDateTime::currentDateTimeUtc());
    info.organisation = SqlQuery(db, QStringLiteral("SELECT name FROM organisation WHERE id = 1")).scalar().toString();

    QStringList tables = SqliteDialect::tables(db);
    tables.removeIf([](const QString &table) { return derivedTables().contains(table); });
    const QString libraryRows = catalogueRowsFilter(db);
    const auto rowsOf = [&libraryRows](const QString &table) {
        return catalogueTables().contains(table) ? libraryRows : QString();
    };
    for (const QString &table : std::as_const(tables))
        info.rows.insert(
            table,
            SqlQuery(db, QStringLiteral("SELECT count(*) FROM %1%2").arg(SqliteDialect::quoted(table), rowsOf(table)))
                .scalar()
                .toLongLong());
    // Without a framework from a library, a backup holds no catalogue rows at all, as before schema 9.
    tables.removeIf(
        [&info](const QString &table) { return catalogueTables().contains(table) && info.rows.value(table) == 0; });
    for (const QString &table : catalogueTables()) {
        if (!tables.contains(table))
            info.rows.remove(table);
    }
    QStringList actionIds;
    SqlQuery actions(db, QStringLiteral("SELECT a.id FROM action a JOIN principle p ON p.id = a.principle_id "
                                        "ORDER BY p.position, a.position"));
    actions.exec();
    while (actions.next()) {
        // The header names the Code's catalogue: its actions (another framework's items carry their key).
        if (Catalogue::keyOfItem(actions.value(0).toString()) == catalogue.key())
            actionIds << actions.value(0).toString();
    }

    QJsonObject counts;
    for (auto it = info.rows.constBegin(); it != info.rows.constEnd(); ++it)
        counts.insert(it.key(), double(it.value()));
    const QJsonObject header{
        {QStringLiteral("format"), formatName()},
        {QStringLiteral("formatVersion"), kFormatVersion},
        {QStringLiteral("quorumSchemaVersion"), info.schemaVersion},
        {QStringLiteral("program"), info.program},
        {QStringLiteral("exportedAt"), info.exportedAt},
        {QStringLiteral("catalogue"), QJsonObject{{QStringLiteral("id"), info.catalogueId},
                                                  {QStringLiteral("version"), info.catalogueVersion},
                                                  {QStringLiteral("actions"), QJsonArray::fromStringList(actionIds)}}},
        {QStringLiteral("organisation"), info.organisation},
        {QStringLiteral("rows"), counts},
    };
    // The header as an indented object without its closing brace, then the tables one row per line.
    QByteArray head = QJsonDocument(header).toJson(QJsonDocument::Indented);
    head.chop(head.size() - head.lastIndexOf('}'));
    while (head.endsWith('\n') || head.endsWith(' '))
        head.chop(1);
    head += ",\n    \"tables\": {";
    writeOrFail(device, head);

    bool firstTable = true;
    for (const QString &table : std::as_const(tables)) {
        QByteArray out = firstTable ? "\n        " : ",\n        ";
        firstTable = false;
        appendJsonString(out, table);
        out += ": [";
        writeOrFail(device, out);
        QStringList columns;
        for (const SqliteDialect::Column &column : SqliteDialect::columns(db, table))
            columns << column.name;
        QStringList quotedColumns;
        for (const QString &column : std::as_const(columns))
            quotedColumns << SqliteDialect::quoted(column);
        SqlQuery rows(db,
                      QStringLiteral("SELECT %1 FROM %2%3 ORDER BY rowid")
                          .arg(quotedColumns.join(QStringLiteral(", ")), SqliteDialect::quoted(table), rowsOf(table)));
        rows.exec();
        bool firstRow = true;
        while (rows.next()) {
            QByteArray line = firstRow ? "\n            {" : ",\n            {";
            firstRow = false;
            for (qsizetype c = 0; c < columns.size(); ++c) {
                if (c > 0)
                    line += ", ";
                appendJsonString(line, columns[c]);
                line += ": ";
                appendValue(line, rows.value(int(c)));
            }
            line += '}';
            writeOrFail(device, line);
        }
        writeOrFail(device, firstRow ? QByteArray("]") : QByteArray("\n        ]"));
    }
    writeOrFail(device, "\n    }\n}\n");
    return info;
}

BackupFile JsonBackup::read(const QString &path)
{
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists())
        throw Error(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(shown(path)));
    if (fileInfo.size() > kMaxBytes)
        refuse(path, QStringLiteral("the file is %1 MB; Quorum restores backups up to %2 MB.")
                         .arg(fileInfo.size() / (1024 * 1024))
                         .arg(kMaxBytes / (1024 * 1024)));
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("read as a backup"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        refuse(path, QStringLiteral("the file cannot be read: %1").arg(file.errorString()));

    BackupFile backup;
    backup.path = path;
    backup.info.bytes = fileInfo.size();
    QJsonParseError parseError{};
    QJsonDocument document;
    {
        // Mapped, not copied: the parsed document is the only copy in memory.
        uchar *mapped = fileInfo.size() > 0 ? file.map(0, fileInfo.size()) : nullptr;
        const QByteArray bytes =
            mapped ? QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), qsizetype(fileInfo.size()))
                   : file.readAll();
        document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const qsizetype offset = std::min<qsizetype>(parseError.offset, bytes.size());
            const qsizetype line = bytes.left(offset).count('\n') + 1;
            refuse(path, QStringLiteral("this is not a Quorum backup: the JSON is malformed at line %1 (%2).")
                             .arg(line)
                             .arg(parseError.errorString()));
        }
        if (mapped)
            file.unmap(mapped);
    }
    if (!document.isObject())
        refuse(path, QStringLiteral("this is not a Quorum backup (the JSON is not an object)."));
    const QJsonObject root = document.object();
    document = QJsonDocument();
    if (root.value(QStringLiteral("format")).toString() != formatName())
        refuse(path, QStringLiteral("this is not a Quorum backup (its \"format\" is not \"%1\"); CSV and XLSX files "
                                    "import actions, a .json file a whole database.")
                         .arg(formatName()));
    BackupInfo &info = backup.info;
    info.formatVersion = root.value(QStringLiteral("formatVersion")).toInt(0);
    info.schemaVersion = root.value(QStringLiteral("quorumSchemaVersion")).toInt(0);
    info.program = root.value(QStringLiteral("program")).toString();
    info.exportedAt = root.value(QStringLiteral("exportedAt")).toString();
    info.organisation = root.value(QStringLiteral("organisation")).toString();
    const QString writer = info.program.isEmpty() ? QStringLiteral("a newer Quorum") : info.program;
    if (info.formatVersion < 1 || info.schemaVersion < 1)
        refuse(path, QStringLiteral("the backup has no valid \"formatVersion\" or \"quorumSchemaVersion\"."));
    if (info.formatVersion > kFormatVersion)
        refuse(path, QStringLiteral("the backup was written by %1 in backup format %2; this program reads format %3. "
                                    "Install the newer Quorum to restore it.")
                         .arg(writer)
                         .arg(info.formatVersion)
                         .arg(kFormatVersion));
    if (info.schemaVersion > Database::currentSchemaVersion())
        refuse(path, QStringLiteral("the backup was written by %1 (schema %2; this program reads up to %3). Install "
                                    "the newer Quorum to restore it.")
                         .arg(writer)
                         .arg(info.schemaVersion)
                         .arg(Database::currentSchemaVersion()));

    const Catalogue &catalogue = Catalogue::builtIn();
    const QJsonObject catalogueObject = root.value(QStringLiteral("catalogue")).toObject();
    info.catalogueId = catalogueObject.value(QStringLiteral("id")).toString();
    info.catalogueVersion = catalogueObject.value(QStringLiteral("version")).toInt(0);
    if (info.catalogueId != catalogue.id())
        refuse(path, QStringLiteral("the backup is of the catalogue \"%1\"; this program has \"%2\".")
                         .arg(info.catalogueId, catalogue.id()));
    if (info.catalogueVersion > catalogue.version())
        refuse(path, QStringLiteral("the backup uses version %1 of the catalogue; this program has version %2. "
                                    "Install the newer Quorum to restore it.")
                         .arg(info.catalogueVersion)
                         .arg(catalogue.version()));
    // The items a backup may refer to: those of the built-in frameworks, and those its library frameworks bring.
    QSet<QString> known;
    for (const Catalogue *builtIn : Catalogue::builtIns()) {
        for (const QString &id : builtIn->actionIds())
            known.insert(id);
    }
    const QJsonObject tablesObject = root.value(QStringLiteral("tables")).toObject();
    for (const QJsonValue &row : tablesObject.value(QStringLiteral("action")).toArray())
        known.insert(row.toObject().value(QStringLiteral("id")).toString());
    const QStringList codeIds = catalogue.actionIds();
    auto checkAction = [&](const QString &id) {
        if (!known.contains(id))
            refuse(path, QStringLiteral("the backup refers to action \"%1\", which this version of Quorum does not "
                                        "know (it knows %2 to %3).")
                             .arg(id, codeIds.value(0), codeIds.value(codeIds.size() - 1)));
    };
    for (const QJsonValue &id : catalogueObject.value(QStringLiteral("actions")).toArray())
        checkAction(id.toString());

    // A built-in framework at a newer version than this program's: its wording is not in the backup.
    for (const QJsonValue &row : tablesObject.value(QStringLiteral("framework")).toArray()) {
        const QJsonObject framework = row.toObject();
        const Catalogue *builtIn = Catalogue::builtInByKey(framework.value(QStringLiteral("key")).toString());
        if (builtIn && framework.value(QStringLiteral("version")).toInt() > builtIn->version())
            refuse(path, QStringLiteral("the backup holds version %1 of the %2; this program has version %3. Install "
                                        "the newer Quorum to restore it.")
                             .arg(framework.value(QStringLiteral("version")).toInt())
                             .arg(builtIn->title())
                             .arg(builtIn->version()));
    }
    const QJsonValue tables = root.value(QStringLiteral("tables"));
    if (!tables.isObject())
        refuse(path, QStringLiteral("the backup has no \"tables\"."));
    backup.tables = tables.toObject();
    for (auto it = backup.tables.constBegin(); it != backup.tables.constEnd(); ++it) {
        if (!it.value().isArray())
            refuse(path, QStringLiteral("table \"%1\" of the backup is not a list of rows.").arg(it.key()));
        const QJsonArray rows = it.value().toArray();
        for (qsizetype r = 0; r < rows.size(); ++r) {
            if (!rows[r].isObject())
                refuse(path, QStringLiteral("row %1 of table \"%2\" is not an object.").arg(r + 1).arg(it.key()));
            const QJsonValue actionId = rows[r].toObject().value(QStringLiteral("action_id"));
            if (actionId.isString())
                checkAction(actionId.toString());
        }
        info.rows.insert(it.key(), rows.size());
    }
    return backup;
}

bool JsonBackup::isEmpty(const Database &database)
{
    return SqlQuery(database.connection(), QStringLiteral("SELECT count(*) FROM audit WHERE entity <> 'catalogue'"))
               .scalar()
               .toLongLong()
           == 0;
}

void JsonBackup::restore(const BackupFile &backup, Database &target)
{
    refuseServer(target);
    if (!isEmpty(target))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 already holds records; a backup is restored only into a new, empty database. "
                                   "Give a new file name (quorum-cli --db NEW.quorum import BACKUP.json).")
                        .arg(shown(target.path())));
    const QString folder = QFileInfo(target.path()).absolutePath();
    QTemporaryDir scratch(QDir(folder).filePath(QStringLiteral(".quorum-restore-XXXXXX")));
    if (!scratch.isValid())
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("Could not create a scratch folder in %1 for the restore.").arg(shown(folder)));
    const QString staged = stage(backup, scratch.path(), backup.path);
    copyInto(staged, target, backup.path);
}

void JsonBackup::verify(const BackupFile &backup)
{
    QTemporaryDir scratch;
    if (!scratch.isValid())
        throw Error(Error::Kind::ReadOnly, QStringLiteral("Could not create a scratch folder for the check."));
    const QString staged = stage(backup, scratch.path(), backup.path);
    auto target = Database::open(QDir(scratch.path()).filePath(QStringLiteral("check.quorum")),
                                 Database::Mode::CreateNew, Catalogue::builtIn());
    copyInto(staged, *target, backup.path);
}

} // namespace quorum
