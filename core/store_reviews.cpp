#include "database.h"
#include "error.h"
#include "sql.h"
#include "store.h"

namespace quorum {

namespace {

Review readReview(const SqlQuery &q)
{
    Review review;
    review.id = q.value(0).toLongLong();
    review.name = q.value(1).toString();
    review.meetingDate = QDate::fromString(q.value(2).toString(), Qt::ISODate);
    review.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    review.decisions = q.value(4).toString();
    review.signedBy = q.value(5).toString();
    review.signedAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
    review.minuteRef = q.value(7).toString();
    return review;
}

const QString kReviewSelect = QStringLiteral(
    "SELECT r.id, r.name, r.meeting_date, r.created_at, r.decisions, p.name, r.signed_at, r.minute_ref "
    "FROM review r LEFT JOIN person p ON p.id = r.signed_by");

} // namespace

qint64 Store::createReview(const QString &nameInput, const QDate &meetingDate, const QString &decisionsInput)
{
    const QString name = checkedText(nameInput, QStringLiteral("review name"), kMaxNameChars, false);
    const QString decisions = checkedText(decisionsInput, QStringLiteral("decisions sought"), kMaxCommentaryChars, true);
    if (name.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A board review needs a name, such as \"Board, March 2026\"."));
    if (!meetingDate.isValid())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A board review needs the date of its meeting."));
    if (reviewByName(name))
        throw Error(Error::Kind::Conflict, QStringLiteral("A board review called \"%1\" already exists.").arg(name));

    const QList<ActionState> states = actionStates();
    Transaction transaction(m_database);
    SqlQuery insert(db(), QStringLiteral("INSERT INTO review (name, meeting_date, created_at, decisions) "
                                         "VALUES (:name, :date, :created, :decisions)"));
    insert.bind(QStringLiteral(":name"), name)
        .bind(QStringLiteral(":date"), meetingDate.toString(Qt::ISODate))
        .bind(QStringLiteral(":created"), AuditTrail::timestamp(m_clock.now()))
        .bind(QStringLiteral(":decisions"), decisions)
        .exec();
    const qint64 id = insert.lastInsertId();
    SqlQuery item(db(), QStringLiteral("INSERT INTO review_item (review_id, action_id, rating, target, owner, director, "
                                       "evidence_current, evidence_expired, commentary) VALUES (:review, :action, "
                                       ":rating, :target, :owner, :director, :current, :expired, :commentary)"));
    for (const ActionState &state : states) {
        item.bind(QStringLiteral(":review"), id)
            .bind(QStringLiteral(":action"), state.id)
            .bind(QStringLiteral(":rating"), ratingKey(state.assessment.rating))
            .bind(QStringLiteral(":target"), ratingKey(state.assessment.target))
            .bind(QStringLiteral(":owner"), nullIfEmpty(state.ownerName))
            .bind(QStringLiteral(":director"), nullIfEmpty(state.directorName))
            .bind(QStringLiteral(":current"), state.evidenceCurrent)
            .bind(QStringLiteral(":expired"), state.evidenceExpired)
            .bind(QStringLiteral(":commentary"), state.assessment.commentary)
            .exec();
    }
    audit(QStringLiteral("review"), name, QStringLiteral("created"), QString(),
          QStringLiteral("meeting %1, %2 actions frozen").arg(meetingDate.toString(Qt::ISODate)).arg(states.size()));
    transaction.commit();
    return id;
}

QList<Review> Store::reviews() const
{
    SqlQuery q(db(), kReviewSelect + QStringLiteral(" ORDER BY r.meeting_date, r.id"));
    q.exec();
    QList<Review> result;
    while (q.next())
        result.append(readReview(q));
    return result;
}

std::optional<Review> Store::reviewByName(const QString &name) const
{
    SqlQuery q(db(), kReviewSelect + QStringLiteral(" WHERE lower(r.name) = lower(:name)"));
    q.bind(QStringLiteral(":name"), name.trimmed()).exec();
    if (!q.next())
        return std::nullopt;
    return readReview(q);
}

QList<ReviewItem> Store::reviewItems(qint64 reviewId) const
{
    SqlQuery q(db(), QStringLiteral("SELECT i.action_id, i.rating, i.target, i.owner, i.director, i.evidence_current, "
                                    "i.evidence_expired, i.commentary FROM review_item i "
                                    "LEFT JOIN action a ON a.id = i.action_id LEFT JOIN principle p ON p.id = a.principle_id "
                                    "WHERE i.review_id = :id ORDER BY p.position, a.position, i.action_id"));
    q.bind(QStringLiteral(":id"), reviewId).exec();
    QList<ReviewItem> result;
    while (q.next()) {
        ReviewItem item;
        item.actionId = q.value(0).toString();
        item.rating = ratingFromKey(q.value(1).toString()).value_or(Rating::NotAssessed);
        item.target = ratingFromKey(q.value(2).toString()).value_or(Rating::Reasonable);
        item.owner = q.value(3).toString();
        item.director = q.value(4).toString();
        item.evidenceCurrent = q.value(5).toInt();
        item.evidenceExpired = q.value(6).toInt();
        item.commentary = q.value(7).toString();
        result.append(item);
    }
    return result;
}

} // namespace quorum
