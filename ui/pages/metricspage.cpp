#include "ui/pages/metricspage.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/models/roles.h"
#include "core/rules/boardrules.h"
#include "core/workspace/metricchart.h"
#include "core/workspace/workspace.h"
#include "ui/charts/chartfactory.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/prompts.h"
#include "ui/widgets/ragcolors.h"
#include "ui/widgets/ragdelegate.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/widgets/recordtable.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

#include <cmath>
#include <optional>

namespace quorum {

namespace {

enum MetricColumn {
    NameColumn,
    UnitColumn,
    DirectionColumn,
    GreenColumn,
    AmberColumn,
    ActionsColumn,
    LatestColumn,
    TakenColumn,
    StatusColumn,
    MetricColumnCount
};

enum ReadingColumn { ReadingDateColumn, ReadingValueColumn, ReadingStatusColumn, ReadingNoteColumn };

/** A number as a person types it ("95", "94.5", "94,5" in a comma locale, "95%"); none if it is not one. */
std::optional<double> parseNumber(QString text)
{
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('%')))
        text = text.chopped(1).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QStringList parseActionIds(const QString &text)
{
    QStringList ids;
    for (const QString &part : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        ids << part.trimmed().toUpper();
    return ids;
}

std::optional<Rag> ragOf(MetricStatus status)
{
    switch (status) {
    case MetricStatus::Green:
        return Rag::Green;
    case MetricStatus::Amber:
        return Rag::Amber;
    case MetricStatus::Red:
        return Rag::Red;
    case MetricStatus::NoReading:
        break;
    }
    return std::nullopt;
}

/** A status cell: the word, drawn as a RAG chip by RagDelegate. */
QTableWidgetItem *statusItem(MetricStatus status)
{
    auto *item = new QTableWidgetItem(metricStatusLabel(status));
    if (const auto rag = ragOf(status))
        item->setData(RagRole, QVariant::fromValue(*rag));
    return item;
}

/** "≥ 95 %" where higher is better, "≤ 6 %" where lower is better. */
QString thresholdText(const Metric &metric, double value)
{
    return QStringLiteral("%1 %2").arg(metric.higherIsBetter ? QStringLiteral("\u2265") : QStringLiteral("\u2264"),
                                       formatMetricValue(value, metric.unit));
}

/** The bands in words, for the dialogs. */
QString bandsInWords(const Metric &metric)
{
    const QString green = formatMetricValue(metric.greenThreshold, metric.unit);
    const QString amber = formatMetricValue(metric.amberThreshold, metric.unit);
    if (metric.higherIsBetter)
        return QObject::tr("Green at %1 or more; Amber from %2 to under %1; Red (outside tolerance) under %2.")
            .arg(green, amber);
    return QObject::tr("Green at %1 or less; Amber over %1 up to %2; Red (outside tolerance) over %2.")
        .arg(green, amber);
}

} // namespace

// ---- MetricDialog --------------------------------------------------------------------------------

MetricDialog::MetricDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_name(new QLineEdit(this))
    , m_unit(new QLineEdit(this))
    , m_higher(new QRadioButton(tr("&Higher is better"), this))
    , m_lower(new QRadioButton(tr("&Lower is better"), this))
    , m_green(new QLineEdit(this))
    , m_amber(new QLineEdit(this))
    , m_actions(new QLineEdit(QStringLiteral("E2"), this))
    , m_meaning(new QLabel(this))
    , m_problem(problemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New metric"));
    m_name->setObjectName(QStringLiteral("name"));
    m_unit->setObjectName(QStringLiteral("unit"));
    m_higher->setObjectName(QStringLiteral("higher"));
    m_lower->setObjectName(QStringLiteral("lower"));
    m_green->setObjectName(QStringLiteral("green"));
    m_amber->setObjectName(QStringLiteral("amber"));
    m_actions->setObjectName(QStringLiteral("actions"));
    m_name->setMaxLength(Store::kMaxNameChars);
    m_name->setPlaceholderText(tr("for example Phishing simulation click rate"));
    m_unit->setMaxLength(40);
    m_unit->setPlaceholderText(tr("for example %, hours, days (optional)"));
    m_green->setPlaceholderText(tr("for example 95"));
    m_amber->setPlaceholderText(tr("for example 90"));
    m_actions->setPlaceholderText(tr("for example E2, C4"));
    m_higher->setChecked(true);
    auto *direction = new QButtonGroup(this);
    direction->addButton(m_higher);
    direction->addButton(m_lower);
    auto *directionRow = new QHBoxLayout;
    directionRow->addWidget(m_higher);
    directionRow->addWidget(m_lower);
    directionRow->addStretch();
    m_meaning->setTextFormat(Qt::PlainText);
    m_meaning->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Unit:"), m_unit);
    form->addRow(tr("Direction:"), directionRow);
    form->addRow(tr("&Green threshold:"), m_green);
    form->addRow(tr("&Amber threshold:"), m_amber);
    form->addRow(tr("Informs a&ctions:"), m_actions);
    auto *note = new QLabel(tr("A reading at or beyond the green threshold is Green; at or beyond the amber "
                               "threshold, Amber; short of it, Red: outside the tolerance the board agreed."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_unit, m_green, m_amber, m_actions})
        connect(edit, &QLineEdit::textChanged, this, &MetricDialog::validate);
    connect(m_higher, &QRadioButton::toggled, this, &MetricDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_meaning);
    layout->addWidget(m_problem);
    layout->addWidget(note);
    layout->addStretch();
    layout->addWidget(m_buttons);
    validate();
    resize(560, sizeHint().height());
}

void MetricDialog::setMetric(const Metric &metric)
{
    setWindowTitle(tr("Edit metric"));
    m_id = metric.id;
    m_name->setText(metric.name);
    m_unit->setText(metric.unit);
    (metric.higherIsBetter ? m_higher : m_lower)->setChecked(true);
    m_green->setText(formatMetricValue(metric.greenThreshold));
    m_amber->setText(formatMetricValue(metric.amberThreshold));
    m_actions->setText(metric.actionIds.join(QStringLiteral(", ")));
    validate();
}

Metric MetricDialog::metric() const
{
    Metric metric;
    metric.id = m_id;
    metric.name = m_name->text().trimmed();
    metric.unit = m_unit->text().trimmed();
    metric.higherIsBetter = m_higher->isChecked();
    metric.greenThreshold = parseNumber(m_green->text()).value_or(std::nan(""));
    metric.amberThreshold = parseNumber(m_amber->text()).value_or(std::nan(""));
    metric.actionIds = parseActionIds(m_actions->text());
    return metric;
}

QString MetricDialog::problem() const
{
    Metric entered = metric();
    if (entered.name.isEmpty())
        return tr("Give the metric a name.");
    if (!parseNumber(m_green->text()))
        return tr("Enter the green threshold as a number, for example 95.");
    if (!parseNumber(m_amber->text()))
        return tr("Enter the amber threshold as a number, for example 90.");
    const QString thresholds = metricThresholdProblem(entered);
    if (!thresholds.isEmpty())
        return thresholds;
    if (entered.actionIds.isEmpty())
        return tr("Name at least one action this metric informs, for example E2.");
    for (const QString &id : std::as_const(entered.actionIds)) {
        if (m_workspace->knownItem(id).isEmpty())
            return tr("There is no action \"%1\"; the actions are A1 to E5, and another framework's items are "
                      "KEY:ID (ssc:3.2).")
                .arg(id);
    }
    return {};
}

void MetricDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    const Metric entered = metric();
    const bool numbers = parseNumber(m_green->text()) && parseNumber(m_amber->text());
    m_meaning->setText(numbers && metricThresholdProblem(entered).isEmpty() ? bandsInWords(entered) : QString());
    m_meaning->setVisible(!m_meaning->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

// ---- ReadingDialog -------------------------------------------------------------------------------

ReadingDialog::ReadingDialog(const Metric &metric, const QDate &today, QWidget *parent)
    : QDialog(parent)
    , m_metric(metric)
    , m_date(new DateField(this))
    , m_value(new QLineEdit(this))
    , m_note(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Record a reading of %1").arg(metric.name));
    m_date->setObjectName(QStringLiteral("date"));
    m_value->setObjectName(QStringLiteral("value"));
    m_note->setObjectName(QStringLiteral("note"));
    m_date->setRequired(true);
    m_date->setDate(today);
    m_date->setMaximumDate(today); // a reading is recorded once it has been taken
    m_value->setPlaceholderText(metric.unit.isEmpty() ? tr("a number") : tr("a number, in %1").arg(metric.unit));
    m_note->setPlaceholderText(tr("What explains this reading (optional; shown to the board)"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 4 + 12);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *tolerance = new QLabel(bandsInWords(metric), this);
    tolerance->setTextFormat(Qt::PlainText);
    tolerance->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Tolerance:"), tolerance);
    form->addRow(tr("&Taken on:"), m_date);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(QString(), m_status);
    form->addRow(tr("&Note:"), m_note);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_value, &QLineEdit::textChanged, this, &ReadingDialog::validate);
    connect(m_date, &DateField::textEdited, this, &ReadingDialog::validate);
    connect(m_date, &DateField::dateEdited, this, &ReadingDialog::validate);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    validate();
    resize(520, sizeHint().height());
}

MetricReading ReadingDialog::reading() const
{
    MetricReading reading;
    reading.metricId = m_metric.id;
    reading.takenOn = m_date->date();
    reading.value = parseNumber(m_value->text()).value_or(0);
    reading.note = m_note->toPlainText().trimmed();
    return reading;
}

void ReadingDialog::validate()
{
    const auto value = parseNumber(m_value->text());
    if (value)
        m_status->setText(tr("This reading is %1.").arg(metricStatusLabel(metricStatus(m_metric, *value))));
    else
        m_status->setText(m_value->text().trimmed().isEmpty() ? QString() : tr("Enter the value as a number."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(value.has_value() && m_date->problem().isEmpty());
}

// ---- MetricsPage ---------------------------------------------------------------------------------

MetricsPage::MetricsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_metrics(new RecordTable({tr("Metric"), tr("Unit"), tr("Direction"), tr("Green"), tr("Amber"), tr("Actions"),
                                 tr("Latest"), tr("Taken on"), tr("Status")},
                                this))
    , m_edit(new QPushButton(tr("Ed&it..."), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_record(new QPushButton(tr("&Record reading..."), this))
    , m_removeReading(new QPushButton(tr("Remove readin&g"), this))
    , m_readingsHeading(new QLabel(this))
    , m_readings(new RecordTable({tr("Taken on"), tr("Value"), tr("Status"), tr("Note")}, this))
{
    m_chartSpec.kind = ChartSpec::Kind::Line;
    m_chart = charts::createChartView(m_chartSpec, this);

    QHeaderView *header = m_metrics->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_metrics->setItemDelegateForColumn(StatusColumn, new RagDelegate(m_metrics));
    m_metrics->setRowActions(
        workspace, [this] { editMetric(); }, [this] { removeMetric(); },
        tr("Enter or double-click edits a metric; Delete removes it."));
    m_readings->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_readings->horizontalHeader()->setStretchLastSection(true);
    m_readings->setItemDelegateForColumn(ReadingStatusColumn, new RagDelegate(m_readings));
    m_readings->setRowActions(
        workspace, {}, [this] { removeReading(); }, tr("Delete removes the selected reading."));
    m_readingsHeading->setTextFormat(Qt::PlainText);
    QFont bold = m_readingsHeading->font();
    bold.setBold(true);
    m_readingsHeading->setFont(bold);

    auto *add = new QPushButton(tr("&New metric..."), this);
    connect(add, &QPushButton::clicked, this, &MetricsPage::newMetric);
    connect(m_edit, &QPushButton::clicked, this, &MetricsPage::editMetric);
    connect(m_remove, &QPushButton::clicked, this, &MetricsPage::removeMetric);
    connect(m_record, &QPushButton::clicked, this, &MetricsPage::recordReading);
    connect(m_removeReading, &QPushButton::clicked, this, &MetricsPage::removeReading);
    connect(m_metrics, &QTableWidget::currentCellChanged, this, &MetricsPage::showSelected);
    connect(m_readings, &QTableWidget::currentCellChanged, this,
            [this] { m_removeReading->setEnabled(currentReadingId() != 0); });
    connect(workspace, &Workspace::metricsChanged, this, &MetricsPage::reload);
    for (QWidget *control : std::initializer_list<QWidget *>{add, m_edit, m_remove, m_record, m_removeReading})
        markAsEditControl(control, workspace, Capability::EditMetricsEvents);

    auto *title = new QLabel(tr("<b>Metrics (E2)</b> &mdash; the measures the board agreed, with their "
                                "tolerances; a reading short of the amber threshold is outside tolerance"),
                             this);
    QWidget *top = listPanel(this, title, m_metrics, {add, m_edit, m_remove});
    QWidget *readings = listPanel(this, m_readingsHeading, m_readings, {m_record, m_removeReading});

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(readings);
    bottom->addWidget(m_chart);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setSizes({520, 780});
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({300, 400});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(splitter);
    reload();
}

qint64 MetricsPage::currentMetricId() const
{
    return m_metrics->currentId();
}

qint64 MetricsPage::currentReadingId() const
{
    return m_readings->selectedId();
}

void MetricsPage::showMetric(qint64 metricId)
{
    m_metrics->selectId(metricId);
}

void MetricsPage::reload()
{
    const Store &store = m_workspace->store();
    const QList<Metric> metrics = store.metrics();
    m_metrics->refill(metrics.size(), [&](int row) {
        const Metric &metric = metrics[row];
        const auto latest = store.latestReading(metric.id);
        m_metrics->setRecordRow(
            row, metric.id,
            {metric.name, metric.unit, metric.higherIsBetter ? tr("Higher is better") : tr("Lower is better"),
             thresholdText(metric, metric.greenThreshold), thresholdText(metric, metric.amberThreshold),
             metric.actionIds.join(QStringLiteral(", ")),
             latest ? formatMetricValue(latest->value, metric.unit) : tr("(none)"),
             latest ? latest->takenOn.toString(Qt::ISODate) : QString()});
        m_metrics->setItem(row, StatusColumn, statusItem(metricStatus(metric, latest)));
        m_metrics->item(row, NameColumn)->setToolTip(plainForRichText(metric.name));
        for (int column : {LatestColumn, GreenColumn, AmberColumn})
            m_metrics->item(row, column)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    });
    showSelected();
}

void MetricsPage::showSelected()
{
    const qint64 id = currentMetricId();
    const auto metric = id ? m_workspace->store().metric(id) : std::nullopt;
    m_edit->setEnabled(metric.has_value());
    m_remove->setEnabled(metric.has_value());
    m_record->setEnabled(metric.has_value());
    if (!metric) {
        m_readings->refill(0, {});
        m_readingsHeading->setText(m_metrics->rowCount() == 0
                                       ? tr("No metrics yet: record the measures the board agreed with "
                                            "New metric...")
                                       : tr("Choose a metric to see its readings"));
        ChartSpec empty;
        empty.kind = ChartSpec::Kind::Line;
        charts::updateChartView(m_chart, empty, std::exchange(m_chartSpec, empty));
        m_removeReading->setEnabled(false);
        return;
    }
    const QList<MetricReading> readings = m_workspace->store().readings(id);
    m_readingsHeading->setText(readings.isEmpty() ? tr("No readings of %1 yet").arg(metric->name)
                                                  : tr("Readings of %1, newest first").arg(metric->name));
    m_readings->refill(
        readings.size(),
        [&](int row) {
            const MetricReading &reading = readings[readings.size() - 1 - row]; // newest first
            m_readings->setRecordRow(row, reading.id,
                                     {reading.takenOn.toString(Qt::ISODate),
                                      formatMetricValue(reading.value, metric->unit), QString(), reading.note});
            m_readings->item(row, ReadingValueColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_readings->setItem(row, ReadingStatusColumn, statusItem(metricStatus(*metric, reading.value)));
            m_readings->item(row, ReadingNoteColumn)->setToolTip(plainForRichText(reading.note));
        },
        false);
    m_readings->setCurrentCell(-1, -1);
    m_removeReading->setEnabled(false);
    const ChartSpec spec = metricChart(*metric, readings);
    charts::updateChartView(m_chart, spec, std::exchange(m_chartSpec, spec));
}

void MetricsPage::newMetric()
{
    MetricDialog dialog(m_workspace, this);
    execUntilSaved(dialog, tr("Metric not added"), [&] { showMetric(m_workspace->addMetric(dialog.metric())); });
}

void MetricsPage::editMetric()
{
    const auto metric = m_workspace->store().metric(currentMetricId());
    if (!metric)
        return;
    MetricDialog dialog(m_workspace, this);
    dialog.setMetric(*metric);
    int version = metric->version; // what the dialog was filled from; after a refusal, what was recorded then
    execUntilSaved(dialog, tr("Metric not changed"), [&] {
        Metric changed = dialog.metric();
        changed.version = version;
        try {
            m_workspace->updateMetric(changed);
        } catch (const Error &error) {
            if (const auto now = m_workspace->store().metric(changed.id); now && error.kind() == Error::Kind::Conflict)
                version = now->version;
            throw;
        }
    });
}

void MetricsPage::removeMetric()
{
    const auto metric = m_workspace->store().metric(currentMetricId());
    if (!metric)
        return;
    const qsizetype count = m_workspace->store().readings(metric->id).size();
    if (!confirmInPlainText(this, tr("Remove metric"),
                            tr("Remove the metric \"%1\" and its %n reading(s)? You can undo this with Edit > Undo.",
                               nullptr, int(count))
                                .arg(metric->name)))
        return;
    try {
        m_workspace->removeMetric(metric->id);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Metric not removed"), error.message());
    }
}

void MetricsPage::recordReading()
{
    const auto metric = m_workspace->store().metric(currentMetricId());
    if (!metric)
        return;
    ReadingDialog dialog(*metric, m_workspace->store().clock().today(), this);
    execUntilSaved(dialog, tr("Reading not recorded"), [&] { m_workspace->addReading(dialog.reading()); });
}

void MetricsPage::removeReading()
{
    const auto reading = m_workspace->store().reading(currentReadingId());
    const auto metric = reading ? m_workspace->store().metric(reading->metricId) : std::nullopt;
    if (!reading || !metric)
        return;
    if (!confirmInPlainText(this, tr("Remove reading"),
                            tr("Remove the reading of %1 taken on %2 (%3)? You can undo this with Edit > Undo.")
                                .arg(metric->name, reading->takenOn.toString(Qt::ISODate),
                                     formatMetricValue(reading->value, metric->unit))))
        return;
    try {
        m_workspace->removeReading(reading->id);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Reading not removed"), error.message());
    }
}

} // namespace quorum
