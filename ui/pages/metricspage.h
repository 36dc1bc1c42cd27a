#pragma once

#include "core/domain/boardrecords.h"
#include "core/workspace/dashboard.h"
#include "ui/widgets/recordtable.h"

#include <QDialog>
#include <QWidget>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace quorum {

class DateField;

class Workspace;

/**
 * Asks for a metric (E2): name, unit, direction, green and amber thresholds and the actions it informs.
 * The thresholds and actions are checked as they are typed (with the store's own threshold rule), and OK
 * is only offered when they make sense.
 */
class MetricDialog : public QDialog {
    Q_OBJECT

public:
    MetricDialog(Workspace *workspace, QWidget *parent = nullptr);

    void setMetric(const Metric &metric);
    /** The metric entered; the id is the one given to setMetric. */
    Metric metric() const;
    /** Empty when what was entered can be saved; otherwise a sentence saying what to change. */
    QString problem() const;

private:
    void validate();

    Workspace *m_workspace;
    qint64 m_id = 0;
    QLineEdit *m_name;
    QLineEdit *m_unit;
    QRadioButton *m_higher;
    QRadioButton *m_lower;
    QLineEdit *m_green;
    QLineEdit *m_amber;
    QLineEdit *m_actions;
    QLabel *m_meaning;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

/** Asks for one reading of a metric: the date it was taken (today by default, never later), value, note. */
class ReadingDialog : public QDialog {
    Q_OBJECT

public:
    ReadingDialog(const Metric &metric, const QDate &today, QWidget *parent = nullptr);

    MetricReading reading() const;

private:
    void validate();

    Metric m_metric;
    DateField *m_date;
    QLineEdit *m_value;
    QPlainTextEdit *m_note;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

/**
 * The metrics the board agreed with their tolerances (action E2): each metric's latest reading and its
 * status in colour and words; the readings of the selected metric, and its chart over time against the
 * green, amber and red bands. New, edit and remove metrics; record and remove readings. Every change goes
 * through the workspace, so it is audited and undoable.
 */
class MetricsPage : public QWidget {
    Q_OBJECT

public:
    explicit MetricsPage(Workspace *workspace, QWidget *parent = nullptr);

    RecordTable *metricList() const { return m_metrics; }
    RecordTable *readingList() const { return m_readings; }
    /** The chart view (made by the chart layer). */
    QWidget *chartView() const { return m_chart; }
    /** The chart shown for the selected metric. */
    const ChartSpec &chartSpec() const { return m_chartSpec; }
    qint64 currentMetricId() const;
    /** Selects a metric. */
    void showMetric(qint64 metricId);

    void newMetric();
    void editMetric();
    /** Asks, then removes the selected metric with its readings. */
    void removeMetric();
    void recordReading();
    /** Asks, then removes the selected reading. */
    void removeReading();

private:
    void reload();
    void showSelected();
    qint64 currentReadingId() const;

    Workspace *m_workspace;
    RecordTable *m_metrics;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_record;
    QPushButton *m_removeReading;
    QLabel *m_readingsHeading;
    RecordTable *m_readings;
    QWidget *m_chart;
    ChartSpec m_chartSpec;
};

} // namespace quorum
