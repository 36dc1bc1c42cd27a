#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/sql.h"
#include "testsupport.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QVariant rating(Rating value)
{
    return QVariant::fromValue(value);
}

} // namespace

TEST(People, AddListAndRefuseDuplicatesCaseInsensitively)
{
    auto db = createDatabase();
    db->store->addPerson({0, u"Jane Smith"_qs, u"Chair"_qs, true, true});
    db->store->addPerson({0, u"Raj Iyer"_qs, u"CISO"_qs, false, true});
    EXPECT_EQ(db->store->people().size(), 2);
    EXPECT_EQ(kindOf([&] {
                  db->store->addPerson({0, u"jane smith"_qs, u"NED"_qs, true, true});
              }),
              Error::Kind::Conflict);
    EXPECT_EQ(kindOf([&] { db->store->addPerson({0, u"  "_qs, u"NED"_qs, true, true}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { db->store->addPerson({0, u"No Role"_qs, u""_qs, true, true}); }), Error::Kind::InvalidInput);
}

TEST(People, UnknownNameListsTheClosestNames)
{
    auto db = createDatabase();
    db->store->addPerson({0, u"Jane Smith"_qs, u"Chair"_qs, true, true});
    db->store->addPerson({0, u"John Smyth"_qs, u"CFO"_qs, true, true});
    db->store->addPerson({0, u"Priya Raman"_qs, u"CEO"_qs, true, true});
    try {
        db->store->personByName(u"Jane Smyth"_qs);
        FAIL();
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::NotFound);
        EXPECT_TRUE(error.message().contains(u"Jane Smith"_qs)) << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(u"John Smyth"_qs)) << error.message().toStdString();
    }
    EXPECT_EQ(closestNames(u"raman"_qs, {u"Jane Smith"_qs, u"Priya Raman"_qs}, 1), QStringList{u"Priya Raman"_qs});
}

TEST(People, CannotRemoveSomeoneWhoOwnsAnAction)
{
    auto db = createDatabase();
    const qint64 id = db->store->addPerson({0, u"Owner"_qs, u"CIO"_qs, false, true});
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue(id)}});
    EXPECT_EQ(kindOf([&] { db->store->removePerson(id); }), Error::Kind::Conflict);
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue<qint64>(0)}});
    db->store->removePerson(id);
    EXPECT_TRUE(db->store->people().isEmpty());
}

TEST(Assessments, ChangesPersistAndAreAuditedFieldByField)
{
    auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Mark Elliott"_qs, u"CIO"_qs, false, true});
    const qint64 director = db->store->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const AssessmentChanges previous =
        db->store->updateAssessment(u"b2"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)},
                                               {AssessmentField::Owner, QVariant::fromValue(owner)},
                                               {AssessmentField::Director, QVariant::fromValue(director)},
                                               {AssessmentField::TargetDate, QDate(2026, 9, 30)},
                                               {AssessmentField::Commentary, u"Line one\nLine two"_qs}});
    EXPECT_EQ(previous.size(), 5);
    EXPECT_EQ(previous.value(AssessmentField::Rating).value<Rating>(), Rating::NotAssessed);
    db->reopen();
    const ActionState state = db->store->actionState(u"B2"_qs);
    EXPECT_EQ(state.assessment.rating, Rating::Reasonable);
    EXPECT_EQ(state.ownerName, u"Mark Elliott"_qs);
    EXPECT_EQ(state.directorName, u"Helen Marsh"_qs);
    EXPECT_EQ(state.assessment.targetDate, QDate(2026, 9, 30));
    EXPECT_EQ(state.assessment.commentary, u"Line one\nLine two"_qs);

    AuditFilter filter;
    filter.entity = u"assessment"_qs;
    filter.entityId = u"B2"_qs;
    const QList<AuditEntry> entries = db->store->auditEntries(filter);
    ASSERT_EQ(entries.size(), 5);
    bool sawRating = false;
    for (const AuditEntry &entry : entries) {
        if (entry.record.field == u"rating"_qs) {
            sawRating = true;
            EXPECT_EQ(entry.record.oldValue, u"not-assessed"_qs);
            EXPECT_EQ(entry.record.newValue, u"reasonable"_qs);
            EXPECT_EQ(entry.record.actor, trailActor(db->path, u"tester"_qs));
        }
    }
    EXPECT_TRUE(sawRating);
}

TEST(Assessments, AnUnchangedValueWritesNothing)
{
    auto db = createDatabase();
    const qsizetype rows = db->store->auditEntries().size();
    EXPECT_TRUE(
        db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::NotAssessed)}}).isEmpty());
    EXPECT_EQ(db->store->auditEntries().size(), rows);
}

