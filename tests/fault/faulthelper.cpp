// quorum_fault_helper: the "other process" of the fault tests (tests/fault). It changes a Quorum database
// through the Store, as the desktop app and quorum-cli do, and says on standard output what it has done,
// flushing after every line, so that the test can kill it at a known point or race it against itself.
//
//   quorum_fault_helper edit DB FIRST COUNT    makes edits FIRST, FIRST+1, ... (COUNT of them, 0: for ever)
//                                              and prints "committed N" after each one is committed
//   quorum_fault_helper hold DB                starts a change (B1's commentary) in a write transaction,
//                                              prints "holding" and waits for a line on standard input:
//                                              "commit", "commit-after MS" or "rollback"; then prints "done"
//   quorum_fault_helper contend SERVER WRITER COUNT
//                                              COUNT edits of commentaries on a record on a server, each made
//                                              from the version just read: the even ones on A1, B2 and C3,
//                                              which every writer edits, the odd ones on an action of this
//                                              writer's own; prints "ok ACTION VERSION TEXT" for each one
//                                              acknowledged (VERSION: the assessment's version after it) and
//                                              "conflict ACTION TEXT" for each refused as made from an older one
//
// Edit N is, by N % 3: a rating and commentary ("edit N") on one of the 22 actions, a new person
// ("Person N"), or a new piece of evidence ("Evidence N", a file of a few pages whose bytes name N).
// faultedits.h says exactly what each one writes, so the test can check it after a kill.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"
#include "faultedits.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThread>

#include <cstdio>
#include <iostream>
#include <string>

using namespace quorum;

namespace {

int edit(const QString &path, qint64 first, qint64 count)
{
    auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    database->setBusyTimeout(30000); // the concurrency test races two of these
    Store store(*database, fault::clock());
    store.setActor(QStringLiteral("fault-helper"));
    for (qint64 n = first; count == 0 || n < first + count; ++n) {
        fault::applyEdit(store, n);
        std::printf("committed %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
    return 0;
}

int hold(const QString &path)
{
    auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fault::clock());
    store.setActor(QStringLiteral("fault-helper"));
    Transaction transaction(*database);
    store.updateAssessment(QStringLiteral("B1"),
                           {{AssessmentField::Commentary, QStringLiteral("held by another process")}});
    std::printf("holding\n");
    std::fflush(stdout);
    std::string line;
    if (!std::getline(std::cin, line))
        return 1;
    if (line.rfind("commit-after ", 0) == 0) {
        QThread::msleep(std::stoul(line.substr(13)));
        line = "commit";
    }
    if (line == "commit")
        transaction.commit();
    std::printf("done\n");
    std::fflush(stdout);
    return 0;
}

int contend(const QString &server, int writer, int count)
{
    auto database =
        Database::openServer(ServerConnection::parse(server), Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fault::clock());
    store.setActor(QStringLiteral("writer-%1").arg(writer));
    const QStringList actions = Catalogue::builtIn().actionIds();
    const QStringList shared{QStringLiteral("A1"), QStringLiteral("B2"), QStringLiteral("C3")};
    const QString own = actions.at(3 + writer % (actions.size() - 3));
    for (int n = 0; n < count; ++n) {
        const QString action = n % 2 == 0 ? shared.at((n / 2) % shared.size()) : own;
        const QString text = QStringLiteral("w%1-e%2").arg(writer).arg(n);
        const int read = store.assessment(action).version;
        try {
            int after = 0;
            store.updateAssessment(action, {{AssessmentField::Commentary, text}}, read, &after);
            std::printf("ok %s %d %s\n", qPrintable(action), after, qPrintable(text));
        } catch (const Error &error) {
            if (error.kind() != Error::Kind::Conflict)
                throw;
            std::printf("conflict %s %s\n", qPrintable(action), qPrintable(text));
        }
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() == 5 && args[1] == QStringLiteral("edit"))
            return edit(args[2], args[3].toLongLong(), args[4].toLongLong());
        if (args.size() == 3 && args[1] == QStringLiteral("hold"))
            return hold(args[2]);
        if (args.size() == 5 && args[1] == QStringLiteral("contend"))
            return contend(args[2], args[3].toInt(), args[4].toInt());
    } catch (const Error &error) {
        std::fprintf(stderr, "quorum_fault_helper: %s\n", error.what());
        return 3;
    }
    std::fprintf(stderr, "usage: quorum_fault_helper edit DB FIRST COUNT | hold DB | contend SERVER WRITER COUNT\n");
    return 2;
}
