#include "commands.h"

#include "arguments.h"
#include "context.h"
#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/domain/paths.h"
#include "core/rules/scoring.h"
#include "core/samples/demodata.h"
#include "core/samples/syntheticorg.h"
#include "core/storage/database.h"
#include "core/storage/serveraccess.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace quorum::cli {

namespace {

const char *const kUsage =
    "Usage: quorum-cli [--db FILE|SERVER] COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  init [--demo]                 create a new database (never overwrites a file)\n"
    "  generate --size small|large|huge [--seed N]\n"
    "                                create a new database with a synthetic organisation (benchmarks)\n"
    "  status [--framework KEY] [--json]\n"
    "                                principles, actions, ratings, owners and the posture score, of the Code\n"
    "                                or another framework followed (--json: every one followed)\n"
    "  frameworks list [--json]      the frameworks the record holds, and which the organisation follows\n"
    "  frameworks import FILE.yaml   a framework from a GRC library file (CISO Assistant's YAML format),\n"
    "                                or a newer version of one imported before\n"
    "  frameworks enable|disable KEY follow a framework, or stop (its assessments are kept)\n"
    "  frameworks role KEY ROLE      the organisation's vendor role (ssc: developer, distributor, reseller)\n"
    "  frameworks owner KEY NAME     who answers for a framework (the Senior Responsible Owner)\n"
    "  organisation [--json] [--name NAME] [--marking MARKING] [--track-maturity on|off]\n"
    "                                the organisation's name, protective marking and whether maturity is\n"
    "                                tracked; with options, change them\n"
    "  set ACTION [--rating R] [--target R] [--owner NAME] [--director NAME]\n"
    "             [--due YYYY-MM-DD] [--next-review YYYY-MM-DD] [--comment TEXT] [--justification TEXT]\n"
    "             [--maturity N] [--maturity-target N] [--maturity-assessed YYYY-MM-DD]\n"
    "             [--maturity-assessor internal|independent]   (maturity: when it is tracked)\n"
    "  people add NAME --role ROLE [--board]\n"
    "  people list [--json]\n"
    "  review create NAME [--date YYYY-MM-DD] [--decisions TEXT]\n"
    "                                freeze every action for a board meeting (date defaults to today)\n"
    "  review list [--json]\n"
    "  review diff FROM TO [--json]  what moved between two reviews; TO may be \"now\" (the live state)\n"
    "  review sign NAME --by PERSON [--minute REF]\n"
    "                                record the board's sign-off (a signed review never changes)\n"
    "  review set-date NAME --date YYYY-MM-DD\n"
    "                                correct the meeting date of a review that is not signed off\n"
    "  attention [--json]            what the board must see: unowned actions, unsupported claims, ...\n"
    "  metric add NAME --unit U --green X --amber Y [--lower-is-better] --actions E2,C4\n"
    "  metric record NAME VALUE [--date YYYY-MM-DD] [--note TEXT]\n"
    "  metric list [--json]\n"
    "  exercise add TITLE --date YYYY-MM-DD [--kind exercise|incident] [--summary T] [--lessons T]\n"
    "               [--actions D1,D2]\n"
    "  exercise list [--json]        incident-plan exercises and incidents, oldest first\n"
    "  evidence add FILE|URL --actions A1,B2 [--title T] [--type T] [--source S]\n"
    "               [--effective YYYY-MM-DD] [--review-by YYYY-MM-DD]\n"
    "  evidence list [--json]        evidence with its SHA-256 and status (current, expiring, expired)\n"
    "  evidence save ID FILE         a copy of an evidence file, checked against its SHA-256\n"
    "  log [--json] [--action A1] [--person NAME] [--from DATE] [--to DATE] [--limit N]\n"
    "                                the audit trail, oldest first\n"
    "  watch [--json]                on a server: one line per change as others commit it, until\n"
    "                                Ctrl+C or SIGTERM (--json: one JSON object per line, as in log)\n"
    "  export FILE.csv|FILE.xlsx|FILE.json [--what actions|evidence|all] [--force]\n"
    "                                the actions register, the evidence index, or everything (.json)\n"
    "  export FILE.pdf [--review NAME] [--page-size a4|letter] [--force]\n"
    "                                the board pack of a review, or of the current state without --review\n"
    "  import FILE.csv|FILE.xlsx|FILE.json [--dry-run] [--create-people] [--sheet NAME]\n"
    "                                actions from a spreadsheet, or a whole backup into a new database\n"
    "  copy SOURCE DEST              copy a whole record, audit trail and files included, between files\n"
    "                                and servers (DEST must be new or empty); verified before success\n"
    "  verify [--progress]           check the audit chain, evidence hashes and the file (exit 1 on failure;\n"
    "                                progress on standard error; Ctrl-C stops it, exit 130)\n"
    "  access enable [--prefix P]    on a server: the server enforces roles from now on (init does this\n"
    "                                when your login may create roles)\n"
    "  access grant LOGIN --role ROLE [--person NAME]\n"
    "                                give a login a role (director ciso secretary auditor admin), creating\n"
    "                                the login when it does not exist, and link it to a person\n"
    "  access revoke LOGIN --role ROLE\n"
    "  access password LOGIN         set a login's password (asked twice, or the first line of standard\n"
    "                                input), sent to the server hashed with SCRAM-SHA-256\n"
    "  access list [--json]          who holds which role, and the person each login is\n"
    "  access me [--json]            who you are signed in as, and your roles\n"
    "\n"
    "Items of frameworks other than the Code are KEY:ID, as in ssc:3.2 (the Code's are A1 to E5).\n"
    "Ratings: substantial reasonable limited none not-assessed not-applicable\n"
    "Evidence types: policy strategy report board-minutes exercise-record audit-opinion metric attestation other\n"
    "Evidence sources: management risk-compliance internal-audit third-party\n"
    "Without --db, the default database in your data folder is used. A SERVER is a PostgreSQL database,\n"
    "named as libpq names one: postgresql://HOST/DATABASE or \"host=HOST dbname=DATABASE\".\n"
    "Exit codes: 0 success, 1 a check failed, 2 bad usage or input, 3 the database cannot be opened,\n"
    "4 the server does not let your account do this.\n";

/** Closes a database this command created and removes its files (with the WAL and shared memory). */
void closeAndRemove(Session &session)
{
    const QString path = session.database->path();
    session.store.reset();
    session.database.reset();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// ---- init --------------------------------------------------------------------------------------

int commandInit(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("demo")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] init [--demo]"));
    const bool server = ServerConnection::isServer(context.dbPath);
    if (!server && QFileInfo::exists(context.dbPath))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 already exists; quorum-cli init never overwrites a file. Choose another "
                                   "name with --db.")
                        .arg(QDir::toNativeSeparators(context.dbPath)));
    Session session = openSession(context, true);
    if (args.flag(QStringLiteral("demo"))) {
        if (server) {
            // A half-filled demo is worse than none: on a server it goes in whole or not at all.
            Transaction whole(*session.database);
            DemoData::populate(*session.store, session.store->clock().today());
            whole.commit();
        } else {
            try {
                DemoData::populate(*session.store, session.store->clock().today());
            } catch (...) {
                // A half-filled demo is worse than none: remove what init created.
                closeAndRemove(session);
                throw;
            }
        }
    }
    context.out << QStringLiteral("Created %1%2\n")
                       .arg(QDir::toNativeSeparators(session.database->path()),
                            args.flag(QStringLiteral("demo")) ? QStringLiteral(" with the demo organisation")
                                                              : QString());
    if (server) {
        // A shared record is born with access by role whenever the login may set it up: until then, anyone
        // who can connect may change anything.
        const QSqlDatabase db = session.database->connection();
        const SessionAccess me = ServerAccess::session(db);
        if (ServerAccess::mayCreateRoles(db)) {
            ServerAccess(*session.store).enable(QString());
            context.out << QStringLiteral("Access by role is on (roles %1_*), and %2 is its admin: give people "
                                          "roles with 'quorum-cli access grant LOGIN --role ROLE'.\n")
                               .arg(ServerAccess::prefixOf(db).value_or(QString()), me.login);
        } else {
            context.out << QStringLiteral("Access by role is off: %1 may not create roles. A login that may "
                                          "(CREATEROLE) and owns the database turns it on with "
                                          "'quorum-cli access enable'.\n")
                               .arg(me.login);
        }
    }
    return Success;
}

