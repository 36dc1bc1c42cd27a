#include "core/samples/syntheticorg.h"

#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/store.h"

#include <QMultiMap>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace quorum {

namespace {

const char *const kFirstNames[] = {
    "Aisha", "Ben",     "Chloe",    "Daniel", "Eleanor", "Farid",   "Grace",   "Harry",  "Imogen", "Jack",
    "Kiran", "Laura",   "Mohammed", "Niamh",  "Oliver",  "Poppy",   "Quentin", "Rosa",   "Samuel", "Tara",
    "Umar",  "Vanessa", "William",  "Xena",   "Yusuf",   "Zara",    "Alfie",   "Bethan", "Callum", "Deborah",
    "Ewan",  "Freya",   "George",   "Hannah", "Isaac",   "Jasmine", "Kwame",   "Leah",   "Marcus", "Nadia",
    "Oscar", "Priti",   "Rhys",     "Sophie", "Theo",    "Ursula",  "Victor",  "Wendy",  "Yasmin", "Zoe",
};

const char *const kLastNames[] = {
    "Abbott",  "Bennett", "Chowdhury", "Davies",  "Evans",   "Fletcher",  "Gill",    "Hughes",  "Iqbal",  "Jones",
    "Kaur",    "Lewis",   "Morgan",    "Nwosu",   "O'Brien", "Parry",     "Quinn",   "Roberts", "Shah",   "Thomas",
    "Usman",   "Vaughan", "Walker",    "Xu",      "Young",   "Zielinski", "Ahmed",   "Brown",   "Clarke", "Doyle",
    "Edwards", "Foster",  "Green",     "Hussain", "Ingram",  "Jenkins",   "Khan",    "Lloyd",   "Mills",  "Nash",
    "Owen",    "Patel",   "Reid",      "Singh",   "Turner",  "Underwood", "Vincent", "Wood",    "Yates",  "Zaman",
};

const char *const kDirectorRoles[] = {
    "Chair",
    "Chief Executive",
    "Chief Financial Officer",
    "Senior Independent Director",
    "Non-executive Director",
    "Non-executive Director (cyber lead)",
    "Chief Operating Officer",
};

const char *const kExecutiveRoles[] = {
    "Chief Information Security Officer",
    "Chief Information Officer",
    "General Counsel",
    "Head of Internal Audit",
    "Company Secretary",
    "Head of Enterprise Risk",
    "Security Architect",
    "Risk Manager",
    "IT Service Manager",
    "Data Protection Officer",
    "Procurement Manager",
    "Head of People",
    "Business Continuity Manager",
};

const char *const kMeetingNames[] = {
    "Board",
    "Audit and Risk Committee",
    "Risk Committee",
    "Technology Committee",
    "Executive Risk Forum",
    "Operations Committee",
    "Supplier Risk Forum",
    "Security Steering Group",
    "Finance Committee",
    "People Committee",
};

const char *const kSubjects[] = {
    "access control",         "backup and recovery", "supplier assurance",  "vulnerability management",
    "incident response",      "security awareness",  "identity management", "network segmentation",
    "data classification",    "cloud security",      "endpoint protection", "privileged access",
    "logging and monitoring", "business continuity", "patch management",    "secure development",
    "risk appetite",          "third-party risk",    "asset inventory",     "threat intelligence",
};

struct DocumentKind {
    const char *title;
    EvidenceType type;
    EvidenceSource source;
    int validMonths;
};

const DocumentKind kDocumentKinds[] = {
    {"Policy", EvidenceType::Policy, EvidenceSource::Management, 24},
    {"Strategy paper", EvidenceType::Strategy, EvidenceSource::Management, 24},
    {"Management report", EvidenceType::Report, EvidenceSource::Management, 12},
    {"Board minutes extract", EvidenceType::BoardMinutes, EvidenceSource::Management, 15},
    {"Exercise record", EvidenceType::ExerciseRecord, EvidenceSource::ThirdParty, 12},
    {"Internal audit opinion", EvidenceType::AuditOpinion, EvidenceSource::InternalAudit, 12},
    {"Metric pack", EvidenceType::Metric, EvidenceSource::RiskCompliance, 6},
    {"Attestation", EvidenceType::Attestation, EvidenceSource::Management, 12},
    {"Penetration test report", EvidenceType::Report, EvidenceSource::ThirdParty, 12},
};

struct MetricKind {
    const char *name;
    const char *unit;
    bool higherIsBetter;
    double green;
    double amber;
    double start;
    const char *actions;
};

const MetricKind kMetricKinds[] = {
    {"Phishing simulation click rate", "%", false, 6, 10, 15, "C4,E2"},
    {"Mandatory security training completion", "%", true, 95, 90, 80, "C4"},
    {"Critical patches applied within 14 days", "%", true, 95, 85, 75, "A1,E2"},
    {"Tier 1 suppliers with current assurance", "%", true, 90, 75, 60, "A4,E2"},
    {"Critical services with tested recovery", "%", true, 80, 40, 10, "D1"},
    {"Mean time to contain incidents", "hours", false, 24, 48, 70, "D1,D4"},
    {"Privileged accounts reviewed in the quarter", "%", true, 100, 90, 70, "A2,E2"},
    {"Overdue high-risk audit findings", "", false, 0, 2, 8, "E4,E2"},
    {"Systems with multi-factor authentication", "%", true, 98, 90, 60, "A2,B4"},
    {"Backups restored in test", "%", true, 95, 80, 70, "D1"},
    {"Open critical vulnerabilities", "", false, 0, 3, 12, "A5,E2"},
    {"Staff reporting suspicious emails", "%", true, 70, 50, 30, "C1,C4"},
};

/** The assurance ladder ratings walk on, worst first. */
const Rating kLadder[] = {Rating::NoAssurance, Rating::Limited, Rating::Reasonable, Rating::Substantial};

QDateTime atHour(const QDate &date, int hour)
{
    return QDateTime(date, QTime(hour, 0), Qt::UTC);
}

QByteArray documentBytes(const QString &organisation, const QString &title, const QDate &effective, qint64 serial)
{
    QString text = QStringLiteral("%1\n%2\nEffective: %3\nDocument number: %4\nClassification: OFFICIAL\n\n")
                       .arg(organisation, title, effective.toString(Qt::ISODate))
                       .arg(serial);
    // A few hundred bytes to a few kilobytes: the benchmarks measure rows, not BLOB throughput.
    const int paragraphs = 1 + int(serial % 5);
    for (int i = 0; i < paragraphs; ++i)
        text += QStringLiteral("Section %1. Controls for %2 were reviewed against the agreed standard; exceptions "
                               "are listed with owners and dates and reported to the committee.\n\n")
                    .arg(i + 1)
                    .arg(title.toLower());
    return text.toUtf8();
}

/**
 * The generator's state across quarters. Everything is written through the Store; a quarter's work is
 * one transaction, so a database of the large size is written in a few dozen commits.
 */
class Generator {
public:
    Generator(Store &store, const SyntheticSize &size, const QDate &today, quint32 seed)
        : m_store(store)
        , m_size(size)
        , m_random(seed)
        , m_end(today.addDays(-7))
        , m_start(m_end.addMonths(-12 * size.years))
        , m_organisation(QStringLiteral("Synthetic %1 Organisation Ltd").arg(size.name))
    {
    }

