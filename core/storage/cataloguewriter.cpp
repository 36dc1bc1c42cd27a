#include "core/storage/cataloguewriter.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/framework.h"
#include "core/storage/sql.h"

#include <QHash>
#include <QSet>

namespace quorum {

namespace {

/**
 * Group positions are one order for the whole record (the framework's place, then the group's), so that every
 * reading in catalogue order ("ORDER BY p.position, a.position") keeps the frameworks apart without a join.
 */
constexpr int kGroupsPerFramework = 100000;

/**
 * @p wanted, or the first of "wanted-2", "wanted-3", ... that @p taken (upper case: ids are matched without regard
 * to case) does not hold.
 */
QString freeId(const QString &wanted, const QSet<QString> &taken)
{
    if (!taken.contains(wanted.toUpper()))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(wanted).arg(n);
        if (!taken.contains(candidate.toUpper()))
            return candidate;
    }
}

/** Stored ids of @p table's rows of framework @p key by URN, and every id of the table (upper case). */
void readIds(const QSqlDatabase &db, const QString &table, const QString &key, QHash<QString, QString> &byUrn,
             QSet<QString> &taken)
{
    // Table names are this file's constants, never input.
    SqlQuery q(db, QStringLiteral("SELECT id, urn, framework FROM %1").arg(table));
    q.exec();
    while (q.next()) {
        taken.insert(q.value(0).toString().toUpper());
        if (q.value(2).toString() == key && !q.value(1).toString().isEmpty())
            byUrn.insert(q.value(1).toString(), q.value(0).toString());
    }
}

} // namespace