// ---- generate ----------------------------------------------------------------------------------

int commandGenerate(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("size"), QStringLiteral("seed")}, {});
    const QString usage = QStringLiteral("[--db FILE] generate --size small|large|huge [--seed N]");
    args.expectPositionals(0, 0, usage);
    const std::optional<SyntheticSize> size = SyntheticSize::named(args.value(QStringLiteral("size")));
    if (!size)
        throw UsageError{QStringLiteral("--size must be one of %1; usage: quorum-cli %2")
                             .arg(SyntheticSize::names().join(QStringLiteral(", ")), usage)};
    quint32 seed = 20250408u;
    if (args.has(QStringLiteral("seed"))) {
        bool ok = false;
        seed = args.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok)
            throw UsageError{QStringLiteral("--seed must be a whole number from 0 to 4294967295")};
    }
    if (QFileInfo::exists(context.dbPath))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 already exists; quorum-cli generate never overwrites a file. Choose another "
                                   "name with --db.")
                        .arg(QDir::toNativeSeparators(context.dbPath)));
    Session session = openSession(context, true);
    QElapsedTimer timer;
    timer.start();
    try {
        SyntheticOrganisation::populate(
            *session.store, *size, session.store->clock().today(), seed, [&context](int done, int total) {
                context.err << QStringLiteral("\rGenerating: quarter %1 of %2").arg(done).arg(total);
                context.err.flush();
                return true;
            });
        context.err << QStringLiteral("\n");
    } catch (...) {
        // Half an organisation is no use to a benchmark: remove what generate created.
        closeAndRemove(session);
        throw;
    }
    const Store &store = *session.store;
    context.out << QStringLiteral("Created %1 with a %2 synthetic organisation in %3 s: %4 people, %5 evidence "
                                  "items, %6 board reviews, %7 audit rows\n")
                       .arg(QDir::toNativeSeparators(session.database->path()), size->name)
                       .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                       .arg(store.people().size())
                       .arg(store.evidence().size())
                       .arg(store.reviews().size())
                       .arg(store.auditRowCount());
    return Success;
}

