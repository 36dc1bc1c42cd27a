#include "core/interchange/frameworklibrary.h"

#include "core/domain/error.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

namespace quorum {

namespace {

constexpr int kMaxNameChars = 2000;
constexpr int kMaxTextChars = 20000;
constexpr int kMaxShortNameChars = 40;
/**
 * What the YAML may hold before it is built into nodes: nodes of any kind (a requirement node is a dozen), and
 * aliases. A generated library uses few aliases; a hostile file uses them to make a small file read as a large one.
 */
constexpr int kMaxYamlNodes = 500000;
constexpr int kMaxAliases = 1000;
/** All the text read from the file, aliases and titles repeated in paths included: a budget against blow-ups. */
constexpr qsizetype kMaxTotalChars = 32 * 1024 * 1024;

/** Thrown by the pre-scan when the file holds more than it may. */
struct TooMuchYaml {
    int line;
    QString what;
};

/** Counts the YAML's events without building nodes: refused before yaml-cpp builds a tree of millions. */
class YamlBudget : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t) override { count(mark); }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override
    {
        if (++m_aliases > kMaxAliases)
            throw TooMuchYaml{mark.line + 1, QStringLiteral("the file uses more than %1 aliases").arg(kMaxAliases)};
        count(mark);
    }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t, const std::string &) override
    {
        count(mark);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        count(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        count(mark);
    }
    void OnMapEnd() override {}

private:
    void count(const YAML::Mark &mark)
    {
        if (++m_nodes > kMaxYamlNodes)
            throw TooMuchYaml{mark.line + 1,
                              QStringLiteral("the file holds more than %1 YAML values").arg(kMaxYamlNodes)};
    }
    int m_nodes = 0;
    int m_aliases = 0;
};

/** One requirement node as read, before the tree is built. */
struct Node {
    QString urn;
    QString parentUrn;
    QString reference; ///< ref_id, or numbered from its place
    QString name;
    QString description;
    bool assessable = false;
    int line = 0; ///< 1-based, for messages
    int depth = 0;
    QList<int> children;
};

class Reader {
public:
    explicit Reader(QString sourceName)
        : m_source(std::move(sourceName))
    {
    }

    [[noreturn]] void fail(int line, const QString &what) const
    {
        throw Error(Error::Kind::InvalidInput, line > 0
                                                   ? QStringLiteral("%1, line %2: %3").arg(m_source).arg(line).arg(what)
                                                   : QStringLiteral("%1: %2").arg(m_source, what));
    }

    static int lineOf(const YAML::Node &node) { return node.Mark().line + 1; }

    /** The scalar @p key of map @p map as text, checked; empty when absent and not @p required. */
    QString text(const YAML::Node &map, const char *key, bool required, int maxChars, bool multiLine = false) const
    {
        const YAML::Node value = map[key];
        if (!value || value.IsNull()) {
            if (required)
                fail(lineOf(map), QStringLiteral("the field \"%1\" is missing").arg(QLatin1String(key)));
            return {};
        }
        if (!value.IsScalar())
            fail(lineOf(value), QStringLiteral("the field \"%1\" must be text").arg(QLatin1String(key)));
        const QString result = QString::fromStdString(value.Scalar()).trimmed();
        spend(lineOf(value), result.size());
        if (required && result.isEmpty())
            fail(lineOf(value), QStringLiteral("the field \"%1\" is empty").arg(QLatin1String(key)));
        if (result.size() > maxChars)
            fail(lineOf(value), QStringLiteral("the field \"%1\" is %2 characters long; the limit is %3")
                                    .arg(QLatin1String(key))
                                    .arg(result.size())
                                    .arg(maxChars));
        for (const QChar c : result) {
            const bool allowed = c == u'\t' || (multiLine && (c == u'\n' || c == u'\r'));
            if ((c.category() == QChar::Other_Control && !allowed) || c == QChar(0xFFFE) || c == QChar(0xFFFF))
                fail(lineOf(value), QStringLiteral("the field \"%1\" contains a control character (U+%2)")
                                        .arg(QLatin1String(key))
                                        .arg(c.unicode(), 4, 16, QLatin1Char('0')));
        }
        return result;
    }