    void setUp();
    void quarter(int index, int quarters);

private:
    /** Moves the clock on by one step of the quarter, never past the quarter's limit and never back. */
    void tick()
    {
        m_cursor = std::max(m_cursor, std::min(m_cursor.addSecs(m_step), m_cursorLimit));
        m_store.setClock(Clock(m_cursor));
    }
    /** Moves the clock to @p when, or leaves it if it is already later: the trail stays in time order. */
    void moveTo(const QDateTime &when)
    {
        m_cursor = m_cursor.isValid() ? std::max(m_cursor, when) : when;
        m_store.setClock(Clock(m_cursor));
    }
    qint64 anyExecutive() { return m_executives.at(int(m_random.bounded(quint32(m_executives.size())))); }
    qint64 anyDirector() { return m_directors.at(int(m_random.bounded(quint32(m_directors.size())))); }
    QString anyAction() { return m_actions.at(int(m_random.bounded(quint32(m_actions.size())))); }
    void addEvidence(const QDate &effective);
    void renewEvidence(const QDate &until);
    void moveRatings(const QDate &meeting);
    void recordReadings(const QDate &takenOn);
    void holdMeetings(const QDate &meeting);
    void topUpAudit(qint64 target);

    Store &m_store;
    const SyntheticSize m_size;
    QRandomGenerator m_random;
    const QDate m_end;
    const QDate m_start;
    const QString m_organisation;
    QDateTime m_cursor;
    QDateTime m_cursorLimit;
    qint64 m_step = 60;
    QStringList m_actions;
    QList<qint64> m_directors;
    QList<qint64> m_executives;
    QHash<QString, int> m_ladderIndex; ///< per action: -1 not assessed, else an index of kLadder
    QList<qint64> m_metricIds;
    QHash<qint64, double> m_metricValues;
    QMultiMap<QDate, qint64> m_reviewDue; ///< evidence by review-by date, for renewals
    QList<qint64> m_unsignedReviews;
    qint64 m_evidenceMade = 0;
    qint64 m_routineEdits = 0;
};

void Generator::setUp()
{
    moveTo(atHour(m_start, 9).addDays(-1));
    m_store.setActor(QStringLiteral("generator"));
    m_store.setOrganisation({m_organisation, QStringLiteral("OFFICIAL")});

    const int firstCount = int(std::size(kFirstNames));
    const int lastCount = int(std::size(kLastNames));
    for (int i = 0; i < m_size.people; ++i) {
        QString name = QStringLiteral("%1 %2").arg(QString::fromLatin1(kFirstNames[i % firstCount]),
                                                   QString::fromLatin1(kLastNames[(i / firstCount) % lastCount]));
        if (i >= firstCount * lastCount)
            name += QStringLiteral(" %1").arg(i / (firstCount * lastCount) + 1);
        const bool director = i < m_size.directors;
        const QString role =
            director ? QString::fromLatin1(kDirectorRoles[std::min<int>(i, int(std::size(kDirectorRoles)) - 1)])
                     : QString::fromLatin1(kExecutiveRoles[i % int(std::size(kExecutiveRoles))]);
        const qint64 id = m_store.addPerson({0, name, role, director, true});
        (director ? m_directors : m_executives).append(id);
    }

    for (const ActionState &state : m_store.actionStates())
        m_actions << state.id;
    for (int i = 0; i < m_actions.size(); ++i) {
        const QString &id = m_actions.at(i);
        AssessmentChanges changes{
            {AssessmentField::Director, QVariant::fromValue<qint64>(anyDirector())},
            {AssessmentField::Target, QVariant::fromValue(i % 4 == 0 ? Rating::Substantial : Rating::Reasonable)}};
        // One action stays unowned, as in most real registers.
        if (i != m_actions.size() - 1)
            changes.insert(AssessmentField::Owner, QVariant::fromValue<qint64>(anyExecutive()));
        m_store.updateAssessment(id, changes);
        m_ladderIndex.insert(id, -1);
    }

    for (int i = 0; i < m_size.metrics; ++i) {
        const MetricKind &kind = kMetricKinds[i % int(std::size(kMetricKinds))];
        Metric metric;
        metric.name = QString::fromLatin1(kind.name);
        if (i >= int(std::size(kMetricKinds)))
            metric.name += QStringLiteral(" (%1)").arg(i / int(std::size(kMetricKinds)) + 1);
        metric.unit = QString::fromLatin1(kind.unit);
        metric.higherIsBetter = kind.higherIsBetter;
        metric.greenThreshold = kind.green;
        metric.amberThreshold = kind.amber;
        metric.actionIds = QString::fromLatin1(kind.actions).split(QLatin1Char(','));
        const qint64 id = m_store.addMetric(metric);
        m_metricIds << id;
        m_metricValues.insert(id, kind.start);
    }
}

void Generator::addEvidence(const QDate &effective)
{
    const qint64 serial = ++m_evidenceMade;
    const DocumentKind &kind = kDocumentKinds[serial % int(std::size(kDocumentKinds))];
    const QString subject = QString::fromLatin1(kSubjects[(serial / 7) % int(std::size(kSubjects))]);
    EvidenceInput input;
    input.title = QStringLiteral("%1: %2, %3 (no. %4)")
                      .arg(QString::fromLatin1(kind.title), subject, effective.toString(QStringLiteral("MMMM yyyy")))
                      .arg(serial);
    input.type = kind.type;
    input.source = kind.source;
    input.effective = effective;
    input.reviewBy = effective.addMonths(kind.validMonths);
    const int links = 1 + int(m_random.bounded(3));
    for (int i = 0; i < links; ++i) {
        const QString action = anyAction();
        if (!input.actionIds.contains(action))
            input.actionIds << action;
    }
    if (serial % 5 == 0) {
        input.url = QStringLiteral("https://intranet.synthetic.example/documents/%1").arg(serial);
    } else {
        input.isFile = true;
        input.fileName = QStringLiteral("document-%1.txt").arg(serial);
        input.content = documentBytes(m_organisation, input.title, effective, serial);
    }
    tick();
    const qint64 id = m_store.addEvidence(input);
    m_reviewDue.insert(input.reviewBy, id);
}

void Generator::renewEvidence(const QDate &until)
{
    // Owners re-confirm most documents when they fall due; about one in fifty lapses and is left
    // expired, which keeps a realistic, growing tail of expired evidence for the attention rules.
    while (!m_reviewDue.isEmpty() && m_reviewDue.firstKey() < until) {
        const QDate due = m_reviewDue.firstKey();
        const qint64 id = m_reviewDue.take(due);
        if (m_random.bounded(50) == 0)
            continue;
        std::optional<Evidence> item = m_store.evidenceItem(id);
        if (!item)
            continue;
        item->reviewBy = due.addMonths(12);
        tick();
        m_store.updateEvidence(*item);
        m_reviewDue.insert(item->reviewBy, id);
    }
}

void Generator::moveRatings(const QDate &meeting)
{
    moveTo(atHour(meeting.addDays(-10), 15));
    for (int i = 0; i < m_actions.size(); ++i) {
        const QString &id = m_actions.at(i);
        int index = m_ladderIndex.value(id);
        // The second-to-last action is never assessed, so "not assessed" has a row at every size.
        if (i == m_actions.size() - 2)
            continue;
        const quint32 roll = m_random.bounded(100);
        if (index < 0)
            index = roll < 60 ? 1 : -1;
        else if (roll < 20 && index < 3)
            ++index;
        else if (roll >= 92 && index > 0)
            --index;
        m_ladderIndex.insert(id, index);
        if (index < 0)
            continue;
        AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(kLadder[index])},
                                  {AssessmentField::NextReview, meeting.addMonths(3)}};
        changes.insert(AssessmentField::Commentary,
                       QStringLiteral("Position for the %1 meeting: %2 assurance, with the plan tracked by the "
                                      "risk committee.")
                           .arg(meeting.toString(QStringLiteral("MMMM yyyy")), ratingLabel(kLadder[index]).toLower()));
        m_store.updateAssessment(id, changes);
    }
}

