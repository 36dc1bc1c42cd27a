#include "core/domain/catalogue.h"

#include "core/domain/error.h"
#include "core/domain/framework.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace quorum {

namespace {

constexpr int kSupportedFormat = 1;

class Reader {
public:
    explicit Reader(QString sourceName)
        : m_source(std::move(sourceName))
    {
    }

    [[noreturn]] void fail(const QString &where, const QString &what) const
    {
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Catalogue %1: %2: %3").arg(m_source, where, what));
    }

    QString text(const QJsonObject &object, const QString &key, const QString &where, bool required = true) const
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(where, QStringLiteral("the field \"%1\" is missing").arg(key));
            return {};
        }
        if (!value.isString())
            fail(where, QStringLiteral("the field \"%1\" must be text").arg(key));
        const QString result = value.toString().trimmed();
        if (required && result.isEmpty())
            fail(where, QStringLiteral("the field \"%1\" is empty").arg(key));
        return result;
    }

    QJsonArray array(const QJsonObject &object, const QString &key, const QString &where) const
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray())
            fail(where, QStringLiteral("the field \"%1\" must be a list").arg(key));
        return value.toArray();
    }

    QJsonObject object(const QJsonValue &value, const QString &where) const
    {
        if (!value.isObject())
            fail(where, QStringLiteral("expected an object"));
        return value.toObject();
    }

private:
    QString m_source;
};

} // namespace

