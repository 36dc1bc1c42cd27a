#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "core/interchange/jsonbackup.h"
#include "core/interchange/registers.h"
#include "core/interchange/workbookwriter.h"
#include "core/storage/database.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/recordcopy.h"
#include "core/storage/serverconnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <unistd.h>

namespace quorum::cli {

namespace {

enum class Format { Csv, Xlsx, Json };

const QString kExportUsage =
    QStringLiteral("[--db FILE] export FILE.csv|FILE.xlsx|FILE.json [--what actions|evidence|all] [--force] | "
                   "export FILE.pdf [--review NAME] [--page-size a4|letter] [--force]");
const QString kImportUsage =
    QStringLiteral("[--db FILE] import FILE.csv|FILE.xlsx|FILE.json [--dry-run] [--create-people] [--sheet NAME]");

std::optional<Format> formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv")
        return Format::Csv;
    if (suffix == u"xlsx")
        return Format::Xlsx;
    if (suffix == u"json")
        return Format::Json;
    return std::nullopt;
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/** A value as the change list shows it: empty as "(none)", long text cut to one line. */
QString brief(const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("(none)");
    QString line = value;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (line.size() > 60)
        line = line.left(57) + QStringLiteral("...");
    return QLatin1Char('"') + line + QLatin1Char('"');
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

// ---- export ------------------------------------------------------------------------------------

int commandExport(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("what"), QStringLiteral("review"), QStringLiteral("page-size")},
                         {QStringLiteral("force")});
    args.expectPositionals(1, 1, kExportUsage);
    const QString path = args.positional(0, QStringLiteral("FILE"));
    if (samePath(path, context.dbPath))
        throw UsageError{QStringLiteral("export: %1 is the database itself; choose another file").arg(path)};
    // A .pdf is the board pack (commands_boardpack.cpp).
    if (QFileInfo(path).suffix().compare(u"pdf", Qt::CaseInsensitive) == 0) {
        if (args.has(QStringLiteral("what")))
            throw UsageError{QStringLiteral("export: --what is for .csv, .xlsx and .json; a .pdf is the board pack")};
        if (QFileInfo(path).exists() && !QFileInfo(path).isDir() && !args.flag(QStringLiteral("force")))
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("%1 already exists; add --force to replace it.").arg(shown(path)));
        return exportBoardPack(context, path, args.value(QStringLiteral("review")),
                               args.value(QStringLiteral("page-size")));
    }
    if (args.has(QStringLiteral("review")) || args.has(QStringLiteral("page-size")))
        throw UsageError{QStringLiteral("export: --review and --page-size are for the board pack, a .pdf file")};
    const auto format = formatOf(path);
    if (!format)
        throw UsageError{QStringLiteral("export: %1 must end in .pdf, .csv, .xlsx or .json").arg(path)};
    QString what = args.value(QStringLiteral("what")).toLower();
    if (what.isEmpty())
        what = *format == Format::Csv ? QStringLiteral("actions") : QStringLiteral("all");
    if (what != u"actions" && what != u"evidence" && what != u"all")
        throw UsageError{QStringLiteral("export: --what is actions, evidence or all, not \"%1\"").arg(what)};
    if (*format == Format::Csv && what == u"all")
        throw UsageError{QStringLiteral("export: a CSV file holds one table; use --what actions or --what evidence, "
                                        "or export to .xlsx for both")};
    if (*format == Format::Json && what != u"all")
        throw UsageError{QStringLiteral("export: a .json export is always the whole database; leave out --what")};
    const QFileInfo target(path);
    if (target.isDir())
        throw Error(Error::Kind::Conflict, QStringLiteral("%1 is a folder; give a file name.").arg(shown(path)));
    if (target.exists() && !args.flag(QStringLiteral("force")))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 already exists; add --force to replace it.").arg(shown(path)));
    if (!target.absoluteDir().exists())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The folder %1 does not exist.").arg(shown(target.absolutePath())));

    Session session = openSession(context);
    const Store &store = *session.store;
    if (*format == Format::Json) {
        const BackupInfo info = JsonBackup::write(*session.database, path, store.clock().now());
        context.out << QStringLiteral("Exported the whole database (%1 rows in %2 tables, %3 stored files) to %4 "
                                      "(%5 MB)\n")
                           .arg(info.totalRows())
                           .arg(info.rows.size())
                           .arg(info.rows.value(QStringLiteral("blob")))
                           .arg(shown(path), megabytes(info.bytes));
        return Success;
    }

