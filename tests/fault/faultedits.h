#pragma once
// The edits quorum_fault_helper makes, and how a test checks that one of them is in the database. Shared by
// the helper and the tests, so both agree on what edit N writes.

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/store.h"

#include <QCryptographicHash>

namespace quorum::fault {

inline Clock clock()
{
    return Clock(QDateTime(QDate(2026, 6, 15), QTime(12, 0), Qt::UTC));
}

inline QString actionFor(qint64 n)
{
    const QStringList ids = Catalogue::builtIn().actionIds();
    return ids[static_cast<int>((n / 3) % ids.size())];
}

inline Rating ratingFor(qint64 n)
{
    static const Rating ratings[] = {Rating::Substantial, Rating::Reasonable, Rating::Limited, Rating::NoAssurance,
                                     Rating::NotAssessed};
    return ratings[n % 5];
}

inline QString personFor(qint64 n)
{
    return QStringLiteral("Person %1").arg(n);
}

inline QString evidenceTitleFor(qint64 n)
{
    return QStringLiteral("Evidence %1").arg(n);
}

/** A file of about three database pages, so that adding it writes overflow pages. */
inline QByteArray evidenceBytesFor(qint64 n)
{
    return QStringLiteral("evidence file %1\n").arg(n, 8, 10, QLatin1Char('0')).toUtf8().repeated(500);
}

inline void applyEdit(Store &store, qint64 n)
{
    switch (n % 3) {
    case 0:
        store.updateAssessment(actionFor(n), {{AssessmentField::Rating, QVariant::fromValue(ratingFor(n))},
                                              {AssessmentField::Commentary, QStringLiteral("edit %1").arg(n)}});
        break;
    case 1:
        store.addPerson({0, personFor(n), QStringLiteral("Role %1").arg(n), n % 2 == 0, true});
        break;
    default: {
        EvidenceInput input;
        input.title = evidenceTitleFor(n);
        input.isFile = true;
        input.fileName = QStringLiteral("evidence-%1.txt").arg(n);
        input.content = evidenceBytesFor(n);
        input.actionIds = {actionFor(n)};
        store.addEvidence(input);
        break;
    }
    }
}

/** Empty when edit @p n is in the database as it was committed; otherwise what is missing. */
inline QString checkEdit(const Store &store, qint64 n)
{
    switch (n % 3) {
    case 0: {
        AuditFilter filter;
        filter.entity = QStringLiteral("assessment");
        filter.entityId = actionFor(n);
        for (const AuditEntry &entry : store.auditEntries(filter)) {
            if (entry.record.field == QStringLiteral("commentary")
                && entry.record.newValue == QStringLiteral("edit %1").arg(n))
                return {};
        }
        return QStringLiteral("edit %1: no audit row for the commentary of %2").arg(n).arg(actionFor(n));
    }
    case 1:
        try {
            store.personByName(personFor(n));
            return {};
        } catch (const Error &) {
            return QStringLiteral("edit %1: %2 is missing").arg(n).arg(personFor(n));
        }
    default:
        for (const Evidence &evidence : store.evidence()) {
            if (evidence.title == evidenceTitleFor(n)) {
                if (store.evidenceContent(evidence.id) != evidenceBytesFor(n))
                    return QStringLiteral("edit %1: the stored file differs").arg(n);
                return {};
            }
        }
        return QStringLiteral("edit %1: %2 is missing").arg(n).arg(evidenceTitleFor(n));
    }
}

/** The commentary an action must have after edit @p n, unless a later edit of the same action replaced it. */
inline QString commentaryFor(qint64 n)
{
    return QStringLiteral("edit %1").arg(n);
}

} // namespace quorum::fault