Catalogue Catalogue::fromJson(const QByteArray &json, const QString &sourceName)
{
    Reader reader(sourceName);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        reader.fail(QStringLiteral("offset %1").arg(parseError.offset), parseError.errorString());
    if (!document.isObject())
        reader.fail(QStringLiteral("top level"), QStringLiteral("expected an object"));
    const QJsonObject root = document.object();
    const QString top = QStringLiteral("top level");

    if (root.value(QStringLiteral("format")).toInt(-1) != kSupportedFormat)
        reader.fail(top, QStringLiteral("unsupported format (expected %1)").arg(kSupportedFormat));

    Catalogue catalogue;
    catalogue.m_version = root.value(QStringLiteral("catalogueVersion")).toInt(0);
    if (catalogue.m_version < 1)
        reader.fail(top, QStringLiteral("the field \"catalogueVersion\" must be a positive whole number"));
    catalogue.m_id = reader.text(root, QStringLiteral("id"), top);
    catalogue.m_title = reader.text(root, QStringLiteral("title"), top);
    catalogue.m_publisher = reader.text(root, QStringLiteral("publisher"), top);
    catalogue.m_published = reader.text(root, QStringLiteral("published"), top);
    catalogue.m_sourceUrl = reader.text(root, QStringLiteral("sourceUrl"), top);
    catalogue.m_copyright = reader.text(root, QStringLiteral("copyright"), top);
    catalogue.m_licence = reader.text(root, QStringLiteral("licence"), top);
    catalogue.m_licenceUrl = reader.text(root, QStringLiteral("licenceUrl"), top);
    catalogue.m_attribution = reader.text(root, QStringLiteral("attribution"), top);
    catalogue.m_key = reader.text(root, QStringLiteral("key"), top);
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9._-]{0,39}$"));
    if (!keyPattern.match(catalogue.m_key).hasMatch())
        reader.fail(top, QStringLiteral("the key is a lower-case letter, then up to 39 lower-case letters, digits, "
                                        "dots, dashes and underscores"));
    catalogue.m_urn = QStringLiteral("urn:quorum:framework:%1").arg(catalogue.m_id);
    const QString prefix = reader.text(root, QStringLiteral("idPrefix"), top, false);
    if (!prefix.isEmpty() && prefix != catalogue.m_key + u':')
        reader.fail(top, QStringLiteral("the id prefix is the key and a colon (\"%1:\")").arg(catalogue.m_key));
    catalogue.m_shortName = reader.text(root, QStringLiteral("shortName"), top);
    catalogue.m_groupNoun = reader.text(root, QStringLiteral("groupNoun"), top);
    catalogue.m_itemNoun = reader.text(root, QStringLiteral("itemNoun"), top);
    catalogue.m_description = reader.text(root, QStringLiteral("description"), top, false);
    catalogue.m_provider = catalogue.m_publisher;
    const QJsonValue accountable = root.value(QStringLiteral("accountable"));
    if (!accountable.isUndefined()) {
        const QJsonObject object = reader.object(accountable, QStringLiteral("accountable"));
        catalogue.m_accountableTitle = reader.text(object, QStringLiteral("title"), QStringLiteral("accountable"));
        catalogue.m_accountableStatement =
            reader.text(object, QStringLiteral("statement"), QStringLiteral("accountable"));
    }
    catalogue.m_groupLead = reader.text(root, QStringLiteral("groupLead"), top, false);

    QSet<QString> frameworkIds;
    for (const QJsonValue &value : reader.array(root, QStringLiteral("frameworks"), top)) {
        const QJsonObject object = reader.object(value, QStringLiteral("frameworks"));
        MappedFramework framework;
        framework.id = reader.text(object, QStringLiteral("id"), QStringLiteral("framework"));
        const QString where = QStringLiteral("framework %1").arg(framework.id);
        if (frameworkIds.contains(framework.id))
            reader.fail(where, QStringLiteral("duplicate framework id"));
        frameworkIds.insert(framework.id);
        framework.name = reader.text(object, QStringLiteral("name"), where);
        framework.label = reader.text(object, QStringLiteral("label"), where);
        framework.source = reader.text(object, QStringLiteral("source"), where);
        framework.disclaimer = reader.text(object, QStringLiteral("disclaimer"), where, false);
        catalogue.m_frameworks.append(framework);
    }

    // The Code's ids are its own ("A", "A1"); another framework's are numbered as it numbers them ("3",
    // "3.2") and stored with its key ("ssc:3.2"), so that no two frameworks' ids meet.
    const bool code = prefix.isEmpty();
    static const QRegularExpression codePrincipleIdPattern(QStringLiteral("^[A-Z]$"));
    static const QRegularExpression codeActionIdPattern(QStringLiteral("^[A-Z][0-9]{1,2}$"));
    static const QRegularExpression groupPattern(QStringLiteral("^[0-9A-Za-z]{1,8}$"));
    static const QRegularExpression itemPattern(QStringLiteral("^[0-9A-Za-z]{1,8}(\\.[0-9A-Za-z]{1,8}){1,4}$"));
    QSet<QString> principleIds;
    QSet<QString> actionIds;
    const QJsonArray principles = reader.array(root, QStringLiteral("principles"), top);
    if (principles.isEmpty())
        reader.fail(top, QStringLiteral("no principles"));
    for (const QJsonValue &principleValue : principles) {
        const QJsonObject principleObject = reader.object(principleValue, QStringLiteral("principles"));
        CataloguePrinciple principle;
        principle.reference = reader.text(principleObject, QStringLiteral("id"), QStringLiteral("principle"));
        principle.id = prefix + principle.reference;
        const QString where = QStringLiteral("principle %1").arg(principle.reference);
        if (code && !codePrincipleIdPattern.match(principle.reference).hasMatch())
            reader.fail(where, QStringLiteral("a principle id is one capital letter"));
        if (!code && !groupPattern.match(principle.reference).hasMatch())
            reader.fail(where, QStringLiteral("a group id is up to 8 letters and digits"));
        if (principleIds.contains(principle.id))
            reader.fail(where, QStringLiteral("duplicate principle id"));
        principleIds.insert(principle.id);
        principle.title = reader.text(principleObject, QStringLiteral("title"), where);
        principle.introduction = reader.text(principleObject, QStringLiteral("introduction"), where, false);
        principle.urn = QStringLiteral("%1:%2").arg(catalogue.m_urn, principle.reference);

        const QJsonArray actions = reader.array(principleObject, QStringLiteral("actions"), where);
        if (actions.isEmpty())
            reader.fail(where, QStringLiteral("no actions"));
        for (const QJsonValue &actionValue : actions) {
            const QJsonObject actionObject = reader.object(actionValue, where);
            CatalogueAction action;
            action.reference = reader.text(actionObject, QStringLiteral("id"), where);
            action.id = prefix + action.reference;
            const QString actionWhere = QStringLiteral("action %1").arg(action.reference);
            if (code && (!codeActionIdPattern.match(action.id).hasMatch() || !action.id.startsWith(principle.id)))
                reader.fail(actionWhere, QStringLiteral("an action id is its principle's letter and a number"));
            if (!code
                && (!itemPattern.match(action.reference).hasMatch()
                    || !action.reference.startsWith(principle.reference + u'.')))
                reader.fail(actionWhere, QStringLiteral("an item id is its group's id, a dot and a number"));
            action.urn = QStringLiteral("%1:%2").arg(catalogue.m_urn, action.reference);
            if (actionIds.contains(action.id))
                reader.fail(actionWhere, QStringLiteral("duplicate action id"));
            actionIds.insert(action.id);
            action.principleId = principle.id;
            action.shortTitle = reader.text(actionObject, QStringLiteral("shortTitle"), actionWhere);
            action.text = reader.text(actionObject, QStringLiteral("text"), actionWhere);
            action.cadence = reader.text(actionObject, QStringLiteral("cadence"), actionWhere, false);
            for (const QJsonValue &reference :
                 reader.array(actionObject, QStringLiteral("crossReferences"), actionWhere)) {
                if (!reference.isString())
                    reader.fail(actionWhere, QStringLiteral("cross-references must be action ids"));
                action.crossReferences << prefix + reference.toString();
            }
            for (const QJsonValue &mappingValue : reader.array(actionObject, QStringLiteral("mappings"), actionWhere)) {
                const QJsonObject mappingObject = reader.object(mappingValue, actionWhere);
                Mapping mapping;
                mapping.frameworkId = reader.text(mappingObject, QStringLiteral("framework"), actionWhere);
                if (!frameworkIds.contains(mapping.frameworkId))
                    reader.fail(actionWhere,
                                QStringLiteral("mapping to unknown framework \"%1\"").arg(mapping.frameworkId));
                mapping.reference = reader.text(mappingObject, QStringLiteral("reference"), actionWhere);
                mapping.text = reader.text(mappingObject, QStringLiteral("text"), actionWhere, false);
                mapping.note = reader.text(mappingObject, QStringLiteral("note"), actionWhere, false);
                action.mappings.append(mapping);
            }
            principle.actions.append(action);
        }
        catalogue.m_principles.append(principle);
    }

    QSet<QString> groupReferences;
    for (const CataloguePrinciple &principle : std::as_const(catalogue.m_principles))
        groupReferences.insert(principle.reference);
    for (const QJsonValue &value : reader.array(root, QStringLiteral("roles"), top)) {
        const QJsonObject object = reader.object(value, QStringLiteral("roles"));
        VendorRole role;
        role.id = reader.text(object, QStringLiteral("id"), QStringLiteral("role"));
        const QString where = QStringLiteral("role %1").arg(role.id);
        if (catalogue.vendorRole(role.id))
            reader.fail(where, QStringLiteral("duplicate role"));
        role.label = reader.text(object, QStringLiteral("label"), where);
        role.reason = reader.text(object, QStringLiteral("reason"), where);
        for (const QJsonValue &group : reader.array(object, QStringLiteral("groups"), where)) {
            if (!groupReferences.contains(group.toString()))
                reader.fail(where, QStringLiteral("unknown group \"%1\"").arg(group.toString()));
            role.groups << group.toString();
        }
        catalogue.m_vendorRoles.append(role);
    }
    catalogue.m_defaultVendorRole = reader.text(root, QStringLiteral("defaultRole"), top, false);
    if (!catalogue.m_vendorRoles.isEmpty() && !catalogue.vendorRole(catalogue.m_defaultVendorRole))
        reader.fail(top, QStringLiteral("the default role is not one of the roles"));

    // Cross-references can point forwards, so they are checked once every id is known.
    for (const CataloguePrinciple &principle : std::as_const(catalogue.m_principles)) {
        for (const CatalogueAction &action : principle.actions) {
            for (const QString &reference : action.crossReferences) {
                if (!actionIds.contains(reference) || reference == action.id)
                    reader.fail(QStringLiteral("action %1").arg(action.id),
                                QStringLiteral("cross-reference to unknown action \"%1\"").arg(reference));
            }
        }
    }
    return catalogue;
}

