#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <QHash>

#include <algorithm>
#include <functional>

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

const QString kReviewSelect =
    QStringLiteral("SELECT r.id, r.name, r.meeting_date, r.created_at, r.decisions, p.name, r.signed_at, r.minute_ref "
                   "FROM review r LEFT JOIN person p ON p.id = r.signed_by");

Error signedError(const Review &review)
{
    return Error(Error::Kind::Conflict,
                 QStringLiteral("The board review \"%1\" was signed off on %2%3 and cannot be "
                                "changed; create a new review instead.")
                     .arg(review.name, review.signedAt.date().toString(Qt::ISODate),
                          review.signedBy.isEmpty() ? QString() : QStringLiteral(" by %1").arg(review.signedBy)));
}

} // namespace

qint64 Store::createReview(const QString &nameInput, const QDate &meetingDate, const QString &decisionsInput)
{
    const QString name = checkedText(nameInput, QStringLiteral("review name"), kMaxNameChars, false);
    const QString decisions =
        checkedText(decisionsInput, QStringLiteral("decisions sought"), kMaxCommentaryChars, true);
    if (name.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A board review needs a name, such as \"Board, March 2026\"."));
    if (!meetingDate.isValid())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A board review needs the date of its meeting."));
    if (reviewByName(name))
        throw Error(Error::Kind::Conflict, QStringLiteral("A board review called \"%1\" already exists.").arg(name));

    const QList<ActionState> states = actionStates();
    Transaction transaction(m_database);
    const qint64 id = insertRow(db(), QStringLiteral("review"), 0,
                                {
                                    {QStringLiteral("name"), name},
                                    {QStringLiteral("meeting_date"), meetingDate.toString(Qt::ISODate)},
                                    {QStringLiteral("created_at"), AuditTrail::timestamp(m_clock.now())},
                                    {QStringLiteral("decisions"), decisions},
                                });
    QList<ReviewItem> frozen;
    frozen.reserve(states.size());
    for (const ActionState &state : states)
        frozen << reviewItemOf(state);
    insertReviewItems(id, frozen);
    audit(QStringLiteral("review"), name, QStringLiteral("created"), QString(),
          QStringLiteral("meeting %1, %2 actions frozen").arg(meetingDate.toString(Qt::ISODate)).arg(states.size()));
    transaction.commit();
    return id;
}

void Store::insertReviewItems(qint64 reviewId, const QList<ReviewItem> &items)
{
    const auto level = [](const std::optional<int> &value) {
        return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Int));
    };
    SqlQuery item(db(),
                  QStringLiteral("INSERT INTO review_item (review_id, action_id, rating, target, owner, director, "
                                 "evidence_current, evidence_expired, commentary, maturity, maturity_target) "
                                 "VALUES (:review, :action, :rating, :target, :owner, :director, :current, "
                                 ":expired, :commentary, :maturity, :maturity_target)"));
    for (const ReviewItem &frozen : items) {
        item.bind(QStringLiteral(":review"), reviewId)
            .bind(QStringLiteral(":action"), frozen.actionId)
            .bind(QStringLiteral(":rating"), ratingKey(frozen.rating))
            .bind(QStringLiteral(":target"), ratingKey(frozen.target))
            .bind(QStringLiteral(":owner"), nullIfEmpty(frozen.owner))
            .bind(QStringLiteral(":director"), nullIfEmpty(frozen.director))
            .bind(QStringLiteral(":current"), frozen.evidenceCurrent)
            .bind(QStringLiteral(":expired"), frozen.evidenceExpired)
            .bind(QStringLiteral(":commentary"), frozen.commentary)
            .bind(QStringLiteral(":maturity"), level(frozen.maturity))
            .bind(QStringLiteral(":maturity_target"), level(frozen.maturityTarget))
            .exec();
    }
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