    /** A whole number field; @p fallback when absent. */
    int number(const YAML::Node &map, const char *key, int fallback, int minimum, int maximum) const
    {
        const QString value = text(map, key, false, 20);
        if (value.isEmpty())
            return fallback;
        bool ok = false;
        const int result = value.toInt(&ok);
        if (!ok || result < minimum || result > maximum)
            fail(lineOf(map[key]), QStringLiteral("the field \"%1\" must be a whole number from %2 to %3")
                                       .arg(QLatin1String(key))
                                       .arg(minimum)
                                       .arg(maximum));
        return result;
    }

    bool flag(const YAML::Node &map, const char *key) const
    {
        const QString value = text(map, key, false, 10).toLower();
        if (value.isEmpty() || value == u"false" || value == u"no")
            return false;
        if (value == u"true" || value == u"yes")
            return true;
        fail(lineOf(map[key]), QStringLiteral("the field \"%1\" must be true or false").arg(QLatin1String(key)));
    }

    YAML::Node map(const YAML::Node &parent, const char *key) const
    {
        const YAML::Node value = parent[key];
        if (!value)
            fail(lineOf(parent), QStringLiteral("the field \"%1\" is missing").arg(QLatin1String(key)));
        if (!value.IsMap())
            fail(lineOf(value), QStringLiteral("the field \"%1\" must be a map of fields").arg(QLatin1String(key)));
        return value;
    }

    /** Counts @p chars against the whole file's text budget. */
    void spend(int line, qsizetype chars) const
    {
        m_spent += chars;
        if (m_spent > kMaxTotalChars)
            fail(line, QStringLiteral("the file's text comes to more than %1 million characters")
                           .arg(kMaxTotalChars / 1048576));
    }

private:
    QString m_source;
    mutable qsizetype m_spent = 0;
};

/** A framework's key from its URN's last part: "urn:intuitem:risk:framework:ncsc-caf-4.0" gives "ncsc-caf-4.0". */
QString keyFromUrn(const QString &urn)
{
    QString key = urn.section(u':', -1).toLower();
    static const QRegularExpression other(QStringLiteral("[^a-z0-9._-]+"));
    key.replace(other, QStringLiteral("-"));
    if (key.isEmpty() || !key.front().isLetter())
        key.prepend(QStringLiteral("f-"));
    return key.left(40);
}

/**
 * An id-safe form of a reference: letters, digits, dots, dashes and underscores only (ids are typed in the CLI, split
 * on commas in forms, and used in links), anything else a dash; the reference itself is kept as it is for display.
 */
QString idPart(const QString &reference)
{
    QString part;
    for (const QChar c : reference.simplified()) {
        const bool safe = (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'.' || c == u'-' || c == u'_';
        part += safe ? c : QChar(u'-');
    }
    return part.isEmpty() ? QStringLiteral("x") : part;
}

QString titleOf(const Node &node)
{
    if (node.reference.isEmpty() || node.name.isEmpty() || node.name == node.reference)
        return node.name.isEmpty() ? node.reference : node.name;
    return QStringLiteral("%1 %2").arg(node.reference, node.name);
}

/**
 * The framework's own maturity scale, when it defines one: scores_definition (a list of score, name and description,
 * or a map with such a list under "scale"), each score within min_score and max_score where those are given.
 * Without scores_definition, @p scale stays CMMI: a bare 0 to 100 range names no levels a board could read.
 */
void readMaturityScale(const Reader &reader, const YAML::Node &framework, MaturityScale &scale)
{
    const YAML::Node definition = framework["scores_definition"];
    if (!definition || definition.IsNull())
        return;
    const YAML::Node list = definition.IsMap() ? definition["scale"] : definition;
    if (!list || !list.IsSequence() || list.size() == 0)
        reader.fail(Reader::lineOf(definition),
                    QStringLiteral("the field \"scores_definition\" must be a list of scores (score, name)"));
    if (list.size() > std::size_t(MaturityScale::kMaxLevels))
        reader.fail(Reader::lineOf(list), QStringLiteral("the framework defines %1 scores; Quorum reads a scale of at "
                                                         "most %2 levels")
                                              .arg(list.size())
                                              .arg(MaturityScale::kMaxLevels));
    const int minimum = reader.number(framework, "min_score", 0, 0, MaturityScale::kMaxScore);
    const int maximum = reader.number(framework, "max_score", MaturityScale::kMaxScore, 0, MaturityScale::kMaxScore);
    QList<MaturityLevel> levels;
    for (const YAML::Node &value : list) {
        if (!value.IsMap())
            reader.fail(Reader::lineOf(value), QStringLiteral("a score of scores_definition must be a map of fields"));
        const int score = reader.number(value, "score", -1, minimum, maximum);
        if (score < 0)
            reader.fail(Reader::lineOf(value), QStringLiteral("a score of scores_definition has no \"score\""));
        levels.append({score, reader.text(value, "name", true, 120),
                       reader.text(value, "description", false, kMaxTextChars, true)});
    }
    QString problem;
    const std::optional<MaturityScale> read = MaturityScale::make(levels, &problem);
    if (!read)
        reader.fail(Reader::lineOf(definition), problem);
    scale = *read;
}

} // namespace