namespace {

Catalogue loadBuiltIn(const QString &name)
{
    const QString path = QStringLiteral(":/frameworks/%1.json").arg(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::Storage, QStringLiteral("The built-in catalogue %1 is missing").arg(path));
    return Catalogue::fromJson(file.readAll(), path);
}

} // namespace

const Catalogue &Catalogue::builtIn()
{
    // Parsed once per process; the resource is compiled in, so failure is a build defect.
    static const Catalogue catalogue = loadBuiltIn(QStringLiteral("cyber-governance-code"));
    return catalogue;
}

const QList<const Catalogue *> &Catalogue::builtIns()
{
    static const Catalogue softwareSecurity = loadBuiltIn(QStringLiteral("software-security-code"));
    static const QList<const Catalogue *> all{&builtIn(), &softwareSecurity};
    return all;
}

const Catalogue *Catalogue::builtInByKey(const QString &key)
{
    for (const Catalogue *catalogue : builtIns()) {
        if (catalogue->key() == key)
            return catalogue;
    }
    return nullptr;
}

QString frameworkOriginKey(FrameworkOrigin origin)
{
    return origin == FrameworkOrigin::BuiltIn ? QStringLiteral("built-in") : QStringLiteral("library");
}

QString Catalogue::codeKey()
{
    return QStringLiteral("cgc");
}