TEST(Assessments, NotApplicableNeedsAJustification)
{
    auto db = createDatabase();
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"D3"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)}});
              }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(db->store->actionState(u"D3"_qs).assessment.rating, Rating::NotAssessed);
    db->store->updateAssessment(u"D3"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)},
                                           {AssessmentField::Justification, u"No regulated services"_qs}});
    EXPECT_EQ(db->store->actionState(u"D3"_qs).assessment.rating, Rating::NotApplicable);
    // The justification cannot then be removed while the rating stands.
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"D3"_qs, {{AssessmentField::Justification, u""_qs}});
              }),
              Error::Kind::InvalidInput);
}

TEST(Assessments, TheDirectorMustBeABoardMember)
{
    auto db = createDatabase();
    const qint64 exec = db->store->addPerson({0, u"Exec"_qs, u"CISO"_qs, false, true});
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Director, QVariant::fromValue(exec)}});
              }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Owner, QVariant::fromValue<qint64>(999)}});
              }),
              Error::Kind::NotFound);
}

TEST(Assessments, BadInputIsRefusedWithoutPartialChanges)
{
    auto db = createDatabase();
    // A good rating with a bad target: neither is applied.
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Substantial)},
                                                         {AssessmentField::Target, rating(Rating::NotAssessed)}});
              }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(db->store->actionState(u"A1"_qs).assessment.rating, Rating::NotAssessed);
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"Z9"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
              }),
              Error::Kind::NotFound);
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, QString(u'\x07') + u"bell"_qs}});
              }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] {
                  db->store->updateAssessment(
                      u"A1"_qs, {{AssessmentField::Commentary, QString(Store::kMaxCommentaryChars + 1, u'x')}});
              }),
              Error::Kind::InvalidInput);
}

TEST(Assessments, SqlMetacharactersAreStoredLiterally)
{
    auto db = createDatabase();
    const QString hostile = u"'); DROP TABLE assessment; -- \" <b>bold</b> %s {PK}"_qs;
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, hostile}});
    db->store->addPerson({0, u"Robert'); DROP TABLE person;--"_qs, u"Bobby \"Tables\""_qs, true, true});
    db->reopen();
    EXPECT_EQ(db->store->actionState(u"A1"_qs).assessment.commentary, hostile);
    EXPECT_EQ(db->store->people().size(), 1);
    EXPECT_EQ(db->store->people().constFirst().name, u"Robert'); DROP TABLE person;--"_qs);
}

TEST(AuditChain, VerifiesAndFindsTheFirstAlteredRow)
{
    auto db = createDatabase(true);
    const ChainCheck good = db->store->verifyAuditChain();
    ASSERT_TRUE(good.ok) << good.problem.toStdString();
    ASSERT_GT(good.rows, 100);
    db->close();
    const QString path = db->path;
    // Behind the application's back: drop the guard and change an old row.
    rawSql(path, allowAuditTampering(path) << u"UPDATE audit SET new_value = 'substantial' WHERE id = 40"_qs);
    auto database = openTestRecord(path, Database::Mode::OpenExisting);
    Store store(*database, fixedClock());
    const ChainCheck bad = store.verifyAuditChain();
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(bad.firstBadId, 40);
    EXPECT_TRUE(bad.problem.contains(u"altered"_qs));
}

TEST(AuditChain, FindsADeletedRow)
{
    auto db = createDatabase(true);
    db->close();
    const QString path = db->path;
    rawSql(path, allowAuditTampering(path) << u"DELETE FROM audit WHERE id = 17"_qs);
    auto database = openTestRecord(path, Database::Mode::OpenExisting);
    Store store(*database, fixedClock());
    const ChainCheck bad = store.verifyAuditChain();
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(bad.firstBadId, 18);
}

TEST(Evidence, FilesAreStoredWithTheirSha256AndLinksValidated)
{
    auto db = createDatabase();
    EvidenceInput file;
    file.title = u"Cyber strategy"_qs;
    file.type = EvidenceType::Strategy;
    file.isFile = true;
    file.fileName = u"../../etc/strategy.pdf"_qs;
    file.content = QByteArray("%PDF-1.4 pretend");
    file.actionIds = {u"B1"_qs, u"b2"_qs, u"B4"_qs, u"B1"_qs};
    const qint64 id = db->store->addEvidence(file);
    const Evidence stored = *db->store->evidenceItem(id);
    EXPECT_EQ(stored.sha256,
              QString::fromLatin1(QCryptographicHash::hash(file.content, QCryptographicHash::Sha256).toHex()));
    EXPECT_EQ(stored.fileName, u"strategy.pdf"_qs); // folders are never kept
    EXPECT_EQ(stored.actionIds, (QStringList{u"B1"_qs, u"B2"_qs, u"B4"_qs}));
    EXPECT_EQ(db->store->evidenceContent(id), file.content);
    EXPECT_EQ(db->store->actionState(u"B2"_qs).evidenceCurrent, 1);

    EvidenceInput link;
    link.title = u"Intranet page"_qs;
    link.url = u"javascript:alert(1)"_qs;
    link.actionIds = {u"A1"_qs};
    EXPECT_EQ(kindOf([&] { db->store->addEvidence(link); }), Error::Kind::InvalidInput);
    link.url = u"https://intranet.example/page"_qs;
    EXPECT_GT(db->store->addEvidence(link), 0);
    link.actionIds = {u"Q7"_qs};
    EXPECT_EQ(kindOf([&] { db->store->addEvidence(link); }), Error::Kind::NotFound);
    link.actionIds = {};
    EXPECT_EQ(kindOf([&] { db->store->addEvidence(link); }), Error::Kind::InvalidInput);
}

