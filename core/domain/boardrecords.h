#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The board's own records beside the actions: the metrics it agreed (E2) with their readings, and its
// incident-plan exercises and incidents (D2, D4). What they mean for the board is in rules/boardrules.h.

namespace quorum {

// ---- Metrics (action E2) -----------------------------------------------------------------------

/** A measure the board agreed, with its tolerance: green and amber thresholds in one direction. */
struct Metric {
    qint64 id = 0;
    QString name;
    QString unit;
    bool higherIsBetter = true;
    double greenThreshold = 0; ///< at or beyond this (in the good direction) the metric is Green
    double amberThreshold = 0; ///< at or beyond this, Amber; short of it, Red (outside tolerance)
    QStringList actionIds;
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;

    /** The same content, whatever the versions. */
    bool operator==(const Metric &other) const
    {
        return id == other.id && name == other.name && unit == other.unit && higherIsBetter == other.higherIsBetter
               && greenThreshold == other.greenThreshold && amberThreshold == other.amberThreshold
               && actionIds == other.actionIds;
    }
};

/** One reading of a metric. */
struct MetricReading {
    qint64 id = 0;
    qint64 metricId = 0;
    QDate takenOn;
    double value = 0;
    QString note;

    bool operator==(const MetricReading &other) const = default;
};

/**
 * Empty when the thresholds are finite and ordered with the direction (green at or beyond amber in the
 * good direction); otherwise a sentence saying what to change.
 */
QString metricThresholdProblem(const Metric &metric);

/** A value for display: at most two decimals, no trailing zeros, with the unit ("94.5 %", "12 hours"). */
QString formatMetricValue(double value, const QString &unit = {});

// ---- Exercises and incidents (actions D2, D4) ---------------------------------------------------

/** An incident-plan exercise (D2) or a real incident and its lessons (D4). */
struct BoardEvent {
    enum class Kind { Exercise, Incident };

    qint64 id = 0;
    Kind kind = Kind::Exercise;
    QDate occurredOn;
    QString title;
    QString summary;
    QString stakeholders;
    QString lessons;
    QString followUps;
    QStringList actionIds;
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;

    /** The same content, whatever the versions. */
    bool operator==(const BoardEvent &other) const
    {
        return id == other.id && kind == other.kind && occurredOn == other.occurredOn && title == other.title
               && summary == other.summary && stakeholders == other.stakeholders && lessons == other.lessons
               && followUps == other.followUps && actionIds == other.actionIds;
    }
};

/** "exercise", "incident". */
QString boardEventKindKey(BoardEvent::Kind kind);
/** "Exercise", "Incident". */
QString boardEventKindLabel(BoardEvent::Kind kind);
std::optional<BoardEvent::Kind> boardEventKindFromKey(QStringView text);

} // namespace quorum