    QList<Sheet> sheets;
    if (what != u"evidence")
        sheets << Registers::actions(store);
    if (what != u"actions")
        sheets << Registers::evidence(store);
    if (*format == Format::Csv) {
        HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("overwritten by the export"));
        QSaveFile file(path);
        const QByteArray bytes = Csv::write(sheets.constFirst());
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("Could not write %1: %2").arg(shown(path), file.errorString()));
    } else {
        WorkbookWriter::write(sheets, path,
                              QStringLiteral("%1: Cyber Governance Code register").arg(store.organisation().name));
    }
    QStringList parts;
    for (const Sheet &sheet : std::as_const(sheets))
        parts << (sheet.name == u"Actions" ? QStringLiteral("%1 actions") : QStringLiteral("%1 pieces of evidence"))
                     .arg(sheet.rows.size());
    context.out << QStringLiteral("Exported %1 to %2\n").arg(parts.join(QStringLiteral(" and ")), shown(path));
    return Success;
}

// ---- import ------------------------------------------------------------------------------------

int importActions(const Context &context, const Arguments &args, const QString &path)
{
    Session session = openSession(context);
    Store &store = *session.store;
    ActionImport::Options options;
    options.createPeople = args.flag(QStringLiteral("create-people"));
    options.sheet = args.value(QStringLiteral("sheet"));
    const ActionImportPlan plan = ActionImport::check(store, path, options);
    QTextStream &out = context.out;
    for (const ImportIssue &warning : plan.warnings)
        out << QStringLiteral("Warning: %1\n").arg(warning.text());
    if (!plan.isClean()) {
        out << QStringLiteral("%1 problem(s) in %2; nothing was changed:\n").arg(plan.errors.size()).arg(shown(path));
        for (const ImportIssue &error : plan.errors)
            out << QStringLiteral("  %1\n").arg(error.text());
        const QString first = plan.errors.constFirst().text();
        throw Error(Error::Kind::InvalidInput,
                    plan.errors.size() == 1
                        ? QStringLiteral("%1, %2; nothing was changed.").arg(shown(path), first)
                        : QStringLiteral("%1 has %2 problems (all listed on standard output); nothing was changed. "
                                         "First: %3")
                              .arg(shown(path))
                              .arg(plan.errors.size())
                              .arg(first));
    }
    const bool dryRun = args.flag(QStringLiteral("dry-run"));
    for (const Person &person : plan.newPeople)
        out << QStringLiteral("%1 %2 (%3)\n")
                   .arg(dryRun ? QStringLiteral("Would add") : QStringLiteral("Adding"), person.name,
                        person.board ? QStringLiteral("board member") : QStringLiteral("executive"));
    for (const ImportedAction &action : plan.actions) {
        out << QStringLiteral("%1 (%2):\n").arg(action.actionId, action.location);
        for (const ImportFieldChange &field : action.fields)
            out << QStringLiteral("  %1: %2 -> %3\n").arg(field.field, brief(field.before), brief(field.after));
    }
    const QString counts = QStringLiteral("%1 action(s) %2, %3 unchanged, %4 person(s) %5")
                               .arg(plan.actions.size())
                               .arg(dryRun ? QStringLiteral("would change") : QStringLiteral("changed"))
                               .arg(plan.unchanged)
                               .arg(plan.newPeople.size())
                               .arg(dryRun ? QStringLiteral("would be added") : QStringLiteral("added"));
    if (dryRun) {
        out << QStringLiteral("Dry run of %1: %2; nothing was changed.\n").arg(shown(path), counts);
        return Success;
    }
    ActionImport::apply(store, plan);
    out << QStringLiteral("Imported %1: %2.\n").arg(shown(path), counts);
    return Success;
}

int importBackup(const Context &context, const Arguments &args, const QString &path)
{
    if (args.has(QStringLiteral("create-people")) || args.has(QStringLiteral("sheet")))
        throw UsageError{QStringLiteral("import: --create-people and --sheet are for .csv and .xlsx files; a .json "
                                        "backup holds its own people")};
    const BackupFile backup = JsonBackup::read(path);
    const BackupInfo &info = backup.info;
    QTextStream &out = context.out;
    out << QStringLiteral("Backup of %1, written by %2 at %3: schema %4, catalogue version %5, %6 rows in %7 tables\n")
               .arg(info.organisation.isEmpty() ? QStringLiteral("(unnamed)") : info.organisation,
                    info.program.isEmpty() ? QStringLiteral("(unknown program)") : info.program, info.exportedAt)
               .arg(info.schemaVersion)
               .arg(info.catalogueVersion)
               .arg(info.totalRows())
               .arg(info.rows.size());

    const bool exists = QFileInfo::exists(context.dbPath);
    if (exists) {
        // Only ever into an empty database: check before anything else is done.
        Session session = openSession(context);
        if (!JsonBackup::isEmpty(*session.database))
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("%1 already holds records; a backup is restored only into a new, empty "
                                       "database. Give a new file name with --db.")
                            .arg(shown(session.database->path())));
    }
    if (args.flag(QStringLiteral("dry-run"))) {
        JsonBackup::verify(backup);
        out << QStringLiteral("Dry run: the backup is complete and consistent; importing it would %1 %2. Nothing was "
                              "changed.\n")
                   .arg(exists ? QStringLiteral("fill") : QStringLiteral("create"), shown(context.dbPath));
        return Success;
    }

    QString created;
    try {
        Session session = openSession(context, !exists);
        if (!exists)
            created = session.database->path();
        JsonBackup::restore(backup, *session.database);
    } catch (...) {
        if (!created.isEmpty())
            removeDatabaseFiles(created);
        throw;
    }
    // Opening again brings the catalogue text up to this program's version, as for any older file.
    Session session = openSession(context);
    const ChainCheck chain = session.store->verifyAuditChain();
    out << QStringLiteral("Restored %1 into %2: %3 rows in %4 tables; the audit trail of %5 rows verifies.\n")
               .arg(shown(path), shown(session.database->path()))
               .arg(info.totalRows())
               .arg(info.rows.size())
               .arg(chain.rows);
    return chain.ok ? Success : CheckFailed;
}

