// The access commands of quorum-cli (issue 16): access enable/grant/revoke/list/me on a record on a server.

#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "core/domain/access.h"
#include "core/domain/error.h"
#include "core/storage/serveraccess.h"
#include "core/storage/store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>

#include <termios.h>
#include <unistd.h>

namespace quorum::cli {

namespace {

const QString kUsage = QStringLiteral(
    "usage: quorum-cli --db URI access enable [--prefix PREFIX] | access grant LOGIN --role ROLE [--person NAME] | "
    "access revoke LOGIN --role ROLE | access password LOGIN | access list [--json] | access me [--json]; ROLE is "
    "director, ciso, secretary, auditor or admin");

/**
 * A new password from standard input: asked for twice without echo on a terminal, else the first line (for
 * a script: printf '%s\n' "$PASSWORD" | quorum-cli ... access password LOGIN). Never an argument, which
 * would show in the process list and the shell's history.
 */
QString readNewPassword(const Context &context, const QString &login)
{
    QTextStream in(stdin);
    if (!isatty(STDIN_FILENO))
        return in.readLine();
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    const auto restore = qScopeGuard([&saved] { tcsetattr(STDIN_FILENO, TCSANOW, &saved); });
    context.err << QStringLiteral("New password for %1: ").arg(login);
    context.err.flush();
    const QString first = in.readLine();
    context.err << QStringLiteral("\nAgain: ");
    context.err.flush();
    const QString second = in.readLine();
    context.err << QStringLiteral("\n");
    if (first != second)
        throw UsageError{QStringLiteral("the two passwords differ; nothing was changed")};
    return first;
}

AccessRole roleOption(const Arguments &args)
{
    if (!args.has(QStringLiteral("role")))
        throw UsageError{QStringLiteral("--role is required; %1").arg(kUsage)};
    const auto role = accessRoleFromWord(args.value(QStringLiteral("role")));
    if (!role)
        throw UsageError{QStringLiteral("--role \"%1\" is not a role: director, ciso, secretary, auditor or admin")
                             .arg(args.value(QStringLiteral("role")))};
    return *role;
}

QJsonArray roleWords(const QList<AccessRole> &roles)
{
    QJsonArray words;
    for (const AccessRole role : roles)
        words.append(accessRoleWord(role));
    return words;
}

int commandAccess(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    const QStringList rest = words.mid(1);
    if (sub == QStringLiteral("enable")) {
        const Arguments args(rest, {QStringLiteral("prefix")}, {});
        args.expectPositionals(0, 0, QStringLiteral("--db URI access enable [--prefix PREFIX]"));
        Session session = openSession(context);
        ServerAccess access(*session.store);
        access.enable(args.value(QStringLiteral("prefix")));
        const QString prefix = ServerAccess::prefixOf(session.database->connection()).value_or(QString());
        context.out << QStringLiteral("Access by role is on: the server now enforces the roles %1_director, "
                                      "%1_ciso, %1_secretary, %1_auditor and %1_admin, and you are an admin. "
                                      "Give people roles with 'quorum-cli access grant LOGIN --role ROLE'.\n")
                           .arg(prefix);
        return Success;
    }
    if (sub == QStringLiteral("grant") || sub == QStringLiteral("revoke")) {
        const bool grant = sub == QStringLiteral("grant");
        const Arguments args(rest,
                             grant ? QSet<QString>{QStringLiteral("role"), QStringLiteral("person")}
                                   : QSet<QString>{QStringLiteral("role")},
                             {});
        args.expectPositionals(1, 1,
                               grant ? QStringLiteral("--db URI access grant LOGIN --role ROLE [--person NAME]")
                                     : QStringLiteral("--db URI access revoke LOGIN --role ROLE"));
        const AccessRole role = roleOption(args);
        const QString login = args.positional(0, QStringLiteral("LOGIN"));
        Session session = openSession(context);
        ServerAccess access(*session.store);
        if (grant) {
            access.grant(login, role, args.value(QStringLiteral("person")));
            context.out << QStringLiteral("%1 now holds the %2 role%3\n")
                               .arg(login.trimmed(), accessRoleWord(role),
                                    args.has(QStringLiteral("person"))
                                        ? QStringLiteral(", as %1").arg(args.value(QStringLiteral("person")).trimmed())
                                        : QString());
        } else {
            access.revoke(login, role);
            context.out
                << QStringLiteral("%1 no longer holds the %2 role\n").arg(login.trimmed(), accessRoleWord(role));
        }
        return Success;
    }
    if (sub == QStringLiteral("password")) {
        const Arguments args(rest, {}, {});
        args.expectPositionals(1, 1,
                               QStringLiteral("--db URI access password LOGIN (the password from standard input)"));
        const QString login = args.positional(0, QStringLiteral("LOGIN"));
        Session session = openSession(context);
        ServerAccess access(*session.store);
        access.setPassword(login, readNewPassword(context, login.trimmed()));
        context.out << QStringLiteral("The password of %1 is set (sent to the server hashed with SCRAM-SHA-256).\n")
                           .arg(login.trimmed());
        return Success;
    }
    if (sub == QStringLiteral("list")) {
        const Arguments args(rest, {}, {QStringLiteral("json")});
        args.expectPositionals(0, 0, QStringLiteral("--db URI access list [--json]"));
        Session session = openSession(context);
        const QList<AccessMember> members = ServerAccess(*session.store).members();
        if (args.flag(QStringLiteral("json"))) {
            QJsonArray array;
            for (const AccessMember &member : members)
                array.append(QJsonObject{{QStringLiteral("login"), member.login},
                                         {QStringLiteral("roles"), roleWords(member.roles)},
                                         {QStringLiteral("person"), textOrNull(member.person)},
                                         {QStringLiteral("can_sign_in"), member.canSignIn}});
            printJson(context.out, QJsonObject{{QStringLiteral("members"), array}});
            return Success;
        }
        if (members.isEmpty())
            context.out << QStringLiteral("No one holds a role yet; give one with 'quorum-cli access grant'.\n");
        for (const AccessMember &member : members)
            context.out << QStringLiteral("%1  %2  %3\n")
                               .arg(member.login.leftJustified(24), accessRoleTitles(member.roles).leftJustified(40),
                                    member.person.isEmpty() ? QStringLiteral("(no person linked)") : member.person);
        return Success;
    }
    if (sub == QStringLiteral("me")) {
        const Arguments args(rest, {}, {QStringLiteral("json")});
        args.expectPositionals(0, 0, QStringLiteral("--db URI access me [--json]"));
        Session session = openSession(context);
        const SessionAccess me = ServerAccess::session(session.database->connection());
        if (args.flag(QStringLiteral("json"))) {
            printJson(context.out, QJsonObject{{QStringLiteral("login"), textOrNull(me.login)},
                                               {QStringLiteral("enforced"), me.enforced},
                                               {QStringLiteral("unrestricted"), me.unrestricted},
                                               {QStringLiteral("roles"), roleWords(me.roles)}});
            return Success;
        }
        if (me.login.isEmpty())
            context.out << QStringLiteral("A file: whoever can open it may change it; its trail names the "
                                          "operating-system user.\n");
        else if (!me.enforced)
            context.out << QStringLiteral("Signed in as %1. Access by role is off for this record.\n").arg(me.login);
        else
            context.out << QStringLiteral("Signed in as %1\n").arg(me.summary());
        return Success;
    }
    throw UsageError{kUsage};
}

} // namespace

QList<Command> accessCommands()
{
    return {{QStringLiteral("access"), commandAccess}};
}

} // namespace quorum::cli