void Generator::recordReadings(const QDate &takenOn)
{
    moveTo(atHour(takenOn, 10));
    for (int i = 0; i < m_metricIds.size(); ++i) {
        const qint64 id = m_metricIds.at(i);
        const MetricKind &kind = kMetricKinds[i % int(std::size(kMetricKinds))];
        // Drift towards green, with noise large enough that a reading falls out of tolerance now and then.
        double value = m_metricValues.value(id);
        const double goal = kind.higherIsBetter ? kind.green + 2 : std::max(0.0, kind.green - 1);
        value += (goal - value) * 0.15 + (double(m_random.bounded(200)) - 100.0) / 100.0;
        if (qstrcmp(kind.unit, "%") == 0)
            value = std::clamp(value, 0.0, 100.0);
        value = std::max(0.0, std::round(value * 10) / 10);
        m_metricValues.insert(id, value);
        tick();
        m_store.addReading({0, id, takenOn, value, QString()});
    }
}

void Generator::holdMeetings(const QDate &meeting)
{
    moveTo(atHour(meeting, 17));
    QList<qint64> created;
    for (int m = 0; m < m_size.meetingsPerQuarter; ++m) {
        const QString name =
            QStringLiteral("%1 %2").arg(QString::fromLatin1(kMeetingNames[m % int(std::size(kMeetingNames))]),
                                        meeting.toString(QStringLiteral("MMMM yyyy")));
        tick();
        created << m_store.createReview(name, meeting,
                                        m == 0 ? QStringLiteral("Note the quarterly cyber report.") : QString());
    }
    // The previous quarter's reviews are signed off when their minutes are approved at this meeting.
    for (const qint64 id : std::as_const(m_unsignedReviews)) {
        tick();
        m_store.signReview(id, m_directors.first(),
                           QStringLiteral("SYN/%1/%2").arg(meeting.toString(QStringLiteral("yyyyMMdd"))).arg(id));
    }
    m_unsignedReviews = created;
}

