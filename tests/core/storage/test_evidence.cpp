#include "core/domain/error.h"
#include "core/domain/filenames.h"
#include "core/storage/blobstore.h"
#include "core/storage/recordcopy.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

#include <optional>

#include <sys/stat.h>
#include <unistd.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QString messageOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const Error &error) {
        return error.message();
    }
    return {};
}

QString sha(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

EvidenceInput fileInput(const QString &title, const QByteArray &content, const QStringList &actions)
{
    EvidenceInput input;
    input.title = title;
    input.type = EvidenceType::Report;
    input.isFile = true;
    input.fileName = title + u".pdf"_qs;
    input.content = content;
    input.actionIds = actions;
    return input;
}

int count(TestDatabase &db, const QString &sql)
{
    return SqlQuery(db.database->connection(), sql).scalar().toInt();
}

} // namespace

// ---- Hashing, sharing, revisions ---------------------------------------------------------------

TEST(EvidenceFiles, IdenticalFilesShareOneBlobThatOutlivesEitherItem)
{
    auto db = createDatabase();
    const QByteArray bytes("the same minutes");
    const qint64 first = db->store->addEvidence(fileInput(u"First"_qs, bytes, {u"E1"_qs}));
    const qint64 second = db->store->addEvidence(fileInput(u"Second"_qs, bytes, {u"E2"_qs}));
    EXPECT_EQ(db->store->evidenceItem(first)->sha256, sha(bytes));
    EXPECT_EQ(db->store->evidenceItem(second)->sha256, sha(bytes));
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 1);

    db->store->removeEvidence(first);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 1); // still used by the second
    EXPECT_EQ(db->store->evidenceContent(second), bytes);
    db->store->removeEvidence(second);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 0); // nothing uses it any more
}

TEST(EvidenceFiles, ReplacingKeepsTheOldVersionInTheHistory)
{
    auto db = createDatabase();
    const QByteArray v1("policy, first issue");
    const QByteArray v2("policy, second issue");
    const qint64 id = db->store->addEvidence(fileInput(u"Policy"_qs, v1, {u"C2"_qs}));
    Clock later(QDateTime(fixedToday().addDays(3), QTime(9, 30), Qt::UTC));
    db->store->setClock(later);
    EXPECT_EQ(db->store->replaceEvidenceFile(id, u"C:\\Users\\cio\\policy-v2.docx"_qs, v2), 2);
    db->reopen();

    const Evidence item = *db->store->evidenceItem(id);
    EXPECT_EQ(item.revision, 2);
    EXPECT_EQ(item.sha256, sha(v2));
    EXPECT_EQ(item.fileName, u"policy-v2.docx"_qs);
    EXPECT_EQ(item.actionIds, QStringList{u"C2"_qs});
    EXPECT_EQ(db->store->evidenceContent(id), v2);

    const QList<EvidenceRevision> revisions = db->store->evidenceRevisions(id);
    ASSERT_EQ(revisions.size(), 2);
    EXPECT_EQ(revisions[0].revision, 1);
    EXPECT_EQ(revisions[0].sha256, sha(v1));
    EXPECT_EQ(revisions[0].fileName, u"Policy.pdf"_qs);
    EXPECT_EQ(revisions[0].size, v1.size());
    EXPECT_EQ(revisions[0].replacedAt, later.now());
    EXPECT_FALSE(revisions[0].isCurrent());
    EXPECT_EQ(revisions[1].revision, 2);
    EXPECT_EQ(revisions[1].sha256, sha(v2));
    EXPECT_EQ(revisions[1].addedAt, later.now());
    EXPECT_TRUE(revisions[1].isCurrent());

    EXPECT_EQ(db->store->revisionContent(id, 1), v1);
    EXPECT_EQ(db->store->revisionContent(id, 2), v2);
    EXPECT_EQ(kindOf([&] { db->store->revisionContent(id, 3); }), Error::Kind::NotFound);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 2); // the old bytes stay

    AuditFilter filter;
    filter.entity = u"evidence"_qs;
    filter.entityId = QString::number(id);
    const QList<AuditEntry> entries = db->store->auditEntries(filter);
    ASSERT_FALSE(entries.isEmpty());
    EXPECT_EQ(entries.last().record.field, u"file"_qs);
    EXPECT_TRUE(entries.last().record.oldValue.contains(sha(v1)));
    EXPECT_TRUE(entries.last().record.newValue.contains(sha(v2)));
}

TEST(EvidenceFiles, ReplacingRefusesLinksIdenticalFilesAndOversizedFiles)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Report"_qs, "report", {u"A1"_qs}));
    EXPECT_EQ(kindOf([&] { db->store->replaceEvidenceFile(id, u"Report.pdf"_qs, "report"); }),
              Error::Kind::InvalidInput);
    const QString tooBig = messageOf(
        [&] { db->store->replaceEvidenceFile(id, u"huge.bin"_qs, QByteArray(Store::kMaxEvidenceBytes + 1, 'x')); });
    EXPECT_TRUE(tooBig.contains(u"200 MB"_qs)) << tooBig.toStdString();
    EXPECT_EQ(kindOf([&] { db->store->replaceEvidenceFile(999, u"x.pdf"_qs, "x"); }), Error::Kind::NotFound);

    EvidenceInput link;
    link.title = u"Intranet"_qs;
    link.url = u"https://intranet.example/page"_qs;
    link.actionIds = {u"A1"_qs};
    const qint64 linkId = db->store->addEvidence(link);
    EXPECT_EQ(kindOf([&] { db->store->replaceEvidenceFile(linkId, u"x.pdf"_qs, "x"); }), Error::Kind::InvalidInput);
    EXPECT_TRUE(db->store->evidenceRevisions(linkId).isEmpty());

    EXPECT_EQ(db->store->evidenceItem(id)->revision, 1);
    EXPECT_EQ(db->store->evidenceRevisions(id).size(), 1);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM evidence_revision"_qs), 0);
}

TEST(EvidenceFiles, RestoringARevisionMakesItCurrentAsANewRevision)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Plan"_qs, "plan v1", {u"D1"_qs}));
    db->store->replaceEvidenceFile(id, u"plan-v2.pdf"_qs, "plan v2");
    EXPECT_EQ(db->store->restoreEvidenceRevision(id, 1), 3);
    const Evidence item = *db->store->evidenceItem(id);
    EXPECT_EQ(item.revision, 3);
    EXPECT_EQ(item.sha256, sha("plan v1"));
    EXPECT_EQ(item.fileName, u"Plan.pdf"_qs);
    const QList<EvidenceRevision> revisions = db->store->evidenceRevisions(id);
    ASSERT_EQ(revisions.size(), 3);
    EXPECT_EQ(revisions[1].sha256, sha("plan v2"));
    EXPECT_EQ(db->store->revisionContent(id, 2), QByteArray("plan v2"));
    EXPECT_EQ(kindOf([&] { db->store->restoreEvidenceRevision(id, 3); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { db->store->restoreEvidenceRevision(id, 7); }), Error::Kind::NotFound);
}

