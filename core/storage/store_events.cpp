#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"
namespace quorum {

namespace {

const QString kEventSelect = QStringLiteral(
    "SELECT id, kind, occurred_on, title, summary, stakeholders, lessons, follow_ups, {version} FROM event");

BoardEvent readEvent(const SqlQuery &q)
{
    BoardEvent event;
    event.id = q.value(0).toLongLong();
    event.kind = boardEventKindFromKey(q.value(1).toString()).value_or(BoardEvent::Kind::Exercise);
    event.occurredOn = QDate::fromString(q.value(2).toString(), Qt::ISODate);
    event.title = q.value(3).toString();
    event.summary = q.value(4).toString();
    event.stakeholders = q.value(5).toString();
    event.lessons = q.value(6).toString();
    event.followUps = q.value(7).toString();
    event.version = q.value(8).toInt();
    return event;
}

QString describeEvent(const BoardEvent &event)
{
    return QStringLiteral("%1 on %2: %3")
        .arg(boardEventKindLabel(event.kind), event.occurredOn.toString(Qt::ISODate), event.title);
}

} // namespace

QList<BoardEvent> Store::events() const
{
    SqlQuery q(db(), versioned(kEventSelect + QStringLiteral(" ORDER BY occurred_on, id")));
    q.exec();
    QList<BoardEvent> result;
    while (q.next())
        result.append(readEvent(q));
    const QHash<qint64, QStringList> links = linkedActions(QStringLiteral("event_action"), QStringLiteral("event_id"));
    for (BoardEvent &event : result)
        event.actionIds = links.value(event.id);
    return result;
}

std::optional<BoardEvent> Store::event(qint64 id) const
{
    SqlQuery q(db(), versioned(kEventSelect + QStringLiteral(" WHERE id = :id")));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    BoardEvent result = readEvent(q);
    result.actionIds = linkedActions(QStringLiteral("event_action"), QStringLiteral("event_id"), QStringLiteral(":id"),
                                     {{QStringLiteral(":id"), id}})
                           .value(id);
    return result;
}

namespace {

/** Validates and normalises an event's fields; @p checkAction canonicalises one action id. */
template<typename CheckAction>
BoardEvent checkedEvent(const BoardEvent &input, const QDate &today, CheckAction checkAction)
{
    BoardEvent event = input;
    event.title = checkedText(input.title, QStringLiteral("title"), Store::kMaxNameChars, false);
    event.summary = checkedText(input.summary, QStringLiteral("summary"), Store::kMaxCommentaryChars, true);
    event.stakeholders =
        checkedText(input.stakeholders, QStringLiteral("stakeholders"), Store::kMaxCommentaryChars, true);
    event.lessons = checkedText(input.lessons, QStringLiteral("lessons learned"), Store::kMaxCommentaryChars, true);
    event.followUps = checkedText(input.followUps, QStringLiteral("follow-ups"), Store::kMaxCommentaryChars, true);
    const QString kind = boardEventKindLabel(input.kind).toLower();
    if (event.title.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("An %1 needs a title, such as \"Ransomware tabletop "
                                                              "exercise\".")
                                                   .arg(kind));
    if (!input.occurredOn.isValid())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The %1 \"%2\" needs the date it happened.").arg(kind, event.title));
    if (input.occurredOn > today)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The %1 \"%2\" is dated %3, after today; record it once it has happened.")
                        .arg(kind, event.title, input.occurredOn.toString(Qt::ISODate)));
    event.actionIds.clear();
    for (const QString &actionId : input.actionIds) {
        const QString id = checkAction(actionId);
        if (!event.actionIds.contains(id))
            event.actionIds << id;
    }
    return event;
}

} // namespace

