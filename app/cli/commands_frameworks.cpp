// The framework commands of quorum-cli (issue 17): frameworks list/import/enable/disable/role/owner.

#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/interchange/frameworklibrary.h"
#include "core/storage/store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace quorum::cli {

namespace {

const QString kUsage =
    QStringLiteral("usage: quorum-cli frameworks list [--json] | frameworks import FILE.yaml | frameworks enable KEY | "
                   "frameworks disable KEY | frameworks role KEY ROLE | frameworks owner KEY NAME");

QJsonObject frameworkJson(const Framework &framework)
{
    QJsonObject object{
        {QStringLiteral("key"), framework.key},
        {QStringLiteral("title"), framework.title},
        {QStringLiteral("shortName"), framework.shortName},
        {QStringLiteral("origin"), frameworkOriginKey(framework.origin)},
        {QStringLiteral("version"), framework.catalogueVersion},
        {QStringLiteral("urn"), framework.urn},
        {QStringLiteral("followed"), framework.enabled},
        {QStringLiteral("items"), framework.itemCount},
        {QStringLiteral("groupNoun"), framework.groupNoun},
        {QStringLiteral("itemNoun"), framework.itemNoun},
        {QStringLiteral("publisher"), textOrNull(framework.publisher)},
        {QStringLiteral("published"), textOrNull(framework.published)},
        {QStringLiteral("copyright"), textOrNull(framework.copyright)},
        {QStringLiteral("licence"), textOrNull(framework.licence)},
        {QStringLiteral("vendorRole"), textOrNull(framework.vendorRole)},
        {QStringLiteral("owner"), textOrNull(framework.ownerName)},
    };
    if (const Catalogue *catalogue = Catalogue::builtInByKey(framework.key);
        catalogue && !catalogue->accountableTitle().isEmpty())
        object.insert(QStringLiteral("ownerTitle"), catalogue->accountableTitle());
    return object;
}

int list(const Context &context, const Arguments &args)
{
    Session session = openSession(context);
    const QList<Framework> frameworks = session.store->frameworks();
    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Framework &framework : frameworks)
            array.append(frameworkJson(framework));
        printJson(context.out, QJsonObject{{QStringLiteral("frameworks"), array}});
        return Success;
    }
    for (const Framework &framework : frameworks) {
        QString line =
            QStringLiteral("%1  %2  %3, version %4, %5 %6s%7")
                .arg(
                    framework.key.leftJustified(14),
                    (framework.enabled ? QStringLiteral("followed") : QStringLiteral("not followed")).leftJustified(12),
                    framework.title, QString::number(framework.catalogueVersion), QString::number(framework.itemCount),
                    framework.itemNoun,
                    framework.origin == FrameworkOrigin::Library ? QStringLiteral(" (from a library)") : QString());
        if (!framework.vendorRole.isEmpty())
            line += QStringLiteral("; role: %1").arg(framework.vendorRole);
        const Catalogue *catalogue = Catalogue::builtInByKey(framework.key);
        if (catalogue && !catalogue->accountableTitle().isEmpty())
            line += QStringLiteral("; %1: %2")
                        .arg(catalogue->accountableTitle(),
                             framework.ownerName.isEmpty() ? QStringLiteral("(none)") : framework.ownerName);
        context.out << line << u'\n';
    }
    return Success;
}

int import(const Context &context, const Arguments &args)
{
    args.expectPositionals(2, 2, kUsage);
    const QString file = args.positional(1, QStringLiteral("FILE"));
    const Catalogue catalogue = FrameworkLibrary::read(file); // before opening: a bad file touches nothing
    Session session = openSession(context);
    const CatalogueWrite written = session.store->importFramework(catalogue);
    if (written.newFramework)
        context.out << QStringLiteral("Imported %1 (version %2) as \"%3\": %4 %5s in %6 groups, followed from now "
                                      "on. Its items are %3:ID, as in 'quorum-cli set %3:%7 --rating R'.\n")
                           .arg(catalogue.title(), QString::number(catalogue.version()), catalogue.key(),
                                QString::number(written.addedItems), catalogue.itemNoun(),
                                QString::number(catalogue.principles().size()),
                                catalogue.actions().value(0).id.section(u':', 1));
    else
        context.out << QStringLiteral("Updated %1 from version %2 to %3: %4 new items, %5 brought up to date; every "
                                      "assessment is as it was.\n")
                           .arg(catalogue.title(), QString::number(written.fromVersion),
                                QString::number(catalogue.version()), QString::number(written.addedItems),
                                QString::number(written.updatedItems));
    return Success;
}

int change(const Context &context, const Arguments &args, const std::function<void(Store &, Framework &)> &edit)
{
    Session session = openSession(context);
    Store &store = *session.store;
    Framework framework = store.framework(args.positional(1, QStringLiteral("KEY")));
    edit(store, framework);
    store.updateFramework(framework);
    const Framework after = store.framework(framework.key);
    context.out << QStringLiteral("%1: %2%3%4\n")
                       .arg(after.shortName,
                            after.enabled ? QStringLiteral("followed") : QStringLiteral("not followed"),
                            after.vendorRole.isEmpty() ? QString() : QStringLiteral("; role %1").arg(after.vendorRole),
                            after.ownerName.isEmpty() ? QString()
                                                      : QStringLiteral("; answered for by %1").arg(after.ownerName));
    return Success;
}

int commandFrameworks(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    const QString action = args.positional().value(0);
    if (action == QLatin1String("list")) {
        args.expectPositionals(1, 1, kUsage);
        return list(context, args);
    }
    if (action == QLatin1String("import"))
        return import(context, args);
    if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
        args.expectPositionals(2, 2, kUsage);
        const bool on = action == QLatin1String("enable");
        return change(context, args, [on](Store &, Framework &f) { f.enabled = on; });
    }
    if (action == QLatin1String("role")) {
        args.expectPositionals(3, 3, kUsage);
        const QString role = args.positional(2, QStringLiteral("ROLE")).trimmed().toLower();
        return change(context, args, [role](Store &, Framework &f) { f.vendorRole = role; });
    }
    if (action == QLatin1String("owner")) {
        args.expectPositionals(3, 3, kUsage);
        const QString name = args.positional(2, QStringLiteral("NAME")).trimmed();
        // An empty name leaves the framework without an owner.
        return change(context, args, [name](Store &store, Framework &f) {
            f.ownerId = name.isEmpty() ? 0 : store.personByName(name).id;
        });
    }
    throw UsageError{kUsage};
}

} // namespace

QList<Command> frameworkCommands()
{
    return {{QStringLiteral("frameworks"), commandFrameworks}};
}

} // namespace quorum::cli