QList<Review> Store::reviewsHeldBy(const QDate &heldBy, int count) const
{
    SqlQuery q(db(),
               kReviewSelect
                   + QStringLiteral(" WHERE r.meeting_date <= :by ORDER BY r.meeting_date DESC, r.id DESC LIMIT :n"));
    q.bind(QStringLiteral(":by"), heldBy.toString(Qt::ISODate)).bind(QStringLiteral(":n"), std::max(count, 0)).exec();
    QList<Review> result;
    while (q.next())
        result.prepend(readReview(q));
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

namespace {

/** The columns scoring reads (action, rating, target, current and expired evidence), from @p first on. */
ReviewItem scoredReviewItem(const SqlQuery &q, int first)
{
    ReviewItem item;
    item.actionId = q.value(first).toString();
    item.rating = ratingFromKey(q.value(first + 1).toString()).value_or(Rating::NotAssessed);
    item.target = ratingFromKey(q.value(first + 2).toString()).value_or(Rating::Reasonable);
    item.evidenceCurrent = q.value(first + 3).toInt();
    item.evidenceExpired = q.value(first + 4).toInt();
    return item;
}

} // namespace

QList<ReviewItem> Store::reviewItems(qint64 reviewId) const
{
    SqlQuery q(db(),
               QStringLiteral("SELECT i.action_id, i.rating, i.target, i.evidence_current, i.evidence_expired, "
                              "i.owner, i.director, i.commentary, %1 FROM review_item i "
                              "LEFT JOIN action a ON a.id = i.action_id LEFT JOIN principle p ON p.id = a.principle_id "
                              "WHERE i.review_id = :id ORDER BY p.position, a.position, i.action_id")
                   .arg(m_maturity ? QStringLiteral("i.maturity, i.maturity_target") : QStringLiteral("NULL, NULL")));
    q.bind(QStringLiteral(":id"), reviewId).exec();
    QList<ReviewItem> result;
    while (q.next()) {
        ReviewItem item = scoredReviewItem(q, 0);
        item.owner = q.value(5).toString();
        item.director = q.value(6).toString();
        item.commentary = q.value(7).toString();
        if (!q.value(8).isNull())
            item.maturity = q.value(8).toInt();
        if (!q.value(9).isNull())
            item.maturityTarget = q.value(9).toInt();
        result.append(item);
    }
    return result;
}

QHash<qint64, QList<ReviewItem>> Store::reviewRatings() const
{
    SqlQuery q(db(), QStringLiteral("SELECT review_id, action_id, rating, target, evidence_current, evidence_expired "
                                    "FROM review_item ORDER BY review_id, action_id"));
    q.exec();
    QHash<qint64, QList<ReviewItem>> result;
    while (q.next())
        result[q.value(0).toLongLong()].append(scoredReviewItem(q, 1));
    return result;
}

QHash<qint64, QList<ReviewItem>> Store::reviewRatings(const QList<qint64> &reviewIds) const
{
    QHash<qint64, QList<ReviewItem>> result;
    if (reviewIds.isEmpty())
        return result;
    QStringList placeholders;
    for (qsizetype i = 0; i < reviewIds.size(); ++i)
        placeholders << QStringLiteral(":r%1").arg(i);
    SqlQuery q(db(), QStringLiteral("SELECT review_id, action_id, rating, target, evidence_current, evidence_expired "
                                    "FROM review_item WHERE review_id IN (%1) ORDER BY review_id, action_id")
                         .arg(placeholders.join(QStringLiteral(", "))));
    for (qsizetype i = 0; i < reviewIds.size(); ++i)
        q.bind(placeholders[i], reviewIds[i]);
    q.exec();
    while (q.next())
        result[q.value(0).toLongLong()].append(scoredReviewItem(q, 1));
    return result;
}

std::optional<Review> Store::review(qint64 id) const
{
    SqlQuery q(db(), kReviewSelect + QStringLiteral(" WHERE r.id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readReview(q);
}

Review Store::reviewNamed(const QString &name) const
{
    const QString wanted = name.trimmed();
    if (const auto found = reviewByName(wanted))
        return *found;
    QStringList names;
    for (const Review &candidate : reviews())
        names << candidate.name;
    if (names.isEmpty())
        throw Error(Error::Kind::NotFound, QStringLiteral("No board review called \"%1\" exists, and none is yet; "
                                                          "create one with 'review create'.")
                                               .arg(wanted));
    throw Error(Error::Kind::NotFound, QStringLiteral("No board review called \"%1\" exists; closest: %2.")
                                           .arg(wanted, closestNames(wanted, names).join(QStringLiteral(", "))));
}

namespace {

/**
 * Runs @p write, turning the refusal of the signed-review triggers (another program signed the review
 * after it was read) into the same message as the check made before writing.
 */
void writeUnlessSigned(const Store &store, qint64 reviewId, const std::function<void()> &write)
{
    try {
        write();
    } catch (const Error &error) {
        if (error.kind() == Error::Kind::Conflict) {
            const auto now = store.review(reviewId);
            if (now && now->isSigned())
                throw signedError(*now);
        }
        throw;
    }
}

} // namespace

void Store::signReview(qint64 reviewId, qint64 directorId, const QString &minuteRefInput)
{
    const auto before = review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
    if (before->isSigned())
        throw signedError(*before);
    const auto signer = person(directorId);
    if (!signer)
        throw Error(Error::Kind::NotFound, QStringLiteral("The person signing off is no longer recorded."));
    if (!signer->board)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is not a board member; a board review is signed off by a director, usually "
                                   "the Chair.")
                        .arg(signer->name));
    if (!signer->active)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is no longer an active director; choose a current director to sign off.")
                        .arg(signer->name));
    const QString minuteRef = checkedText(minuteRefInput, QStringLiteral("minute reference"), kMaxNameChars, false);
    if (m_clock.today() < before->meetingDate)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The board review \"%1\" is for the meeting on %2; it can be signed off on or after "
                                   "that day.")
                        .arg(before->name, before->meetingDate.toString(Qt::ISODate)));

    Transaction transaction(m_database);
    const QString at = AuditTrail::timestamp(m_clock.now());
    if (engineOf(db()) == SqlDialect::Engine::Postgres) {
        // On a server through the one function that may write a signature (migration 8): it keeps these rules
        // for any caller, lets the server decide whether this login may sign for this director (ServerAccess),
        // and writes the trail row itself, whose id it returns.
        writeUnlessSigned(*this, reviewId, [&] {
            SqlQuery sign(db(), QStringLiteral("SELECT quorum_sign_off(:id, :by, :at, :minute, :acting)"));
            sign.bind(QStringLiteral(":id"), reviewId)
                .bind(QStringLiteral(":by"), directorId)
                .bind(QStringLiteral(":at"), at)
                .bind(QStringLiteral(":minute"), minuteRef)
                .bind(QStringLiteral(":acting"), m_actingAs);
            m_database.noteOwnAuditRow(sign.scalar().toLongLong());
        });
    } else {
        writeUnlessSigned(*this, reviewId, [&] {
            SqlQuery(db(), QStringLiteral("UPDATE review SET signed_by = :by, signed_at = :at, minute_ref = :minute "
                                          "WHERE id = :id"))
                .bind(QStringLiteral(":by"), directorId)
                .bind(QStringLiteral(":at"), at)
                .bind(QStringLiteral(":minute"), nullIfEmpty(minuteRef))
                .bind(QStringLiteral(":id"), reviewId)
                .exec();
        });
        audit(QStringLiteral("review"), before->name, QStringLiteral("signed off"), QString(),
              minuteRef.isEmpty() ? QStringLiteral("by %1").arg(signer->name)
                                  : QStringLiteral("by %1, minute %2").arg(signer->name, minuteRef));
    }
    transaction.commit();
}