// ---- maturity ----------------------------------------------------------------------------------

/** "maturity 2 Managed, target 3 Defined, assessed 2026-01-10 (Internal assessment)", for the text outputs. */
QString maturityText(const Assessment &assessment, const MaturityScale &scale)
{
    const auto level = [&scale](const std::optional<int> &score) {
        return score ? scale.label(*score) : QStringLiteral("(none)");
    };
    QString text =
        QStringLiteral("maturity %1, target %2").arg(level(assessment.maturity), level(assessment.maturityTarget));
    if (assessment.maturityAssessed.isValid())
        text += QStringLiteral(", assessed %1").arg(assessment.maturityAssessed.toString(Qt::ISODate));
    if (assessment.maturityAssessor != MaturityAssessor::None)
        text += QStringLiteral(" (%1)").arg(maturityAssessorLabel(assessment.maturityAssessor));
    return text;
}

QJsonValue levelOrNull(const std::optional<int> &score)
{
    return score ? QJsonValue(*score) : QJsonValue();
}

// ---- status ------------------------------------------------------------------------------------

/**
 * One framework's groups with their scores and items, as status --json prints them; with @p maturity (the
 * organisation tracks it), each item's maturity too.
 */
QJsonArray principlesJson(const QList<ActionState> &states, bool maturity)
{
    QJsonArray principles;
    QString currentPrinciple;
    QJsonObject principleObject;
    QJsonArray actions;
    auto flush = [&] {
        if (currentPrinciple.isEmpty())
            return;
        principleObject.insert(QStringLiteral("actions"), actions);
        principles.append(principleObject);
        actions = QJsonArray();
    };
    for (const ActionState &state : states) {
        if (state.principleId != currentPrinciple) {
            flush();
            currentPrinciple = state.principleId;
            principleObject = QJsonObject{
                {QStringLiteral("id"), state.principleId},
                {QStringLiteral("title"), state.principleTitle},
                {QStringLiteral("score"), scoreOrNull(Scoring::posture(states, state.principleId).score)},
            };
        }
        const Assessment &a = state.assessment;
        const ActionScore score = Scoring::score(state);
        QJsonObject action{
            {QStringLiteral("id"), state.id},
            {QStringLiteral("title"), state.shortTitle},
            {QStringLiteral("text"), state.text},
            {QStringLiteral("rating"), ratingKey(a.rating)},
            {QStringLiteral("target"), ratingKey(a.target)},
            {QStringLiteral("rag"), ragKey(score.rag)},
            {QStringLiteral("unsupportedClaim"), score.unsupportedClaim},
            {QStringLiteral("owner"), textOrNull(state.ownerName)},
            {QStringLiteral("director"), textOrNull(state.directorName)},
            {QStringLiteral("comment"), a.commentary},
            {QStringLiteral("justification"), a.justification},
            {QStringLiteral("due"), dateOrNull(a.targetDate)},
            {QStringLiteral("nextReview"), dateOrNull(a.nextReview)},
            {QStringLiteral("evidence"), QJsonObject{{QStringLiteral("current"), state.evidenceCurrent},
                                                     {QStringLiteral("expiring"), state.evidenceExpiring},
                                                     {QStringLiteral("expired"), state.evidenceExpired}}},
        };
        if (maturity) {
            action.insert(QStringLiteral("maturity"), levelOrNull(a.maturity));
            action.insert(QStringLiteral("maturityTarget"), levelOrNull(a.maturityTarget));
            action.insert(QStringLiteral("maturityAssessed"), dateOrNull(a.maturityAssessed));
            action.insert(QStringLiteral("maturityAssessor"), textOrNull(maturityAssessorKey(a.maturityAssessor)));
        }
        if (state.framework != Catalogue::codeKey()) {
            action.insert(QStringLiteral("reference"), state.reference);
            if (!state.path.isEmpty())
                action.insert(QStringLiteral("path"), state.path);
            if (state.notApplicableByRole)
                action.insert(QStringLiteral("notApplicableByRole"), true);
        }
        actions.append(action);
    }
    flush();
    return principles;
}