void Generator::topUpAudit(qint64 target)
{
    // Routine edits (commentary notes and next-review dates) until the trail reaches its share of rows:
    // each writes exactly one audit row.
    for (qint64 rows = m_store.auditRowCount(); rows < target; ++rows) {
        const QString action = anyAction();
        tick();
        ++m_routineEdits;
        if (m_routineEdits % 3 == 0) {
            m_store.updateAssessment(
                action, {{AssessmentField::NextReview, m_cursor.date().addDays(30 + int(m_routineEdits % 60))}});
        } else {
            m_store.updateAssessment(action,
                                     {{AssessmentField::Commentary,
                                       QStringLiteral("Update %1 on %2: owner confirmed progress against the plan.")
                                           .arg(m_routineEdits)
                                           .arg(m_cursor.date().toString(Qt::ISODate))}});
        }
    }
}

void Generator::quarter(int index, int quarters)
{
    const QDate begin = m_start.addMonths(3 * index);
    const QDate meeting = index == quarters - 1 ? m_end.addDays(-21) : begin.addDays(84);
    const qint64 auditTarget = qint64(m_size.auditRows) * (index + 1) / quarters;
    const qint64 evidenceTarget = qint64(m_size.evidence) * (index + 1) / quarters;
    // Spread the quarter's writes over its first 70 days, so the trail reads in time order.
    const qint64 expectedRows = std::max<qint64>(1, auditTarget - m_store.auditRowCount());
    m_step = std::max<qint64>(1, qint64(70) * 86400 / expectedRows);
    m_cursorLimit = atHour(meeting.addDays(-11), 23);
    moveTo(atHour(begin, 8));

    while (m_evidenceMade < evidenceTarget) {
        const int day = int(m_random.bounded(quint32(std::max(1, int(begin.daysTo(meeting)) - 14))));
        addEvidence(begin.addDays(day));
    }
    // In the last quarter, what fell due up to today has been seen to as well.
    renewEvidence(index == quarters - 1 ? m_end.addDays(8) : begin.addMonths(3));

    // Director training each year; one director lets it lapse.
    if (index % 4 == 1) {
        moveTo(atHour(begin.addDays(20), 16));
        for (int i = 0; i < m_directors.size() - 1; ++i) {
            tick();
            const QDate completed = begin.addDays(20);
            m_store.addTraining({0, m_directors.at(i), QStringLiteral("NCSC Cyber Security Toolkit for Boards"),
                                 completed, completed.addMonths(12)});
        }
    }
    // An incident-plan exercise each year, and an incident every other quarter.
    if (index % 4 == 2 || index % 2 == 1) {
        moveTo(atHour(begin.addDays(40), 13));
        const bool exercise = index % 4 == 2;
        BoardEvent event;
        event.kind = exercise ? BoardEvent::Kind::Exercise : BoardEvent::Kind::Incident;
        event.occurredOn = begin.addDays(35);
        event.title = QStringLiteral("%1 %2, %3")
                          .arg(exercise ? QStringLiteral("Exercise:") : QStringLiteral("Incident:"),
                               QString::fromLatin1(kSubjects[index % int(std::size(kSubjects))]),
                               event.occurredOn.toString(QStringLiteral("MMMM yyyy")));
        event.summary = QStringLiteral("Summary of the %1.")
                            .arg(exercise ? QStringLiteral("exercise") : QStringLiteral("incident"));
        event.lessons = QStringLiteral("Lessons recorded and owners assigned.");
        event.actionIds = exercise ? QStringList{QStringLiteral("D2"), QStringLiteral("D1")}
                                   : QStringList{QStringLiteral("D4"), QStringLiteral("D1")};
        tick();
        m_store.addEvent(event);
    }

    moveTo(atHour(begin.addDays(45), 9));
    topUpAudit(auditTarget - m_actions.size() - m_metricIds.size() - m_size.meetingsPerQuarter * 2);
    recordReadings(meeting.addDays(-21));
    moveRatings(meeting);
    holdMeetings(meeting);
}

} // namespace