qint64 Store::addEvent(const BoardEvent &input)
{
    const BoardEvent event =
        checkedEvent(input, m_clock.today(), [this](const QString &id) { return checkActionId(id); });
    if (input.id > 0 && this->event(input.id))
        throw Error(Error::Kind::Conflict, QStringLiteral("Another exercise or incident now has the number %1; \"%2\" "
                                                          "cannot be put back.")
                                               .arg(input.id)
                                               .arg(event.title));
    Transaction transaction(m_database);
    // An id is given when an undone addition is redone (or a removal undone), so commands that name it stay
    // valid.
    const qint64 id = insertRow(db(), QStringLiteral("event"), input.id,
                                {
                                    {QStringLiteral("kind"), boardEventKindKey(event.kind)},
                                    {QStringLiteral("occurred_on"), event.occurredOn.toString(Qt::ISODate)},
                                    {QStringLiteral("title"), event.title},
                                    {QStringLiteral("summary"), event.summary},
                                    {QStringLiteral("stakeholders"), event.stakeholders},
                                    {QStringLiteral("lessons"), event.lessons},
                                    {QStringLiteral("follow_ups"), event.followUps},
                                });
    for (const QString &actionId : event.actionIds) {
        SqlQuery(db(), QStringLiteral("INSERT INTO event_action (event_id, action_id) VALUES (:e, :a)"))
            .bind(QStringLiteral(":e"), id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    const QString subject = QString::number(id);
    audit(QStringLiteral("event"), subject, QStringLiteral("added"), QString(), describeEvent(event));
    if (!event.actionIds.isEmpty())
        audit(QStringLiteral("event"), subject, QStringLiteral("actions"), QString(),
              event.actionIds.join(QStringLiteral(", ")));
    transaction.commit();
    return id;
}

void Store::updateEvent(const BoardEvent &input)
{
    const auto before = event(input.id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That exercise or incident is no longer recorded."));
    const BoardEvent after =
        checkedEvent(input, m_clock.today(), [this](const QString &id) { return checkActionId(id); });
    if (*before == after)
        return;
    Transaction transaction(m_database);
    claimVersion(QStringLiteral("event"), after.id, input.version ? input.version : before->version,
                 QStringLiteral("\"%1\"").arg(before->title), QStringLiteral("event"), QString::number(after.id));
    SqlQuery(db(), QStringLiteral("UPDATE event SET kind = :kind, occurred_on = :date, title = :title, "
                                  "summary = :summary, stakeholders = :stakeholders, lessons = :lessons, "
                                  "follow_ups = :follow_ups WHERE id = :id"))
        .bind(QStringLiteral(":kind"), boardEventKindKey(after.kind))
        .bind(QStringLiteral(":date"), after.occurredOn.toString(Qt::ISODate))
        .bind(QStringLiteral(":title"), after.title)
        .bind(QStringLiteral(":summary"), after.summary)
        .bind(QStringLiteral(":stakeholders"), after.stakeholders)
        .bind(QStringLiteral(":lessons"), after.lessons)
        .bind(QStringLiteral(":follow_ups"), after.followUps)
        .bind(QStringLiteral(":id"), after.id)
        .exec();
    if (before->actionIds != after.actionIds) {
        SqlQuery(db(), QStringLiteral("DELETE FROM event_action WHERE event_id = :id"))
            .bind(QStringLiteral(":id"), after.id)
            .exec();
        for (const QString &actionId : after.actionIds) {
            SqlQuery(db(), QStringLiteral("INSERT INTO event_action (event_id, action_id) VALUES (:e, :a)"))
                .bind(QStringLiteral(":e"), after.id)
                .bind(QStringLiteral(":a"), actionId)
                .exec();
        }
    }
    const QString subject = QString::number(after.id);
    const auto field = [&](const QString &name, const QString &oldValue, const QString &newValue) {
        if (oldValue != newValue)
            audit(QStringLiteral("event"), subject, name, oldValue, newValue);
    };
    field(QStringLiteral("kind"), boardEventKindKey(before->kind), boardEventKindKey(after.kind));
    field(QStringLiteral("date"), before->occurredOn.toString(Qt::ISODate), after.occurredOn.toString(Qt::ISODate));
    field(QStringLiteral("title"), before->title, after.title);
    field(QStringLiteral("summary"), before->summary, after.summary);
    field(QStringLiteral("stakeholders"), before->stakeholders, after.stakeholders);
    field(QStringLiteral("lessons"), before->lessons, after.lessons);
    field(QStringLiteral("follow-ups"), before->followUps, after.followUps);
    field(QStringLiteral("actions"), before->actionIds.join(QStringLiteral(", ")),
          after.actionIds.join(QStringLiteral(", ")));
    transaction.commit();
}

void Store::removeEvent(qint64 id)
{
    const auto before = event(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That exercise or incident is no longer recorded."));
    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM event_action WHERE event_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    SqlQuery(db(), QStringLiteral("DELETE FROM event WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    audit(QStringLiteral("event"), QString::number(id), QStringLiteral("removed"), describeEvent(*before), QString());
    transaction.commit();
}

} // namespace quorum
