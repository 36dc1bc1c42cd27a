#include "core/domain/catalogue.h"

#include "core/domain/error.h"

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

    static const QRegularExpression principleIdPattern(QStringLiteral("^[A-Z]$"));
    static const QRegularExpression actionIdPattern(QStringLiteral("^[A-Z][0-9]{1,2}$"));
    QSet<QString> principleIds;
    QSet<QString> actionIds;
    const QJsonArray principles = reader.array(root, QStringLiteral("principles"), top);
    if (principles.isEmpty())
        reader.fail(top, QStringLiteral("no principles"));
    for (const QJsonValue &principleValue : principles) {
        const QJsonObject principleObject = reader.object(principleValue, QStringLiteral("principles"));
        CataloguePrinciple principle;
        principle.id = reader.text(principleObject, QStringLiteral("id"), QStringLiteral("principle"));
        const QString where = QStringLiteral("principle %1").arg(principle.id);
        if (!principleIdPattern.match(principle.id).hasMatch())
            reader.fail(where, QStringLiteral("a principle id is one capital letter"));
        if (principleIds.contains(principle.id))
            reader.fail(where, QStringLiteral("duplicate principle id"));
        principleIds.insert(principle.id);
        principle.title = reader.text(principleObject, QStringLiteral("title"), where);

        const QJsonArray actions = reader.array(principleObject, QStringLiteral("actions"), where);
        if (actions.isEmpty())
            reader.fail(where, QStringLiteral("no actions"));
        for (const QJsonValue &actionValue : actions) {
            const QJsonObject actionObject = reader.object(actionValue, where);
            CatalogueAction action;
            action.id = reader.text(actionObject, QStringLiteral("id"), where);
            const QString actionWhere = QStringLiteral("action %1").arg(action.id);
            if (!actionIdPattern.match(action.id).hasMatch() || !action.id.startsWith(principle.id))
                reader.fail(actionWhere, QStringLiteral("an action id is its principle's letter and a number"));
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
                action.crossReferences << reference.toString();
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

const Catalogue &Catalogue::builtIn()
{
    // Parsed once per process; the resource is compiled in, so failure is a build defect.
    static const Catalogue catalogue = [] {
        const QString path = QStringLiteral(":/frameworks/cyber-governance-code.json");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(Error::Kind::Storage, QStringLiteral("The built-in catalogue %1 is missing").arg(path));
        return fromJson(file.readAll(), path);
    }();
    return catalogue;
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