/** A scale's levels, lowest first, as [{"score": 0, "name": "Incomplete"}, ...]. */
QJsonArray maturityScaleJson(const MaturityScale &scale)
{
    QJsonArray levels;
    for (const MaturityLevel &level : scale.levels())
        levels.append(QJsonObject{{QStringLiteral("score"), level.score}, {QStringLiteral("name"), level.name}});
    return levels;
}

QJsonObject postureJson(const PostureScore &posture)
{
    return QJsonObject{{QStringLiteral("score"), scoreOrNull(posture.score)},
                       {QStringLiteral("counted"), posture.counted},
                       {QStringLiteral("notApplicable"), posture.notApplicable},
                       {QStringLiteral("notAssessed"), posture.notAssessed},
                       {QStringLiteral("unsupportedClaims"), posture.unsupported},
                       {QStringLiteral("reasonableOrBetter"), posture.atReasonableOrBetter}};
}

int commandStatus(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("framework")}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] status [--framework KEY] [--json]"));
    Session session = openSession(context);
    const Store &store = *session.store;
    const Organisation organisation = store.organisation();
    const QList<ActionState> all = store.actionStates();
    // One framework's items and score at a time: scores are never blended across frameworks.
    const Framework shown = store.framework(
        args.has(QStringLiteral("framework")) ? args.value(QStringLiteral("framework")) : Catalogue::codeKey());
    if (!shown.enabled)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The organisation does not follow the %1; 'quorum-cli frameworks enable %2' turns "
                                   "it on.")
                        .arg(shown.shortName, shown.key));
    const QList<ActionState> states = statesOfFramework(all, shown.key);
    const PostureScore overall = Scoring::posture(states);
    const bool maturity = organisation.trackMaturity;

    if (args.flag(QStringLiteral("json"))) {
        QJsonArray frameworks;
        for (const Framework &framework : store.frameworks()) {
            if (!framework.enabled)
                continue;
            const QList<ActionState> own = statesOfFramework(all, framework.key);
            QJsonObject object{{QStringLiteral("key"), framework.key},
                               {QStringLiteral("title"), framework.title},
                               {QStringLiteral("version"), framework.catalogueVersion},
                               {QStringLiteral("owner"), textOrNull(framework.ownerName)},
                               {QStringLiteral("vendorRole"), textOrNull(framework.vendorRole)},
                               {QStringLiteral("posture"), postureJson(Scoring::posture(own))},
                               {QStringLiteral("principles"), principlesJson(own, maturity)}};
            if (maturity)
                object.insert(QStringLiteral("maturityScale"), maturityScaleJson(framework.maturityScale));
            frameworks.append(object);
        }
        QJsonObject organisationObject{{QStringLiteral("name"), organisation.name},
                                       {QStringLiteral("marking"), organisation.marking}};
        if (maturity)
            organisationObject.insert(QStringLiteral("trackMaturity"), true);
        printJson(context.out, QJsonObject{
                                   {QStringLiteral("organisation"), organisationObject},
                                   {QStringLiteral("schemaVersion"), Database::currentSchemaVersion()},
                                   {QStringLiteral("catalogueVersion"), session.database->catalogueVersion()},
                                   {QStringLiteral("framework"), shown.key},
                                   {QStringLiteral("posture"), postureJson(overall)},
                                   {QStringLiteral("principles"), principlesJson(states, maturity)},
                                   {QStringLiteral("frameworks"), frameworks},
                               });
        return Success;
    }

    QTextStream &out = context.out;
    out << organisation.name << QStringLiteral(" (") << organisation.marking << QStringLiteral(")\n");
    if (!shown.isCode())
        out << shown.title
            << (shown.ownerName.isEmpty() ? QString() : QStringLiteral(", answered for by %1").arg(shown.ownerName))
            << QStringLiteral("\n");
    out << QStringLiteral("Posture score %1/100: %2 of %3 %6s at Reasonable or better; %4 not assessed; "
                          "%5 unsupported claims\n")
               .arg(Scoring::format(overall.score))
               .arg(overall.atReasonableOrBetter)
               .arg(overall.counted)
               .arg(overall.notAssessed)
               .arg(overall.unsupported)
               .arg(shown.itemNoun);
    if (maturity)
        out << QStringLiteral("Maturity levels %1\n").arg(shown.maturityScale.rangeText());
    QString currentPrinciple;
    for (const ActionState &state : states) {
        if (state.principleId != currentPrinciple) {
            currentPrinciple = state.principleId;
            out << QStringLiteral("\n%1  %2  (score %3)\n")
                       .arg(state.principleId, state.principleTitle,
                            Scoring::format(Scoring::posture(states, state.principleId).score));
        }
        const ActionScore score = Scoring::score(state);
        QString rating = ratingLabel(state.assessment.rating);
        if (score.unsupportedClaim)
            rating += QStringLiteral(" (unsupported)");
        out << QStringLiteral("  %1  %2 %3 target %4  owner: %5  director: %6\n")
                   .arg(state.id, state.shortTitle.leftJustified(44, QLatin1Char(' '), true), rating.leftJustified(27),
                        ratingLabel(state.assessment.target).leftJustified(14),
                        state.ownerName.isEmpty() ? QStringLiteral("(none)") : state.ownerName,
                        state.directorName.isEmpty() ? QStringLiteral("(none)") : state.directorName);
        if (maturity)
            out << QStringLiteral("      %1\n").arg(maturityText(state.assessment, shown.maturityScale));
    }
    return Success;
}

