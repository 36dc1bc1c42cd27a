#include "core/storage/blobstore.h"

#include "core/domain/error.h"
#include "core/storage/sql.h"

#include <QCryptographicHash>
#include <QIODevice>

namespace quorum {

namespace {

/** Reads up to one chunk of @p file; throws InvalidInput naming @p shown when the read fails. */
QByteArray readChunk(QIODevice &file, const QString &shown)
{
    QByteArray chunk(BlobStore::kChunkBytes, Qt::Uninitialized);
    qint64 filled = 0;
    // A read may return less than asked before the end (pipes, network file systems): fill the chunk.
    while (filled < chunk.size()) {
        const qint64 got = file.read(chunk.data() + filled, chunk.size() - filled);
        if (got < 0)
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("Cannot read %1 (%2); check the disk or copy the file somewhere else first.")
                            .arg(shown, file.errorString()));
        if (got == 0)
            break;
        filled += got;
    }
    chunk.truncate(filled);
    return chunk;
}

} // namespace

BlobStore::BlobStore(const QSqlDatabase &db, bool chunked)
    : m_db(db)
    , m_chunked(chunked)
{
}

QString BlobStore::sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString BlobStore::sha256Of(QIODevice &file, const QString &shown, qint64 maxBytes, qint64 *size)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    while (total <= maxBytes) {
        const QByteArray chunk = readChunk(file, shown);
        if (chunk.isEmpty())
            break;
        hash.addData(chunk);
        total += chunk.size();
    }
    if (size)
        *size = total;
    return QString::fromLatin1(hash.result().toHex());
}

bool BlobStore::contains(const QString &sha256) const
{
    return size(sha256) >= 0;
}

qint64 BlobStore::size(const QString &sha256) const
{
    SqlQuery q(m_db, QStringLiteral("SELECT size FROM blob WHERE sha256 = :sha"));
    q.bind(QStringLiteral(":sha"), sha256).exec();
    return q.next() ? q.value(0).toLongLong() : -1;
}

void BlobStore::put(const QString &sha256, const QByteArray &bytes) const
{
    if (contains(sha256))
        return;
    const bool inChunks = m_chunked && bytes.size() > kChunkBytes;
    SqlQuery(m_db, QStringLiteral("INSERT INTO blob (sha256, size, data) VALUES (:sha, :size, :data)"))
        .bind(QStringLiteral(":sha"), sha256)
        .bind(QStringLiteral(":size"), bytes.size())
        .bind(QStringLiteral(":data"), inChunks ? QByteArray() : bytes)
        .exec();
    if (!inChunks)
        return;
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO blob_chunk (sha256, seq, data) VALUES (:sha, :seq, :data)"));
    for (qsizetype offset = 0, seq = 0; offset < bytes.size(); offset += kChunkBytes, ++seq) {
        insert.bind(QStringLiteral(":sha"), sha256)
            .bind(QStringLiteral(":seq"), seq)
            .bind(QStringLiteral(":data"), bytes.mid(offset, kChunkBytes))
            .exec();
    }
}

void BlobStore::put(const QString &sha256, qint64 size, QIODevice &file, const QString &shown) const
{
    if (contains(sha256))
        return;
    const auto changed = [&shown] {
        return Error(Error::Kind::InvalidInput,
                     QStringLiteral("%1 changed while it was being stored; nothing was stored. Add it again once it "
                                    "is saved.")
                         .arg(shown));
    };
    if (!m_chunked || size <= kChunkBytes) { // small, or an old file, which keeps every file whole
        QByteArray bytes;
        for (QByteArray chunk = readChunk(file, shown); !chunk.isEmpty(); chunk = readChunk(file, shown)) {
            bytes += chunk;
            if (bytes.size() > size)
                throw changed();
        }
        if (bytes.size() != size || sha256Of(bytes) != sha256)
            throw changed();
        put(sha256, bytes);
        return;
    }
    SqlQuery(m_db, QStringLiteral("INSERT INTO blob (sha256, size, data) VALUES (:sha, :size, :data)"))
        .bind(QStringLiteral(":sha"), sha256)
        .bind(QStringLiteral(":size"), size)
        .bind(QStringLiteral(":data"), QByteArray())
        .exec();
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO blob_chunk (sha256, seq, data) VALUES (:sha, :seq, :data)"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    for (int seq = 0;; ++seq) {
        const QByteArray chunk = readChunk(file, shown);
        if (chunk.isEmpty())
            break;
        total += chunk.size();
        if (total > size)
            throw changed();
        hash.addData(chunk);
        insert.bind(QStringLiteral(":sha"), sha256)
            .bind(QStringLiteral(":seq"), seq)
            .bind(QStringLiteral(":data"), chunk)
            .exec();
    }
    if (total != size || QString::fromLatin1(hash.result().toHex()) != sha256)
        throw changed();
}

QString BlobStore::stream(const QString &sha256, const std::function<bool(const QByteArray &)> &sink) const
{
    SqlQuery q(m_db, QStringLiteral("SELECT size, data FROM blob WHERE sha256 = :sha"));
    q.bind(QStringLiteral(":sha"), sha256).exec();
    if (!q.next())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 size = q.value(0).toLongLong();
    const QByteArray inline_ = q.value(1).toByteArray();
    // Bytes in the row itself, unless the row is empty for a file that has some: then they are in chunks.
    if (!inline_.isEmpty() || size == 0 || !m_chunked) {
        hash.addData(inline_);
        if (!inline_.isEmpty())
            sink(inline_);
        return QString::fromLatin1(hash.result().toHex());
    }
    // One chunk per statement: the PostgreSQL driver reads a result whole, so a query over every chunk would
    // hold the whole file (as text) at once.
    SqlQuery chunk(m_db, QStringLiteral("SELECT data FROM blob_chunk WHERE sha256 = :sha AND seq = :seq"));
    for (int seq = 0;; ++seq) {
        chunk.bind(QStringLiteral(":sha"), sha256).bind(QStringLiteral(":seq"), seq).exec();
        if (!chunk.next())
            break;
        const QByteArray bytes = chunk.value(0).toByteArray();
        hash.addData(bytes);
        if (!sink(bytes))
            break;
    }
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray BlobStore::read(const QString &sha256) const
{
    QByteArray content;
    stream(sha256, [&content](const QByteArray &bytes) {
        content += bytes;
        return true;
    });
    return content;
}

void BlobStore::removeIfUnused(const QString &sha256) const
{
    const QString unused = QStringLiteral("sha256 = :sha AND NOT EXISTS (SELECT 1 FROM evidence WHERE sha256 = :sha) "
                                          "AND NOT EXISTS (SELECT 1 FROM evidence_revision WHERE sha256 = :sha)");
    if (m_chunked)
        SqlQuery(m_db, QStringLiteral("DELETE FROM blob_chunk WHERE ") + unused)
            .bind(QStringLiteral(":sha"), sha256)
            .exec();
    SqlQuery(m_db, QStringLiteral("DELETE FROM blob WHERE ") + unused).bind(QStringLiteral(":sha"), sha256).exec();
}

} // namespace quorum
