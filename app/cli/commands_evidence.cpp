// The evidence, audit-trail and verification commands of quorum-cli: evidence add/list/save, log, verify.

#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "core/domain/error.h"
#include "core/storage/changelistener.h"
#include "core/storage/connectionkeeper.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <memory>
#include <optional>

#include <sys/socket.h>
#include <unistd.h>

namespace quorum::cli {

namespace {

template<typename Enum>
QString keysOf(const QList<Enum> &values, QString (*key)(Enum))
{
    QStringList keys;
    for (const Enum value : values)
        keys << key(value);
    return keys.join(QStringLiteral(", "));
}

EvidenceType parseEvidenceType(const QString &text)
{
    const auto type = evidenceTypeFromKey(text);
    if (!type)
        throw UsageError{QStringLiteral("--type: \"%1\" is not an evidence type; use one of %2")
                             .arg(text, keysOf(allEvidenceTypes(), &evidenceTypeKey))};
    return *type;
}

EvidenceSource parseEvidenceSource(const QString &text)
{
    const auto source = evidenceSourceFromKey(text);
    if (!source)
        throw UsageError{QStringLiteral("--source: \"%1\" is not an evidence source; use one of %2")
                             .arg(text, keysOf(allEvidenceSources(), &evidenceSourceKey))};
    return *source;
}

bool isLink(const QString &text)
{
    return text.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive)
           || text.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive);
}