// ---- set ---------------------------------------------------------------------------------------

/** The level given to @p option: empty or "none" for none (a null QVariant), else a whole number; throws UsageError. */
QVariant parseMaturityLevel(const QString &text, const QString &option)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
        return {};
    bool whole = false;
    const int level = trimmed.toInt(&whole);
    if (!whole)
        throw UsageError{
            QStringLiteral("%1: \"%2\" is not a maturity level; give the level's number (such as 3), or \"none\"")
                .arg(option, text)};
    return level;
}

int commandSet(const Context &context, const QStringList &words)
{
    const QString maturityOption = QStringLiteral("maturity");
    const QString maturityTargetOption = QStringLiteral("maturity-target");
    const QString maturityAssessedOption = QStringLiteral("maturity-assessed");
    const QString maturityAssessorOption = QStringLiteral("maturity-assessor");
    const Arguments args(words,
                         {QStringLiteral("rating"), QStringLiteral("target"), QStringLiteral("owner"),
                          QStringLiteral("director"), QStringLiteral("due"), QStringLiteral("next-review"),
                          QStringLiteral("comment"), QStringLiteral("justification"), maturityOption,
                          maturityTargetOption, maturityAssessedOption, maturityAssessorOption},
                         {});
    args.expectPositionals(1, 1,
                           QStringLiteral("[--db FILE] set ACTION [--rating R] [--target R] [--owner NAME] "
                                          "[--director NAME] [--due DATE] [--comment TEXT] [--justification TEXT] "
                                          "[--maturity N] [--maturity-target N] [--maturity-assessed DATE] "
                                          "[--maturity-assessor internal|independent]"));
    AssessmentChanges changes;
    if (args.has(QStringLiteral("rating")))
        changes.insert(AssessmentField::Rating, QVariant::fromValue(parseRating(args.value(QStringLiteral("rating")),
                                                                                QStringLiteral("--rating"))));
    if (args.has(QStringLiteral("target")))
        changes.insert(AssessmentField::Target, QVariant::fromValue(parseRating(args.value(QStringLiteral("target")),
                                                                                QStringLiteral("--target"))));
    if (args.has(QStringLiteral("due")))
        changes.insert(AssessmentField::TargetDate,
                       parseDate(args.value(QStringLiteral("due")), QStringLiteral("--due")));
    if (args.has(QStringLiteral("next-review")))
        changes.insert(AssessmentField::NextReview,
                       parseDate(args.value(QStringLiteral("next-review")), QStringLiteral("--next-review")));
    if (args.has(QStringLiteral("comment")))
        changes.insert(AssessmentField::Commentary, args.value(QStringLiteral("comment")));
    if (args.has(QStringLiteral("justification")))
        changes.insert(AssessmentField::Justification, args.value(QStringLiteral("justification")));

    // Maturity (issue 18): "none", like an empty value, clears a field.
    const bool changesMaturity = args.has(maturityOption) || args.has(maturityTargetOption)
                                 || args.has(maturityAssessedOption) || args.has(maturityAssessorOption);
    const auto isNone = [](const QString &text) {
        return text.trimmed().compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0;
    };
    if (args.has(maturityOption))
        changes.insert(AssessmentField::Maturity,
                       parseMaturityLevel(args.value(maturityOption), QStringLiteral("--maturity")));
    if (args.has(maturityTargetOption))
        changes.insert(AssessmentField::MaturityTarget,
                       parseMaturityLevel(args.value(maturityTargetOption), QStringLiteral("--maturity-target")));
    if (args.has(maturityAssessedOption)) {
        const QString text = args.value(maturityAssessedOption);
        changes.insert(AssessmentField::MaturityAssessed,
                       isNone(text) ? QDate() : parseDate(text.trimmed(), QStringLiteral("--maturity-assessed")));
    }
    if (args.has(maturityAssessorOption)) {
        const QString text = args.value(maturityAssessorOption);
        const std::optional<MaturityAssessor> assessor =
            isNone(text) ? MaturityAssessor::None : maturityAssessorFromText(text);
        if (!assessor)
            throw UsageError{QStringLiteral("--maturity-assessor: \"%1\" is not an assessor; use internal (an internal "
                                            "assessment), independent (an independent appraisal) or none")
                                 .arg(text)};
        changes.insert(AssessmentField::MaturityAssessor, QVariant::fromValue(*assessor));
    }

    if (changes.isEmpty() && !args.has(QStringLiteral("owner")) && !args.has(QStringLiteral("director")))
        throw UsageError{
            QStringLiteral("set %1: nothing to change; give --rating, --target, --owner, --director, "
                           "--due, --next-review, --comment, --justification or --maturity, --maturity-target, "
                           "--maturity-assessed, --maturity-assessor")
                .arg(args.positional(0, QStringLiteral("ACTION")))};

    Session session = openSession(context);
    Store &store = *session.store;
    const QString actionId = store.checkActionId(args.positional(0, QStringLiteral("ACTION")));
    const bool trackMaturity = store.organisation().trackMaturity;
    // While maturity is not tracked nothing of it shows anywhere, so a level recorded now would be unseen and
    // unchecked by the board: refuse it, with the way to turn tracking on.
    if (changesMaturity && !trackMaturity)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The organisation does not track maturity, so %1's maturity was not recorded and "
                                   "nothing was changed; turn tracking on with 'quorum-cli organisation "
                                   "--track-maturity on' first.")
                        .arg(actionId));
    // An empty name clears the owner or director.
    if (args.has(QStringLiteral("owner"))) {
        const QString name = args.value(QStringLiteral("owner"));
        changes.insert(AssessmentField::Owner,
                       QVariant::fromValue<qint64>(name.isEmpty() ? 0 : store.personByName(name).id));
    }
    if (args.has(QStringLiteral("director"))) {
        const QString name = args.value(QStringLiteral("director"));
        qint64 id = 0;
        if (!name.isEmpty()) {
            const Person director = store.personByName(name);
            if (!director.board) {
                QStringList directors;
                for (const Person &person : store.people()) {
                    if (person.board)
                        directors << person.name;
                }
                throw Error(Error::Kind::InvalidInput,
                            QStringLiteral("%1 is not a board member; --director must name a director (closest: %2)")
                                .arg(director.name, closestNames(name, directors).join(QStringLiteral(", "))));
            }
            id = director.id;
        }
        changes.insert(AssessmentField::Director, QVariant::fromValue<qint64>(id));
    }
    const AssessmentChanges previous = store.updateAssessment(actionId, changes);
    if (previous.isEmpty()) {
        context.out << QStringLiteral("%1: nothing changed\n").arg(actionId);
        return Success;
    }
    const ActionState state = store.actionState(actionId);
    const ActionScore score = Scoring::score(state);
    context.out << QStringLiteral("%1: %2, target %3, owner %4, director %5%6\n")
                       .arg(actionId, ratingLabel(state.assessment.rating), ratingLabel(state.assessment.target),
                            state.ownerName.isEmpty() ? QStringLiteral("(none)") : state.ownerName,
                            state.directorName.isEmpty() ? QStringLiteral("(none)") : state.directorName,
                            score.unsupportedClaim ? QStringLiteral(" (unsupported claim: no current evidence)")
                                                   : QString());
    if (trackMaturity)
        context.out
            << QStringLiteral("%1: %2\n").arg(actionId, maturityText(state.assessment, store.maturityScale(actionId)));
    return Success;
}