QString Catalogue::keyOfItem(const QString &itemId)
{
    const qsizetype colon = itemId.indexOf(u':');
    return colon < 0 ? codeKey() : itemId.left(colon);
}

const VendorRole *Catalogue::vendorRole(const QString &id) const
{
    for (const VendorRole &role : m_vendorRoles) {
        if (role.id == id)
            return &role;
    }
    return nullptr;
}

QList<CatalogueAction> Catalogue::actions() const
{
    QList<CatalogueAction> result;
    for (const CataloguePrinciple &principle : m_principles)
        result.append(principle.actions);
    return result;
}

const CatalogueAction *Catalogue::action(const QString &id) const
{
    for (const CataloguePrinciple &principle : m_principles) {
        for (const CatalogueAction &action : principle.actions) {
            if (action.id.compare(id, Qt::CaseInsensitive) == 0)
                return &action;
        }
    }
    return nullptr;
}

const CataloguePrinciple *Catalogue::principle(const QString &id) const
{
    for (const CataloguePrinciple &principle : m_principles) {
        if (principle.id == id)
            return &principle;
    }
    return nullptr;
}

const MappedFramework *Catalogue::framework(const QString &id) const
{
    for (const MappedFramework &framework : m_frameworks) {
        if (framework.id == id)
            return &framework;
    }
    return nullptr;
}

QStringList Catalogue::actionIds() const
{
    QStringList ids;
    for (const CataloguePrinciple &principle : m_principles) {
        for (const CatalogueAction &action : principle.actions)
            ids << action.id;
    }
    return ids;
}

} // namespace quorum