TEST(EvidenceFiles, AnAlteredOldRevisionIsRefusedOnReadAndFoundByVerify)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Minutes"_qs, "true minutes", {u"E1"_qs}));
    db->store->replaceEvidenceFile(id, u"minutes-v2.pdf"_qs, "amended minutes");
    SqlQuery(db->database->connection(), u"UPDATE blob SET data = :data WHERE sha256 = :sha"_qs)
        .bind(u":data"_qs, QByteArray("forged minutes"))
        .bind(u":sha"_qs, sha("true minutes"))
        .exec();
    EXPECT_EQ(kindOf([&] { db->store->revisionContent(id, 1); }), Error::Kind::Corrupt);
    EXPECT_EQ(db->store->revisionContent(id, 2), QByteArray("amended minutes"));
    const QList<EvidenceProblem> problems = db->store->verifyEvidence();
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().evidenceId, id);
}

// ---- Links to actions and metadata -------------------------------------------------------------

TEST(EvidenceLinks, OneItemSupportsSeveralActions)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Cyber strategy"_qs, "strategy", {u"B1"_qs}));
    db->store->setEvidenceActions(id, {u"b4"_qs, u"B1"_qs, u" B2 "_qs, u"B1"_qs});
    EXPECT_EQ(db->store->evidenceItem(id)->actionIds, (QStringList{u"B1"_qs, u"B2"_qs, u"B4"_qs}));
    for (const QString &action : {u"B1"_qs, u"B2"_qs, u"B4"_qs})
        EXPECT_EQ(db->store->actionState(action).evidenceCurrent, 1) << action.toStdString();
    EXPECT_EQ(db->store->actionState(u"B3"_qs).evidenceCurrent, 0);

    const qsizetype rows = db->store->auditEntries().size();
    db->store->setEvidenceActions(id, {u"B4"_qs, u"B2"_qs, u"B1"_qs}); // the same set: nothing to write
    EXPECT_EQ(db->store->auditEntries().size(), rows);

    EXPECT_EQ(kindOf([&] { db->store->setEvidenceActions(id, {}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { db->store->setEvidenceActions(id, {u" "_qs}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { db->store->setEvidenceActions(id, {u"B1"_qs, u"Z9"_qs}); }), Error::Kind::NotFound);
    EXPECT_EQ(db->store->evidenceItem(id)->actionIds, (QStringList{u"B1"_qs, u"B2"_qs, u"B4"_qs}));

    db->store->setEvidenceActions(id, {u"A1"_qs});
    const QList<AuditEntry> entries = db->store->auditEntries();
    EXPECT_EQ(entries.last().record.field, u"actions"_qs);
    EXPECT_EQ(entries.last().record.oldValue, u"B1, B2, B4"_qs);
    EXPECT_EQ(entries.last().record.newValue, u"A1"_qs);
}

TEST(EvidenceLinks, MetadataChangesAreAuditedFieldByField)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Report"_qs, "report", {u"A1"_qs}));
    Evidence changed = *db->store->evidenceItem(id);
    changed.title = u"Annual report"_qs;
    changed.type = EvidenceType::AuditOpinion;
    changed.effective = QDate(2026, 1, 31);
    changed.reviewBy = QDate(2027, 1, 31);
    const qsizetype rows = db->store->auditEntries().size();
    db->store->updateEvidence(changed);
    db->reopen();
    const Evidence stored = *db->store->evidenceItem(id);
    EXPECT_EQ(stored.title, u"Annual report"_qs);
    EXPECT_EQ(stored.type, EvidenceType::AuditOpinion);
    EXPECT_EQ(stored.source, EvidenceSource::Management);
    EXPECT_EQ(stored.effective, QDate(2026, 1, 31));
    EXPECT_EQ(stored.reviewBy, QDate(2027, 1, 31));
    const QList<AuditEntry> entries = db->store->auditEntries();
    ASSERT_EQ(entries.size(), rows + 4);
    QStringList fields;
    for (qsizetype i = rows; i < entries.size(); ++i)
        fields << entries[i].record.field;
    EXPECT_EQ(fields, (QStringList{u"title"_qs, u"type"_qs, u"effective date"_qs, u"review-by date"_qs}));
    EXPECT_EQ(entries.last().record.newValue, u"2027-01-31"_qs);

    db->store->updateEvidence(stored); // unchanged: no rows
    EXPECT_EQ(db->store->auditEntries().size(), rows + 4);

    Evidence bad = stored;
    bad.reviewBy = QDate(2025, 1, 1);
    EXPECT_EQ(kindOf([&] { db->store->updateEvidence(bad); }), Error::Kind::InvalidInput);
    bad = stored;
    bad.title = u"  "_qs;
    EXPECT_EQ(kindOf([&] { db->store->updateEvidence(bad); }), Error::Kind::InvalidInput);
    bad = stored;
    bad.url = u"https://example.org/x"_qs; // a stored file cannot become a link
    EXPECT_EQ(kindOf([&] { db->store->updateEvidence(bad); }), Error::Kind::InvalidInput);
    bad.id = 999;
    EXPECT_EQ(kindOf([&] { db->store->updateEvidence(bad); }), Error::Kind::NotFound);
    EXPECT_EQ(db->store->evidenceItem(id)->title, u"Annual report"_qs);

    EvidenceInput link;
    link.title = u"Intranet"_qs;
    link.url = u"https://intranet.example/old"_qs;
    link.actionIds = {u"A1"_qs};
    const qint64 linkId = db->store->addEvidence(link);
    Evidence moved = *db->store->evidenceItem(linkId);
    moved.url = u"ftp://intranet.example/new"_qs;
    EXPECT_EQ(kindOf([&] { db->store->updateEvidence(moved); }), Error::Kind::InvalidInput);
    moved.url = u"https://intranet.example/new"_qs;
    db->store->updateEvidence(moved);
    EXPECT_EQ(db->store->evidenceItem(linkId)->url, u"https://intranet.example/new"_qs);
    EXPECT_EQ(db->store->auditEntries().last().record.field, u"link"_qs);
}

// ---- Removing and restoring --------------------------------------------------------------------

TEST(EvidenceRemoval, RemoveAndRestorePutsEverythingBackExactly)
{
    auto db = createDatabase();
    EvidenceInput input = fileInput(u"Exercise report"_qs, "exercise v1", {u"D2"_qs, u"D1"_qs});
    input.effective = QDate(2026, 3, 1);
    input.reviewBy = QDate(2027, 3, 1);
    input.source = EvidenceSource::ThirdParty;
    const qint64 id = db->store->addEvidence(input);
    db->store->replaceEvidenceFile(id, u"exercise-v2.pdf"_qs, "exercise v2");
    const qint64 other = db->store->addEvidence(fileInput(u"Shared"_qs, "exercise v1", {u"A1"_qs}));

    const Evidence before = *db->store->evidenceItem(id);
    const QList<EvidenceRevision> revisionsBefore = db->store->evidenceRevisions(id);
    const EvidenceSnapshot snapshot = db->store->takeEvidenceSnapshot(id);
    EXPECT_EQ(snapshot.revisions.size(), 1);
    EXPECT_EQ(snapshot.blobs.size(), 1); // "exercise v1" is shared with the other item, so not copied
    EXPECT_TRUE(snapshot.blobs.contains(sha("exercise v2")));

    db->store->removeEvidence(id);
    EXPECT_FALSE(db->store->evidenceItem(id).has_value());
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM evidence_revision"_qs), 0);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM evidence_action WHERE evidence_id = 1"_qs), 0);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 1); // only the shared one is left
    EXPECT_EQ(db->store->evidenceContent(other), QByteArray("exercise v1"));
    EXPECT_EQ(db->store->actionState(u"D2"_qs).evidenceCurrent, 0);
    EXPECT_EQ(db->store->auditEntries().last().record.field, u"removed"_qs);

    db->store->restoreEvidence(snapshot);
    db->reopen();
    const Evidence after = *db->store->evidenceItem(id);
    EXPECT_EQ(after.id, before.id);
    EXPECT_EQ(after.title, before.title);
    EXPECT_EQ(after.type, before.type);
    EXPECT_EQ(after.source, before.source);
    EXPECT_EQ(after.effective, before.effective);
    EXPECT_EQ(after.reviewBy, before.reviewBy);
    EXPECT_EQ(after.fileName, before.fileName);
    EXPECT_EQ(after.sha256, before.sha256);
    EXPECT_EQ(after.size, before.size);
    EXPECT_EQ(after.revision, before.revision);
    EXPECT_EQ(after.createdAt, before.createdAt);
    EXPECT_EQ(after.actionIds, before.actionIds);
    const QList<EvidenceRevision> revisionsAfter = db->store->evidenceRevisions(id);
    ASSERT_EQ(revisionsAfter.size(), revisionsBefore.size());
    for (qsizetype i = 0; i < revisionsAfter.size(); ++i) {
        EXPECT_EQ(revisionsAfter[i].revision, revisionsBefore[i].revision);
        EXPECT_EQ(revisionsAfter[i].sha256, revisionsBefore[i].sha256);
        EXPECT_EQ(revisionsAfter[i].fileName, revisionsBefore[i].fileName);
        EXPECT_EQ(revisionsAfter[i].replacedAt, revisionsBefore[i].replacedAt);
    }
    EXPECT_EQ(db->store->revisionContent(id, 1), QByteArray("exercise v1"));
    EXPECT_EQ(db->store->evidenceContent(id), QByteArray("exercise v2"));
    EXPECT_EQ(db->store->actionState(u"D2"_qs).evidenceCurrent, 1);
    EXPECT_TRUE(db->store->verifyEvidence().isEmpty());
    EXPECT_EQ(db->store->auditEntries().last().record.field, u"restored"_qs);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);

    EXPECT_EQ(kindOf([&] { db->store->restoreEvidence(snapshot); }), Error::Kind::Conflict);
}

