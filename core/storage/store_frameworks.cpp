#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/serveraccess.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <tuple>

namespace quorum {

namespace {

const QString kFrameworkColumns = QStringLiteral(
    "SELECT f.key, f.position, f.urn, f.origin, f.version, f.title, f.short_name, f.group_noun, f.item_noun, "
    "f.publisher, f.published, f.source_url, f.copyright, f.licence, f.attribution, f.description, f.enabled, "
    "f.vendor_role, f.owner_id, o.name, f.row_version, "
    "(SELECT count(*) FROM action a WHERE a.framework = f.key), %1 FROM framework f "
    "LEFT JOIN person o ON o.id = f.owner_id");

Framework readFramework(const SqlQuery &q)
{
    Framework framework;
    framework.key = q.value(0).toString();
    framework.position = q.value(1).toInt();
    framework.urn = q.value(2).toString();
    framework.origin = q.value(3).toString() == frameworkOriginKey(FrameworkOrigin::Library) ? FrameworkOrigin::Library
                                                                                             : FrameworkOrigin::BuiltIn;
    framework.catalogueVersion = q.value(4).toInt();
    framework.title = q.value(5).toString();
    framework.shortName = q.value(6).toString();
    framework.groupNoun = q.value(7).toString();
    framework.itemNoun = q.value(8).toString();
    framework.publisher = q.value(9).toString();
    framework.published = q.value(10).toString();
    framework.sourceUrl = q.value(11).toString();
    framework.copyright = q.value(12).toString();
    framework.licence = q.value(13).toString();
    framework.attribution = q.value(14).toString();
    framework.description = q.value(15).toString();
    framework.enabled = q.value(16).toBool();
    framework.vendorRole = q.value(17).toString();
    framework.ownerId = q.value(18).toLongLong();
    framework.ownerName = q.value(19).toString();
    framework.version = q.value(20).toInt();
    framework.itemCount = q.value(21).toInt();
    framework.maturityScale = MaturityScale::fromStored(q.value(22).toString().toUtf8());
    return framework;
}

/** The Code as a record from before schema 9 holds it: the only framework, always followed. */
Framework codeOnly()
{
    const Catalogue &code = Catalogue::builtIn();
    Framework framework;
    framework.key = code.key();
    framework.urn = code.urn();
    framework.catalogueVersion = code.version();
    framework.title = code.title();
    framework.shortName = code.shortName();
    framework.groupNoun = code.groupNoun();
    framework.itemNoun = code.itemNoun();
    framework.publisher = code.publisher();
    framework.published = code.published();
    framework.sourceUrl = code.sourceUrl();
    framework.copyright = code.copyright();
    framework.licence = code.licence();
    framework.attribution = code.attribution();
    framework.enabled = true;
    framework.itemCount = int(code.actionIds().size());
    return framework;
}

QString onOff(bool on)
{
    return on ? QStringLiteral("followed") : QStringLiteral("not followed");
}

} // namespace

MaturityScale Store::maturityScale(const QString &actionId) const
{
    const QString id = checkActionId(actionId);
    if (!m_maturity)
        return MaturityScale::cmmi();
    return MaturityScale::fromStored(
        SqlQuery(db(), QStringLiteral("SELECT f.maturity_scale FROM action a JOIN framework f ON f.key = a.framework "
                                      "WHERE a.id = :id"))
            .bind(QStringLiteral(":id"), id)
            .scalar()
            .toString()
            .toUtf8());
}

QList<Framework> Store::frameworks() const
{
    if (!m_frameworks)
        return {codeOnly()};
    // The maturity scale is CMMI in a read-only record from before schema 10.
    SqlQuery q(db(), kFrameworkColumns.arg(m_maturity ? QStringLiteral("f.maturity_scale") : QStringLiteral("''"))
                         + QStringLiteral(" ORDER BY f.position"));
    q.exec();
    QList<Framework> result;
    while (q.next())
        result.append(readFramework(q));
    return result;
}

Framework Store::framework(const QString &keyInput) const
{
    const QString key = keyInput.trimmed().toLower();
    QStringList keys;
    for (const Framework &framework : frameworks()) {
        if (framework.key == key)
            return framework;
        keys << framework.key;
    }
    throw Error(Error::Kind::NotFound, QStringLiteral("The record holds no framework \"%1\"; it holds %2.")
                                           .arg(keyInput.trimmed(), keys.join(QStringLiteral(", "))));
}

int Store::updateFramework(const Framework &changed)
{
    if (!m_frameworks)
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("This record was written by an older Quorum and holds one framework; open it where "
                                   "it can be upgraded to follow others."));
    Transaction transaction(m_database);
    const Framework before = framework(changed.key);
    if (before.isCode() && !changed.enabled)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The Cyber Governance Code is what Quorum is for: it cannot be turned off."));
    const Catalogue *catalogue = Catalogue::builtInByKey(before.key);
    const bool hasRoles = catalogue && !catalogue->vendorRoles().isEmpty();
    if (hasRoles && !catalogue->vendorRole(changed.vendorRole)) {
        QStringList roles;
        for (const VendorRole &role : catalogue->vendorRoles())
            roles << role.id;
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("\"%1\" is not a role of the %2; the roles are %3.")
                        .arg(changed.vendorRole, before.shortName, roles.join(QStringLiteral(", "))));
    }
    if (!hasRoles && !changed.vendorRole.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The %1 does not apply by vendor role.").arg(before.shortName));
    QString ownerName;
    if (changed.ownerId != 0) {
        const auto owner = person(changed.ownerId);
        if (!owner)
            throw Error(Error::Kind::NotFound, QStringLiteral("The chosen owner is no longer recorded."));
        ownerName = owner->name;
    }
    const int expected = changed.version > 0 ? changed.version : before.version;
    const int claimed =
        SqlQuery(db(), QStringLiteral("UPDATE framework SET row_version = row_version + 1, enabled = :enabled, "
                                      "vendor_role = :role, owner_id = :owner WHERE key = :key AND "
                                      "row_version = :expected"))
            .bind(QStringLiteral(":enabled"), changed.enabled ? 1 : 0)
            .bind(QStringLiteral(":role"), changed.vendorRole.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                                        : QVariant(changed.vendorRole))
            .bind(QStringLiteral(":owner"),
                  changed.ownerId ? QVariant(changed.ownerId) : QVariant(QMetaType::fromType<qint64>()))
            .bind(QStringLiteral(":key"), before.key)
            .bind(QStringLiteral(":expected"), expected)
            .exec()
            .rowsAffected();
    if (claimed == 0)
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("The settings of the %1 were changed by %2 since you read them, and your change was "
                                   "not made. What is shown now is what is recorded; make your change again if it "
                                   "still applies.")
                        .arg(before.shortName, lastChangedBy(QStringLiteral("framework"), before.key)));
    if (before.enabled != changed.enabled)
        audit(QStringLiteral("framework"), before.key, QStringLiteral("followed"), onOff(before.enabled),
              onOff(changed.enabled));
    if (before.vendorRole != changed.vendorRole)
        audit(QStringLiteral("framework"), before.key, QStringLiteral("vendor role"), before.vendorRole,
              changed.vendorRole);
    if (before.ownerId != changed.ownerId)
        audit(QStringLiteral("framework"), before.key, QStringLiteral("owner"), before.ownerName, ownerName);
    transaction.commit();
    m_actionIds.clear(); // the items that may be edited follow what is followed
    return expected + 1;
}

