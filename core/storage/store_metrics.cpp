#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <cmath>

namespace quorum {

namespace {

QString directionText(bool higherIsBetter)
{
    return higherIsBetter ? QStringLiteral("higher is better") : QStringLiteral("lower is better");
}

QString describeMetric(const Metric &metric)
{
    return QStringLiteral("%1; green %2, amber %3; %4; actions %5")
        .arg(directionText(metric.higherIsBetter), formatMetricValue(metric.greenThreshold, metric.unit),
             formatMetricValue(metric.amberThreshold, metric.unit),
             metric.unit.isEmpty() ? QStringLiteral("no unit") : metric.unit,
             metric.actionIds.join(QStringLiteral(", ")));
}

QString describeReading(const MetricReading &reading, const QString &unit)
{
    QString text =
        QStringLiteral("%1: %2").arg(reading.takenOn.toString(Qt::ISODate), formatMetricValue(reading.value, unit));
    if (!reading.note.isEmpty())
        text += QStringLiteral(" (%1)").arg(reading.note);
    return text;
}

MetricReading readReading(const SqlQuery &q)
{
    MetricReading reading;
    reading.id = q.value(0).toLongLong();
    reading.metricId = q.value(1).toLongLong();
    reading.takenOn = QDate::fromString(q.value(2).toString(), Qt::ISODate);
    reading.value = q.value(3).toDouble();
    reading.note = q.value(4).toString();
    return reading;
}

const QString kMetricSelect =
    QStringLiteral("SELECT id, name, unit, higher_is_better, green_threshold, amber_threshold, {version} FROM metric");
const QString kReadingSelect = QStringLiteral("SELECT id, metric_id, taken_on, value, note FROM metric_reading");

} // namespace

// ---- Metrics -----------------------------------------------------------------------------------

QList<Metric> Store::metrics() const
{
    SqlQuery q(db(), versioned(kMetricSelect + QStringLiteral(" ORDER BY lower(name), id")));
    q.exec();
    QList<Metric> result;
    while (q.next()) {
        Metric metric;
        metric.id = q.value(0).toLongLong();
        metric.name = q.value(1).toString();
        metric.unit = q.value(2).toString();
        metric.higherIsBetter = q.value(3).toBool();
        metric.greenThreshold = q.value(4).toDouble();
        metric.amberThreshold = q.value(5).toDouble();
        metric.version = q.value(6).toInt();
        result.append(metric);
    }
    const QHash<qint64, QStringList> links =
        linkedActions(QStringLiteral("metric_action"), QStringLiteral("metric_id"));
    for (Metric &metric : result)
        metric.actionIds = links.value(metric.id);
    return result;
}

std::optional<Metric> Store::metric(qint64 id) const
{
    SqlQuery q(db(), versioned(kMetricSelect + QStringLiteral(" WHERE id = :id")));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    Metric metric;
    metric.id = q.value(0).toLongLong();
    metric.name = q.value(1).toString();
    metric.unit = q.value(2).toString();
    metric.higherIsBetter = q.value(3).toBool();
    metric.greenThreshold = q.value(4).toDouble();
    metric.amberThreshold = q.value(5).toDouble();
    metric.version = q.value(6).toInt();
    metric.actionIds = linkedActions(QStringLiteral("metric_action"), QStringLiteral("metric_id"),
                                     QStringLiteral(":id"), {{QStringLiteral(":id"), id}})
                           .value(id);
    return metric;
}

Metric Store::metricByName(const QString &name) const
{
    const QString wanted = name.trimmed();
    QStringList names;
    for (const Metric &candidate : metrics()) {
        if (candidate.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return candidate;
        names << candidate.name;
    }
    if (names.isEmpty())
        throw Error(Error::Kind::NotFound, QStringLiteral("No metric called \"%1\" is recorded, and none is yet; "
                                                          "add one with 'metric add'.")
                                               .arg(wanted));
    throw Error(Error::Kind::NotFound, QStringLiteral("No metric called \"%1\" is recorded; closest: %2.")
                                           .arg(wanted, closestNames(wanted, names).join(QStringLiteral(", "))));
}

namespace {

/** Validates and normalises a metric's fields; @p checkAction canonicalises one action id. */
template<typename CheckAction>
Metric checkedMetric(const Metric &input, CheckAction checkAction, int maxNameChars)
{
    Metric metric = input;
    metric.name = checkedText(input.name, QStringLiteral("metric name"), maxNameChars, false);
    metric.unit = checkedText(input.unit, QStringLiteral("unit"), 40, false);
    if (metric.name.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A metric needs a name, such as \"Phishing simulation click rate\"."));
    const QString problem = metricThresholdProblem(metric);
    if (!problem.isEmpty())
        throw Error(Error::Kind::InvalidInput, problem);
    metric.actionIds.clear();
    for (const QString &actionId : input.actionIds) {
        const QString id = checkAction(actionId);
        if (!metric.actionIds.contains(id))
            metric.actionIds << id;
    }
    if (metric.actionIds.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The metric %1 must inform at least one action (for example E2).").arg(metric.name));
    return metric;
}

} // namespace

qint64 Store::addMetric(const Metric &input)
{
    Metric metric = checkedMetric(
        input, [this](const QString &id) { return checkActionId(id); }, kMaxNameChars);
    for (const Metric &existing : metrics()) {
        if (existing.name.compare(metric.name, Qt::CaseInsensitive) == 0)
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("A metric called \"%1\" already exists.").arg(existing.name));
    }
    if (input.id > 0 && this->metric(input.id))
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("Another metric now has the number %1; %2 cannot be put back.")
                        .arg(input.id)
                        .arg(metric.name));
    Transaction transaction(m_database);
    // An id is given when an undone addition is redone (or a removal undone), so commands that name it stay
    // valid.
    const qint64 id = insertRow(db(), QStringLiteral("metric"), input.id,
                                {
                                    {QStringLiteral("name"), metric.name},
                                    {QStringLiteral("unit"), metric.unit},
                                    {QStringLiteral("higher_is_better"), metric.higherIsBetter ? 1 : 0},
                                    {QStringLiteral("green_threshold"), metric.greenThreshold},
                                    {QStringLiteral("amber_threshold"), metric.amberThreshold},
                                    {QStringLiteral("created_at"), AuditTrail::timestamp(m_clock.now())},
                                });
    for (const QString &actionId : std::as_const(metric.actionIds)) {
        SqlQuery(db(), QStringLiteral("INSERT INTO metric_action (metric_id, action_id) VALUES (:m, :a)"))
            .bind(QStringLiteral(":m"), id)
            .bind(QStringLiteral(":a"), actionId)
            .exec();
    }
    audit(QStringLiteral("metric"), metric.name, QStringLiteral("added"), QString(), describeMetric(metric));
    transaction.commit();
    return id;
}