TEST(EvidenceRemoval, RestoreRefusesForgedOrMissingBytesAndStoresNothing)
{
    auto db = createDatabase();
    const qint64 id = db->store->addEvidence(fileInput(u"Opinion"_qs, "audit opinion", {u"E4"_qs}));
    EvidenceSnapshot snapshot = db->store->takeEvidenceSnapshot(id);
    db->store->removeEvidence(id);
    const qsizetype rows = db->store->auditEntries().size();

    EvidenceSnapshot forged = snapshot;
    forged.blobs[sha("audit opinion")] = QByteArray("a kinder opinion");
    EXPECT_EQ(kindOf([&] { db->store->restoreEvidence(forged); }), Error::Kind::Corrupt);
    EvidenceSnapshot empty = snapshot;
    empty.blobs.clear();
    EXPECT_EQ(kindOf([&] { db->store->restoreEvidence(empty); }), Error::Kind::NotFound);
    EXPECT_FALSE(db->store->evidenceItem(id).has_value());
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 0);
    EXPECT_EQ(db->store->auditEntries().size(), rows);

    db->store->restoreEvidence(snapshot);
    EXPECT_EQ(db->store->evidenceContent(id), QByteArray("audit opinion"));
}

TEST(EvidenceRemoval, LinksAreRemovedAndRestoredToo)
{
    auto db = createDatabase();
    EvidenceInput link;
    link.title = u"Board portal minutes"_qs;
    link.url = u"https://portal.example/minutes/42"_qs;
    link.actionIds = {u"E1"_qs, u"E2"_qs};
    const qint64 id = db->store->addEvidence(link);
    const EvidenceSnapshot snapshot = db->store->takeEvidenceSnapshot(id);
    EXPECT_TRUE(snapshot.blobs.isEmpty());
    db->store->removeEvidence(id);
    EXPECT_EQ(kindOf([&] { db->store->removeEvidence(id); }), Error::Kind::NotFound);
    db->store->restoreEvidence(snapshot);
    EXPECT_EQ(db->store->evidenceItem(id)->url, link.url);
    EXPECT_EQ(db->store->evidenceItem(id)->actionIds, link.actionIds);
}

// ---- Reading files from disk -------------------------------------------------------------------