/** One line for a terminal: newlines and tabs become spaces. */
QString flat(QString text)
{
    for (QChar &c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return text;
}

// ---- evidence ----------------------------------------------------------------------------------

int evidenceAdd(const Context &context, const QStringList &words)
{
    const Arguments args(words,
                         {QStringLiteral("actions"), QStringLiteral("title"), QStringLiteral("type"),
                          QStringLiteral("source"), QStringLiteral("effective"), QStringLiteral("review-by")},
                         {});
    args.expectPositionals(1, 1,
                           QStringLiteral("[--db FILE] evidence add FILE|URL --actions A1,B2 [--title T] "
                                          "[--type T] [--source S] [--effective DATE] [--review-by DATE]"));
    const QString target = args.positional(0, QStringLiteral("FILE|URL"));
    QStringList actions;
    for (const QString &action : args.value(QStringLiteral("actions")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!action.trimmed().isEmpty())
            actions << action.trimmed();
    }
    if (actions.isEmpty())
        throw UsageError{QStringLiteral("evidence add: --actions is required: the actions this evidence supports "
                                        "(for example --actions B1,B2)")};
    const EvidenceType type =
        args.has(QStringLiteral("type")) ? parseEvidenceType(args.value(QStringLiteral("type"))) : EvidenceType::Other;
    const EvidenceSource source = args.has(QStringLiteral("source"))
                                      ? parseEvidenceSource(args.value(QStringLiteral("source")))
                                      : EvidenceSource::Management;
    const QDate effective = parseDate(args.value(QStringLiteral("effective")), QStringLiteral("--effective"));
    const QDate reviewBy = parseDate(args.value(QStringLiteral("review-by")), QStringLiteral("--review-by"));

    Session session = openSession(context);
    Store &store = *session.store;
    EvidenceInput input;
    if (isLink(target)) {
        input.url = target;
        input.title = target.left(Store::kMaxNameChars); // a long link is cut to the longest title
    } else {
        input = evidenceInputFromFile(target);
    }
    if (args.has(QStringLiteral("title")))
        input.title = args.value(QStringLiteral("title"));
    input.type = type;
    input.source = source;
    input.effective = effective;
    input.reviewBy = reviewBy;
    input.actionIds = actions;
    const qint64 id = store.addEvidence(input);
    const Evidence added = *store.evidenceItem(id);
    context.out << QStringLiteral("Added evidence %1 \"%2\": %3, supports %4\n")
                       .arg(QString::number(id), added.title,
                            added.isFile() ? QStringLiteral("%1, sha256 %2").arg(added.fileName, added.sha256)
                                           : added.url,
                            added.actionIds.join(QStringLiteral(", ")));
    return Success;
}

int evidenceList(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] evidence list [--json]"));
    Session session = openSession(context);
    const Store &store = *session.store;
    const QDate today = store.clock().today();
    const QList<Evidence> items = store.evidence();

    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Evidence &e : items) {
            array.append(QJsonObject{
                {QStringLiteral("id"), e.id},
                {QStringLiteral("title"), e.title},
                {QStringLiteral("type"), evidenceTypeKey(e.type)},
                {QStringLiteral("source"), evidenceSourceKey(e.source)},
                {QStringLiteral("effective"), dateOrNull(e.effective)},
                {QStringLiteral("reviewBy"), dateOrNull(e.reviewBy)},
                {QStringLiteral("status"), evidenceStatusKey(evidenceStatus(e.reviewBy, today))},
                {QStringLiteral("actions"), QJsonArray::fromStringList(e.actionIds)},
                {QStringLiteral("file"), textOrNull(e.fileName)},
                {QStringLiteral("url"), textOrNull(e.url)},
                {QStringLiteral("sha256"), textOrNull(e.sha256)},
                {QStringLiteral("size"), e.size},
                {QStringLiteral("revision"), e.revision},
                {QStringLiteral("added"), e.createdAt.toUTC().toString(Qt::ISODate)},
            });
        }
        printJson(context.out, QJsonObject{{QStringLiteral("evidence"), array}});
        return Success;
    }

    if (items.isEmpty()) {
        context.out << QStringLiteral("No evidence recorded yet; add it with 'quorum-cli evidence add'.\n");
        return Success;
    }
    for (const Evidence &e : items) {
        const QString reviewBy = e.reviewBy.isValid() ? e.reviewBy.toString(Qt::ISODate) : QStringLiteral("-");
        const QString what =
            e.isFile()
                ? QStringLiteral("%1 (revision %2) sha256 %3").arg(flat(e.fileName)).arg(e.revision).arg(e.sha256)
                : e.url;
        context.out << QStringLiteral("%1  %2  review by %3  %4  %5  %6\n")
                           .arg(QString::number(e.id).rightJustified(4),
                                evidenceStatusKey(evidenceStatus(e.reviewBy, today)).leftJustified(8),
                                reviewBy.leftJustified(10), e.actionIds.join(QLatin1Char(',')).leftJustified(8),
                                flat(e.title), what);
    }
    return Success;
}

int evidenceSave(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {});
    args.expectPositionals(2, 2, QStringLiteral("[--db FILE] evidence save ID FILE"));
    bool isNumber = false;
    const qint64 id = args.positional(0, QStringLiteral("ID")).toLongLong(&isNumber);
    if (!isNumber || id <= 0)
        throw UsageError{QStringLiteral("evidence save: \"%1\" is not an evidence id; 'quorum-cli evidence list' "
                                        "shows them")
                             .arg(args.positional(0, QStringLiteral("ID")))};
    const QString target = args.positional(1, QStringLiteral("FILE"));
    const QString shown = QDir::toNativeSeparators(target);
    if (QFileInfo::exists(target))
        throw Error(
            Error::Kind::InvalidInput,
            QStringLiteral("%1 already exists; Quorum never overwrites a file. Choose another name.").arg(shown));

    Session session = openSession(context);
    const auto item = session.store->evidenceItem(id);
    if (!item)
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 does not exist.").arg(id));
    // Written beside the target and renamed into place once whole and checked: never half a file under its name.
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(Error::Kind::ReadOnly, QStringLiteral("Cannot write %1 (%2).").arg(shown, file.errorString()));
    try {
        session.store->writeEvidenceContent(id, file); // a chunk at a time: a large file is never held whole
    } catch (const Error &) {
        file.cancelWriting();
        throw;
    }
    if (!file.commit())
        throw Error(Error::Kind::Full,
                    QStringLiteral("Writing %1 failed (%2); nothing was saved.").arg(shown, file.errorString()));
    context.out << QStringLiteral("Saved evidence %1 \"%2\" (%3, %4 bytes, sha256 checked) as %5\n")
                       .arg(QString::number(id), flat(item->title), flat(item->fileName), QString::number(item->size),
                            shown);
    return Success;
}