// ---- people ------------------------------------------------------------------------------------

int commandPeople(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    const QStringList rest = words.mid(1);
    if (sub == QStringLiteral("add")) {
        const Arguments args(rest, {QStringLiteral("role")}, {QStringLiteral("board")});
        args.expectPositionals(1, 1, QStringLiteral("[--db FILE] people add NAME --role ROLE [--board]"));
        if (!args.has(QStringLiteral("role")))
            throw UsageError{QStringLiteral("people add: --role is required (for example --role \"Chief Executive\")")};
        Session session = openSession(context);
        Person person;
        person.name = args.positional(0, QStringLiteral("NAME"));
        person.role = args.value(QStringLiteral("role"));
        person.board = args.flag(QStringLiteral("board"));
        session.store->addPerson(person);
        context.out << QStringLiteral("Added %1 (%2, %3)\n")
                           .arg(person.name.trimmed(), person.role.trimmed(),
                                person.board ? QStringLiteral("board member") : QStringLiteral("executive"));
        return Success;
    }
    if (sub == QStringLiteral("list")) {
        const Arguments args(rest, {}, {QStringLiteral("json")});
        args.expectPositionals(0, 0, QStringLiteral("[--db FILE] people list [--json]"));
        Session session = openSession(context);
        const QList<Person> people = session.store->people();
        if (args.flag(QStringLiteral("json"))) {
            QJsonArray array;
            for (const Person &person : people)
                array.append(QJsonObject{{QStringLiteral("name"), person.name},
                                         {QStringLiteral("role"), person.role},
                                         {QStringLiteral("board"), person.board},
                                         {QStringLiteral("active"), person.active}});
            printJson(context.out, QJsonObject{{QStringLiteral("people"), array}});
            return Success;
        }
        if (people.isEmpty())
            context.out << QStringLiteral("No people recorded yet; add them with 'quorum-cli people add'.\n");
        for (const Person &person : people)
            context.out << QStringLiteral("%1  %2  %3%4\n")
                               .arg(person.name.leftJustified(24), person.role.leftJustified(48),
                                    person.board ? QStringLiteral("board") : QStringLiteral("executive"),
                                    person.active ? QString() : QStringLiteral(" (inactive)"));
        return Success;
    }
    throw UsageError{QStringLiteral("usage: quorum-cli people add NAME --role ROLE [--board] | people list [--json]")};
}