TEST(EvidenceFromDisk, TakesTheBytesTheNameAndTheBaseNameAsTitle)
{
    TempFolder folder;
    const QString path = folder.path(u"Board minutes 2026-05.v2.pdf"_qs);
    writeFile(path, "%PDF minutes");
    EvidenceInput input = evidenceInputFromFile(path);
    EXPECT_TRUE(input.isFile);
    EXPECT_TRUE(input.content.isEmpty()); // read when stored, a chunk at a time
    EXPECT_EQ(input.sourcePath, path);
    EXPECT_EQ(input.fileName, u"Board minutes 2026-05.v2.pdf"_qs);
    EXPECT_EQ(input.title, u"Board minutes 2026-05.v2"_qs);
    auto db = createDatabase();
    input.actionIds = {u"A1"_qs};
    const qint64 id = db->store->addEvidence(input);
    EXPECT_EQ(db->store->evidenceContent(id), QByteArray("%PDF minutes"));
    EXPECT_EQ(db->store->evidenceItem(id)->size, 12);
    const QString empty = folder.path(u"empty.txt"_qs);
    writeFile(empty, QByteArray());
    // An empty file backs nothing (issue 13): refused, not stored as evidence of no bytes; also when it was
    // emptied after it was chosen.
    EXPECT_EQ(kindOf([&] { evidenceInputFromFile(empty); }), Error::Kind::InvalidInput);
}

TEST(EvidenceFromDisk, AnOversizedFileIsRefusedBeforeItIsRead)
{
    auto db = createDatabase();
    const QString path = db->folder.path(u"huge.iso"_qs);
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_TRUE(file.resize(Store::kMaxEvidenceBytes + 1)); // sparse: no disk space, no memory
    }
    const QString message = messageOf([&] { evidenceInputFromFile(path); });
    EXPECT_TRUE(message.contains(u"200 MB"_qs)) << message.toStdString();
    EXPECT_TRUE(message.contains(u"huge.iso"_qs)) << message.toStdString();
    // Grown past the limit after it was chosen: refused when it is stored, before it is read.
    const QString chosen = db->folder.path(u"chosen.iso"_qs);
    writeFile(chosen, "small when chosen");
    EvidenceInput input = evidenceInputFromFile(chosen);
    input.actionIds = {u"A1"_qs};
    ASSERT_TRUE(QFile::resize(chosen, Store::kMaxEvidenceBytes + 1));
    EXPECT_TRUE(messageOf([&] { db->store->addEvidence(input); }).contains(u"200 MB"_qs));
    EXPECT_TRUE(db->store->evidence().isEmpty());
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 0);
}

TEST(EvidenceFromDisk, UnreadableMissingAndSpecialFilesAreRefusedClearly)
{
    TempFolder folder;
    EXPECT_EQ(kindOf([&] { evidenceInputFromFile(folder.path(u"missing.pdf"_qs)); }), Error::Kind::NotFound);
    EXPECT_TRUE(
        messageOf([&] { evidenceInputFromFile(folder.path(u"missing.pdf"_qs)); }).contains(u"does not exist"_qs));
    EXPECT_TRUE(messageOf([&] { evidenceInputFromFile(folder.root()); }).contains(u"folder"_qs));

    const QString fifo = folder.path(u"pipe"_qs);
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    EXPECT_TRUE(messageOf([&] { evidenceInputFromFile(fifo); }).contains(u"not a regular file"_qs));

    if (::geteuid() != 0) {
        const QString locked = folder.path(u"locked.pdf"_qs);
        writeFile(locked, "secret");
        ASSERT_TRUE(QFile::setPermissions(locked, QFileDevice::WriteOwner));
        const QString message = messageOf([&] { evidenceInputFromFile(locked); });
        EXPECT_TRUE(message.startsWith(u"Cannot read"_qs)) << message.toStdString();
    }
    // Permissions do not stop root; a file that opens but fails to read does, when it is stored, and nothing is.
    auto db = createDatabase();
    EvidenceInput input;
    input.title = u"Memory"_qs;
    input.isFile = true;
    input.fileName = u"mem"_qs;
    input.sourcePath = u"/proc/self/mem"_qs;
    input.actionIds = {u"A1"_qs};
    const QString message = messageOf([&] { db->store->addEvidence(input); });
    EXPECT_TRUE(message.startsWith(u"Cannot read /proc/self/mem"_qs)) << message.toStdString();
    EXPECT_TRUE(db->store->evidence().isEmpty());
}

TEST(EvidenceFromDisk, HashingStopsOnceAFileIsPastTheLimit)
{
    // A file that grows while it is read cannot keep Quorum reading: the first pass stops past the limit.
    QByteArray bytes(5 * BlobStore::kChunkBytes, 'x');
    QBuffer growing(&bytes);
    ASSERT_TRUE(growing.open(QIODevice::ReadOnly));
    qint64 size = 0;
    BlobStore::sha256Of(growing, u"growing.log"_qs, 2 * BlobStore::kChunkBytes, &size);
    EXPECT_GT(size, 2 * BlobStore::kChunkBytes);
    EXPECT_LE(size, 3 * BlobStore::kChunkBytes);
    EXPECT_LT(growing.pos(), bytes.size());
}

// ---- Large files in chunks (schema 7), on both engines -------------------------------------------

namespace {

/** @p megabytes and a bit of bytes that differ from chunk to chunk, so that a chunk out of place changes the hash. */
QByteArray largeFile(int megabytes, char seed)
{
    QByteArray bytes(megabytes * BlobStore::kChunkBytes + 12345, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i / 4096 + seed) * 31 + i % 251);
    return bytes;
}

} // namespace

TEST(EvidenceChunks, ALargeFileFromDiskIsStoredInChunksAndReadBackWhole)
{
    auto db = createDatabase();
    const QByteArray bytes = largeFile(3, 'a');
    const QString path = db->folder.path(u"annual report.pdf"_qs);
    writeFile(path, bytes);
    EvidenceInput input = evidenceInputFromFile(path);
    input.actionIds = {u"A1"_qs, u"E2"_qs};
    const qint64 id = db->store->addEvidence(input);

    // Four rows of at most 1 MB, and an empty row of the file itself that records its size.
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk WHERE sha256 = '%1'"_qs.arg(sha(bytes))), 4);
    EXPECT_EQ(count(*db, u"SELECT max(length(data)) FROM blob_chunk"_qs), BlobStore::kChunkBytes);
    EXPECT_EQ(count(*db, u"SELECT length(data) FROM blob WHERE sha256 = '%1'"_qs.arg(sha(bytes))), 0);
    EXPECT_EQ(db->store->evidenceItem(id)->size, bytes.size());
    EXPECT_EQ(db->store->evidenceItem(id)->sha256, sha(bytes));
    EXPECT_EQ(db->store->evidenceContent(id), bytes);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    db->store->writeEvidenceContent(id, out);
    EXPECT_EQ(out.data(), bytes);
    EXPECT_TRUE(db->store->verifyEvidence().isEmpty());

    // The same bytes given in memory are the same stored file; a small file stays in one row.
    EXPECT_NE(db->store->addEvidence(fileInput(u"Copy"_qs, bytes, {u"B1"_qs})), id);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 4);
    db->store->addEvidence(fileInput(u"Small"_qs, "small", {u"B1"_qs}));
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 4);
    db->reopen();
    EXPECT_EQ(db->store->evidenceContent(id), bytes);
}