void Store::setReviewDecisions(qint64 reviewId, const QString &decisionsInput)
{
    const auto before = review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
    if (before->isSigned())
        throw signedError(*before);
    const QString decisions =
        checkedText(decisionsInput, QStringLiteral("decisions sought"), kMaxCommentaryChars, true);
    if (decisions == before->decisions)
        return;
    Transaction transaction(m_database);
    writeUnlessSigned(*this, reviewId, [&] {
        SqlQuery(db(), QStringLiteral("UPDATE review SET decisions = :decisions WHERE id = :id"))
            .bind(QStringLiteral(":decisions"), decisions)
            .bind(QStringLiteral(":id"), reviewId)
            .exec();
    });
    audit(QStringLiteral("review"), before->name, QStringLiteral("decisions"), before->decisions, decisions);
    transaction.commit();
}

void Store::setReviewMeetingDate(qint64 reviewId, const QDate &meetingDate)
{
    const auto before = review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
    if (before->isSigned())
        throw signedError(*before);
    if (!meetingDate.isValid())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A board review needs the date of its meeting."));
    if (meetingDate == before->meetingDate)
        return;
    Transaction transaction(m_database);
    writeUnlessSigned(*this, reviewId, [&] {
        SqlQuery(db(), QStringLiteral("UPDATE review SET meeting_date = :date WHERE id = :id"))
            .bind(QStringLiteral(":date"), meetingDate.toString(Qt::ISODate))
            .bind(QStringLiteral(":id"), reviewId)
            .exec();
    });
    audit(QStringLiteral("review"), before->name, QStringLiteral("meeting date"),
          before->meetingDate.toString(Qt::ISODate), meetingDate.toString(Qt::ISODate));
    transaction.commit();
}

