#pragma once

#include "core/domain/domain.h"
#include "core/storage/sql.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace quorum {

// How a whole evidence row is read, for the files of the Store that read them (store_evidence.cpp,
// store_evidenceregister.cpp): the columns of `evidence e LEFT JOIN blob b ON b.sha256 = e.sha256`, with
// {e.version} for Store::versioned, and the Evidence they make (without its actions, which are read apart).

inline const QString kEvidenceColumns =
    QStringLiteral("e.id, e.title, e.type, e.source, e.effective_date, e.review_by, e.url, e.file_name, e.sha256, "
                   "coalesce(b.size, 0), e.revision, e.created_at, {e.version}");

/** An ISO date column: invalid for NULL. */
inline QDate evidenceDateFrom(const QVariant &value)
{
    return value.isNull() ? QDate() : QDate::fromString(value.toString(), Qt::ISODate);
}

/** The Evidence of the current row of @p q, selected with kEvidenceColumns. */
inline Evidence readEvidence(const SqlQuery &q)
{
    Evidence e;
    e.id = q.value(0).toLongLong();
    e.title = q.value(1).toString();
    e.type = evidenceTypeFromKey(q.value(2).toString()).value_or(EvidenceType::Other);
    e.source = evidenceSourceFromKey(q.value(3).toString()).value_or(EvidenceSource::Management);
    e.effective = evidenceDateFrom(q.value(4));
    e.reviewBy = evidenceDateFrom(q.value(5));
    e.url = q.value(6).toString();
    e.fileName = q.value(7).toString();
    e.sha256 = q.value(8).toString();
    e.size = q.value(9).toLongLong();
    e.revision = q.value(10).toInt();
    e.createdAt = QDateTime::fromString(q.value(11).toString(), Qt::ISODateWithMs);
    e.version = q.value(12).toInt();
    return e;
}

} // namespace quorum