TEST(EvidenceChunks, AChunkAlteredOrMissingIsFoundByVerifyAndNeverHandedOut)
{
    auto db = createDatabase();
    const QByteArray bytes = largeFile(2, 'b');
    const qint64 id = db->store->addEvidence(fileInput(u"Penetration test"_qs, bytes, {u"D1"_qs}));
    ASSERT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 3);
    rawSql(db->path, {u"UPDATE blob_chunk SET data = %1 WHERE seq = 1"_qs.arg(
                         engineSql(db->path, u"CAST('forged' AS BLOB)"_qs, u"'forged'::bytea"_qs))});
    const QList<EvidenceProblem> problems = db->store->verifyEvidence();
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().evidenceId, id);
    EXPECT_EQ(kindOf([&] { db->store->evidenceContent(id); }), Error::Kind::Corrupt);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    EXPECT_EQ(kindOf([&] { db->store->writeEvidenceContent(id, out); }), Error::Kind::Corrupt);

    rawSql(db->path, {u"DELETE FROM blob_chunk WHERE seq = 2"_qs});
    EXPECT_EQ(db->store->verifyEvidence().size(), 1);
}

TEST(EvidenceChunks, RemovingUndoingAndReplacingKeepTheChunksOfWhatIsStillUsed)
{
    auto db = createDatabase();
    const QByteArray first = largeFile(2, 'c');
    const QByteArray second = largeFile(1, 'd');
    const qint64 id = db->store->addEvidence(fileInput(u"Risk register"_qs, first, {u"B2"_qs}));
    const QString path = db->folder.path(u"risk register v2.xlsx"_qs);
    writeFile(path, second);
    EXPECT_EQ(db->store->replaceEvidenceFileFrom(id, path), 2);
    EXPECT_EQ(db->store->evidenceContent(id), second);
    EXPECT_EQ(db->store->revisionContent(id, 1), first);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 3 + 2);
    // The same file again is refused before anything is written.
    EXPECT_EQ(kindOf([&] { db->store->replaceEvidenceFileFrom(id, path); }), Error::Kind::InvalidInput);

    const EvidenceSnapshot snapshot = db->store->takeEvidenceSnapshot(id);
    db->store->removeEvidence(id);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 0);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs), 0);
    db->store->restoreEvidence(snapshot);
    EXPECT_EQ(db->store->evidenceContent(id), second);
    EXPECT_EQ(db->store->revisionContent(id, 1), first);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 3 + 2);
    EXPECT_TRUE(db->store->verifyEvidence().isEmpty());
}

namespace {

/** Where a copy goes on the other engine: a server's database on the file run, a file on the server run. */
struct OtherEngineTarget {
    TempFolder folder;
    std::optional<TestPostgresDatabase> server;
    QString location;

    OtherEngineTarget()
        : location(folder.path(u"copy.quorum"_qs))
    {
        if (!testsOnServer()) {
            server.emplace();
            location = server->connectionString();
        }
    }
};

} // namespace

TEST(EvidenceChunks, ACopyToTheOtherEngineKeepsTheChunksAndVerifies)
{
    // From a file to a server on the file run, from a server to a file on the server run: both directions.
    auto db = createDatabase();
    const QByteArray bytes = largeFile(2, 'f');
    const qint64 id = db->store->addEvidence(fileInput(u"Board minutes"_qs, bytes, {u"A2"_qs}));
    const OtherEngineTarget other;
    const QString &target = other.location;
    const CopyReport report = RecordCopy::copyTo(*db->database, target);
    EXPECT_EQ(report.files, 1);
    EXPECT_EQ(report.fileBytes, bytes.size());
    const auto copy = openTestRecord(target, Database::Mode::OpenExisting);
    Store store(*copy, fixedClock());
    EXPECT_EQ(store.evidenceContent(id), bytes);
    EXPECT_TRUE(store.verifyEvidence().isEmpty());
    EXPECT_EQ(SqlQuery(copy->connection(), u"SELECT count(*) FROM blob_chunk"_qs).scalar().toInt(), 3);
}

TEST(EvidenceChunks, ACopyOfManyFilesAndRowsGoesAcrossInBatchesAndAServerCopyIsVacuumed)
{
    // Thirty files of 100 KB: batches of stored files close at about 1 MB, so statements of several sizes;
    // the demo's rows fill whole batches and leave a remainder. Both directions, as above.
    auto db = createDatabase(true);
    QList<QPair<qint64, QByteArray>> files;
    for (int i = 0; i < 30; ++i) {
        const QByteArray bytes = QByteArray(100 * 1024, char('a' + i % 26)) + QByteArray::number(i);
        files.append({db->store->addEvidence(fileInput(u"Policy %1"_qs.arg(i), bytes, {u"A2"_qs})), bytes});
    }
    const OtherEngineTarget other;
    const QString &target = other.location;
    const CopyReport report = RecordCopy::copyTo(*db->database, target);
    EXPECT_GE(report.files, 30);
    const auto copy = openTestRecord(target, Database::Mode::OpenExisting);
    Store store(*copy, fixedClock());
    for (const auto &[id, bytes] : std::as_const(files))
        EXPECT_EQ(store.evidenceContent(id), bytes);
    EXPECT_EQ(store.evidence().size(), db->store->evidence().size());
    EXPECT_EQ(store.people().size(), db->store->people().size());
    EXPECT_TRUE(store.verifyAuditChain().ok);
    if (ServerConnection::isServer(target)) {
        // Vacuumed and analysed once the copy was committed: a window on it reads with a visibility map and plans.
        SqlQuery stats(copy->connection(),
                       u"SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('evidence', "
                       "'audit', 'blob') AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"_qs);
        EXPECT_EQ(stats.scalar().toInt(), 3);
        // The tally counted once at the end and each link written once: their rows take the first places of the
        // first page, with no dead versions before them (a tally kept row by row during the copy, or links
        // rewritten with their dates, would have put them further on).
        for (const QString &table : {u"evidence_tally"_qs, u"evidence_action"_qs}) {
            SqlQuery place(copy->connection(),
                           u"SELECT count(*), max(ctid) = format('(0,%s)', count(*))::tid FROM "_qs + table);
            place.exec();
            ASSERT_TRUE(place.next());
            ASSERT_GT(place.value(0).toInt(), 0) << qPrintable(table);
            ASSERT_LT(place.value(0).toInt(), 100) << qPrintable(table) << ": more rows than one page holds";
            EXPECT_TRUE(place.value(1).toBool()) << qPrintable(table);
        }
    }
}