std::optional<SyntheticSize> SyntheticSize::named(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("small"))
        return SyntheticSize{QStringLiteral("small"), 2, 1, 30, 8, 500, 5000, 8};
    if (key == QLatin1String("large"))
        return SyntheticSize{QStringLiteral("large"), 10, 1, 200, 10, 20000, 200000, 12};
    if (key == QLatin1String("huge"))
        return SyntheticSize{QStringLiteral("huge"), 10, 10, 2000, 10, 200000, 2000000, 12};
    return std::nullopt;
}

QStringList SyntheticSize::names()
{
    return {QStringLiteral("small"), QStringLiteral("large"), QStringLiteral("huge")};
}

void SyntheticOrganisation::populate(Store &store, const SyntheticSize &size, const QDate &today, quint32 seed,
                                     const Progress &progress)
{
    if (size.years < 1 || size.people < 2 || size.directors < 1 || size.directors >= size.people)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A synthetic organisation needs at least a year, a "
                                                              "director and one other person."));
    const Clock original = store.clock();
    const QString originalActor = store.actor();
    const QString originalActingAs = store.actingAs();
    Generator generator(store, size, today, seed);
    const int quarters = 4 * size.years;
    try {
        {
            Transaction transaction(store.database());
            generator.setUp();
            transaction.commit();
        }
        for (int q = 0; q < quarters; ++q) {
            Transaction transaction(store.database());
            generator.quarter(q, quarters);
            transaction.commit();
            if (progress && !progress(q + 1, quarters))
                break;
        }
    } catch (...) {
        store.setClock(original);
        store.setActor(originalActor, originalActingAs);
        throw;
    }
    store.setClock(original);
    store.setActor(originalActor, originalActingAs);
}

} // namespace quorum