int commandEvidence(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    if (sub == QStringLiteral("add"))
        return evidenceAdd(context, words.mid(1));
    if (sub == QStringLiteral("list"))
        return evidenceList(context, words.mid(1));
    if (sub == QStringLiteral("save"))
        return evidenceSave(context, words.mid(1));
    throw UsageError{QStringLiteral("usage: quorum-cli evidence add FILE|URL --actions A1,B2 [--title T] [--type T] "
                                    "[--source S] [--effective DATE] [--review-by DATE] | evidence list [--json] | "
                                    "evidence save ID FILE")};
}

// ---- log ---------------------------------------------------------------------------------------

/** One row of the audit trail as `log --json` and `watch --json` give it. */
QJsonObject auditEntryJson(const AuditEntry &entry)
{
    const AuditRecord &r = entry.record;
    return QJsonObject{
        {QStringLiteral("id"), entry.id},     {QStringLiteral("at"), AuditTrail::timestamp(entry.at)},
        {QStringLiteral("actor"), r.actor},   {QStringLiteral("actingAs"), textOrNull(r.actingAs)},
        {QStringLiteral("entity"), r.entity}, {QStringLiteral("entityId"), r.entityId},
        {QStringLiteral("field"), r.field},   {QStringLiteral("old"), r.oldValue},
        {QStringLiteral("new"), r.newValue},  {QStringLiteral("hash"), entry.hash},
    };
}

/** One row of the audit trail as a line of `log` and `watch`. */
QString auditEntryLine(const AuditEntry &entry)
{
    const AuditRecord &r = entry.record;
    const QString who = r.actingAs.isEmpty() ? r.actor : QStringLiteral("%1 (as %2)").arg(r.actor, r.actingAs);
    QString change;
    if (r.oldValue.isEmpty())
        change = flat(r.newValue);
    else if (r.newValue.isEmpty())
        change = QStringLiteral("was %1").arg(flat(r.oldValue));
    else
        change = QStringLiteral("%1 -> %2").arg(flat(r.oldValue), flat(r.newValue));
    return QStringLiteral("#%1  %2  %3  %4 %5  %6: %7")
        .arg(QString::number(entry.id), entry.at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"), who, r.entity,
             flat(r.entityId), r.field, change);
}

int commandLog(const Context &context, const QStringList &words)
{
    const Arguments args(words,
                         {QStringLiteral("action"), QStringLiteral("person"), QStringLiteral("from"),
                          QStringLiteral("to"), QStringLiteral("limit")},
                         {QStringLiteral("json")});
    args.expectPositionals(0, 0,
                           QStringLiteral("[--db FILE] log [--json] [--action A1] [--person NAME] "
                                          "[--from DATE] [--to DATE] [--limit N]"));
    AuditFilter filter;
    filter.from = parseDate(args.value(QStringLiteral("from")), QStringLiteral("--from"));
    filter.to = parseDate(args.value(QStringLiteral("to")), QStringLiteral("--to"));
    if (filter.from.isValid() && filter.to.isValid() && filter.to < filter.from)
        throw UsageError{QStringLiteral("--to %1 is before --from %2")
                             .arg(filter.to.toString(Qt::ISODate), filter.from.toString(Qt::ISODate))};
    if (args.has(QStringLiteral("limit"))) {
        bool ok = false;
        const int limit = args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0)
            throw UsageError{QStringLiteral("--limit: \"%1\" is not a positive whole number")
                                 .arg(args.value(QStringLiteral("limit")))};
        filter.limit = limit;
    }
    filter.person = args.value(QStringLiteral("person")).trimmed();
    if (args.has(QStringLiteral("person")) && filter.person.isEmpty())
        throw UsageError{QStringLiteral("--person needs a name")};

    Session session = openSession(context);
    const Store &store = *session.store;
    if (args.has(QStringLiteral("action")))
        filter.actionId = store.checkActionId(args.value(QStringLiteral("action")));
    const QList<AuditEntry> entries = store.auditEntries(filter);

    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const AuditEntry &entry : entries)
            array.append(auditEntryJson(entry));
        printJson(context.out, QJsonObject{{QStringLiteral("entries"), array}});
        return Success;
    }

    if (entries.isEmpty()) {
        context.out << QStringLiteral("No changes match.\n");
        return Success;
    }
    for (const AuditEntry &entry : entries)
        context.out << auditEntryLine(entry) << QLatin1Char('\n');
    return Success;
}