TEST(EvidenceChunks, ACopyToAServerWithAsynchronousCommitsLeavesItsPagesVisibleToAll)
{
    // The VACUUM after a copy marks a page visible to all only once the commits of its rows are on disk: a copy
    // commits synchronously, however the server is set, so the dashboard's counts read the indexes alone. On a
    // server of its own, with asynchronous commits as the test server has, and nobody else committing (another
    // session's asynchronous commit near the copy's holds back the marks until the server writes its log).
    if (testsOnServer())
        GTEST_SKIP() << "copied from a file to a server of its own, once";
    auto db = createDatabase(true);
    TestPostgresCluster cluster{QStringLiteral("-c autovacuum=off")};
    const QString target = cluster.createDatabase(u"copy"_qs);
    RecordCopy::copyTo(*db->database, target);
    const auto copy = openTestRecord(target, Database::Mode::OpenExisting);
    for (const QString &table : {u"evidence"_qs, u"evidence_action"_qs, u"audit"_qs}) {
        SqlQuery visible(copy->connection(), u"SELECT relpages, relallvisible FROM pg_class WHERE relname = :table"_qs);
        visible.bind(u":table"_qs, table).exec();
        ASSERT_TRUE(visible.next()) << qPrintable(table);
        EXPECT_GT(visible.value(0).toInt(), 0) << qPrintable(table);
        EXPECT_EQ(visible.value(1).toInt(), visible.value(0).toInt()) << qPrintable(table);
    }
}

TEST(EvidenceChunks, AFileThatGrowsPastTheLimitOrIsEmptiedIsRefusedAndNothingIsStored)
{
    auto db = createDatabase();
    const QString path = db->folder.path(u"log.txt"_qs);
    writeFile(path, largeFile(2, 'e'));
    EvidenceInput input = evidenceInputFromFile(path);
    input.actionIds = {u"C1"_qs};
    writeFile(path, QByteArray()); // emptied between choosing it and storing it
    EXPECT_EQ(kindOf([&] { db->store->addEvidence(input); }), Error::Kind::InvalidInput);
    EXPECT_EQ(count(*db, u"SELECT count(*) FROM blob"_qs) + count(*db, u"SELECT count(*) FROM blob_chunk"_qs), 0);
    EXPECT_TRUE(db->store->evidence().isEmpty());
}

// ---- File names for saving ---------------------------------------------------------------------

TEST(FileNames, HostileNamesAreMadeSafe)
{
    EXPECT_EQ(sanitizedFileName(u"../../etc/passwd"_qs), u"passwd"_qs);
    EXPECT_EQ(sanitizedFileName(u"/etc/shadow"_qs), u"shadow"_qs);
    EXPECT_EQ(sanitizedFileName(u"C:\\Windows\\System32\\drivers.sys"_qs), u"drivers.sys"_qs);
    EXPECT_EQ(sanitizedFileName(u".."_qs), u"evidence"_qs);
    EXPECT_EQ(sanitizedFileName(u"."_qs), u"evidence"_qs);
    EXPECT_EQ(sanitizedFileName(u""_qs), u"evidence"_qs);
    EXPECT_EQ(sanitizedFileName(u"../"_qs), u"evidence"_qs);
    EXPECT_EQ(sanitizedFileName(u".bashrc"_qs), u"bashrc"_qs);
    EXPECT_EQ(sanitizedFileName(u"CON"_qs), u"_CON"_qs);
    EXPECT_EQ(sanitizedFileName(u"con.txt"_qs), u"_con.txt"_qs);
    EXPECT_EQ(sanitizedFileName(u"LPT1.pdf"_qs), u"_LPT1.pdf"_qs);
    EXPECT_EQ(sanitizedFileName(u"Console.pdf"_qs), u"Console.pdf"_qs);
    EXPECT_EQ(sanitizedFileName(u"report. . ."_qs), u"report"_qs);
    EXPECT_EQ(sanitizedFileName(u"a<b>c:d\"e|f?g*h.pdf"_qs), u"a_b_c_d_e_f_g_h.pdf"_qs);
    EXPECT_EQ(sanitizedFileName(u"min"_qs + QChar(0) + u"utes\n\r\x1b[31m.pdf"_qs), u"minutes[31m.pdf"_qs);
    // A right-to-left override would show "invoice\x{202E}fdp.exe" as "invoiceexe.pdf".
    EXPECT_EQ(sanitizedFileName(u"invoice\u202Efdp.exe"_qs), u"invoicefdp.exe"_qs);
    EXPECT_EQ(sanitizedFileName(u"Stratégie 2025 – 日本.pdf"_qs), u"Stratégie 2025 – 日本.pdf"_qs);

    const QString longName = sanitizedFileName(QString(1000, u'a') + u".pdf"_qs);
    EXPECT_LE(longName.toUtf8().size(), kMaxFileNameBytes);
    EXPECT_TRUE(longName.endsWith(u".pdf"_qs));
    const QString longWide = sanitizedFileName(QString(1000, QChar(0x65E5)) + u".docx"_qs);
    EXPECT_LE(longWide.toUtf8().size(), kMaxFileNameBytes);
    EXPECT_TRUE(longWide.endsWith(u".docx"_qs));
    const QString emoji = sanitizedFileName(QString::fromUtf8("\xF0\x9F\x93\x84").repeated(300));
    EXPECT_LE(emoji.toUtf8().size(), kMaxFileNameBytes);
    EXPECT_FALSE(emoji.back().isHighSurrogate()); // never cut inside a character
}