TEST(Evidence, StatusBoundaries)
{
    const QDate today(2026, 6, 15);
    EXPECT_EQ(evidenceStatus(QDate(), today), EvidenceStatus::Current);
    EXPECT_EQ(evidenceStatus(today.addDays(-1), today), EvidenceStatus::Expired);
    EXPECT_EQ(evidenceStatus(today, today), EvidenceStatus::Expiring); // expiring today, not yet expired
    EXPECT_EQ(evidenceStatus(today.addDays(30), today), EvidenceStatus::Expiring);
    EXPECT_EQ(evidenceStatus(today.addDays(31), today), EvidenceStatus::Current);
}

TEST(Evidence, ExpiredEvidenceTurnsAClaimUnsupported)
{
    auto db = createDatabase();
    db->store->updateAssessment(u"C2"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    EvidenceInput input;
    input.title = u"Policy"_qs;
    input.url = u"https://intranet.example/policy"_qs;
    input.reviewBy = fixedToday().addDays(-1);
    input.actionIds = {u"C2"_qs};
    db->store->addEvidence(input);
    const ActionState state = db->store->actionState(u"C2"_qs);
    EXPECT_EQ(state.evidenceCurrent, 0);
    EXPECT_EQ(state.evidenceExpired, 1);
}

TEST(Evidence, AnAlteredBlobIsFoundByVerifyAndRefusedOnRead)
{
    auto db = createDatabase();
    EvidenceInput file;
    file.title = u"Minutes"_qs;
    file.isFile = true;
    file.fileName = u"minutes.txt"_qs;
    file.content = QByteArray("original minutes");
    file.actionIds = {u"E1"_qs};
    const qint64 id = db->store->addEvidence(file);
    EXPECT_TRUE(db->store->verifyEvidence().isEmpty());
    SqlQuery(db->database->connection(), u"UPDATE blob SET data = :data"_qs)
        .bind(u":data"_qs, QByteArray("forged minutes!!"))
        .exec();
    const QList<EvidenceProblem> problems = db->store->verifyEvidence();
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().evidenceId, id);
    EXPECT_EQ(kindOf([&] { db->store->evidenceContent(id); }), Error::Kind::Corrupt);
}

TEST(Evidence, OversizedFileIsRefusedWithAClearMessage)
{
    auto db = createDatabase();
    EvidenceInput file;
    file.title = u"Huge"_qs;
    file.isFile = true;
    file.fileName = u"huge.bin"_qs;
    file.content = QByteArray(Store::kMaxEvidenceBytes + 1, 'x');
    file.actionIds = {u"E1"_qs};
    try {
        db->store->addEvidence(file);
        FAIL();
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"200 MB"_qs)) << error.message().toStdString();
    }
    EXPECT_TRUE(db->store->evidence().isEmpty());
}

TEST(Reviews, FreezeEveryActionAndRefuseDuplicateNames)
{
    auto db = createDatabase();
    const qint64 owner = db->store->addPerson({0, u"Owner"_qs, u"CIO"_qs, false, true});
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Limited)},
                                           {AssessmentField::Owner, QVariant::fromValue(owner)}});
    const qint64 id = db->store->createReview(u"Board June 2026"_qs, QDate(2026, 6, 10));
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Substantial)}});
    const QList<ReviewItem> items = db->store->reviewItems(id);
    ASSERT_EQ(items.size(), 22);
    EXPECT_EQ(items.first().actionId, u"A1"_qs);
    EXPECT_EQ(items.first().rating, Rating::Limited); // frozen, not live
    EXPECT_EQ(items.first().owner, u"Owner"_qs);
    EXPECT_EQ(kindOf([&] { db->store->createReview(u"board june 2026"_qs, QDate(2026, 6, 11)); }),
              Error::Kind::Conflict);
    EXPECT_EQ(kindOf([&] { db->store->createReview(u"No date"_qs, QDate()); }), Error::Kind::InvalidInput);
}