CatalogueWrite writeCatalogue(const QSqlDatabase &db, const Catalogue &catalogue, bool enableNew)
{
    CatalogueWrite result;
    SqlQuery stored(db, QStringLiteral("SELECT version, position, urn FROM framework WHERE key = :key"));
    stored.bind(QStringLiteral(":key"), catalogue.key()).exec();
    int position = 0;
    if (stored.next()) {
        result.fromVersion = stored.value(0).toInt();
        position = stored.value(1).toInt();
        if (stored.value(2).toString() != catalogue.urn())
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("The record already holds another framework with the key \"%1\" (%2), so "
                                       "\"%3\" (%4) cannot be added beside it.")
                            .arg(catalogue.key(), stored.value(2).toString(), catalogue.title(), catalogue.urn()));
    } else {
        result.newFramework = true;
        position =
            SqlQuery(db, QStringLiteral("SELECT coalesce(max(position) + 1, 0) FROM framework")).scalar().toInt();
    }
    const bool library = catalogue.origin() == FrameworkOrigin::Library;
    SqlQuery(db,
             QStringLiteral("INSERT INTO framework (key, position, urn, origin, version, title, short_name, "
                            "group_noun, item_noun, publisher, published, source_url, copyright, licence, "
                            "attribution, description, enabled, vendor_role, maturity_scale) VALUES (:key, :position, "
                            ":urn, :origin, :version, :title, :short, :group, :item, :publisher, :published, "
                            ":source, :copyright, :licence, :attribution, :description, :enabled, :role, :scale) "
                            "ON CONFLICT (key) DO UPDATE SET origin = excluded.origin, version = excluded.version, "
                            "title = excluded.title, short_name = excluded.short_name, "
                            "group_noun = excluded.group_noun, item_noun = excluded.item_noun, "
                            "publisher = excluded.publisher, published = excluded.published, "
                            "source_url = excluded.source_url, copyright = excluded.copyright, "
                            "licence = excluded.licence, attribution = excluded.attribution, "
                            "description = excluded.description, maturity_scale = excluded.maturity_scale"))
        .bind(QStringLiteral(":key"), catalogue.key())
        .bind(QStringLiteral(":position"), position)
        .bind(QStringLiteral(":urn"), catalogue.urn())
        .bind(QStringLiteral(":origin"), frameworkOriginKey(catalogue.origin()))
        .bind(QStringLiteral(":version"), catalogue.version())
        .bind(QStringLiteral(":title"), catalogue.title())
        .bind(QStringLiteral(":short"), catalogue.shortName())
        .bind(QStringLiteral(":group"), catalogue.groupNoun())
        .bind(QStringLiteral(":item"), catalogue.itemNoun())
        .bind(QStringLiteral(":publisher"), catalogue.publisher())
        .bind(QStringLiteral(":published"), catalogue.published())
        .bind(QStringLiteral(":source"), catalogue.sourceUrl())
        .bind(QStringLiteral(":copyright"), catalogue.copyright())
        .bind(QStringLiteral(":licence"), catalogue.licence())
        .bind(QStringLiteral(":attribution"), catalogue.attribution())
        .bind(QStringLiteral(":description"), catalogue.description())
        .bind(QStringLiteral(":enabled"), enableNew || catalogue.key() == Catalogue::codeKey() ? 1 : 0)
        .bind(QStringLiteral(":role"), catalogue.defaultVendorRole().isEmpty()
                                           ? QVariant(QMetaType::fromType<QString>())
                                           : QVariant(catalogue.defaultVendorRole()))
        .bind(QStringLiteral(":scale"), QString::fromUtf8(catalogue.maturityScale().toStored()))
        .exec();

    QHash<QString, QString> groupsByUrn;
    QSet<QString> groupIds;
    QHash<QString, QString> itemsByUrn;
    QSet<QString> itemIds;
    readIds(db, QStringLiteral("principle"), catalogue.key(), groupsByUrn, groupIds);
    readIds(db, QStringLiteral("action"), catalogue.key(), itemsByUrn, itemIds);

    int groupPosition = position * kGroupsPerFramework;
    for (const CataloguePrinciple &principle : catalogue.principles()) {
        QString groupId = principle.id;
        if (library) {
            groupId = groupsByUrn.value(principle.urn);
            if (groupId.isEmpty()) {
                groupId = freeId(principle.id, groupIds);
                groupIds.insert(groupId.toUpper());
            }
        }
        SqlQuery(db, QStringLiteral("INSERT INTO principle (id, position, title, framework, reference, introduction, "
                                    "urn) VALUES (:id, :position, :title, :framework, :reference, :introduction, "
                                    ":urn) ON CONFLICT (id) DO UPDATE SET position = excluded.position, "
                                    "title = excluded.title, reference = excluded.reference, "
                                    "introduction = excluded.introduction, urn = excluded.urn"))
            .bind(QStringLiteral(":id"), groupId)
            .bind(QStringLiteral(":position"), groupPosition++)
            .bind(QStringLiteral(":title"), principle.title)
            .bind(QStringLiteral(":framework"), catalogue.key())
            .bind(QStringLiteral(":reference"), principle.reference)
            .bind(QStringLiteral(":introduction"), principle.introduction)
            .bind(QStringLiteral(":urn"), principle.urn)
            .exec();
        int itemPosition = 0;
        for (const CatalogueAction &action : principle.actions) {
            QString itemId = action.id;
            bool isNew = !itemIds.contains(itemId.toUpper());
            if (library) {
                itemId = itemsByUrn.value(action.urn);
                isNew = itemId.isEmpty();
                if (isNew) {
                    itemId = freeId(action.id, itemIds);
                    itemIds.insert(itemId.toUpper());
                }
            }
            SqlQuery(db, QStringLiteral("INSERT INTO action (id, principle_id, position, short_title, text, framework, "
                                        "reference, path, urn) VALUES (:id, :principle, :position, :short, :text, "
                                        ":framework, :reference, :path, :urn) ON CONFLICT (id) DO UPDATE SET "
                                        "principle_id = excluded.principle_id, position = excluded.position, "
                                        "short_title = excluded.short_title, text = excluded.text, "
                                        "reference = excluded.reference, path = excluded.path, urn = excluded.urn"))
                .bind(QStringLiteral(":id"), itemId)
                .bind(QStringLiteral(":principle"), groupId)
                .bind(QStringLiteral(":position"), itemPosition++)
                .bind(QStringLiteral(":short"), action.shortTitle)
                .bind(QStringLiteral(":text"), action.text)
                .bind(QStringLiteral(":framework"), catalogue.key())
                .bind(QStringLiteral(":reference"), action.reference)
                .bind(QStringLiteral(":path"), action.path.join(QStringLiteral(" › ")))
                .bind(QStringLiteral(":urn"), action.urn)
                .exec();
            SqlQuery(db,
                     QStringLiteral("INSERT INTO assessment (action_id, rating, target) "
                                    "VALUES (:id, 'not-assessed', 'reasonable') ON CONFLICT (action_id) DO NOTHING"))
                .bind(QStringLiteral(":id"), itemId)
                .exec();
            if (isNew)
                ++result.addedItems;
            else
                ++result.updatedItems;
        }
    }
    return result;
}

} // namespace quorum