CatalogueWrite Store::importFramework(const Catalogue &catalogue)
{
    if (!m_frameworks)
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("This record was written by an older Quorum and holds one framework; open it where "
                                   "it can be upgraded to add others."));
    if (catalogue.origin() != FrameworkOrigin::Library)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Only a framework from a library file is imported."));
    // The catalogue's rows belong to the record's owner, as its built-in wording does: with access by role,
    // only an admin adds a framework.
    ActingAsRecordOwner asOwner(db());
    Transaction transaction(m_database);
    SqlQuery same(db(), QStringLiteral("SELECT key, version, title FROM framework WHERE urn = :urn"));
    same.bind(QStringLiteral(":urn"), catalogue.urn()).exec();
    if (same.next()) {
        const int held = same.value(1).toInt();
        if (same.value(0).toString() != catalogue.key())
            throw Error(
                Error::Kind::Conflict,
                QStringLiteral("The record holds this framework under the key \"%1\".").arg(same.value(0).toString()));
        if (held >= catalogue.version())
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("The record already holds version %1 of %2; this file is version %3. Nothing "
                                       "was changed: only a newer version of a library updates it.")
                            .arg(held)
                            .arg(same.value(2).toString())
                            .arg(catalogue.version()));
    }
    const CatalogueWrite written = writeCatalogue(db(), catalogue, true);
    if (!written.newFramework)
        clearLevelsOffScale(catalogue.key(), catalogue.maturityScale());
    if (written.newFramework)
        audit(QStringLiteral("framework"), catalogue.key(), QStringLiteral("imported"), QString(),
              QStringLiteral("%1, version %2, %3 items")
                  .arg(catalogue.title())
                  .arg(catalogue.version())
                  .arg(written.addedItems));
    else
        audit(QStringLiteral("framework"), catalogue.key(), QStringLiteral("version"),
              QString::number(written.fromVersion),
              QStringLiteral("%1 (%2 new items, %3 updated)")
                  .arg(catalogue.version())
                  .arg(written.addedItems)
                  .arg(written.updatedItems));
    transaction.commit();
    m_actionIds.clear();
    return written;
}

