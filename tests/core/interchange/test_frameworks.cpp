#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "core/interchange/frameworklibrary.h"
#include "core/interchange/jsonbackup.h"
#include "core/interchange/registers.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/recordcopy.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QUndoStack>
#include <QUuid>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// Issue 17: several frameworks in one record. The library reader (CISO Assistant's YAML format) on the fixtures
// of tests/data/frameworks and on bad files; the Store's frameworks on both engines (this program also runs with
// its records on the throwaway PostgreSQL server).

namespace {

Catalogue library(const QString &name)
{
    return FrameworkLibrary::read(dataPath(QStringLiteral("frameworks/%1").arg(name)));
}

QString refusal(const QByteArray &yaml)
{
    return errorOf([&] { FrameworkLibrary::parse(yaml, QStringLiteral("bad.yaml")); }).message();
}

/** A valid library with @p nodes as its requirement_nodes (each already indented as a list item). */
QByteArray withNodes(const QByteArray &nodes)
{
    return QByteArray("urn: urn:t:library:x\nname: X\nversion: 1\nobjects:\n  framework:\n    urn: urn:t:framework:x\n"
                      "    name: X\n    requirement_nodes:\n")
           + nodes;
}

const QByteArray kGroup("    - urn: urn:t:g\n      depth: 1\n      ref_id: G\n      name: Group\n");

ActionState stateOf(const Store &store, const QString &id)
{
    for (const ActionState &state : store.actionStates()) {
        if (state.id == id)
            return state;
    }
    ADD_FAILURE() << "no followed item " << id.toStdString();
    return {};
}

QStringList idsOf(const QList<ActionState> &states)
{
    QStringList ids;
    for (const ActionState &state : states)
        ids << state.id;
    return ids;
}

/** A record following three frameworks: the Code, the Software Security Code (a reseller) and a library's. */
void followThree(Store &store)
{
    Framework ssc = store.framework(u"ssc"_qs);
    ssc.enabled = true;
    ssc.vendorRole = u"reseller"_qs;
    store.updateFramework(ssc);
    store.importFramework(library(u"harbour-baseline-v1.yaml"_qs));
    store.updateAssessment(u"ssc:3.2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Reasonable)},
                                           {AssessmentField::Commentary, u"Disclosure policy published."_qs}});
    store.updateAssessment(u"harbour-baseline:C"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    store.updateAssessment(u"A4"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
}

/** Every followed item as "id rating commentary justification", in catalogue order. */
QStringList assessed(const Store &store)
{
    QStringList rows;
    for (const ActionState &state : store.actionStates())
        rows << QStringLiteral("%1 %2 %3 %4")
                    .arg(state.id, ratingKey(state.assessment.rating), state.assessment.commentary,
                         state.assessment.justification);
    return rows;
}

} // namespace

TEST(FrameworkLibrary, ReadsGroupsItemsPathsAndNumbersFromTheSmallFixture)
{
    const Catalogue catalogue = library(u"harbour-baseline-v1.yaml"_qs);
    EXPECT_EQ(catalogue.key(), u"harbour-baseline"_qs);
    EXPECT_EQ(catalogue.urn(), u"urn:quorum-tests:risk:framework:harbour-baseline"_qs);
    EXPECT_EQ(catalogue.origin(), FrameworkOrigin::Library);
    EXPECT_EQ(catalogue.version(), 1);
    EXPECT_EQ(catalogue.title(), u"Harbour Baseline"_qs);
    EXPECT_EQ(catalogue.provider(), u"Quorum tests"_qs);
    EXPECT_EQ(catalogue.copyright(), u"Written for the Quorum test suite; no rights reserved."_qs);
    ASSERT_EQ(catalogue.principles().size(), 3);
    EXPECT_EQ(catalogue.principles()[0].id, u"harbour-baseline:A"_qs);
    EXPECT_EQ(catalogue.principles()[0].title, u"Govern the harbour's systems"_qs);
    EXPECT_EQ(catalogue.principles()[0].introduction,
              u"Leadership sets direction for the security of operational technology."_qs);
    EXPECT_EQ(catalogue.actionIds(),
              (QStringList{u"harbour-baseline:A1.a"_qs, u"harbour-baseline:A1.b"_qs, u"harbour-baseline:A2"_qs,
                           u"harbour-baseline:B.1.1"_qs, u"harbour-baseline:B.1.2"_qs, u"harbour-baseline:C"_qs}));
    const CatalogueAction *crane = catalogue.action(u"harbour-baseline:A1.a"_qs);
    ASSERT_TRUE(crane);
    EXPECT_EQ(crane->reference, u"A1.a"_qs);
    EXPECT_EQ(crane->shortTitle, u"Named owner for crane control systems"_qs);
    EXPECT_EQ(crane->text,
              u"A named senior person is accountable for the security of crane and gantry control systems."_qs);
    EXPECT_EQ(crane->path, QStringList{u"A1 Accountability"_qs});
    EXPECT_TRUE(catalogue.action(u"harbour-baseline:A2"_qs)->path.isEmpty());
    EXPECT_EQ(catalogue.action(u"harbour-baseline:A2"_qs)->text,
              u"Suppliers of port systems are assessed before contract and every year after.\n"
              "The assessment covers remote access."_qs);
    // Nodes without a ref_id are numbered from their place: the first child of B, and its children.
    const CatalogueAction *manifests = catalogue.action(u"harbour-baseline:B.1.1"_qs);
    ASSERT_TRUE(manifests);
    EXPECT_EQ(manifests->path, QStringList{u"B.1 Manifests"_qs});
    EXPECT_EQ(manifests->shortTitle,
              u"Cargo manifests are encrypted in transit between the port community system and agents."_qs);
    // A top node that is itself assessable is its own group's one item.
    EXPECT_EQ(catalogue.principle(u"harbour-baseline:C"_qs)->actions.size(), 1);
    EXPECT_EQ(catalogue.action(u"harbour-baseline:C"_qs)->principleId, u"harbour-baseline:C"_qs);
}

TEST(FrameworkLibrary, ReadsTheWideFixtureOfThreeHundredItems)
{
    const Catalogue catalogue = library(u"wide-baseline.yaml"_qs);
    EXPECT_EQ(catalogue.key(), u"wide-baseline"_qs);
    EXPECT_EQ(catalogue.version(), 3);
    EXPECT_EQ(catalogue.principles().size(), 12);
    EXPECT_EQ(catalogue.actions().size(), 300);
    EXPECT_EQ(catalogue.actions().constLast().id, u"wide-baseline:O12.5.5"_qs);
    EXPECT_EQ(catalogue.actions().constLast().path, QStringList{u"O12.5 Outcome 12.5"_qs});
    // A long name is shortened to the framework's own ref_id for tabs and headings.
    EXPECT_EQ(catalogue.shortName(), u"WIDE"_qs);
}

TEST(FrameworkLibrary, RefusesBadFilesWholeNamingTheLineAndTheProblem)
{
    EXPECT_TRUE(refusal("urn: [unclosed\n").contains(u"bad.yaml, line"_qs))
        << refusal("urn: [unclosed\n").toStdString();
    EXPECT_TRUE(refusal("- a list\n- not a map\n").contains(u"a map of fields"_qs));
    EXPECT_TRUE(refusal("name: X\nversion: 1\n").contains(u"\"urn\" is missing"_qs));
    EXPECT_TRUE(refusal("urn: u\nname: X\nversion: one\nobjects: {}\n").contains(u"\"version\" must be a whole"_qs));
    EXPECT_TRUE(refusal("urn: u\nname: X\nversion: 1\n").contains(u"\"objects\" is missing"_qs));
    EXPECT_TRUE(refusal(withNodes("")).contains(u"no requirement_nodes"_qs));
    EXPECT_TRUE(refusal(withNodes(kGroup)).contains(u"no requirement node is assessable"_qs));
    const QString orphan = refusal(withNodes(kGroup
                                             + "    - urn: urn:t:i\n      assessable: true\n      parent_urn: "
                                               "urn:t:nowhere\n      name: I\n"));
    EXPECT_TRUE(orphan.contains(u"line 13"_qs)) << orphan.toStdString();
    EXPECT_TRUE(orphan.contains(u"is not a node above this one"_qs)) << orphan.toStdString();
    const QString twice = refusal(withNodes(kGroup + kGroup));
    EXPECT_TRUE(twice.contains(u"used twice (first on line 9)"_qs)) << twice.toStdString();
    const QString depth = refusal(withNodes(kGroup
                                            + "    - urn: urn:t:i\n      assessable: true\n      depth: 3\n"
                                              "      parent_urn: urn:t:g\n      name: I\n"));
    EXPECT_TRUE(depth.contains(u"the depth is 3, but the node is at depth 2"_qs)) << depth.toStdString();
    const QString control = refusal(withNodes(kGroup
                                              + "    - urn: urn:t:i\n      assessable: true\n      parent_urn: "
                                                "urn:t:g\n      name: \"bell\\a\"\n"));
    EXPECT_TRUE(control.contains(u"control character (U+0007)"_qs)) << control.toStdString();
    EXPECT_TRUE(refusal(QByteArray("urn: u\0", 7)).contains(u"NUL byte"_qs));
    const QString builtIn = refusal("urn: u\nname: X\nversion: 1\nobjects:\n  framework:\n    urn: urn:x:ssc\n"
                                    "    requirement_nodes:\n"
                                    + kGroup);
    EXPECT_TRUE(builtIn.contains(u"built-in framework's"_qs)) << builtIn.toStdString();
}

TEST(FrameworkLibrary, RefusesOversizedAndDeepFilesBeforeTheyCostMemoryOrStack)
{
    QByteArray huge(int(FrameworkLibrary::kMaxBytes + 1), ' ');
    EXPECT_TRUE(refusal(huge).contains(u"larger than 16 MB"_qs));
    // Nested a thousand lists deep: yaml-cpp's own guard, or ours, refuses it; neither crashes.
    EXPECT_FALSE(refusal(QByteArray(1000, '[') + QByteArray(1000, ']')).isEmpty());
    QByteArray deep = withNodes(kGroup);
    QByteArray parent = "urn:t:g";
    for (int level = 2; level <= FrameworkLibrary::kMaxDepth + 1; ++level) {
        const QByteArray urn = "urn:t:n" + QByteArray::number(level);
        deep += "    - urn: " + urn + "\n      assessable: true\n      parent_urn: " + parent + "\n      name: N\n";
        parent = urn;
    }
    EXPECT_TRUE(refusal(deep).contains(u"deeper than 16 levels"_qs)) << refusal(deep).toStdString();
    TempFolder folder;
    const QString path = folder.path(u"big.yaml"_qs);
    writeFile(path, huge);
    const Error error = errorOf([&] { FrameworkLibrary::read(path); });
    EXPECT_EQ(error.kind(), Error::Kind::InvalidInput);
    EXPECT_TRUE(error.message().contains(u"read up to 16 MB"_qs)) << error.message().toStdString();
}

TEST(FrameworkLibrary, RefusesAFileOfTooManyValuesOrAliasesBeforeBuildingIt)
{
    // Half a million values in a 1 MB file, and a small file that repeats one long text through aliases.
    QByteArray values = "[";
    for (int i = 0; i < 600000; ++i)
        values += "a,";
    values += "a]\n";
    const QString many = refusal(values);
    EXPECT_TRUE(many.contains(u"more than 500000 YAML values"_qs)) << many.toStdString();
    QByteArray aliases = withNodes(kGroup
                                   + "    - urn: urn:t:i\n      assessable: true\n      parent_urn: urn:t:g\n"
                                     "      description: &d "
                                   + QByteArray(19000, 'x') + "\n");
    for (int i = 0; i < 1200; ++i)
        aliases += "    - urn: urn:t:a" + QByteArray::number(i)
                   + "\n      assessable: true\n      parent_urn: urn:t:g\n"
                     "      description: *d\n";
    const QString repeated = refusal(aliases);
    EXPECT_TRUE(repeated.contains(u"more than 1000 aliases"_qs)) << repeated.toStdString();
}

TEST(FrameworkLibrary, IdsHoldOnlySafeCharactersAndDifferWithoutRegardToCase)
{
    const Catalogue catalogue = FrameworkLibrary::parse(
        withNodes(
            kGroup
            + "    - urn: urn:t:1\n      assessable: true\n      parent_urn: urn:t:g\n      ref_id: 'Art. 21(2), a'\n"
              "      name: Article\n"
              "    - urn: urn:t:2\n      assessable: true\n      parent_urn: urn:t:g\n      ref_id: k.a\n"
              "      name: Lower\n"
              "    - urn: urn:t:3\n      assessable: true\n      parent_urn: urn:t:g\n      ref_id: K.A\n"
              "      name: Upper\n"),
        u"ids.yaml"_qs);
    EXPECT_EQ(catalogue.actionIds(), (QStringList{u"x:Art.-21-2---a"_qs, u"x:k.a"_qs, u"x:K.A-2"_qs}));
    // The numbers shown stay as the framework writes them.
    EXPECT_EQ(catalogue.actions().constFirst().reference, u"Art. 21(2), a"_qs);
}

TEST(Frameworks, ANewRecordHoldsTheCodeFollowedAndTheSoftwareSecurityCodeNotYet)
{
    const auto db = createDatabase();
    const QList<Framework> frameworks = db->store->frameworks();
    ASSERT_EQ(frameworks.size(), 2);
    EXPECT_EQ(frameworks[0].key, u"cgc"_qs);
    EXPECT_TRUE(frameworks[0].enabled);
    EXPECT_EQ(frameworks[0].itemCount, 22);
    EXPECT_EQ(frameworks[1].key, u"ssc"_qs);
    EXPECT_EQ(frameworks[1].title, u"Software Security Code of Practice"_qs);
    EXPECT_FALSE(frameworks[1].enabled);
    EXPECT_EQ(frameworks[1].itemCount, 14);
    EXPECT_EQ(frameworks[1].vendorRole, u"distributor"_qs);
    EXPECT_EQ(frameworks[1].published, u"2025-05-07"_qs);
    // Only what is followed is assessed, listed and scored.
    EXPECT_EQ(db->store->actionStates().size(), 22);
    const Error refused = errorOf([&] {
        db->store->updateAssessment(u"ssc:3.2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    });
    EXPECT_TRUE(refused.message().contains(u"does not follow the Software Security Code"_qs))
        << refused.message().toStdString();
}

TEST(Frameworks, FollowingTheSoftwareSecurityCodeAddsItsFourteenPrinciplesAfterTheCode)
{
    const auto db = createDatabase();
    Framework ssc = db->store->framework(u"SSC"_qs);
    ssc.enabled = true;
    db->store->updateFramework(ssc);
    const QList<ActionState> states = db->store->actionStates();
    ASSERT_EQ(states.size(), 36);
    EXPECT_EQ(states[21].id, u"E5"_qs);
    EXPECT_EQ(states[22].id, u"ssc:1.1"_qs);
    EXPECT_EQ(states[22].framework, u"ssc"_qs);
    EXPECT_EQ(states[22].reference, u"1.1"_qs);
    EXPECT_EQ(states[22].principleId, u"ssc:1"_qs);
    EXPECT_EQ(states[22].principleTitle, u"Secure design and development"_qs);
    EXPECT_EQ(states[35].id, u"ssc:4.3"_qs);
    EXPECT_EQ(statesOfFramework(states, u"ssc"_qs).size(), 14);
    // Its items are typed as KEY:ID in any case.
    EXPECT_EQ(db->store->checkActionId(u"SSC:3.2"_qs), u"ssc:3.2"_qs);
    db->store->updateAssessment(u"ssc:3.2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Reasonable)}});
    EXPECT_EQ(stateOf(*db->store, u"ssc:3.2"_qs).assessment.rating, Rating::Reasonable);
    const QList<AuditEntry> trail = db->store->auditEntries();
    EXPECT_EQ(trail.constLast().record.entityId, u"ssc:3.2"_qs);
    const auto followed = std::find_if(trail.cbegin(), trail.cend(), [](const AuditEntry &entry) {
        return entry.record.entity == u"framework"_qs && entry.record.field == u"followed"_qs;
    });
    ASSERT_NE(followed, trail.cend());
    EXPECT_EQ(followed->record.oldValue, u"not followed"_qs);
    EXPECT_EQ(followed->record.newValue, u"followed"_qs);
    // Stopping keeps what was assessed.
    ssc = db->store->framework(u"ssc"_qs);
    ssc.enabled = false;
    db->store->updateFramework(ssc);
    EXPECT_EQ(db->store->actionStates().size(), 22);
    EXPECT_EQ(db->store->assessment(u"ssc:3.2"_qs).rating, Rating::Reasonable);
}

TEST(Frameworks, AVendorRoleMakesTheThemesItLeavesOutNotApplicableUntilItChanges)
{
    const auto db = createDatabase();
    Framework ssc = db->store->framework(u"ssc"_qs);
    ssc.enabled = true;
    db->store->updateFramework(ssc);
    db->store->updateAssessment(u"ssc:1.1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
    ssc = db->store->framework(u"ssc"_qs);
    ssc.vendorRole = u"reseller"_qs;
    db->store->updateFramework(ssc);
    for (const ActionState &state : statesOfFramework(db->store->actionStates(), u"ssc"_qs)) {
        const bool leftOut = state.reference.startsWith(u'1') || state.reference.startsWith(u'2');
        EXPECT_EQ(state.notApplicableByRole, leftOut) << state.id.toStdString();
        if (leftOut) {
            EXPECT_EQ(state.assessment.rating, Rating::NotApplicable) << state.id.toStdString();
            EXPECT_TRUE(state.assessment.justification.contains(u"resellers to follow themes 3 and 4"_qs));
        }
    }
    // A rating of a principle the role leaves out is refused; its commentary is not.
    const Error refused = errorOf([&] {
        db->store->updateAssessment(u"ssc:2.1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    });
    EXPECT_TRUE(refused.message().contains(u"does not apply to the organisation's role"_qs))
        << refused.message().toStdString();
    db->store->updateAssessment(u"ssc:2.1"_qs, {{AssessmentField::Commentary, u"Our supplier builds it."_qs}});
    // A developer follows themes 1 to 3: theme 4 is left out, and 1.1 reads as stored again.
    ssc = db->store->framework(u"ssc"_qs);
    ssc.vendorRole = u"developer"_qs;
    db->store->updateFramework(ssc);
    EXPECT_EQ(stateOf(*db->store, u"ssc:1.1"_qs).assessment.rating, Rating::Substantial);
    EXPECT_FALSE(stateOf(*db->store, u"ssc:3.1"_qs).notApplicableByRole);
    EXPECT_TRUE(stateOf(*db->store, u"ssc:4.2"_qs).notApplicableByRole);
    ssc = db->store->framework(u"ssc"_qs);
    ssc.vendorRole = u"wholesaler"_qs;
    EXPECT_TRUE(
        errorOf([&] { db->store->updateFramework(ssc); }).message().contains(u"distributor, developer, reseller"_qs));
    const QList<AuditEntry> trail = db->store->auditEntries();
    const auto role = std::find_if(trail.cbegin(), trail.cend(), [](const AuditEntry &entry) {
        return entry.record.field == u"vendor role"_qs && entry.record.newValue == u"developer"_qs;
    });
    ASSERT_NE(role, trail.cend());
    EXPECT_EQ(role->record.oldValue, u"reseller"_qs);
}

TEST(Frameworks, TheSeniorResponsibleOwnerIsAPersonWhoCannotBeRemovedWhileNamed)
{
    const auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Priya Raman"_qs, u"CTO"_qs, false, true, 0});
    Framework ssc = db->store->framework(u"ssc"_qs);
    ssc.ownerId = owner;
    db->store->updateFramework(ssc);
    EXPECT_EQ(db->store->framework(u"ssc"_qs).ownerName, u"Priya Raman"_qs);
    EXPECT_EQ(kindOf([&] { db->store->removePerson(owner); }), Error::Kind::Conflict);
    // Changed by someone else since it was read: refused, naming what happened.
    Framework stale = ssc;
    stale.ownerId = 0;
    EXPECT_EQ(kindOf([&] { db->store->updateFramework(stale); }), Error::Kind::Conflict);
    EXPECT_EQ(db->store->framework(u"ssc"_qs).ownerName, u"Priya Raman"_qs);
    Framework code = db->store->framework(u"cgc"_qs);
    code.enabled = false;
    EXPECT_EQ(kindOf([&] { db->store->updateFramework(code); }), Error::Kind::InvalidInput);
}

TEST(Frameworks, ALibraryIsImportedFollowedAndUpdatedByANewerVersionKeepingAssessments)
{
    const auto db = createDatabase();
    const CatalogueWrite first = db->store->importFramework(library(u"harbour-baseline-v1.yaml"_qs));
    EXPECT_TRUE(first.newFramework);
    EXPECT_EQ(first.addedItems, 6);
    const Framework harbour = db->store->framework(u"harbour-baseline"_qs);
    EXPECT_TRUE(harbour.enabled);
    EXPECT_EQ(harbour.origin, FrameworkOrigin::Library);
    EXPECT_EQ(harbour.catalogueVersion, 1);
    EXPECT_EQ(harbour.position, 2);
    const QList<ActionState> states = statesOfFramework(db->store->actionStates(), u"harbour-baseline"_qs);
    ASSERT_EQ(states.size(), 6);
    EXPECT_EQ(states[0].id, u"harbour-baseline:A1.a"_qs);
    EXPECT_EQ(states[0].path, u"A1 Accountability"_qs);
    EXPECT_EQ(states[5].principleTitle, u"Recover operations"_qs);
    db->store->updateAssessment(u"harbour-baseline:A2"_qs,
                                {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)},
                                 {AssessmentField::Commentary, u"Two suppliers not yet assessed."_qs}});

    // The same version again changes nothing.
    const Error again = errorOf([&] { db->store->importFramework(library(u"harbour-baseline-v1.yaml"_qs)); });
    EXPECT_EQ(again.kind(), Error::Kind::Conflict);
    EXPECT_TRUE(again.message().contains(u"already holds version 1"_qs)) << again.message().toStdString();

    const qint64 rowsBefore = db->store->auditRowCount();
    const CatalogueWrite second = db->store->importFramework(library(u"harbour-baseline-v2.yaml"_qs));
    EXPECT_FALSE(second.newFramework);
    EXPECT_EQ(second.fromVersion, 1);
    EXPECT_EQ(second.addedItems, 1);
    EXPECT_EQ(second.updatedItems, 6);
    EXPECT_EQ(db->store->auditRowCount(), rowsBefore + 1);
    EXPECT_EQ(db->store->auditEntries().constLast().record.field, u"version"_qs);
    const QList<ActionState> updated = statesOfFramework(db->store->actionStates(), u"harbour-baseline"_qs);
    EXPECT_EQ(idsOf(updated),
              (QStringList{u"harbour-baseline:A1.a"_qs, u"harbour-baseline:A1.b"_qs, u"harbour-baseline:A1.c"_qs,
                           u"harbour-baseline:A2"_qs, u"harbour-baseline:B.1.1"_qs, u"harbour-baseline:B.1.2"_qs,
                           u"harbour-baseline:C"_qs}));
    // Renumbered by the library (A2 is now A3): the stored id and its assessment stay, the number shown follows.
    const ActionState supplier = stateOf(*db->store, u"harbour-baseline:A2"_qs);
    EXPECT_EQ(supplier.reference, u"A3"_qs);
    EXPECT_EQ(supplier.assessment.rating, Rating::Limited);
    EXPECT_EQ(supplier.assessment.commentary, u"Two suppliers not yet assessed."_qs);
    EXPECT_TRUE(stateOf(*db->store, u"harbour-baseline:A1.a"_qs).text.contains(u"straddle carrier"_qs));
    EXPECT_EQ(db->store->framework(u"harbour-baseline"_qs).catalogueVersion, 2);
    const ChainCheck chain = db->store->verifyAuditChain();
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    db->reopen();
    EXPECT_EQ(statesOfFramework(db->store->actionStates(), u"harbour-baseline"_qs).size(), 7);
}

TEST(Frameworks, OneEvidenceItemSupportsItemsOfSeveralFrameworks)
{
    const auto db = createDatabase();
    Framework ssc = db->store->framework(u"ssc"_qs);
    ssc.enabled = true;
    db->store->updateFramework(ssc);
    db->store->importFramework(library(u"harbour-baseline-v1.yaml"_qs));
    EvidenceInput input;
    input.title = u"Vulnerability disclosure policy"_qs;
    input.type = EvidenceType::Policy;
    input.url = u"https://example.org/security.txt"_qs;
    input.actionIds = {u"A4"_qs, u"ssc:3.2"_qs, u"HARBOUR-BASELINE:a1.b"_qs};
    const qint64 id = db->store->addEvidence(input);
    EXPECT_EQ(db->store->evidenceItem(id)->actionIds,
              (QStringList{u"A4"_qs, u"ssc:3.2"_qs, u"harbour-baseline:A1.b"_qs}));
    for (const QString &item : {u"A4"_qs, u"ssc:3.2"_qs, u"harbour-baseline:A1.b"_qs})
        EXPECT_EQ(stateOf(*db->store, item).evidenceCurrent, 1) << item.toStdString();
}

TEST(Frameworks, AReviewFreezesEveryFollowedFramework)
{
    const auto db = createDatabase();
    Framework code = db->store->framework(u"ssc"_qs);
    code.enabled = true;
    db->store->updateFramework(code);
    db->store->updateAssessment(u"ssc:4.2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NoAssurance)}});
    const qint64 review = db->store->createReview(u"Board, March"_qs, fixedToday());
    const QList<ReviewItem> items = db->store->reviewItems(review);
    EXPECT_EQ(items.size(), 36);
    EXPECT_EQ(reviewItemsOfFramework(items, u"ssc"_qs).size(), 14);
    const QList<ReviewItem> ssc = reviewItemsOfFramework(items, u"ssc"_qs);
    EXPECT_EQ(ssc[12].actionId, u"ssc:4.2"_qs);
    EXPECT_EQ(ssc[12].rating, Rating::NoAssurance);
    EXPECT_EQ(reviewItemsOfFramework(items, u"cgc"_qs).size(), 22);
}

TEST(Frameworks, ABackupOfThreeFrameworksRestoresThemAll)
{
    QUORUM_FILE_ONLY("a JSON backup is restored into a new file");
    const auto db = createDatabase();
    followThree(*db->store);
    const QString json = db->folder.path(u"three.json"_qs);
    JsonBackup::write(*db->database, json, fixedClock().now());
    const BackupFile backup = JsonBackup::read(json);
    EXPECT_EQ(backup.info.rows.value(u"action"_qs), 6) << "the library's items, and only those";
    EXPECT_EQ(backup.info.rows.value(u"framework"_qs), 3);
    const QString restoredPath = db->folder.path(u"restored.quorum"_qs);
    auto restored = Database::open(restoredPath, Database::Mode::CreateNew, Catalogue::builtIn());
    JsonBackup::restore(backup, *restored);
    Store store(*restored, fixedClock());
    EXPECT_EQ(assessed(store), assessed(*db->store));
    EXPECT_EQ(store.actionStates().size(), 22 + 14 + 6);
    const Framework ssc = store.framework(u"ssc"_qs);
    EXPECT_TRUE(ssc.enabled);
    EXPECT_EQ(ssc.vendorRole, u"reseller"_qs);
    const Framework harbour = store.framework(u"harbour-baseline"_qs);
    EXPECT_EQ(harbour.origin, FrameworkOrigin::Library);
    EXPECT_EQ(harbour.catalogueVersion, 1);
    EXPECT_EQ(store.auditRowCount(), db->store->auditRowCount());
    EXPECT_TRUE(store.verifyAuditChain().ok);
    // A newer version of the library still updates the restored record.
    EXPECT_EQ(store.importFramework(library(u"harbour-baseline-v2.yaml"_qs)).addedItems, 1);
}

TEST(Frameworks, TheActionsRegisterCarriesEveryFollowedFrameworkAndImportsBack)
{
    const auto db = createDatabase();
    followThree(*db->store);
    const Sheet sheet = Registers::actions(*db->store);
    ASSERT_EQ(sheet.rows.size(), 42);
    EXPECT_EQ(sheet.rows[22].value(0).toString(), u"ssc:1.1"_qs);
    EXPECT_EQ(sheet.rows[22].value(5).toString(), u"not-applicable"_qs);
    EXPECT_EQ(sheet.rows[41].value(0).toString(), u"harbour-baseline:C"_qs);
    // Exported, changed in a spreadsheet (ids in any case) and imported again.
    QByteArray csv = Csv::write(sheet);
    csv.replace("harbour-baseline:C,", "HARBOUR-BASELINE:c,");
    csv.replace("Disclosure policy published.", "Disclosure policy published and tested.");
    const ReadTable table = Csv::read(csv, u"register.csv"_qs);
    const ActionImportPlan plan = ActionImport::check(*db->store, table);
    ASSERT_TRUE(plan.errors.isEmpty()) << plan.errors.constFirst().message.toStdString();
    ActionImport::apply(*db->store, plan);
    EXPECT_EQ(stateOf(*db->store, u"ssc:3.2"_qs).assessment.commentary, u"Disclosure policy published and tested."_qs);
    EXPECT_EQ(stateOf(*db->store, u"harbour-baseline:C"_qs).assessment.rating, Rating::Limited);
    // A principle the role leaves out still reads Not applicable, and nothing was written to it.
    EXPECT_EQ(db->store->assessment(u"ssc:1.1"_qs).rating, Rating::NotAssessed);
}

TEST(Frameworks, EachSettingIsOneUndoableChangeThatRefusesToOverwriteSomeoneElses)
{
    auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Priya Raman"_qs, u"CTO"_qs, false, true, 0});
    db->close();
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    QSignalSpy changed(workspace.get(), &Workspace::frameworksChanged);
    workspace->setFrameworkFollowed(u"ssc"_qs, true);
    workspace->setFrameworkVendorRole(u"ssc"_qs, u"developer"_qs);
    workspace->setFrameworkOwner(u"ssc"_qs, owner);
    EXPECT_EQ(changed.size(), 3);
    EXPECT_EQ(workspace->followedFrameworks().size(), 2);
    EXPECT_EQ(workspace->actionStates().size(), 36);
    EXPECT_EQ(workspace->undoStack()->undoText(), u"Change who answers for the Software Security Code"_qs);
    workspace->undoStack()->undo();
    EXPECT_EQ(workspace->framework(u"ssc"_qs).ownerId, 0);
    workspace->undoStack()->undo();
    EXPECT_EQ(workspace->framework(u"ssc"_qs).vendorRole, u"distributor"_qs);
    workspace->undoStack()->undo();
    EXPECT_FALSE(workspace->framework(u"ssc"_qs).enabled);
    EXPECT_EQ(workspace->actionStates().size(), 22);
    workspace->undoStack()->redo();
    EXPECT_EQ(workspace->actionStates().size(), 36);

    // Someone else changes the role meanwhile: the redo of this window's change is refused, theirs stands.
    workspace->undoStack()->redo();
    workspace->undoStack()->undo();
    {
        auto other = openTestRecord(locationAs(db->path, u"someone_else"_qs), Database::Mode::OpenExisting);
        Store theirs(*other, fixedClock());
        Framework ssc = theirs.framework(u"ssc"_qs);
        ssc.vendorRole = u"reseller"_qs;
        theirs.updateFramework(ssc);
    }
    workspace->undoStack()->redo();
    EXPECT_EQ(workspace->store().framework(u"ssc"_qs).vendorRole, u"reseller"_qs);
}

TEST(Frameworks, AnUndoPutsBackOnlyWhatItsChangeChangedNeverAnotherPersonsSetting)
{
    auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Priya Raman"_qs, u"CTO"_qs, false, true, 0});
    db->close();
    auto workspace = Workspace::open(db->path, false, Catalogue::builtIn(), fixedClock());
    workspace->setFrameworkOwner(u"ssc"_qs, owner); // this window: the owner
    {
        // Someone else: the role.
        auto other = openTestRecord(locationAs(db->path, u"someone_else"_qs), Database::Mode::OpenExisting);
        Store theirs(*other, fixedClock());
        Framework ssc = theirs.framework(u"ssc"_qs);
        ssc.vendorRole = u"reseller"_qs;
        theirs.updateFramework(ssc);
    }
    workspace->setFrameworkFollowed(u"ssc"_qs, true); // this window again, from what is recorded now
    workspace->undoStack()->undo();                   // not followed again
    workspace->undoStack()->undo();                   // no owner again
    const Framework now = workspace->store().framework(u"ssc"_qs);
    EXPECT_FALSE(now.enabled);
    EXPECT_EQ(now.ownerId, 0);
    EXPECT_EQ(now.vendorRole, u"reseller"_qs) << "the other person's role stays";
}

TEST(Frameworks, ABackupFromBeforeFrameworksRestoresTheCodeAndAddsTheSoftwareSecurityCode)
{
    QUORUM_FILE_ONLY("a JSON backup is restored into a new file");
    // A backup written by an older Quorum: the schema 2 fixture, read as it is (never upgraded).
    TempFolder folder;
    const QString old = folder.path(u"old.quorum"_qs);
    ASSERT_TRUE(QFile::copy(dataPath(u"fixtures/schema-v2.quorum"_qs), old));
    QFile::setPermissions(old, QFile::ReadOwner | QFile::WriteOwner);
    const QString json = folder.path(u"old.json"_qs);
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
        db.setDatabaseName(old);
        ASSERT_TRUE(db.open());
        QFile out(json);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        EXPECT_EQ(JsonBackup::write(db, out, fixedClock().now()).schemaVersion, 2);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);

    auto restored = Database::open(folder.path(u"restored.quorum"_qs), Database::Mode::CreateNew, Catalogue::builtIn());
    JsonBackup::restore(JsonBackup::read(json), *restored);
    Store store(*restored, fixedClock());
    const QList<ActionState> states = store.actionStates();
    ASSERT_EQ(states.size(), 22);
    EXPECT_EQ(states.constFirst().id, u"A1"_qs);
    EXPECT_EQ(states.constFirst().assessment.rating, Rating::Reasonable);
    EXPECT_EQ(states.constFirst().ownerName, u"Alan Turing"_qs);
    EXPECT_EQ(store.frameworks().size(), 2);
    EXPECT_FALSE(store.framework(u"ssc"_qs).enabled);
    EXPECT_EQ(store.framework(u"ssc"_qs).itemCount, 14);
    EXPECT_EQ(store.framework(u"cgc"_qs).itemCount, 22);
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST(Frameworks, ACopyOfAReadOnlyFileFromBeforeFrameworksHoldsTheCodeAndVerifies)
{
    QUORUM_FILE_ONLY("a read-only file of an older version");
    TempFolder folder;
    const QString old = folder.path(u"old.quorum"_qs);
    ASSERT_TRUE(QFile::copy(dataPath(u"fixtures/schema-v2.quorum"_qs), old));
    QFile::setPermissions(old, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    auto source = Database::open(old, Database::Mode::OpenExisting, Catalogue::builtIn());
    ASSERT_TRUE(source->isReadOnly());
    // Read as the Code alone, as it was.
    EXPECT_EQ(Store(*source, fixedClock()).actionStates().size(), 22);
    EXPECT_EQ(Store(*source, fixedClock()).frameworks().size(), 1);
    const QString target = folder.path(u"copy.quorum"_qs);
    const CopyReport report = RecordCopy::copyTo(*source, target);
    EXPECT_EQ(report.rows.value(u"framework"_qs), 1);
    auto copy = Database::open(target, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*copy, fixedClock());
    EXPECT_EQ(store.actionState(u"A1"_qs).ownerName, u"Alan Turing"_qs);
    EXPECT_EQ(store.frameworks().size(), 2); // the Software Security Code joins on opening
    EXPECT_TRUE(store.verifyAuditChain().ok);
}