void Store::deleteReview(qint64 reviewId)
{
    const auto before = review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
    if (before->isSigned())
        throw signedError(*before);
    const int items = SqlQuery(db(), QStringLiteral("SELECT count(*) FROM review_item WHERE review_id = :id"))
                          .bind(QStringLiteral(":id"), reviewId)
                          .scalar()
                          .toInt();
    Transaction transaction(m_database);
    writeUnlessSigned(*this, reviewId, [&] {
        SqlQuery(db(), QStringLiteral("DELETE FROM review_item WHERE review_id = :id"))
            .bind(QStringLiteral(":id"), reviewId)
            .exec();
        SqlQuery(db(), QStringLiteral("DELETE FROM review WHERE id = :id"))
            .bind(QStringLiteral(":id"), reviewId)
            .exec();
    });
    audit(QStringLiteral("review"), before->name, QStringLiteral("removed"),
          QStringLiteral("meeting %1, %2 actions frozen").arg(before->meetingDate.toString(Qt::ISODate)).arg(items),
          QString());
    transaction.commit();
}

void Store::restoreReview(const Review &input, const QList<ReviewItem> &items)
{
    if (input.isSigned())
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("The board review \"%1\" was signed off; a signed review is never removed, so it "
                                   "cannot be put back.")
                        .arg(input.name));
    const QString name = checkedText(input.name, QStringLiteral("review name"), kMaxNameChars, false);
    const QString decisions =
        checkedText(input.decisions, QStringLiteral("decisions sought"), kMaxCommentaryChars, true);
    if (name.isEmpty() || !input.meetingDate.isValid())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A board review needs a name and the date of its meeting."));
    if (reviewByName(name))
        throw Error(Error::Kind::Conflict, QStringLiteral("A board review called \"%1\" already exists.").arg(name));
    if (input.id > 0 && review(input.id))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("Another board review now has the number %1; \"%2\" cannot be put back.")
                        .arg(input.id)
                        .arg(name));
    Transaction transaction(m_database);
    const qint64 id =
        insertRow(db(), QStringLiteral("review"), input.id,
                  {
                      {QStringLiteral("name"), name},
                      {QStringLiteral("meeting_date"), input.meetingDate.toString(Qt::ISODate)},
                      {QStringLiteral("created_at"),
                       AuditTrail::timestamp(input.createdAt.isValid() ? input.createdAt : m_clock.now())},
                      {QStringLiteral("decisions"), decisions},
                  });
    insertReviewItems(id, items);
    audit(
        QStringLiteral("review"), name, QStringLiteral("restored"), QString(),
        QStringLiteral("meeting %1, %2 actions frozen").arg(input.meetingDate.toString(Qt::ISODate)).arg(items.size()));
    transaction.commit();
}

QList<ReviewItem> Store::liveReviewItems() const
{
    QList<ReviewItem> result;
    for (const ActionState &state : actionStates())
        result.append(reviewItemOf(state));
    return result;
}

} // namespace quorum