void Store::clearLevelsOffScale(const QString &key, const MaturityScale &scale)
{
    // A newer version of a library may change its scale: a level it no longer has would be shown as a bare
    // number and refused by every later edit of the item, so it is cleared here, in the import's transaction,
    // with a trail row saying what it was.
    SqlQuery held(db(), QStringLiteral("SELECT s.action_id, s.maturity, s.maturity_target FROM assessment s "
                                       "JOIN action a ON a.id = s.action_id WHERE a.framework = :key AND "
                                       "(s.maturity IS NOT NULL OR s.maturity_target IS NOT NULL)"));
    held.bind(QStringLiteral(":key"), key).exec();
    struct Off {
        QString id;
        QString column;
        QString field;
        int level;
    };
    QList<Off> off;
    while (held.next()) {
        for (const auto &[index, column, field] : {std::tuple{1, "maturity", AssessmentField::Maturity},
                                                   std::tuple{2, "maturity_target", AssessmentField::MaturityTarget}}) {
            if (!held.value(index).isNull() && !scale.contains(held.value(index).toInt()))
                off.append({held.value(0).toString(), QLatin1String(column), assessmentFieldKey(field),
                            held.value(index).toInt()});
        }
    }
    for (const Off &level : std::as_const(off)) {
        // Column names are the code's own; the values are bound.
        SqlQuery(db(), QStringLiteral("UPDATE assessment SET %1 = NULL, row_version = row_version + 1 WHERE "
                                      "action_id = :id")
                           .arg(level.column))
            .bind(QStringLiteral(":id"), level.id)
            .exec();
        audit(QStringLiteral("assessment"), level.id, level.field, QString::number(level.level), QString());
    }
}

void Store::checkItemEditable(const QString &id, const AssessmentChanges &changes) const
{
    // The Code is always followed and applies whatever the role: its actions need no read here, so an edit of one
    // (most edits) costs no extra round trip.
    if (!m_frameworks || Catalogue::keyOfItem(id) == Catalogue::codeKey())
        return;
    SqlQuery q(db(), QStringLiteral("SELECT f.enabled, f.vendor_role, p.reference, f.short_name, f.key FROM action a "
                                    "JOIN principle p ON p.id = a.principle_id JOIN framework f ON f.key = a.framework "
                                    "WHERE a.id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return;
    const QString shortName = q.value(3).toString();
    const QString key = q.value(4).toString();
    if (!q.value(0).toBool())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The organisation does not follow the %1, so %2 is not assessed; turn the %1 on "
                                   "first (File > Frameworks, or quorum-cli frameworks enable %3).")
                        .arg(shortName, id, key));
    const Catalogue *catalogue = Catalogue::builtInByKey(key);
    const VendorRole *role = catalogue ? catalogue->vendorRole(q.value(1).toString()) : nullptr;
    if (!role || role->groups.contains(q.value(2).toString()))
        return;
    for (const AssessmentField field :
         {AssessmentField::Rating, AssessmentField::Target, AssessmentField::Justification})
        if (changes.contains(field))
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("%1 does not apply to the organisation's role under the %2 (%3): %4 It reads "
                                       "Not applicable until the role changes (File > Frameworks, or quorum-cli "
                                       "frameworks role %5 ROLE).")
                            .arg(id, shortName, role->label.toLower(), role->reason, key));
}

} // namespace quorum
