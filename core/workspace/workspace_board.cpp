// The Workspace's intent methods for the board: reviews, metrics, exercises and incidents.
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/workspace/undocommands.h"
#include "core/workspace/workspace.h"
namespace quorum {

namespace {

Error changedElsewhere(const QString &what)
{
    return Error(Error::Kind::Conflict, Workspace::tr("%1 was changed elsewhere since (perhaps in another window or by "
                                                      "quorum-cli); look at it again before changing it.")
                                            .arg(what));
}

} // namespace

// ---- Board reviews -----------------------------------------------------------------------------

qint64 Workspace::createReview(const QString &name, const QDate &meetingDate, const QString &decisions)
{
    const qint64 id = m_store.createReview(name, meetingDate, decisions);
    m_undoStack->push(new CreateReviewCommand(this, *m_store.review(id), m_store.reviewItems(id)));
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::setReviewDecisions(qint64 reviewId, const QString &decisions)
{
    const auto before = m_store.review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That board review no longer exists."));
    m_store.setReviewDecisions(reviewId, decisions);
    const Review after = *m_store.review(reviewId);
    if (after.decisions == before->decisions)
        return;
    m_undoStack->push(new SetReviewDecisionsCommand(this, after, before->decisions, after.decisions));
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::setReviewMeetingDate(qint64 reviewId, const QDate &meetingDate)
{
    const auto before = m_store.review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That board review no longer exists."));
    m_store.setReviewMeetingDate(reviewId, meetingDate);
    const Review after = *m_store.review(reviewId);
    if (after.meetingDate == before->meetingDate)
        return;
    m_undoStack->push(new SetReviewMeetingDateCommand(this, after, before->meetingDate, after.meetingDate));
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::removeReview(qint64 reviewId)
{
    const auto before = m_store.review(reviewId);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That board review no longer exists."));
    const QList<ReviewItem> items = m_store.reviewItems(reviewId);
    m_store.deleteReview(reviewId);
    m_undoStack->push(new RemoveReviewCommand(this, *before, items));
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::signReview(qint64 reviewId, qint64 directorId, const QString &minuteRef)
{
    // Not undoable by design: see the header. Nothing is pushed and nothing is cleared.
    m_store.signReview(reviewId, directorId, minuteRef);
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReviewRemoval(qint64 reviewId)
{
    m_store.deleteReview(reviewId);
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReviewRestore(const Review &review, const QList<ReviewItem> &items)
{
    m_store.restoreReview(review, items);
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReviewDecisions(qint64 reviewId, const QString &expected, const QString &decisions)
{
    const auto current = m_store.review(reviewId);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("That board review no longer exists."));
    if (current->decisions != expected && !current->isSigned())
        throw changedElsewhere(tr("The decisions sought of \"%1\"").arg(current->name));
    m_store.setReviewDecisions(reviewId, decisions);
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReviewMeetingDate(qint64 reviewId, const QDate &expected, const QDate &meetingDate)
{
    const auto current = m_store.review(reviewId);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("That board review no longer exists."));
    if (current->meetingDate != expected && !current->isSigned())
        throw changedElsewhere(tr("The meeting date of \"%1\"").arg(current->name));
    m_store.setReviewMeetingDate(reviewId, meetingDate);
    Q_EMIT reviewsChanged();
    Q_EMIT dataChanged();
}

// ---- Metrics -----------------------------------------------------------------------------------

qint64 Workspace::addMetric(const Metric &metric)
{
    const qint64 id = m_store.addMetric(metric);
    m_undoStack->push(new AddMetricCommand(this, *m_store.metric(id)));
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updateMetric(const Metric &metric)
{
    const auto before = m_store.metric(metric.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That metric is no longer recorded."));
    try {
        m_store.updateMetric(metric);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::metricsChanged);
        throw;
    }
    const Metric after = *m_store.metric(metric.id);
    if (after == *before)
        return;
    m_undoStack->push(new EditMetricCommand(this, *before, after));
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::removeMetric(qint64 id)
{
    const auto before = m_store.metric(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That metric is no longer recorded."));
    const QList<MetricReading> readings = m_store.readings(id);
    m_store.removeMetric(id);
    m_undoStack->push(new RemoveMetricCommand(this, *before, readings));
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

qint64 Workspace::addReading(const MetricReading &reading)
{
    const qint64 id = m_store.addReading(reading);
    const MetricReading stored = *m_store.reading(id);
    m_undoStack->push(new AddReadingCommand(this, stored, m_store.metric(stored.metricId)->name));
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::removeReading(qint64 id)
{
    const auto before = m_store.reading(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That reading is no longer recorded."));
    const auto metric = m_store.metric(before->metricId);
    m_store.removeReading(id);
    m_undoStack->push(new RemoveReadingCommand(this, *before, metric ? metric->name : QString()));
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyMetricInsert(const Metric &metric, const QList<MetricReading> &readings)
{
    // The metric and its readings come back together or not at all.
    Transaction transaction(*m_database);
    m_store.addMetric(metric);
    for (const MetricReading &reading : readings)
        m_store.addReading(reading);
    transaction.commit();
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyMetric(const Metric &expected, const Metric &values)
{
    const auto current = m_store.metric(expected.id);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("The metric %1 is no longer recorded.").arg(expected.name));
    if (*current != expected)
        throw changedElsewhere(tr("The metric %1").arg(expected.name));
    // Over exactly the version just compared with: a change made in between is refused, not overwritten.
    Metric toWrite = values;
    toWrite.version = current->version;
    m_store.updateMetric(toWrite);
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyMetricRemoval(const Metric &expected)
{
    const auto current = m_store.metric(expected.id);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("The metric %1 is no longer recorded.").arg(expected.name));
    if (*current != expected)
        throw changedElsewhere(tr("The metric %1").arg(expected.name));
    m_store.removeMetric(expected.id);
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReadingInsert(const MetricReading &reading)
{
    m_store.addReading(reading);
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyReadingRemoval(const MetricReading &expected)
{
    const auto current = m_store.reading(expected.id);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("That reading is no longer recorded."));
    if (*current != expected)
        throw changedElsewhere(tr("The reading of %1").arg(expected.takenOn.toString(Qt::ISODate)));
    m_store.removeReading(expected.id);
    Q_EMIT metricsChanged();
    Q_EMIT dataChanged();
}

// ---- Exercises and incidents -------------------------------------------------------------------

qint64 Workspace::addEvent(const BoardEvent &event)
{
    const qint64 id = m_store.addEvent(event);
    m_undoStack->push(new AddEventCommand(this, *m_store.event(id)));
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updateEvent(const BoardEvent &event)
{
    const auto before = m_store.event(event.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That exercise or incident is no longer recorded."));
    try {
        m_store.updateEvent(event);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::eventsChanged);
        throw;
    }
    const BoardEvent after = *m_store.event(event.id);
    if (after == *before)
        return;
    m_undoStack->push(new EditEventCommand(this, *before, after));
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
}

void Workspace::removeEvent(qint64 id)
{
    const auto before = m_store.event(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That exercise or incident is no longer recorded."));
    m_store.removeEvent(id);
    m_undoStack->push(new RemoveEventCommand(this, *before));
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEventInsert(const BoardEvent &event)
{
    m_store.addEvent(event);
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEvent(const BoardEvent &expected, const BoardEvent &values)
{
    const auto current = m_store.event(expected.id);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("\"%1\" is no longer recorded.").arg(expected.title));
    if (*current != expected)
        throw changedElsewhere(QStringLiteral("\"%1\"").arg(expected.title));
    // Over exactly the version just compared with: a change made in between is refused, not overwritten.
    BoardEvent toWrite = values;
    toWrite.version = current->version;
    m_store.updateEvent(toWrite);
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEventRemoval(const BoardEvent &expected)
{
    const auto current = m_store.event(expected.id);
    if (!current)
        throw Error(Error::Kind::NotFound, tr("\"%1\" is no longer recorded.").arg(expected.title));
    if (*current != expected)
        throw changedElsewhere(QStringLiteral("\"%1\"").arg(expected.title));
    m_store.removeEvent(expected.id);
    Q_EMIT eventsChanged();
    Q_EMIT dataChanged();
}

} // namespace quorum
