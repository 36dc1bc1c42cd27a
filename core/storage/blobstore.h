#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QIODevice;

namespace quorum {

/**
 * The bytes of evidence files, kept by their SHA-256 (content-addressed: a file stored twice is kept once).
 * A file of up to kChunkBytes is one row of `blob`; a larger one is a `blob` row with no bytes and its
 * content in rows of `blob_chunk` of kChunkBytes each (schema 7), so that storing, opening and verifying a
 * 100 MB file never holds it whole in memory, on either engine: the PostgreSQL driver sends a bound value as
 * text, twice the size of the bytes. Writes happen inside the caller's transaction.
 */
class BlobStore {
public:
    static constexpr qint64 kChunkBytes = 1024 * 1024;

    /** @p chunked: whether the database has blob_chunk (schema 7 or later); an older read-only file has not. */
    BlobStore(const QSqlDatabase &db, bool chunked);

    bool contains(const QString &sha256) const;
    /** The size recorded for @p sha256, or -1 when it is not stored. */
    qint64 size(const QString &sha256) const;
    /** Stores @p bytes under @p sha256 (their hash, computed by the caller) unless stored already. */
    void put(const QString &sha256, const QByteArray &bytes) const;
    /**
     * Stores @p file (open for reading, at its start) under @p sha256 and @p size, read a chunk at a time,
     * unless stored already. Throws InvalidInput, naming @p shown, when the file no longer has those bytes
     * (changed since it was hashed), which rolls the caller's transaction back.
     */
    void put(const QString &sha256, qint64 size, QIODevice &file, const QString &shown) const;
    /** The whole content of @p sha256 (empty when it is not stored), for files that are small or must be held. */
    QByteArray read(const QString &sha256) const;
    /**
     * Hands the content of @p sha256 to @p sink a chunk at a time and returns the SHA-256 of what it handed
     * over (hex); empty when nothing is stored under that hash. @p sink returns false to stop (a write failed).
     */
    QString stream(const QString &sha256, const std::function<bool(const QByteArray &)> &sink) const;
    /** Deletes the bytes of @p sha256 unless an evidence item or revision still uses them. */
    void removeIfUnused(const QString &sha256) const;

    /** Hex SHA-256 of @p bytes. */
    static QString sha256Of(const QByteArray &bytes);
    /**
     * Hex SHA-256 and size of what @p file holds from where it stands to its end, read a chunk at a time; stops
     * once more than @p maxBytes were read (a file that grows meanwhile cannot keep it reading), so a @p size
     * above @p maxBytes means "too large". Throws InvalidInput naming @p shown when a read fails.
     */
    static QString sha256Of(QIODevice &file, const QString &shown, qint64 maxBytes, qint64 *size);

private:
    QSqlDatabase m_db;
    bool m_chunked;
};

} // namespace quorum