void Store::updateMetric(const Metric &input)
{
    const auto before = metric(input.id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That metric is no longer recorded."));
    const Metric after = checkedMetric(
        input, [this](const QString &id) { return checkActionId(id); }, kMaxNameChars);
    for (const Metric &existing : metrics()) {
        if (existing.id != input.id && existing.name.compare(after.name, Qt::CaseInsensitive) == 0)
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("A metric called \"%1\" already exists.").arg(existing.name));
    }
    if (*before == after)
        return;
    Transaction transaction(m_database);
    claimVersion(QStringLiteral("metric"), after.id, input.version ? input.version : before->version,
                 QStringLiteral("The metric %1").arg(before->name), QStringLiteral("metric"), before->name);
    SqlQuery(db(), QStringLiteral("UPDATE metric SET name = :name, unit = :unit, higher_is_better = :higher, "
                                  "green_threshold = :green, amber_threshold = :amber WHERE id = :id"))
        .bind(QStringLiteral(":name"), after.name)
        .bind(QStringLiteral(":unit"), after.unit)
        .bind(QStringLiteral(":higher"), after.higherIsBetter ? 1 : 0)
        .bind(QStringLiteral(":green"), after.greenThreshold)
        .bind(QStringLiteral(":amber"), after.amberThreshold)
        .bind(QStringLiteral(":id"), after.id)
        .exec();
    if (before->actionIds != after.actionIds) {
        SqlQuery(db(), QStringLiteral("DELETE FROM metric_action WHERE metric_id = :id"))
            .bind(QStringLiteral(":id"), after.id)
            .exec();
        for (const QString &actionId : after.actionIds) {
            SqlQuery(db(), QStringLiteral("INSERT INTO metric_action (metric_id, action_id) VALUES (:m, :a)"))
                .bind(QStringLiteral(":m"), after.id)
                .bind(QStringLiteral(":a"), actionId)
                .exec();
        }
    }
    const QString subject = after.name;
    if (before->name != after.name)
        audit(QStringLiteral("metric"), subject, QStringLiteral("name"), before->name, after.name);
    if (before->unit != after.unit)
        audit(QStringLiteral("metric"), subject, QStringLiteral("unit"), before->unit, after.unit);
    if (before->higherIsBetter != after.higherIsBetter)
        audit(QStringLiteral("metric"), subject, QStringLiteral("direction"), directionText(before->higherIsBetter),
              directionText(after.higherIsBetter));
    if (before->greenThreshold != after.greenThreshold)
        audit(QStringLiteral("metric"), subject, QStringLiteral("green threshold"),
              formatMetricValue(before->greenThreshold), formatMetricValue(after.greenThreshold));
    if (before->amberThreshold != after.amberThreshold)
        audit(QStringLiteral("metric"), subject, QStringLiteral("amber threshold"),
              formatMetricValue(before->amberThreshold), formatMetricValue(after.amberThreshold));
    if (before->actionIds != after.actionIds)
        audit(QStringLiteral("metric"), subject, QStringLiteral("actions"),
              before->actionIds.join(QStringLiteral(", ")), after.actionIds.join(QStringLiteral(", ")));
    transaction.commit();
}