// ---- watch -------------------------------------------------------------------------------------

/**
 * SIGINT and SIGTERM end the event loop of watch: the handler only writes a byte to a socket (all a signal
 * handler may safely do), and a notifier on the other end quits the loop, so the connection is closed and
 * the program exits normally.
 */
class StopOnSignals {
public:
    StopOnSignals()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pair) != 0)
            throw Error(Error::Kind::Storage, QStringLiteral("Cannot prepare to stop on a signal."));
        struct sigaction action {};
        action.sa_handler = [](int) {
            const char byte = 1;
            [[maybe_unused]] const auto written = ::write(s_pair[0], &byte, 1);
        };
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_previousInt);
        ::sigaction(SIGTERM, &action, &m_previousTerm);
        m_notifier = std::make_unique<QSocketNotifier>(s_pair[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    }
    ~StopOnSignals()
    {
        ::sigaction(SIGINT, &m_previousInt, nullptr);
        ::sigaction(SIGTERM, &m_previousTerm, nullptr);
        m_notifier.reset();
        ::close(s_pair[0]);
        ::close(s_pair[1]);
    }
    StopOnSignals(const StopOnSignals &) = delete;
    StopOnSignals &operator=(const StopOnSignals &) = delete;

private:
    static inline int s_pair[2] = {-1, -1};
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

int commandWatch(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("--db SERVER watch [--json]"));
    if (!ServerConnection::isServer(context.dbPath))
        throw UsageError{QStringLiteral("watch follows a record on a server (--db postgresql://...); a file has "
                                        "no other clients to hear from. Use 'log' to read a file's changes.")};
    Session session = openSession(context);
    ChangeListener listener(*session.database);
    if (!listener.isListening())
        throw Error(Error::Kind::CannotOpen, QStringLiteral("The server did not let Quorum listen for changes."));
    const bool json = args.flag(QStringLiteral("json"));
    QObject::connect(&listener, &ChangeListener::changed, [&context, json](const QList<AuditEntry> &entries) {
        for (const AuditEntry &entry : entries) {
            if (json)
                context.out << QJsonDocument(auditEntryJson(entry)).toJson(QJsonDocument::Compact);
            else
                context.out << auditEntryLine(entry);
            context.out << QLatin1Char('\n');
        }
        // Each change as it comes: a pipe to a chat bridge or a wall display must not wait for a buffer.
        context.out.flush();
    });
    // A server restarted or a network gone: said on standard error, then watching goes on once it is back,
    // with what others changed meanwhile, so that a chat bridge or a wall display needs no supervisor.
    ConnectionKeeper keeper(*session.database);
    QObject::connect(&keeper, &ConnectionKeeper::lost, [&context](const QString &reason) {
        context.err << QStringLiteral("quorum-cli: %1 Reconnecting...\n").arg(reason);
        context.err.flush();
    });
    QObject::connect(&keeper, &ConnectionKeeper::restored, [&context, &listener, &session] {
        context.err << QStringLiteral("quorum-cli: connected to %1 again.\n").arg(session.database->path());
        context.err.flush();
        try {
            listener.resume();
        } catch (const Error &error) {
            // Lost again at once: the keeper tries again, and this is read then.
            context.err << QStringLiteral("quorum-cli: %1\n").arg(error.message());
            context.err.flush();
        }
    });
    const StopOnSignals stop;
    // On standard error, so that --json output stays JSON; it also tells a script that watching has begun.
    context.err << QStringLiteral("Watching %1 for changes; Ctrl+C stops.\n").arg(session.database->path());
    context.err.flush();
    QCoreApplication::exec();
    return Success;
}