// ---- organisation ------------------------------------------------------------------------------

QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

QJsonObject organisationJson(const Organisation &organisation)
{
    return QJsonObject{{QStringLiteral("name"), organisation.name},
                       {QStringLiteral("marking"), organisation.marking},
                       {QStringLiteral("trackMaturity"), organisation.trackMaturity}};
}

int commandOrganisation(const Context &context, const QStringList &words)
{
    const QString nameOption = QStringLiteral("name");
    const QString markingOption = QStringLiteral("marking");
    const QString trackOption = QStringLiteral("track-maturity");
    const Arguments args(words, {nameOption, markingOption, trackOption}, {QStringLiteral("json")});
    args.expectPositionals(0, 0,
                           QStringLiteral("[--db FILE] organisation [--json] [--name NAME] [--marking MARKING] "
                                          "[--track-maturity on|off]"));
    // Checked before the record is opened: a bad word changes nothing.
    std::optional<bool> track;
    if (args.has(trackOption)) {
        const QString word = args.value(trackOption).trimmed();
        if (word.compare(QStringLiteral("on"), Qt::CaseInsensitive) == 0)
            track = true;
        else if (word.compare(QStringLiteral("off"), Qt::CaseInsensitive) == 0)
            track = false;
        else
            throw UsageError{
                QStringLiteral("--track-maturity: \"%1\" is neither on nor off; write --track-maturity on or "
                               "--track-maturity off")
                    .arg(args.value(trackOption))};
    }

    Session session = openSession(context);
    Store &store = *session.store;
    const Organisation before = store.organisation();
    const bool changing = args.has(nameOption) || args.has(markingOption) || track;
    if (!changing) {
        if (args.flag(QStringLiteral("json"))) {
            printJson(context.out, QJsonObject{{QStringLiteral("organisation"), organisationJson(before)}});
            return Success;
        }
        context.out << QStringLiteral("Name: %1\nMarking: %2\nMaturity tracked: %3\n")
                           .arg(before.name, before.marking.isEmpty() ? QStringLiteral("(none)") : before.marking,
                                before.trackMaturity ? QStringLiteral("yes")
                                                     : QStringLiteral("no (turn it on with 'quorum-cli organisation "
                                                                      "--track-maturity on')"));
        return Success;
    }

    // One call, so one transaction with its audit rows; the version read makes a change someone else made in
    // between a refusal instead of a silent overwrite.
    Organisation changed = before;
    if (args.has(nameOption))
        changed.name = args.value(nameOption);
    if (args.has(markingOption))
        changed.marking = args.value(markingOption);
    if (track)
        changed.trackMaturity = *track;
    store.setOrganisation(changed);
    const Organisation after = store.organisation();

    QStringList changes;
    QJsonArray changedFields;
    if (after.name != before.name) {
        changes << QStringLiteral("name \"%1\" -> \"%2\"").arg(before.name, after.name);
        changedFields.append(QStringLiteral("name"));
    }
    if (after.marking != before.marking) {
        changes << QStringLiteral("marking \"%1\" -> \"%2\"").arg(before.marking, after.marking);
        changedFields.append(QStringLiteral("marking"));
    }
    if (after.trackMaturity != before.trackMaturity) {
        changes << QStringLiteral("maturity tracking %1 -> %2")
                       .arg(onOff(before.trackMaturity), onOff(after.trackMaturity));
        changedFields.append(QStringLiteral("trackMaturity"));
    }
    if (args.flag(QStringLiteral("json"))) {
        printJson(context.out, QJsonObject{{QStringLiteral("organisation"), organisationJson(after)},
                                           {QStringLiteral("changed"), changedFields}});
        return Success;
    }
    if (changes.isEmpty())
        context.out << QStringLiteral("Organisation: nothing changed\n");
    else
        context.out << QStringLiteral("Organisation: %1\n").arg(changes.join(QStringLiteral("; ")));
    return Success;
}

