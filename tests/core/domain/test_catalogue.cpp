#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <gtest/gtest.h>

using namespace quorum;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

/** The action wording of the reference, parsed from its markdown table: id -> text. */
QMap<QString, QString> referenceWording()
{
    QMap<QString, QString> result;
    static const QRegularExpression row(QStringLiteral("^\\| ([A-E][1-5]) \\| [A-E]: [^|]+ \\| ([^|]+) \\|"));
    for (const QString &line :
         readText(test::dataPath(QStringLiteral("reference/cyber-governance-code.md"))).split(u'\n')) {
        const auto match = row.match(line);
        if (match.hasMatch())
            result.insert(match.captured(1), match.captured(2).trimmed());
    }
    return result;
}

QJsonObject builtInJson()
{
    QFile file(QStringLiteral(":/frameworks/cyber-governance-code.json"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString errorOf(const QJsonObject &object)
{
    try {
        Catalogue::fromJson(QJsonDocument(object).toJson(), QStringLiteral("broken.json"));
    } catch (const Error &error) {
        return error.message();
    }
    return {};
}

QJsonObject withAction(QJsonObject root, int principle, int action, const std::function<void(QJsonObject &)> &edit)
{
    QJsonArray principles = root.value(QStringLiteral("principles")).toArray();
    QJsonObject p = principles[principle].toObject();
    QJsonArray actions = p.value(QStringLiteral("actions")).toArray();
    QJsonObject a = actions[action].toObject();
    edit(a);
    actions[action] = a;
    p.insert(QStringLiteral("actions"), actions);
    principles[principle] = p;
    root.insert(QStringLiteral("principles"), principles);
    return root;
}

} // namespace

TEST(Catalogue, HasFivePrinciplesAndTwentyTwoActions)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    ASSERT_EQ(catalogue.principles().size(), 5);
    QStringList principleIds;
    for (const CataloguePrinciple &principle : catalogue.principles())
        principleIds << principle.id;
    EXPECT_EQ(principleIds, (QStringList{u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs, u"E"_qs}));
    EXPECT_EQ(catalogue.principle(u"D"_qs)->title, u"Incident planning, response and recovery"_qs);
    const QStringList expected{u"A1"_qs, u"A2"_qs, u"A3"_qs, u"A4"_qs, u"A5"_qs, u"B1"_qs, u"B2"_qs, u"B3"_qs,
                               u"B4"_qs, u"C1"_qs, u"C2"_qs, u"C3"_qs, u"C4"_qs, u"D1"_qs, u"D2"_qs, u"D3"_qs,
                               u"D4"_qs, u"E1"_qs, u"E2"_qs, u"E3"_qs, u"E4"_qs, u"E5"_qs};
    EXPECT_EQ(catalogue.actionIds(), expected);
}

TEST(Catalogue, WordingMatchesTheReferenceForEveryAction)
{
    const QMap<QString, QString> reference = referenceWording();
    ASSERT_EQ(reference.size(), 22) << "the reference table could not be parsed";
    const Catalogue &catalogue = Catalogue::builtIn();
    for (const CatalogueAction &action : catalogue.actions()) {
        ASSERT_TRUE(reference.contains(action.id)) << action.id.toStdString();
        EXPECT_EQ(action.text, reference.value(action.id)) << action.id.toStdString();
        EXPECT_FALSE(action.shortTitle.isEmpty());
    }
}

TEST(Catalogue, CrossReferencesAreThoseInTheActionText)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    EXPECT_EQ(catalogue.action(u"B2"_qs)->crossReferences, (QStringList{u"A3"_qs, u"A5"_qs}));
    EXPECT_EQ(catalogue.action(u"D4"_qs)->crossReferences, (QStringList{u"A5"_qs, u"D1"_qs, u"D2"_qs}));
    EXPECT_EQ(catalogue.action(u"E2"_qs)->crossReferences, (QStringList{u"B1"_qs, u"A3"_qs}));
    // Every "(Action X)" in the wording is a listed cross-reference.
    static const QRegularExpression mention(QStringLiteral("Action ([A-E][1-5])"));
    for (const CatalogueAction &action : catalogue.actions()) {
        auto it = mention.globalMatch(action.text);
        while (it.hasNext()) {
            const QString id = it.next().captured(1);
            EXPECT_TRUE(action.crossReferences.contains(id)) << action.id.toStdString() << " -> " << id.toStdString();
        }
    }
}