// ---- verify ------------------------------------------------------------------------------------

/**
 * Ends verify early on SIGINT or SIGTERM: the handler only sets a flag, which the checks' progress reads between
 * batches, so the command says how far it got and exits normally (it only reads: nothing needs undoing).
 */
class InterruptOnSignals {
public:
    InterruptOnSignals()
    {
        s_interrupted = false;
        struct sigaction action {};
        action.sa_handler = [](int) { s_interrupted = true; };
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_previousInt);
        ::sigaction(SIGTERM, &action, &m_previousTerm);
    }
    ~InterruptOnSignals()
    {
        ::sigaction(SIGINT, &m_previousInt, nullptr);
        ::sigaction(SIGTERM, &m_previousTerm, nullptr);
    }
    InterruptOnSignals(const InterruptOnSignals &) = delete;
    InterruptOnSignals &operator=(const InterruptOnSignals &) = delete;
    static bool interrupted() { return s_interrupted; }

private:
    static inline volatile std::sig_atomic_t s_interrupted = false;
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
};

int commandVerify(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("progress")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] verify [--progress]"));
    Session session = openSession(context);
    const Store &store = *session.store;
    QTextStream &out = context.out;
    QStringList failures;
    // Only the two long checks stop on a signal; after them Ctrl-C ends the program as usual (it only reads).
    std::optional<InterruptOnSignals> stopOnSignals;
    stopOnSignals.emplace();
    // Progress on standard error: in place on a terminal, or a line per tenth when asked (--progress).
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    const bool lines = args.flag(QStringLiteral("progress"));
    const auto progressOf = [&context, terminal, lines](const QString &what) {
        return [&context, terminal, lines, what, shown = -1](qint64 done, qint64 total) mutable {
            const int percent = total > 0 ? int(std::min<qint64>(done, total) * 100 / total) : 100;
            const int step = lines ? percent / 10 * 10 : percent;
            if ((terminal || lines) && step != shown) {
                shown = step;
                context.err << QStringLiteral("%1Verifying %2: %3% (%4 of %5)%6")
                                   .arg(terminal && !lines ? QStringLiteral("\r") : QString(), what)
                                   .arg(step)
                                   .arg(std::min<qint64>(done, total))
                                   .arg(total)
                                   .arg(terminal && !lines ? QString() : QStringLiteral("\n"));
                context.err.flush();
            }
            return !InterruptOnSignals::interrupted();
        };
    };
    const auto interruptedAfter = [&context, terminal, lines](const QString &what) {
        context.err << QStringLiteral("%1verify: interrupted while checking %2; nothing was changed, and the checks "
                                      "did not finish: run verify again to complete them\n")
                           .arg(terminal && !lines ? QStringLiteral("\n") : QString(), what);
        return Interrupted;
    };

    const ChainCheck chain = store.verifyAuditChain(progressOf(QStringLiteral("the audit trail")));
    if (terminal && !lines)
        context.err << QStringLiteral("\n");
    if (chain.interrupted)
        return interruptedAfter(
            QStringLiteral("the audit trail (%1 rows checked, no problem in them)").arg(chain.rows));
    if (chain.ok) {
        out << QStringLiteral("Audit trail: %1 rows, hash chain intact\n").arg(chain.rows);
        // The chain cannot show a cut-off tail or a rewrite with new hashes; a head recorded elsewhere can.
        AuditFilter newest;
        newest.limit = 1;
        const QList<AuditEntry> head = store.auditEntries(newest);
        if (!head.isEmpty())
            out << QStringLiteral("Chain head: row %1, hash %2 (record it in the board minutes: see SECURITY.md)\n")
                       .arg(head.constFirst().id)
                       .arg(head.constFirst().hash);
    } else {
        out << QStringLiteral("Audit trail: FAILED at row %1 (after %2 rows that check out): %3\n")
                   .arg(chain.firstBadId)
                   .arg(chain.rows - 1)
                   .arg(chain.problem);
        failures << QStringLiteral("audit row %1: %2").arg(chain.firstBadId).arg(chain.problem);
    }

    const Store::EvidenceTotals totals = store.evidenceTotals();
    bool interrupted = false;
    const QList<EvidenceProblem> problems =
        store.verifyEvidence(progressOf(QStringLiteral("the stored files")), &interrupted);
    if (terminal && !lines)
        context.err << QStringLiteral("\n");
    if (interrupted || InterruptOnSignals::interrupted())
        return interruptedAfter(QStringLiteral("the stored files"));
    stopOnSignals.reset();
    if (problems.isEmpty()) {
        out << QStringLiteral("Evidence: %1 items (%2 stored files, %3 file versions), every file matches its "
                              "SHA-256\n")
                   .arg(totals.items)
                   .arg(totals.files)
                   .arg(totals.versions);
    } else {
        out << QStringLiteral("Evidence: %1 items (%2 stored files, %3 file versions), FAILED for %4:\n")
                   .arg(totals.items)
                   .arg(totals.files)
                   .arg(totals.versions)
                   .arg(problems.size());
        for (const EvidenceProblem &problem : problems) {
            out << QStringLiteral("  evidence %1 \"%2\": %3\n")
                       .arg(problem.evidenceId)
                       .arg(flat(problem.title), problem.problem);
            failures << QStringLiteral("evidence %1 \"%2\": %3")
                            .arg(problem.evidenceId)
                            .arg(flat(problem.title), problem.problem);
        }
    }

    const std::optional<QStringList> tally = store.verifyEvidenceTally();
    if (!tally) {
        out << QStringLiteral("Evidence counts: none kept in this file (an older schema, opened read-only)\n");
    } else if (tally->isEmpty()) {
        out << QStringLiteral("Evidence counts: the totals kept for the dashboard match the register\n");
    } else {
        const QString detail = tally->join(QStringLiteral("; "));
        out << QStringLiteral("Evidence counts: FAILED, the totals kept for the dashboard disagree with the register "
                              "(%1); a JSON backup restored into a new file counts them afresh\n")
                   .arg(detail);
        failures << QStringLiteral("evidence counts: %1").arg(detail);
    }

    const QString integrity = session.database->integrityCheck();
    if (integrity == QStringLiteral("ok")) {
        out << QStringLiteral("Database: file integrity check ok\n");
    } else {
        out << QStringLiteral("Database: file integrity check FAILED: %1\n").arg(flat(integrity));
        failures << QStringLiteral("file integrity check: %1").arg(flat(integrity));
    }

    if (failures.isEmpty()) {
        out << QStringLiteral("All checks passed.\n");
        return Success;
    }
    context.err << QStringLiteral("quorum-cli: verification failed: %1%2\n")
                       .arg(failures.first(),
                            failures.size() > 1
                                ? QStringLiteral(" (and %1 more problem(s); see above)").arg(failures.size() - 1)
                                : QString());
    return CheckFailed;
}

} // namespace

QList<Command> evidenceCommands()
{
    return {
        {QStringLiteral("evidence"), commandEvidence},
        {QStringLiteral("log"), commandLog},
        {QStringLiteral("watch"), commandWatch},
        {QStringLiteral("verify"), commandVerify},
    };
}

} // namespace quorum::cli