Catalogue FrameworkLibrary::read(const QString &path)
{
    QFile file(path);
    const QString shown = QFileInfo(path).fileName();
    if (!file.exists())
        throw Error(Error::Kind::NotFound, QStringLiteral("There is no file %1.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::CannotOpen, QStringLiteral("Could not read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxBytes)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 is %2 MB; a framework library is read up to %3 MB.")
                                                   .arg(shown)
                                                   .arg(double(file.size()) / (1024 * 1024), 0, 'f', 1)
                                                   .arg(kMaxBytes / (1024 * 1024)));
    return parse(file.read(kMaxBytes + 1), shown);
}

Catalogue FrameworkLibrary::parse(const QByteArray &yaml, const QString &sourceName)
{
    Reader reader(sourceName);
    if (yaml.size() > kMaxBytes)
        reader.fail(0, QStringLiteral("the file is larger than %1 MB").arg(kMaxBytes / (1024 * 1024)));
    if (yaml.contains('\0'))
        reader.fail(0, QStringLiteral("the file is not text (it holds a NUL byte)"));
    YAML::Node root;
    try {
        // Counted first, without building anything: a file of millions of values is refused before it costs memory.
        {
            std::istringstream stream(yaml.toStdString());
            YAML::Parser parser(stream);
            YamlBudget budget;
            parser.HandleNextDocument(budget);
        }
        root = YAML::Load(yaml.toStdString());
    } catch (const TooMuchYaml &tooMuch) {
        reader.fail(tooMuch.line, tooMuch.what);
    } catch (const YAML::Exception &error) {
        reader.fail(error.mark.is_null() ? 0 : error.mark.line + 1,
                    QStringLiteral("not valid YAML (%1)").arg(QString::fromStdString(error.msg)));
    }

    try {
        if (!root.IsMap())
            reader.fail(0, QStringLiteral("a framework library is a map of fields (urn, name, version, objects)"));
        Catalogue catalogue;
        catalogue.m_origin = FrameworkOrigin::Library;
        const QString libraryUrn = reader.text(root, "urn", true, kMaxNameChars);
        const QString libraryName = reader.text(root, "name", true, kMaxNameChars);
        const QString libraryRef = reader.text(root, "ref_id", false, kMaxNameChars);
        catalogue.m_version = reader.number(root, "version", 0, 1, 1000000);
        if (catalogue.m_version == 0)
            reader.fail(Reader::lineOf(root), QStringLiteral("the field \"version\" is missing"));
        catalogue.m_provider = reader.text(root, "provider", false, kMaxNameChars);
        catalogue.m_publisher = catalogue.m_provider;
        catalogue.m_copyright = reader.text(root, "copyright", false, kMaxTextChars, true);
        catalogue.m_published = reader.text(root, "publication_date", false, 40);

        const YAML::Node objects = reader.map(root, "objects");
        const YAML::Node framework = reader.map(objects, "framework");
        catalogue.m_urn = reader.text(framework, "urn", true, kMaxNameChars);
        catalogue.m_id = catalogue.m_urn;
        catalogue.m_key = keyFromUrn(catalogue.m_urn);
        if (Catalogue::builtInByKey(catalogue.m_key))
            reader.fail(Reader::lineOf(framework["urn"]),
                        QStringLiteral("the framework's key \"%1\" is a built-in framework's").arg(catalogue.m_key));
        catalogue.m_title = reader.text(framework, "name", false, kMaxNameChars);
        if (catalogue.m_title.isEmpty())
            catalogue.m_title = libraryName;
        const QString frameworkRef = reader.text(framework, "ref_id", false, kMaxNameChars);
        catalogue.m_description = reader.text(framework, "description", false, kMaxTextChars, true);
        if (catalogue.m_description.isEmpty())
            catalogue.m_description = reader.text(root, "description", false, kMaxTextChars, true);
        const QString shortRef = frameworkRef.isEmpty() ? libraryRef : frameworkRef;
        catalogue.m_shortName = catalogue.m_title.size() <= kMaxShortNameChars || shortRef.isEmpty()
                                    ? catalogue.m_title.left(kMaxShortNameChars)
                                    : shortRef.left(kMaxShortNameChars);
        catalogue.m_groupNoun = QStringLiteral("group");
        catalogue.m_itemNoun = QStringLiteral("requirement");
        Q_UNUSED(libraryUrn);

        readMaturityScale(reader, framework, catalogue.m_maturityScale);

        const YAML::Node nodes = framework["requirement_nodes"];
        if (!nodes || !nodes.IsSequence() || nodes.size() == 0)
            reader.fail(Reader::lineOf(nodes ? nodes : framework),
                        QStringLiteral("the framework has no requirement_nodes"));
        if (nodes.size() > std::size_t(kMaxNodes))
            reader.fail(Reader::lineOf(nodes), QStringLiteral("the framework has %1 requirement nodes; the limit is %2")
                                                   .arg(nodes.size())
                                                   .arg(kMaxNodes));

        // Read every node; a parent comes before its children, as the format writes them.
        QList<Node> all;
        QHash<QString, int> byUrn;
        QList<int> topLevel;
        int assessable = 0;
        for (const YAML::Node &value : nodes) {
            if (!value.IsMap())
                reader.fail(Reader::lineOf(value), QStringLiteral("a requirement node must be a map of fields"));
            Node node;
            node.line = Reader::lineOf(value);
            node.urn = reader.text(value, "urn", true, kMaxNameChars);
            if (byUrn.contains(node.urn))
                reader.fail(node.line, QStringLiteral("the urn \"%1\" is used twice (first on line %2)")
                                           .arg(node.urn)
                                           .arg(all[byUrn.value(node.urn)].line));
            node.parentUrn = reader.text(value, "parent_urn", false, kMaxNameChars);
            node.reference = reader.text(value, "ref_id", false, 200);
            node.name = reader.text(value, "name", false, kMaxNameChars);
            node.description = reader.text(value, "description", false, kMaxTextChars, true);
            node.assessable = reader.flag(value, "assessable");
            const int depth = reader.number(value, "depth", 0, 1, kMaxDepth);
            if (node.parentUrn.isEmpty()) {
                node.depth = 1;
            } else {
                const auto parent = byUrn.constFind(node.parentUrn);
                if (parent == byUrn.cend())
                    reader.fail(
                        node.line,
                        QStringLiteral("the parent_urn \"%1\" is not a node above this one").arg(node.parentUrn));
                node.depth = all[*parent].depth + 1;
                if (node.depth > kMaxDepth)
                    reader.fail(node.line,
                                QStringLiteral("the requirement tree is deeper than %1 levels").arg(kMaxDepth));
            }
            if (depth != 0 && depth != node.depth)
                reader.fail(node.line, QStringLiteral("the depth is %1, but the node is at depth %2 under its parent")
                                           .arg(depth)
                                           .arg(node.depth));
            if (node.assessable && node.name.isEmpty() && node.description.isEmpty())
                reader.fail(node.line, QStringLiteral("an assessable node needs a name or a description"));
            if (node.assessable && ++assessable > kMaxItems)
                reader.fail(node.line,
                            QStringLiteral("the framework has more than %1 assessable nodes").arg(kMaxItems));
            const int index = int(all.size());
            byUrn.insert(node.urn, index);
            if (node.parentUrn.isEmpty())
                topLevel << index;
            else
                all[byUrn.value(node.parentUrn)].children << index;
            all.append(node);
        }
        if (assessable == 0)
            reader.fail(Reader::lineOf(nodes), QStringLiteral("no requirement node is assessable"));

        // Numbers for nodes without a ref_id, from their place: "3" for the third top node, "3.2" below it.
        for (qsizetype t = 0; t < topLevel.size(); ++t) {
            Node &top = all[topLevel[t]];
            if (top.reference.isEmpty())
                top.reference = QString::number(t + 1);
        }
        for (Node &node : all) { // parents come first, so each is numbered before its children
            for (qsizetype c = 0; c < node.children.size(); ++c) {
                Node &child = all[node.children[c]];
                if (child.reference.isEmpty())
                    child.reference = QStringLiteral("%1.%2").arg(node.reference).arg(c + 1);
            }
        }

        // Groups are the top nodes; each assessable node below one (or the top node itself) is an item.
        QSet<QString> groupIds;
        QSet<QString> itemIds;
        // Ids are matched without regard to case (the CLI takes any case): "k:1.a" and "k:1.A" are two items.
        const auto unique = [](QSet<QString> &taken, const QString &wanted) {
            QString id = wanted;
            for (int n = 2; taken.contains(id.toUpper()); ++n)
                id = QStringLiteral("%1-%2").arg(wanted).arg(n);
            taken.insert(id.toUpper());
            return id;
        };
        for (const int topIndex : std::as_const(topLevel)) {
            const Node &top = all[topIndex];
            CataloguePrinciple group;
            group.reference = top.reference;
            group.id = unique(groupIds, QStringLiteral("%1:%2").arg(catalogue.m_key, idPart(top.reference)));
            group.title =
                top.name.isEmpty() ? (top.description.isEmpty() ? top.reference : top.description.left(200)) : top.name;
            group.introduction = top.name.isEmpty() ? QString() : top.description;
            group.urn = top.urn;
            // Depth first, in file order, with the titles of the nodes between the group and each item.
            QList<QPair<int, QStringList>> pending{{topIndex, {}}};
            while (!pending.isEmpty()) {
                const auto [index, path] = pending.takeLast();
                const Node &node = all[index];
                if (node.assessable) {
                    CatalogueAction item;
                    item.reference = node.reference;
                    item.id = unique(itemIds, QStringLiteral("%1:%2").arg(catalogue.m_key, idPart(node.reference)));
                    item.principleId = group.id;
                    item.shortTitle = node.name.isEmpty() ? node.description.section(u'\n', 0, 0).left(120) : node.name;
                    item.text = node.description.isEmpty() ? node.name : node.description;
                    item.path = path;
                    for (const QString &title : path)
                        reader.spend(node.line, title.size());
                    item.urn = node.urn;
                    group.actions.append(item);
                }
                QStringList below = path;
                if (index != topIndex)
                    below << titleOf(node);
                for (auto child = node.children.crbegin(); child != node.children.crend(); ++child)
                    pending.append({*child, below});
            }
            if (!group.actions.isEmpty())
                catalogue.m_principles.append(group);
        }
        return catalogue;
    } catch (const YAML::Exception &error) {
        reader.fail(error.mark.is_null() ? 0 : error.mark.line + 1,
                    QStringLiteral("not a framework library (%1)").arg(QString::fromStdString(error.msg)));
    }
}

} // namespace quorum