/** Every command word; each area adds its list here (evidence, reviews, interchange, ...). */
QList<Command> allCommands()
{
    QList<Command> commands{
        {QStringLiteral("init"), commandInit},     {QStringLiteral("generate"), commandGenerate},
        {QStringLiteral("status"), commandStatus}, {QStringLiteral("set"), commandSet},
        {QStringLiteral("people"), commandPeople}, {QStringLiteral("organisation"), commandOrganisation},
    };
    commands += evidenceCommands();
    commands += boardCommands();
    commands += interchangeCommands();
    commands += accessCommands();
    commands += frameworkCommands();
    return commands;
}

int exitCodeFor(const Error &error)
{
    switch (error.kind()) {
    case Error::Kind::InvalidInput:
    case Error::Kind::NotFound:
    case Error::Kind::Conflict:
        return BadInput;
    case Error::Kind::NotPermitted:
        return NotPermitted;
    default:
        return CannotOpen;
    }
}

QString oneLine(QString message)
{
    message.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return message;
}

/** How long the CLI waits for a server that went away during a commit to say whether it was made. */
constexpr int kOutcomeWaitMs = 30000;

/**
 * The connection went while a change was being committed: asks the server, as soon as it answers again,
 * whether the change was made, and says which. Exit 0 when it was (the change stands, as if acknowledged),
 * else 3. Never retries the change itself: a person or a script decides that.
 */
int reportInterruptedCommit(const CommitInterrupted &interrupted, QTextStream &err)
{
    QElapsedTimer waited;
    waited.start();
    int delayMs = 250;
    while (true) {
        try {
            const bool saved = Database::transactionCommitted(interrupted.server(), interrupted.transactionId(),
                                                              interrupted.backendPid());
            err << QStringLiteral("quorum-cli: the connection to %1 was lost while the change was being saved; "
                                  "the server says it was %2.\n")
                       .arg(interrupted.server().displayName(),
                            saved ? QStringLiteral("saved") : QStringLiteral("not saved (make it again)"));
            return saved ? Success : CannotOpen;
        } catch (const Error &error) {
            if (waited.elapsed() + delayMs > kOutcomeWaitMs) {
                err << QStringLiteral("quorum-cli: the connection to %1 was lost while the change was being saved, "
                                      "and the server did not answer within %2 s, so whether it was saved is not "
                                      "known; look with 'quorum-cli log' once it is back (%3).\n")
                           .arg(interrupted.server().displayName())
                           .arg(kOutcomeWaitMs / 1000)
                           .arg(oneLine(error.message()));
                return CannotOpen;
            }
        }
        QThread::msleep(static_cast<unsigned long>(delayMs));
        delayMs = qMin(delayMs * 2, 4000);
    }
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList words = arguments;
    Context context{QString(), false, out, err};
    try {
        // Global options come before the command word.
        while (!words.isEmpty() && words.first().startsWith(QStringLiteral("--"))) {
            const QString option = words.takeFirst();
            if (option == QStringLiteral("--help") || option == QStringLiteral("-h")) {
                out << QString::fromLatin1(kUsage);
                return Success;
            }
            if (option == QStringLiteral("--version")) {
                out << QStringLiteral("quorum-cli %1\n").arg(QStringLiteral(QUORUM_VERSION));
                return Success;
            }
            if (option == QStringLiteral("--db")) {
                if (words.isEmpty())
                    throw UsageError{QStringLiteral("--db needs a file name")};
                context.dbPath = words.takeFirst();
            } else if (option.startsWith(QStringLiteral("--db="))) {
                context.dbPath = option.mid(5);
            } else {
                throw UsageError{
                    QStringLiteral("unknown option %1 before the command; see quorum-cli --help").arg(option)};
            }
        }
        if (context.dbPath.isEmpty()) {
            context.dbPath = defaultDatabasePath();
            context.defaultPath = true;
        }
        if (words.isEmpty())
            throw UsageError{QStringLiteral("no command given; see quorum-cli --help")};
        const QString command = words.takeFirst();
        if (command == QStringLiteral("help")) {
            out << QString::fromLatin1(kUsage);
            return Success;
        }
        for (const Command &candidate : allCommands()) {
            if (candidate.word == command)
                return candidate.run(context, words);
        }
        throw UsageError{QStringLiteral("unknown command \"%1\"; see quorum-cli --help").arg(command)};
    } catch (const UsageError &error) {
        err << QStringLiteral("quorum-cli: %1\n").arg(oneLine(error.message));
        return BadInput;
    } catch (const CommitInterrupted &interrupted) {
        return reportInterruptedCommit(interrupted, err);
    } catch (const Error &error) {
        err << QStringLiteral("quorum-cli: %1\n").arg(oneLine(error.message()));
        return exitCodeFor(error);
    }
}

} // namespace quorum::cli