TEST(FileNames, SafeTargetPathsStayInsideTheFolderAndNeverOverwrite)
{
    TempFolder folder;
    const QString root = QFileInfo(folder.root()).canonicalFilePath();
    const QStringList hostile{u"../../etc/passwd"_qs,
                              u"/etc/passwd"_qs,
                              u"..\\..\\boot.ini"_qs,
                              u"CON"_qs,
                              u"a"_qs + QChar(0) + u"b.txt"_qs,
                              u"tab\there.txt"_qs,
                              QString(1000, u'x'),
                              u".."_qs,
                              u""_qs};
    for (const QString &name : hostile) {
        const QString path = safeTargetPath(folder.root(), name);
        EXPECT_EQ(QFileInfo(path).absolutePath(), root) << name.toStdString();
        EXPECT_FALSE(QFileInfo::exists(path)) << name.toStdString();
        EXPECT_LE(QFileInfo(path).fileName().toUtf8().size(), kMaxFileNameBytes);
    }

    writeFile(folder.path(u"report.pdf"_qs), "first");
    EXPECT_EQ(QFileInfo(safeTargetPath(folder.root(), u"report.pdf"_qs)).fileName(), u"report (2).pdf"_qs);
    const QString written = writeNewFileIn(folder.root(), u"../report.pdf"_qs, "second");
    EXPECT_EQ(QFileInfo(written).fileName(), u"report (2).pdf"_qs);
    EXPECT_EQ(QFileInfo(writeNewFileIn(folder.root(), u"report.pdf"_qs, "third")).fileName(), u"report (3).pdf"_qs);
    QFile first(folder.path(u"report.pdf"_qs));
    ASSERT_TRUE(first.open(QIODevice::ReadOnly));
    EXPECT_EQ(first.readAll(), QByteArray("first")); // never overwritten

    // A dangling symbolic link is "taken" too: writing through it would create a file elsewhere.
    const QString outside = QDir(folder.root()).filePath(u"outside-target"_qs);
    ASSERT_TRUE(QFile::link(outside, folder.path(u"notes.txt"_qs)));
    EXPECT_EQ(QFileInfo(safeTargetPath(folder.root(), u"notes.txt"_qs)).fileName(), u"notes (2).txt"_qs);
    EXPECT_FALSE(QFileInfo::exists(outside));

    EXPECT_EQ(kindOf([&] { safeTargetPath(folder.path(u"no such folder"_qs), u"x.pdf"_qs); }), Error::Kind::NotFound);
    EXPECT_EQ(kindOf([&] { safeTargetPath(folder.path(u"report.pdf"_qs), u"x.pdf"_qs); }), Error::Kind::NotFound);
}

TEST(FileNames, PrivateTempCopiesAreForTheUserOnly)
{
    TempFolder folder;
    const QByteArray saved = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(folder.root()));
    const QString path = writePrivateTempCopy("board minutes", u"../../Board minutes.pdf"_qs);
    EXPECT_EQ(QFileInfo(path).fileName(), u"Board minutes.pdf"_qs);
    const QString dir = QFileInfo(path).absolutePath();
    EXPECT_TRUE(QFileInfo(dir).fileName().startsWith(u"quorum-open-"_qs));
    EXPECT_EQ(QFileInfo(QFileInfo(dir).absolutePath()).canonicalFilePath(),
              QFileInfo(folder.root()).canonicalFilePath());

    struct stat info {};
    ASSERT_EQ(::stat(QFile::encodeName(dir).constData(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0700u);
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0600u);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("board minutes"));
    file.close();

    const QString second = writePrivateTempCopy("other", u"Board minutes.pdf"_qs);
    EXPECT_NE(QFileInfo(second).absolutePath(), dir); // a new private folder each time

    EXPECT_EQ(removePrivateTempCopies(QDateTime::currentDateTimeUtc().addDays(-1)), 0); // too recent
    EXPECT_EQ(removePrivateTempCopies(QDateTime::currentDateTimeUtc().addSecs(60)), 2);
    EXPECT_FALSE(QFileInfo::exists(path));
    if (saved.isNull())
        qunsetenv("TMPDIR");
    else
        qputenv("TMPDIR", saved);
}

// ---- Training (C3) -----------------------------------------------------------------------------

TEST(Training, StatusBoundaries)
{
    const QDate today = fixedToday();
    auto record = [](const QDate &completed, const QDate &validUntil) {
        TrainingRecord r;
        r.course = u"NCSC board toolkit"_qs;
        r.completed = completed;
        r.validUntil = validUntil;
        return r;
    };
    EXPECT_EQ(trainingStatus({}, today), TrainingStatus::Missing);
    EXPECT_EQ(trainingStatus({record(today.addYears(-1), today)}, today),
              TrainingStatus::Current); // last valid day
    EXPECT_EQ(trainingStatus({record(today.addYears(-1), today.addDays(-1))}, today), TrainingStatus::Expired);
    EXPECT_EQ(trainingStatus({record(today.addYears(-3), QDate())}, today), TrainingStatus::Current);
    EXPECT_EQ(trainingStatus({record(today, today.addYears(1))}, today), TrainingStatus::Current);
    EXPECT_EQ(trainingStatus({record(today.addDays(1), today.addYears(1))}, today), TrainingStatus::Missing);
    EXPECT_EQ(
        trainingStatus({record(today.addYears(-2), today.addYears(-1)), record(today.addDays(-10), today.addYears(1))},
                       today),
        TrainingStatus::Current);
    EXPECT_EQ(trainingStatusKey(TrainingStatus::Expired), u"expired"_qs);
    EXPECT_EQ(trainingStatusLabel(TrainingStatus::Missing), u"No training recorded"_qs);

    auto db = createDatabase();
    const qint64 chair = db->store->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    EXPECT_EQ(db->store->trainingStatus(chair, today), TrainingStatus::Missing);
    TrainingRecord stored = record(today.addYears(-1), today.addDays(-1));
    stored.personId = chair;
    const qint64 id = db->store->addTraining(stored);
    EXPECT_EQ(db->store->trainingStatus(chair, today), TrainingStatus::Expired);
    EXPECT_EQ(db->store->trainingStatus(chair, today.addDays(-1)), TrainingStatus::Current);
    stored.id = id;
    stored.validUntil = today;
    db->store->updateTraining(stored);
    EXPECT_EQ(db->store->trainingStatus(chair, today), TrainingStatus::Current);
    EXPECT_EQ(db->store->trainingStatus(0, today), TrainingStatus::Missing);
}