void Store::removeMetric(qint64 id)
{
    const auto before = metric(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That metric is no longer recorded."));
    const int count = int(readings(id).size());
    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM metric_reading WHERE metric_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    SqlQuery(db(), QStringLiteral("DELETE FROM metric_action WHERE metric_id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
    SqlQuery(db(), QStringLiteral("DELETE FROM metric WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    audit(QStringLiteral("metric"), before->name, QStringLiteral("removed"),
          QStringLiteral("%1; %2 reading(s)").arg(describeMetric(*before)).arg(count), QString());
    transaction.commit();
}

// ---- Readings ----------------------------------------------------------------------------------

QList<MetricReading> Store::readings(qint64 metricId) const
{
    SqlQuery q(db(), kReadingSelect + QStringLiteral(" WHERE metric_id = :id ORDER BY taken_on, id"));
    q.bind(QStringLiteral(":id"), metricId).exec();
    QList<MetricReading> result;
    while (q.next())
        result.append(readReading(q));
    return result;
}

std::optional<MetricReading> Store::reading(qint64 id) const
{
    SqlQuery q(db(), kReadingSelect + QStringLiteral(" WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readReading(q);
}

std::optional<MetricReading> Store::latestReading(qint64 metricId, const QDate &asOf) const
{
    SqlQuery q(db(),
               kReadingSelect
                   + QStringLiteral(" WHERE metric_id = :id AND (CAST(:asOf AS TEXT) IS NULL OR taken_on <= :asOf) "
                                    "ORDER BY taken_on DESC, id DESC LIMIT 1"));
    q.bind(QStringLiteral(":id"), metricId)
        .bind(QStringLiteral(":asOf"), asOf.isValid() ? QVariant(asOf.toString(Qt::ISODate)) : QVariant())
        .exec();
    if (!q.next())
        return std::nullopt;
    return readReading(q);
}

qint64 Store::addReading(const MetricReading &input)
{
    const auto owner = metric(input.metricId);
    if (!owner)
        throw Error(Error::Kind::NotFound, QStringLiteral("That metric is no longer recorded."));
    if (!input.takenOn.isValid())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A reading of %1 needs the date it was taken.").arg(owner->name));
    if (input.takenOn > m_clock.today())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The reading of %1 is dated %2, after today; record it once it has been taken.")
                        .arg(owner->name, input.takenOn.toString(Qt::ISODate)));
    if (!std::isfinite(input.value))
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A reading of %1 must be a number.").arg(owner->name));
    MetricReading reading = input;
    reading.note = checkedText(input.note, QStringLiteral("note"), kMaxCommentaryChars, true);
    if (input.id > 0 && this->reading(input.id))
        throw Error(Error::Kind::Conflict, QStringLiteral("Another reading now has the number %1; the reading of %2 "
                                                          "cannot be put back.")
                                               .arg(input.id)
                                               .arg(owner->name));
    Transaction transaction(m_database);
    const qint64 id = insertRow(db(), QStringLiteral("metric_reading"), input.id,
                                {
                                    {QStringLiteral("metric_id"), reading.metricId},
                                    {QStringLiteral("taken_on"), reading.takenOn.toString(Qt::ISODate)},
                                    {QStringLiteral("value"), reading.value},
                                    {QStringLiteral("note"), reading.note},
                                });
    audit(QStringLiteral("metric"), owner->name, QStringLiteral("reading"), QString(),
          describeReading(reading, owner->unit));
    transaction.commit();
    return id;
}

void Store::removeReading(qint64 id)
{
    const auto before = reading(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That reading is no longer recorded."));
    const auto owner = metric(before->metricId);
    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM metric_reading WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    audit(QStringLiteral("metric"), owner ? owner->name : QString::number(before->metricId), QStringLiteral("reading"),
          describeReading(*before, owner ? owner->unit : QString()), QString());
    transaction.commit();
}

} // namespace quorum