TEST(Catalogue, NistMappingMatchesTheDsitDatasetWithTheC3Correction)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    QSet<QString> fromCatalogue;
    for (const CatalogueAction &action : catalogue.actions()) {
        for (const Mapping &mapping : action.mappings) {
            if (mapping.frameworkId == u"nist-csf-2.0"_qs)
                fromCatalogue.insert(action.id + u' ' + mapping.reference);
        }
    }
    QSet<QString> fromCsv;
    const QStringList lines =
        readText(test::dataPath(QStringLiteral("reference/nist-csf-2.0-mapping.csv"))).split(u'\n');
    for (const QString &line : lines.mid(1)) {
        const QStringList cells = line.trimmed().split(u',');
        if (cells.size() != 3)
            continue;
        // Row 265543 is published as C2 with C3's wording: the product treats it as C3.
        const QString action = cells[2] == u"265543"_qs ? u"C3"_qs : cells[1];
        fromCsv.insert(action + u' ' + cells[0]);
    }
    EXPECT_EQ(fromCsv.size(), 61);
    EXPECT_EQ(fromCatalogue, fromCsv);
    EXPECT_EQ(catalogue.framework(u"nist-csf-2.0"_qs)->label, u"mapped by DSIT (illustrative)"_qs);
}

TEST(Catalogue, PartialMappingsAreNotInvented)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    for (const CatalogueAction &action : catalogue.actions()) {
        for (const Mapping &mapping : action.mappings) {
            if (mapping.frameworkId == u"ncsc-caf"_qs) {
                EXPECT_TRUE(QStringList({u"A1"_qs, u"A2"_qs, u"A3"_qs, u"A4"_qs}).contains(action.id));
            }
            if (mapping.frameworkId == u"cobit-2019"_qs) {
                EXPECT_TRUE(QStringList({u"A1"_qs, u"A2"_qs, u"A3"_qs}).contains(action.id));
            }
            if (mapping.frameworkId == u"cmmi-v3"_qs) {
                EXPECT_TRUE(QStringList({u"B1"_qs, u"D1"_qs}).contains(action.id));
            }
        }
    }
    EXPECT_EQ(catalogue.framework(u"cmmi-v3"_qs)->label, u"examples from CMMI guidance"_qs);
}

TEST(Catalogue, CarriesPublicationDetailsAndAttribution)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    EXPECT_EQ(catalogue.attribution(),
              u"Contains public sector information licensed under the Open Government Licence v3.0."_qs);
    EXPECT_EQ(catalogue.published(), u"2025-04-08"_qs);
    EXPECT_TRUE(catalogue.publisher().contains(u"DSIT"_qs));
    EXPECT_TRUE(catalogue.sourceUrl().startsWith(u"https://www.gov.uk/"_qs));
    EXPECT_GE(catalogue.version(), 1);
}

TEST(Catalogue, RejectsDuplicateActionIdNamingFileAndId)
{
    const QJsonObject broken = withAction(builtInJson(), 0, 1, [](QJsonObject &a) { a.insert(u"id"_qs, u"A1"_qs); });
    const QString message = errorOf(broken);
    EXPECT_TRUE(message.contains(u"broken.json"_qs)) << message.toStdString();
    EXPECT_TRUE(message.contains(u"A1"_qs)) << message.toStdString();
    EXPECT_TRUE(message.contains(u"duplicate"_qs)) << message.toStdString();
}

TEST(Catalogue, RejectsMissingFieldNamingTheAction)
{
    const QJsonObject broken = withAction(builtInJson(), 1, 2, [](QJsonObject &a) { a.remove(u"text"_qs); });
    const QString message = errorOf(broken);
    EXPECT_TRUE(message.contains(u"action B3"_qs)) << message.toStdString();
    EXPECT_TRUE(message.contains(u"\"text\""_qs)) << message.toStdString();
}

TEST(Catalogue, RejectsUnknownCrossReferenceAndFramework)
{
    const QJsonObject badRef =
        withAction(builtInJson(), 2, 0, [](QJsonObject &a) { a.insert(u"crossReferences"_qs, QJsonArray{u"Z9"_qs}); });
    EXPECT_TRUE(errorOf(badRef).contains(u"Z9"_qs));
    const QJsonObject badFramework = withAction(builtInJson(), 0, 0, [](QJsonObject &a) {
        a.insert(u"mappings"_qs,
                 QJsonArray{QJsonObject{{u"framework"_qs, u"iso-27001"_qs}, {u"reference"_qs, u"5.1"_qs}}});
    });
    EXPECT_TRUE(errorOf(badFramework).contains(u"iso-27001"_qs));
}

TEST(Catalogue, RejectsMalformedJsonAndWrongIds)
{
    EXPECT_THROW(Catalogue::fromJson("{ not json", u"x.json"_qs), Error);
    EXPECT_THROW(Catalogue::fromJson("[]", u"x.json"_qs), Error);
    const QJsonObject wrongPrefix =
        withAction(builtInJson(), 0, 0, [](QJsonObject &a) { a.insert(u"id"_qs, u"B9"_qs); });
    EXPECT_TRUE(errorOf(wrongPrefix).contains(u"B9"_qs));
    QJsonObject noVersion = builtInJson();
    noVersion.remove(u"catalogueVersion"_qs);
    EXPECT_TRUE(errorOf(noVersion).contains(u"catalogueVersion"_qs));
}

