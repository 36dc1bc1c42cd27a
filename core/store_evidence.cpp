#include "database.h"
#include "error.h"
#include "sql.h"
#include "store.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QUrl>

namespace quorum {

namespace {

const QString kEvidenceColumns = QStringLiteral(
    "e.id, e.title, e.type, e.source, e.effective_date, e.review_by, e.url, e.file_name, e.sha256, "
    "coalesce(b.size, 0), e.revision, e.created_at");

QDate dateFrom(const QVariant &value)
{
    return value.isNull() ? QDate() : QDate::fromString(value.toString(), Qt::ISODate);
}

Evidence readEvidence(const SqlQuery &q)
{
    Evidence e;
    e.id = q.value(0).toLongLong();
    e.title = q.value(1).toString();
    e.type = evidenceTypeFromKey(q.value(2).toString()).value_or(EvidenceType::Other);
    e.source = evidenceSourceFromKey(q.value(3).toString()).value_or(EvidenceSource::Management);
    e.effective = dateFrom(q.value(4));
    e.reviewBy = dateFrom(q.value(5));
    e.url = q.value(6).toString();
    e.fileName = q.value(7).toString();
    e.sha256 = q.value(8).toString();
    e.size = q.value(9).toLongLong();
    e.revision = q.value(10).toInt();
    e.createdAt = QDateTime::fromString(q.value(11).toString(), Qt::ISODateWithMs);
    return e;
}

} // namespace

qint64 Store::addEvidence(const EvidenceInput &input)
{
    const QString title = checkedText(input.title, QStringLiteral("evidence title"), kMaxNameChars, false);
    if (title.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence needs a title."));
    if (input.actionIds.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence must support at least one action."));
    QStringList actionIds;
    for (const QString &actionId : input.actionIds) {
        const QString id = checkActionId(actionId);
        if (!actionIds.contains(id))
            actionIds << id;
    }
    if (input.effective.isValid() && input.reviewBy.isValid() && input.reviewBy < input.effective)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The review-by date %1 is before the effective date %2.")
                        .arg(input.reviewBy.toString(Qt::ISODate), input.effective.toString(Qt::ISODate)));

    QString url;
    QString fileName;
    QString sha256;
    if (input.isFile) {
        if (input.content.size() > kMaxEvidenceBytes)
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("%1 is %2 MB; Quorum stores files up to %3 MB. Record a link to it instead.")
                            .arg(input.fileName)
                            .arg(input.content.size() / (1024 * 1024))
                            .arg(kMaxEvidenceBytes / (1024 * 1024)));
        fileName = checkedText(QFileInfo(input.fileName).fileName(), QStringLiteral("file name"), kMaxNameChars, false);
        if (fileName.isEmpty())
            throw Error(Error::Kind::InvalidInput, QStringLiteral("A stored file needs a name."));
        sha256 = QString::fromLatin1(QCryptographicHash::hash(input.content, QCryptographicHash::Sha256).toHex());
    } else {
        url = input.url.trimmed();
        const QUrl parsed(url, QUrl::StrictMode);
        const QString scheme = parsed.scheme().toLower();
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (scheme != QStringLiteral("https") && scheme != QStringLiteral("http")))
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("\"%1\" is not a web link; a link must start with https:// or http://.").arg(url));
        if (url.size() > 2000)
            throw Error(Error::Kind::InvalidInput, QStringLiteral("The link is longer than 2000 characters."));
    }

    Transaction transaction(m_database);
    if (input.isFile) {
        SqlQuery(db(), QStringLiteral("INSERT INTO blob (sha256, size, data) VALUES (:sha, :size, :data) "
                                      "ON CONFLICT (sha256) DO NOTHING"))
            .bind(QStringLiteral(":sha"), sha256)
            .bind(QStringLiteral(":size"), input.content.size())
            .bind(QStringLiteral(":data"), input.content)
            .exec();
    }
    SqlQuery insert(db(), QStringLiteral("INSERT INTO evidence (title, type, source, effective_date, review_by, url, "
                                         "sha256, file_name, revision, created_at) VALUES (:title, :type, :source, "
                                         ":effective, :review_by, :url, :sha, :file, 1, :created)"));
    insert.bind(QStringLiteral(":title"), title)
        .bind(QStringLiteral(":type"), evidenceTypeKey(input.type))
        .bind(QStringLiteral(":source"), evidenceSourceKey(input.source))
        .bind(QStringLiteral(":effective"), isoDateOrNull(input.effective))
        .bind(QStringLiteral(":review_by"), isoDateOrNull(input.reviewBy))
        .bind(QStringLiteral(":url"), nullIfEmpty(url))
        .bind(QStringLiteral(":sha"), nullIfEmpty(sha256))
        .bind(QStringLiteral(":file"), nullIfEmpty(fileName))
        .bind(QStringLiteral(":created"), AuditTrail::timestamp(m_clock.now()))
        .exec();
    const qint64 id = insert.lastInsertId();
    for (const QString &actionId : std::as_const(actionIds)) {
        SqlQuery(db(), QStringLiteral("INSERT INTO evidence_action (evidence_id, action_id) VALUES (:e, :a)"))
            .bind(QStringLiteral(":e"), id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    const QString subject = QString::number(id);
    audit(QStringLiteral("evidence"), subject, QStringLiteral("added"), QString(),
          input.isFile ? QStringLiteral("%1 (%2, sha256 %3)").arg(title, fileName, sha256)
                       : QStringLiteral("%1 (%2)").arg(title, url));
    audit(QStringLiteral("evidence"), subject, QStringLiteral("actions"), QString(),
          actionIds.join(QStringLiteral(", ")));
    transaction.commit();
    return id;
}

QList<Evidence> Store::evidence() const
{
    SqlQuery q(db(), QStringLiteral("SELECT %1 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
                                    "ORDER BY e.id")
                         .arg(kEvidenceColumns));
    q.exec();
    QList<Evidence> result;
    QHash<qint64, qsizetype> index;
    while (q.next()) {
        index.insert(q.value(0).toLongLong(), result.size());
        result.append(readEvidence(q));
    }
    SqlQuery links(db(), QStringLiteral("SELECT ea.evidence_id, ea.action_id FROM evidence_action ea "
                                        "JOIN action a ON a.id = ea.action_id JOIN principle p ON p.id = a.principle_id "
                                        "ORDER BY ea.evidence_id, p.position, a.position"));
    links.exec();
    while (links.next()) {
        const auto found = index.constFind(links.value(0).toLongLong());
        if (found != index.constEnd())
            result[*found].actionIds << links.value(1).toString();
    }
    return result;
}

std::optional<Evidence> Store::evidenceItem(qint64 id) const
{
    SqlQuery q(db(), QStringLiteral("SELECT %1 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
                                    "WHERE e.id = :id")
                         .arg(kEvidenceColumns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    Evidence e = readEvidence(q);
    SqlQuery links(db(), QStringLiteral("SELECT ea.action_id FROM evidence_action ea JOIN action a ON a.id = ea.action_id "
                                        "JOIN principle p ON p.id = a.principle_id WHERE ea.evidence_id = :id "
                                        "ORDER BY p.position, a.position"));
    links.bind(QStringLiteral(":id"), id).exec();
    while (links.next())
        e.actionIds << links.value(0).toString();
    return e;
}

QByteArray Store::evidenceContent(qint64 id) const
{
    SqlQuery q(db(), QStringLiteral("SELECT e.sha256, b.data FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
                                    "WHERE e.id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, QStringLiteral("Evidence %1 does not exist.").arg(id));
    if (q.value(0).isNull())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Evidence %1 is a link; it has no stored file.").arg(id));
    const QByteArray data = q.value(1).toByteArray();
    const QString expected = q.value(0).toString();
    const QString actual = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    if (actual != expected)
        throw Error(Error::Kind::Corrupt,
                    QStringLiteral("The stored file of evidence %1 no longer matches its SHA-256; it was changed "
                                   "outside Quorum. Restore the database from a backup.")
                        .arg(id));
    return data;
}

QList<EvidenceProblem> Store::verifyEvidence() const
{
    QList<EvidenceProblem> problems;
    // One blob at a time keeps memory flat however large the store is.
    SqlQuery shas(db(), QStringLiteral("SELECT sha256 FROM blob ORDER BY sha256"));
    shas.exec();
    QStringList bad;
    while (shas.next()) {
        const QString sha = shas.value(0).toString();
        SqlQuery blob(db(), QStringLiteral("SELECT data, size FROM blob WHERE sha256 = :sha"));
        blob.bind(QStringLiteral(":sha"), sha).exec();
        if (!blob.next())
            continue;
        const QByteArray data = blob.value(0).toByteArray();
        const QString actual = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
        if (actual != sha || data.size() != blob.value(1).toLongLong())
            bad << sha;
    }
    for (const QString &sha : std::as_const(bad)) {
        SqlQuery users(db(), QStringLiteral("SELECT id, title FROM evidence WHERE sha256 = :sha "
                                            "UNION SELECT r.evidence_id, e.title FROM evidence_revision r "
                                            "JOIN evidence e ON e.id = r.evidence_id WHERE r.sha256 = :sha ORDER BY 1"));
        users.bind(QStringLiteral(":sha"), sha).exec();
        while (users.next())
            problems.append({users.value(0).toLongLong(), users.value(1).toString(),
                             QStringLiteral("stored file does not match its SHA-256 %1").arg(sha.left(12))});
    }
    std::sort(problems.begin(), problems.end(),
              [](const EvidenceProblem &a, const EvidenceProblem &b) { return a.evidenceId < b.evidenceId; });
    return problems;
}

} // namespace quorum