TEST(Training, UpdatesAndRemovalsAreValidatedAndAudited)
{
    auto db = createDatabase();
    const qint64 chair = db->store->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const qint64 ceo = db->store->addPerson({0, u"David Okafor"_qs, u"Chief Executive"_qs, true, true});
    TrainingRecord record;
    record.personId = chair;
    record.course = u"NCSC board toolkit"_qs;
    record.completed = QDate(2025, 9, 1);
    record.validUntil = QDate(2026, 9, 1);
    record.id = db->store->addTraining(record);

    TrainingRecord changed = record;
    changed.course = u"Board cyber refresher"_qs;
    changed.validUntil = QDate();
    db->store->updateTraining(changed);
    const TrainingRecord stored = *db->store->trainingRecord(record.id);
    EXPECT_EQ(stored.course, u"Board cyber refresher"_qs);
    EXPECT_FALSE(stored.validUntil.isValid());
    AuditFilter filter;
    filter.entity = u"training"_qs;
    const QList<AuditEntry> rows = db->store->auditEntries(filter);
    ASSERT_EQ(rows.size(), 3); // added, course, valid until
    EXPECT_EQ(rows[1].record.field, u"course"_qs);
    EXPECT_EQ(rows[1].record.entityId, u"Helen Marsh"_qs);
    EXPECT_EQ(rows[2].record.field, u"valid until"_qs);
    EXPECT_EQ(rows[2].record.oldValue, u"2026-09-01"_qs);

    TrainingRecord bad = changed;
    bad.personId = ceo;
    EXPECT_EQ(kindOf([&] { db->store->updateTraining(bad); }), Error::Kind::InvalidInput);
    bad = changed;
    bad.validUntil = QDate(2020, 1, 1);
    EXPECT_EQ(kindOf([&] { db->store->updateTraining(bad); }), Error::Kind::InvalidInput);
    bad = changed;
    bad.course = u""_qs;
    EXPECT_EQ(kindOf([&] { db->store->updateTraining(bad); }), Error::Kind::InvalidInput);
    bad.id = 999;
    EXPECT_EQ(kindOf([&] { db->store->updateTraining(bad); }), Error::Kind::NotFound);

    db->store->removeTraining(record.id);
    EXPECT_TRUE(db->store->training(chair).isEmpty());
    EXPECT_EQ(db->store->auditEntries(filter).last().record.field, u"removed"_qs);
    EXPECT_EQ(kindOf([&] { db->store->removeTraining(record.id); }), Error::Kind::NotFound);
    // Re-adding with the id keeps it (what undo of a removal does).
    EXPECT_EQ(db->store->addTraining(changed), record.id);
}

// ---- Audit filters -----------------------------------------------------------------------------

TEST(AuditFilters, ByActionIncludesEvidenceThatSupportsItOrDid)
{
    auto db = createDatabase();
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    const qint64 supports = db->store->addEvidence(fileInput(u"Register"_qs, "register", {u"A1"_qs, u"B1"_qs}));
    const qint64 unrelated = db->store->addEvidence(fileInput(u"Unrelated"_qs, "other", {u"A2"_qs}));
    const qint64 moved = db->store->addEvidence(fileInput(u"Moved"_qs, "moved", {u"A1"_qs}));
    db->store->setEvidenceActions(moved, {u"C1"_qs});

    AuditFilter filter;
    filter.actionId = u"a1"_qs;
    const QList<AuditEntry> entries = db->store->auditEntries(filter);
    QSet<QString> subjects;
    for (const AuditEntry &entry : entries)
        subjects.insert(entry.record.entity + u':' + entry.record.entityId);
    EXPECT_TRUE(subjects.contains(u"assessment:A1"_qs));
    EXPECT_TRUE(subjects.contains(u"evidence:"_qs + QString::number(supports)));
    EXPECT_TRUE(subjects.contains(u"evidence:"_qs + QString::number(moved)));
    EXPECT_FALSE(subjects.contains(u"assessment:A2"_qs));
    EXPECT_FALSE(subjects.contains(u"evidence:"_qs + QString::number(unrelated)));

    filter.actionId = u"Z9"_qs;
    EXPECT_EQ(kindOf([&] { db->store->auditEntries(filter); }), Error::Kind::NotFound);
}

TEST(AuditFilters, ByPersonDateRangeSearchAndLimit)
{
    auto db = createDatabase();
    db->store->setClock(Clock(QDateTime(QDate(2026, 1, 10), QTime(10, 0), Qt::UTC)));
    const qint64 jane = db->store->addPerson({0, u"Jane Smith"_qs, u"Chair"_qs, true, true});
    db->store->setActor(u"cio"_qs, u"Jane Smith"_qs);
    db->store->setClock(Clock(QDateTime(QDate(2026, 2, 10), QTime(23, 59), Qt::UTC)));
    db->store->updateAssessment(u"A3"_qs, {{AssessmentField::Commentary, u"50% done_ok"_qs}});
    db->store->setActor(u"secretary"_qs, QString());
    db->store->setClock(Clock(QDateTime(QDate(2026, 3, 10), QTime(8, 0), Qt::UTC)));
    db->store->updateAssessment(u"A4"_qs, {{AssessmentField::Director, QVariant::fromValue(jane)}});
    db->store->updateAssessment(u"A5"_qs, {{AssessmentField::Commentary, u"500 done"_qs}});

    AuditFilter byPerson;
    byPerson.person = u"jane smith"_qs;
    QStringList fields;
    for (const AuditEntry &entry : db->store->auditEntries(byPerson))
        fields << entry.record.entityId + u' ' + entry.record.field;
    // Her own addition, the change made acting as her, and the change that made her a director.
    EXPECT_EQ(fields, (QStringList{u"Jane Smith added"_qs, u"A3 commentary"_qs, u"A4 director"_qs}));

    AuditFilter february;
    february.from = QDate(2026, 2, 1);
    february.to = QDate(2026, 2, 10); // inclusive, even at 23:59
    const QList<AuditEntry> inFebruary = db->store->auditEntries(february);
    ASSERT_EQ(inFebruary.size(), 1);
    EXPECT_EQ(inFebruary.first().record.entityId, u"A3"_qs);

    AuditFilter search;
    search.search = u"50%"_qs; // % is literal: "500 done" does not match
    ASSERT_EQ(db->store->auditEntries(search).size(), 1);
    EXPECT_EQ(db->store->auditEntries(search).first().record.entityId, u"A3"_qs);
    search.search = u"E_OK"_qs; // _ is literal and the match ignores case
    EXPECT_EQ(db->store->auditEntries(search).size(), 1);
    search.search = u"e%k"_qs;
    EXPECT_TRUE(db->store->auditEntries(search).isEmpty());

    AuditFilter limited;
    limited.limit = 2;
    const QList<AuditEntry> newest = db->store->auditEntries(limited);
    ASSERT_EQ(newest.size(), 2);
    EXPECT_EQ(newest.last().record.entityId, u"A5"_qs); // the newest rows, oldest first
    EXPECT_LT(newest.first().id, newest.last().id);
}