namespace {

/** The Software Security Code's principles in the reference, parsed from its markdown table: id -> wording. */
QMap<QString, QString> softwareSecurityWording()
{
    QMap<QString, QString> result;
    static const QRegularExpression row(QStringLiteral("^\\| ([1-4]\\.[1-5]) \\| [1-4]\\. [^|]+ \\| ([^|]+) \\|"));
    for (const QString &line :
         readText(test::dataPath(QStringLiteral("reference/software-security-code.md"))).split(u'\n')) {
        const auto match = row.match(line);
        if (match.hasMatch())
            result.insert(match.captured(1), match.captured(2).trimmed());
    }
    return result;
}

} // namespace

TEST(Catalogue, TheSoftwareSecurityCodeHasFourteenPrinciplesWordForWordAsPublished)
{
    const QMap<QString, QString> reference = softwareSecurityWording();
    ASSERT_EQ(reference.size(), 14) << "the reference table could not be parsed";
    const Catalogue *ssc = Catalogue::builtInByKey(u"ssc"_qs);
    ASSERT_TRUE(ssc);
    EXPECT_EQ(Catalogue::builtIns().size(), 2);
    EXPECT_EQ(Catalogue::builtIns().constFirst(), &Catalogue::builtIn());
    EXPECT_EQ(ssc->title(), u"Software Security Code of Practice"_qs);
    EXPECT_EQ(ssc->published(), u"2025-05-07"_qs);
    EXPECT_EQ(ssc->licence(), u"Open Government Licence v3.0"_qs);
    EXPECT_EQ(ssc->attribution(), Catalogue::builtIn().attribution());
    const QList<CatalogueAction> principles = ssc->actions();
    ASSERT_EQ(principles.size(), 14);
    for (const CatalogueAction &principle : principles) {
        ASSERT_TRUE(reference.contains(principle.reference)) << principle.reference.toStdString();
        EXPECT_EQ(principle.text, reference.value(principle.reference)) << principle.reference.toStdString();
        EXPECT_EQ(principle.id, u"ssc:"_qs + principle.reference);
        EXPECT_FALSE(principle.shortTitle.isEmpty());
    }
    // As published, "Provides" and not "Provide".
    EXPECT_TRUE(ssc->action(u"ssc:4.2"_qs)->text.startsWith(u"Provides at least 1 year’s notice"_qs));
    QStringList themes;
    for (const CataloguePrinciple &theme : ssc->principles())
        themes << theme.reference + u' ' + theme.title;
    EXPECT_EQ(themes, (QStringList{u"1 Secure design and development"_qs, u"2 Build environment security"_qs,
                                   u"3 Secure deployment and maintenance"_qs, u"4 Communication with customers"_qs}));
}

TEST(Catalogue, TheSoftwareSecurityCodeCarriesOnlyVerifiedWordsBeyondItsPrinciples)
{
    const Catalogue *ssc = Catalogue::builtInByKey(u"ssc"_qs);
    ASSERT_TRUE(ssc);
    EXPECT_EQ(ssc->accountableTitle(), u"Senior Responsible Owner"_qs);
    EXPECT_EQ(ssc->accountableStatement(),
              u"A Senior Responsible Owner should be appointed at senior leadership level to hold accountability for "
              "the principles being followed within their organisations."_qs);
    EXPECT_EQ(ssc->groupLead(),
              u"The Senior Responsible Owner in vendor organisations shall gain assurance that their organisation "
              "achieves the following in relation to any software or software services sold by their organisation:"_qs);
    // Only theme 1's introduction is verified; the others are left out rather than guessed.
    EXPECT_EQ(ssc->principles()[0].introduction,
              u"These principles ensure that the software is appropriately secure when provided."_qs);
    for (int theme = 1; theme < 4; ++theme)
        EXPECT_TRUE(ssc->principles()[theme].introduction.isEmpty()) << theme;
}

TEST(Catalogue, TheSoftwareSecurityCodeAppliesByVendorRoleAsItsTableSays)
{
    const Catalogue *ssc = Catalogue::builtInByKey(u"ssc"_qs);
    ASSERT_TRUE(ssc);
    EXPECT_EQ(ssc->defaultVendorRole(), u"distributor"_qs);
    EXPECT_EQ(ssc->vendorRole(u"distributor"_qs)->groups, (QStringList{u"1"_qs, u"2"_qs, u"3"_qs, u"4"_qs}));
    EXPECT_EQ(ssc->vendorRole(u"developer"_qs)->groups, (QStringList{u"1"_qs, u"2"_qs, u"3"_qs}));
    EXPECT_EQ(ssc->vendorRole(u"reseller"_qs)->groups, (QStringList{u"3"_qs, u"4"_qs}));
    EXPECT_EQ(ssc->vendorRole(u"wholesaler"_qs), nullptr);
    EXPECT_TRUE(Catalogue::builtIn().vendorRoles().isEmpty());
    EXPECT_EQ(Catalogue::keyOfItem(u"ssc:3.2"_qs), u"ssc"_qs);
    EXPECT_EQ(Catalogue::keyOfItem(u"A1"_qs), u"cgc"_qs);
}