int commandImport(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("sheet")},
                         {QStringLiteral("dry-run"), QStringLiteral("create-people")});
    args.expectPositionals(1, 1, kImportUsage);
    const QString path = args.positional(0, QStringLiteral("FILE"));
    const auto format = formatOf(path);
    if (!format)
        throw UsageError{QStringLiteral("import: %1 must end in .csv, .xlsx or .json").arg(path)};
    if (!QFileInfo::exists(path))
        throw Error(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(shown(path)));
    if (samePath(path, context.dbPath))
        throw UsageError{QStringLiteral("import: %1 is the database itself").arg(path)};
    if (*format == Format::Json)
        return importBackup(context, args, path);
    return importActions(context, args, path);
}

// ---- copy --------------------------------------------------------------------------------------

int commandCopy(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {});
    const QString usage = QStringLiteral("copy SOURCE DEST (each a FILE or a SERVER)");
    args.expectPositionals(2, 2, usage);
    const QString sourceName = args.positional(0, QStringLiteral("SOURCE"));
    const QString targetName = args.positional(1, QStringLiteral("DEST"));
    const bool sourceOnServer = ServerConnection::isServer(sourceName);
    const bool targetOnServer = ServerConnection::isServer(targetName);
    if (!sourceOnServer && !targetOnServer && samePath(sourceName, targetName))
        throw UsageError{QStringLiteral("copy: %1 is both the source and the destination").arg(sourceName)};
    if (!targetOnServer && QFileInfo::exists(targetName))
        throw Error(Error::Kind::Conflict, QStringLiteral("%1 already exists; a copy goes only into a new file, and "
                                                          "Quorum never overwrites one.")
                                               .arg(QDir::toNativeSeparators(targetName)));
    const auto source = sourceOnServer ? Database::openServer(ServerConnection::parse(sourceName),
                                                              Database::Mode::OpenExisting, Catalogue::builtIn())
                                       : Database::open(sourceName, Database::Mode::OpenExisting, Catalogue::builtIn());
    // Progress for a person watching a terminal; nothing for a script.
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    int shown = -1;
    const CopyReport report =
        RecordCopy::copyTo(*source, targetName, [&context, terminal, &shown](qint64 done, qint64 total) {
            const int percent = total > 0 ? int(done * 100 / total) : 100;
            if (!terminal || percent == shown)
                return;
            shown = percent;
            context.err << QStringLiteral("\rCopying... %1%").arg(percent);
            context.err.flush();
        });
    if (terminal)
        context.err << QStringLiteral("\r");
    qint64 rows = 0;
    for (const qint64 count : report.rows)
        rows += count;
    const QString target = targetOnServer ? ServerConnection::parse(targetName).displayName()
                                          : QDir::toNativeSeparators(QFileInfo(targetName).absoluteFilePath());
    context.out << QStringLiteral("Copied %1 to %2 and verified it: %3 rows, %4 stored files (%5 MB), and the "
                                  "audit trail of %6 rows ending in %7.\n")
                       .arg(source->path(), target)
                       .arg(rows)
                       .arg(report.files)
                       .arg(double(report.fileBytes) / (1024.0 * 1024.0), 0, 'f', 1)
                       .arg(report.auditRows)
                       .arg(report.lastAuditHash.left(16));
    return Success;
}

} // namespace

QList<Command> interchangeCommands()
{
    return {
        {QStringLiteral("export"), commandExport},
        {QStringLiteral("import"), commandImport},
        {QStringLiteral("copy"), commandCopy},
    };
}

} // namespace quorum::cli
