#include "core/samples/demodata.h"

#include "core/storage/store.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

namespace quorum {

namespace {

struct DemoPerson {
    const char *name;
    const char *role;
    bool board;
};

const DemoPerson kPeople[] = {
    {"Helen Marsh", "Chair", true},
    {"David Okafor", "Chief Executive", true},
    {"Priya Raman", "Chief Financial Officer", true},
    {"Rajesh Patel", "Chief Operating Officer", true},
    {"James Whitfield", "Senior Independent Director", true},
    {"Sarah Lindqvist", "Non-executive Director, Chair of Audit and Risk", true},
    {"Tom Adeyemi", "Non-executive Director (cyber lead)", true},
    {"Fiona Castell", "Non-executive Director", true},
    {"Claire Dunmore", "Chief Information Security Officer", false},
    {"Mark Elliott", "Chief Information Officer", false},
    {"Natalie Brooks", "General Counsel", false},
    {"Owen Price", "Group HR Director", false},
    {"Ayesha Khan", "Head of Internal Audit", false},
    {"Gareth Lloyd", "Company Secretary", false},
    {"Lucy Tran", "Head of Enterprise Risk", false},
};

/** Per action: owner, director, target, and what the board comments when it improves. */
struct ActionPlan {
    const char *id;
    const char *owner; ///< nullptr: unowned in the demo, so the attention list has something to say
    const char *director;
    Rating target;
    Rating atLastReview; ///< where the generated history arrives by the last board meeting
    Rating current;      ///< where it stands today
    const char *commentary;
};

const ActionPlan kPlans[] = {
    {"A1", "Mark Elliott", "David Okafor", Rating::Substantial, Rating::Reasonable, Rating::Reasonable,
     "Critical services register agreed by the executive committee; the warehouse management and route "
     "planning platforms are ranked highest."},
    {"A2", "Lucy Tran", "Sarah Lindqvist", Rating::Reasonable, Rating::Limited, Rating::Limited,
     "Cyber risks sit in the enterprise risk register with named executive owners, but two control gaps "
     "remain in the finance systems."},
    {"A3", "Claire Dunmore", "Tom Adeyemi", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Risk appetite statement approved by the board; the action plan is tracked monthly by the risk committee."},
    {"A4", "Claire Dunmore", "Priya Raman", Rating::Reasonable, Rating::Reasonable, Rating::Limited,
     "Tier 2 supplier assessments are behind plan: the haulier onboarding programme added 40 suppliers this "
     "quarter. Rating lowered from Reasonable until they are caught up."},
    {"A5", "Lucy Tran", "Sarah Lindqvist", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Quarterly risk assessment refreshed for the new depot systems and the latest NCSC threat assessment."},
    {"B1", "Claire Dunmore", "David Okafor", Rating::Reasonable, Rating::Substantial, Rating::Substantial,
     "The cyber strategy 2025-2028 is embedded in the group strategy and the annual business plan."},
    {"B2", "Claire Dunmore", "Tom Adeyemi", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Strategy mapped to the risk appetite and to NIS obligations for the port logistics contract."},
    {"B3", "Priya Raman", "Priya Raman", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Cyber budget ring-fenced at 9% of IT spend; the two open security engineer roles are still vacant."},
    {"B4", "Claire Dunmore", "Tom Adeyemi", Rating::Reasonable, Rating::Limited, Rating::Reasonable,
     "Twelve of sixteen strategy milestones delivered on time; the identity programme slipped one quarter "
     "and is now back on plan."},
    {"C1", nullptr, "Helen Marsh", Rating::Reasonable, Rating::NotAssessed, Rating::NotAssessed,
     "Culture survey shows reporting of suspicious emails up by a third; the culture programme needs an owner "
     "after the reorganisation."},
    {"C2", "Owen Price", "James Whitfield", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Acceptable use, remote working and information classification policies reissued and acknowledged."},
    {"C3", "Gareth Lloyd", "Helen Marsh", Rating::Substantial, Rating::Reasonable, Rating::Reasonable,
     "Board training through the NCSC board toolkit; one director still to complete the refresher."},
    {"C4", "Owen Price", "Fiona Castell", Rating::Reasonable, Rating::Substantial, Rating::Substantial,
     "Phishing simulation click rate is down to 6%; completion of mandatory training is 94%."},
    {"D1", "Mark Elliott", "Rajesh Patel", Rating::Substantial, Rating::Limited, Rating::Reasonable,
     "The revised incident response and recovery plan now covers all critical services; recovery times have been "
     "tested for two of five. Rating raised from Limited after the plan's approval."},
    {"D2", "Claire Dunmore", "Rajesh Patel", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Annual exercise held with the managed security provider and the insurer; lessons fed into the plan."},
    {"D3", "Natalie Brooks", "David Okafor", Rating::Reasonable, Rating::NoAssurance, Rating::NoAssurance,
     "The crisis management handbook does not yet set out regulatory reporting deadlines or who decides; "
     "General Counsel is drafting the section."},
    {"D4", "Claire Dunmore", "Rajesh Patel", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Post-incident reviews held for both notable incidents; actions tracked to closure."},
    {"E1", "Gareth Lloyd", "Helen Marsh", Rating::Reasonable, Rating::Substantial, Rating::Substantial,
     "Audit and Risk Committee terms of reference now include cyber; the NED cyber lead role is defined."},
    {"E2", "Claire Dunmore", "Sarah Lindqvist", Rating::Substantial, Rating::Substantial, Rating::Substantial,
     "Quarterly cyber report with eight metrics and agreed tolerances goes to every board meeting."},
    {"E3", "Claire Dunmore", "Tom Adeyemi", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "The CISO attends the board twice a year and meets the NED cyber lead monthly."},
    {"E4", "Ayesha Khan", "Sarah Lindqvist", Rating::Reasonable, Rating::Reasonable, Rating::Reasonable,
     "Internal audit plan includes two cyber audits a year; the external auditor reviews IT general controls."},
    {"E5", nullptr, "James Whitfield", Rating::Reasonable, Rating::NotAssessed, Rating::NotAssessed,
     "Executive briefing on the Software Security Code and NIS reforms is still to be scheduled."},
};

struct EvidenceTemplate {
    const char *title;
    EvidenceType type;
    EvidenceSource source;
    const char *actions;
    int monthsBeforeToday; ///< effective date
    int validMonths;       ///< review-by = effective + this
    bool link;
};

const EvidenceTemplate kEvidence[] = {
    {"Critical services register", EvidenceType::Report, EvidenceSource::Management, "A1", 5, 12, false},
    {"Enterprise risk register extract (cyber)", EvidenceType::Report, EvidenceSource::RiskCompliance, "A2,A5", 2, 6,
     false},
    {"Cyber risk appetite statement", EvidenceType::Policy, EvidenceSource::Management, "A3,B2", 9, 12, false},
    {"Supplier assurance review: tier 1 hauliers", EvidenceType::Report, EvidenceSource::RiskCompliance, "A4", 4, 12,
     false},
    {"Supplier assurance review: cloud providers", EvidenceType::Report, EvidenceSource::RiskCompliance, "A4", 14, 12,
     false},
    {"Threat assessment briefing", EvidenceType::Report, EvidenceSource::ThirdParty, "A5", 3, 6, true},
    {"Penetration test report, depot network", EvidenceType::Report, EvidenceSource::ThirdParty, "A5,D1", 7, 12, false},
    {"Cyber strategy 2025-2028", EvidenceType::Strategy, EvidenceSource::Management, "B1,B2,B4", 11, 24, false},
    {"Cyber budget and resourcing paper", EvidenceType::Report, EvidenceSource::Management, "B3", 13, 12, false},
    {"Strategy delivery dashboard", EvidenceType::Metric, EvidenceSource::Management, "B4", 1, 3, true},
    {"Security culture survey results", EvidenceType::Report, EvidenceSource::RiskCompliance, "C1", 8, 12, false},
    {"Acceptable use policy", EvidenceType::Policy, EvidenceSource::Management, "C2", 6, 24, false},
    {"Information classification policy", EvidenceType::Policy, EvidenceSource::Management, "C2", 20, 18, false},
    {"Board cyber training attendance record", EvidenceType::Attestation, EvidenceSource::Management, "C3", 5, 12,
     false},
    {"Security awareness programme metrics", EvidenceType::Metric, EvidenceSource::Management, "C4", 2, 3, false},
    {"Incident response and recovery plan", EvidenceType::Policy, EvidenceSource::Management, "D1,D3", 6, 12, false},
    {"Crisis management handbook", EvidenceType::Policy, EvidenceSource::Management, "D3", 10, 12, true},
    {"Exercise report: ransomware scenario", EvidenceType::ExerciseRecord, EvidenceSource::ThirdParty, "D2,D1", 10, 12,
     false},
    {"Exercise report: supplier outage", EvidenceType::ExerciseRecord, EvidenceSource::Management, "D2", 22, 12, false},
    {"Post-incident review: invoice fraud attempt", EvidenceType::Report, EvidenceSource::Management, "D4,A5", 5, 12,
     false},
    {"Audit and Risk Committee terms of reference", EvidenceType::Policy, EvidenceSource::Management, "E1", 12, 24,
     true},
    {"Internal audit opinion: IT general controls", EvidenceType::AuditOpinion, EvidenceSource::InternalAudit, "E4", 4,
     12, false},
    {"Internal audit opinion: identity and access", EvidenceType::AuditOpinion, EvidenceSource::InternalAudit, "E4,A2",
     15, 12, false},
    {"External auditor management letter", EvidenceType::AuditOpinion, EvidenceSource::ThirdParty, "E4", 8, 12, false},
    {"Regulatory obligations briefing", EvidenceType::Report, EvidenceSource::RiskCompliance, "E5", 16, 12, false},
};

/**
 * The Software Security Code, which the group follows for the software it builds and sells to its customers (the
 * customer booking portal and the driver app): adopted, with the CIO as its Senior Responsible Owner, seven months
 * ago, a month after the Code's publication anniversary brought it to the board. Per principle: owner, rating,
 * target and commentary.
 */
struct SoftwarePlan {
    const char *id;
    const char *owner; ///< nullptr: unowned, so its dashboard's attention list has something to say
    Rating rating;
    Rating target;
    const char *commentary;
};

const SoftwarePlan kSoftwarePlans[] = {
    {"ssc:1.1", "Mark Elliott", Rating::Reasonable, Rating::Reasonable,
     "Engineering follows the NCSC secure development guidance; the booking portal and the driver app were "
     "assessed against OWASP SAMM this year."},
    {"ssc:1.2", "Mark Elliott", Rating::Limited, Rating::Reasonable,
     "Software bills of materials exist for the booking portal only; the driver app's third-party libraries are "
     "not yet tracked."},
    {"ssc:1.3", "Mark Elliott", Rating::Reasonable, Rating::Reasonable,
     "Every release passes automated tests and a security review before it reaches customers."},
    {"ssc:1.4", "Claire Dunmore", Rating::Limited, Rating::Reasonable,
     "Secure defaults are agreed for new services; the legacy booking API still allows unencrypted connections."},
    {"ssc:2.1", "Claire Dunmore", Rating::Reasonable, Rating::Substantial,
     "Build servers sit behind single sign-on with hardware keys; contractor access is reviewed each quarter."},
    {"ssc:2.2", "Mark Elliott", Rating::Limited, Rating::Reasonable,
     "Pipeline changes are logged, but nobody reviews the logs routinely yet."},
    {"ssc:3.1", "Mark Elliott", Rating::Reasonable, Rating::Reasonable,
     "Releases are signed and published through the app stores and the customer portal only."},
    {"ssc:3.2", "Claire Dunmore", Rating::Substantial, Rating::Reasonable,
     "The vulnerability disclosure policy is published with a security.txt file; reports are acknowledged within "
     "two working days."},
    {"ssc:3.3", "Claire Dunmore", Rating::Reasonable, Rating::Reasonable,
     "Dependency scanning runs on every build; critical findings are fixed within 14 days."},
    {"ssc:3.4", "Natalie Brooks", Rating::Limited, Rating::Reasonable,
     "No agreed way yet to report vulnerabilities found in suppliers' components to them; General Counsel is "
     "drafting one."},
    {"ssc:3.5", "Mark Elliott", Rating::Reasonable, Rating::Reasonable,
     "Security updates to the driver app reach 95% of devices within a week; customers are told in the portal."},
    {"ssc:4.1", "Rajesh Patel", Rating::Reasonable, Rating::Reasonable,
     "Support and maintenance terms are in every customer contract for the booking platform."},
    {"ssc:4.2", "Rajesh Patel", Rating::NoAssurance, Rating::Reasonable,
     "No end-of-support notice period is set: the legacy EDI gateway retires next year without one."},
    {"ssc:4.3", nullptr, Rating::NotAssessed, Rating::Reasonable, ""},
};

/** Evidence for the Software Security Code, recorded after the group adopted it (months before today). */
const EvidenceTemplate kSoftwareEvidence[] = {
    {"Vulnerability disclosure policy", EvidenceType::Policy, EvidenceSource::Management, "ssc:3.2,A4", 6, 12, true},
    {"Secure development standard", EvidenceType::Policy, EvidenceSource::Management, "ssc:1.1,ssc:1.4", 6, 24, false},
    {"Software bill of materials: booking portal", EvidenceType::Report, EvidenceSource::Management, "ssc:1.2", 3, 6,
     false},
    {"Build pipeline access review", EvidenceType::Report, EvidenceSource::InternalAudit, "ssc:2.1,ssc:2.2", 2, 6,
     false},
    {"Release signing and distribution procedure", EvidenceType::Policy, EvidenceSource::Management, "ssc:3.1,ssc:3.5",
     5, 12, false},
    {"Dependency scanning summary", EvidenceType::Metric, EvidenceSource::Management, "ssc:3.3", 1, 3, false},
    {"Customer support and maintenance terms", EvidenceType::Policy, EvidenceSource::Management, "ssc:4.1", 5, 24,
     true},
};

/** The maturity the CISO records for each of the Code's actions (CMMI levels), and the level the board aims for. */
struct MaturityPlan {
    const char *id;
    int current;
    int target;
};

const MaturityPlan kMaturityPlans[] = {
    {"A1", 3, 3}, {"A2", 3, 3}, {"A3", 2, 3}, {"A4", 1, 3}, {"A5", 2, 3}, {"B1", 2, 3}, {"B2", 2, 3}, {"B3", 2, 2},
    {"B4", 1, 3}, {"C1", 2, 3}, {"C2", 3, 3}, {"C3", 2, 2}, {"C4", 2, 3}, {"D1", 2, 4}, {"D2", 1, 3}, {"D3", 2, 3},
    {"D4", 1, 3}, {"E1", 3, 3}, {"E2", 3, 4}, {"E3", 3, 3}, {"E4", 2, 3}, {"E5", 2, 2},
};

/** A board metric (E2) with its six quarterly readings, oldest first. */
struct MetricPlan {
    const char *name;
    const char *unit;
    bool higherIsBetter;
    double green;
    double amber;
    const char *actions;
    double readings[6];
    const char *lastNote;
};

// Exactly one metric (tier 1 supplier assurance) ends outside tolerance, matching the fall of A4.
const MetricPlan kMetrics[] = {
    {"Phishing simulation click rate", "%", false, 6, 10, "C4,E2", {14, 12, 10, 9, 7, 6}, nullptr},
    {"Mandatory security training completion", "%", true, 95, 90, "C4", {81, 86, 89, 92, 93, 94}, nullptr},
    {"Critical patches applied within 14 days", "%", true, 95, 85, "A1,E2", {78, 84, 88, 91, 95, 96}, nullptr},
    {"Tier 1 suppliers with current assurance",
     "%",
     true,
     90,
     75,
     "A4,E2",
     {62, 70, 78, 85, 80, 71},
     "Haulier onboarding added 40 suppliers this quarter; assessments are behind plan."},
    {"Critical services with tested recovery", "%", true, 80, 40, "D1", {0, 20, 20, 40, 40, 40}, nullptr},
    {"Mean time to contain incidents", "hours", false, 24, 48, "D1,D4", {60, 52, 40, 30, 22, 20}, nullptr},
    {"Privileged accounts reviewed in the quarter", "%", true, 100, 90, "A2,E2", {70, 85, 92, 96, 100, 100}, nullptr},
    {"Overdue high-risk audit findings", "", false, 0, 2, "E4,E2", {6, 5, 3, 2, 2, 1}, nullptr},
};

/** An exercise (D2) or incident (D4), dated in months before today. */
struct EventPlan {
    BoardEvent::Kind kind;
    int monthsBeforeToday;
    int extraDaysBefore;
    const char *title;
    const char *summary;
    const char *stakeholders;
    const char *lessons;
    const char *followUps;
    const char *actions;
};

const EventPlan kEvents[] = {
    {BoardEvent::Kind::Exercise, 22, 0, "Supplier outage exercise",
     "Tabletop exercise: the route planning SaaS provider is unavailable for three days during peak season.",
     "Executive team, transport operations, route planning provider",
     "Manual dispatch procedures were out of date; the supplier's contract had no recovery time commitment.",
     "Refresh manual dispatch runbooks; add recovery commitments at contract renewal.", "D2,A4"},
    {BoardEvent::Kind::Incident, 13, 4, "Malware on depot handheld scanners",
     "Commodity malware on twelve handheld scanners at the Daventry depot, contained within a day.",
     "Depot management, IT service desk, managed security provider",
     "Scanners were outside device management; containment relied on one engineer's knowledge.",
     "Enrol all handhelds in device management; write the containment runbook.", "D4,D1"},
    {BoardEvent::Kind::Exercise, 10, 3, "Ransomware tabletop exercise",
     "Board and executive exercise with the managed security provider and the insurer: ransomware "
     "encrypts the warehouse management system.",
     "Board, executive team, managed security provider, insurer's incident response panel",
     "Decision rights on ransom demands and regulatory notification were unclear; backups restored within "
     "target.",
     "General Counsel to add regulatory reporting to the crisis handbook (D3); retest in twelve months.", "D2,D1"},
    {BoardEvent::Kind::Incident, 5, 12, "Invoice fraud attempt",
     "A supplier's compromised mailbox sent altered bank details; finance controls stopped the payment.",
     "Finance, procurement, the supplier, Action Fraud",
     "Call-back verification worked; supplier email compromise is now in the risk register.",
     "Extend call-back checks to all bank detail changes; brief tier 1 suppliers.", "D4,A5"},
};

QDateTime at(const QDate &date, int hour = 10)
{
    return QDateTime(date, QTime(hour, 0), Qt::UTC);
}

QByteArray documentText(const QString &organisation, const QString &title, const QDate &effective, int variant)
{
    QString text = QStringLiteral("%1\n%2\nEffective: %3\nClassification: CONFIDENTIAL\n\n")
                       .arg(organisation, title, effective.toString(Qt::ISODate));
    static const char *const paragraphs[] = {
        "Purpose. This document records the position of the group on the matter named in its title, for the "
        "board and its committees.",
        "Scope. It covers the group's operating companies, depots and shared services, and the suppliers that "
        "support business-critical technology processes, information and services.",
        "Findings. Controls were found to be designed appropriately; operating effectiveness was confirmed by "
        "sample testing, with exceptions noted in the appendix.",
        "Actions. Owners and dates for the agreed actions are tracked in the risk register and reported to the "
        "Audit and Risk Committee each quarter.",
    };
    for (int i = 0; i < 4; ++i)
        text += QString::fromLatin1(paragraphs[(i + variant) % 4]) + QStringLiteral("\n\n");
    return text.toUtf8();
}

QByteArray metricCsv(const QDate &effective, int variant)
{
    QString text = QStringLiteral("month,phishing_click_rate_percent,training_completion_percent\n");
    for (int m = 5; m >= 0; --m)
        text += QStringLiteral("%1,%2,%3\n")
                    .arg(effective.addMonths(-m).toString(QStringLiteral("yyyy-MM")))
                    .arg(12 - m + (variant % 3))
                    .arg(88 + m);
    return text.toUtf8();
}

/** Rating at step @p step (0..6) of an action that ends at @p final: climbs from a worse start. */
Rating historyRating(Rating final, int step, QRandomGenerator &random)
{
    static const Rating ladder[] = {Rating::NotAssessed, Rating::NoAssurance, Rating::Limited, Rating::Reasonable,
                                    Rating::Substantial};
    int finalIndex = 0;
    for (int i = 0; i < 5; ++i) {
        if (ladder[i] == final)
            finalIndex = i;
    }
    const int start = std::max(0, finalIndex - 2 - int(random.bounded(2)));
    const int index = std::min(finalIndex, start + (step * (finalIndex - start + 1)) / 6);
    return ladder[index];
}

} // namespace

void DemoData::populate(Store &store, const QDate &today)
{
    QRandomGenerator random(20250408u);
    const Clock original = store.clock();
    const QDate start = today.addMonths(-18);
    store.setClock(Clock(at(start, 9)));
    store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
    const QString organisationName = QStringLiteral("Northgate Freight Group plc");
    store.setOrganisation({organisationName, QStringLiteral("CONFIDENTIAL")});

    QHash<QString, qint64> ids;
    for (const DemoPerson &person : kPeople)
        ids.insert(QString::fromLatin1(person.name),
                   store.addPerson(
                       {0, QString::fromLatin1(person.name), QString::fromLatin1(person.role), person.board, true}));
    auto idOf = [&ids](const char *name) { return name ? ids.value(QString::fromLatin1(name)) : 0; };

    // Step 0: owners, directors and targets, as the programme started.
    store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
    for (const ActionPlan &plan : kPlans) {
        AssessmentChanges changes{{AssessmentField::Target, QVariant::fromValue(plan.target)},
                                  {AssessmentField::Director, QVariant::fromValue<qint64>(idOf(plan.director))}};
        if (plan.owner)
            changes.insert(AssessmentField::Owner, QVariant::fromValue<qint64>(idOf(plan.owner)));
        store.updateAssessment(QString::fromLatin1(plan.id), changes);
    }

    // Evidence, each added on its effective date so the audit trail reads in time order.
    QList<const EvidenceTemplate *> evidenceByDate;
    for (const EvidenceTemplate &e : kEvidence)
        evidenceByDate << &e;
    // Quarterly cyber reports and the board minutes of each meeting are generated per quarter below.
    int variant = 0;
    auto addEvidence = [&](const QString &title, EvidenceType type, EvidenceSource source, const QString &actions,
                           const QDate &effective, int validMonths, bool link, const QDate &recorded) {
        // Documents older than the programme were recorded when it started.
        store.setClock(Clock(at(std::max(recorded, start), 11)));
        EvidenceInput input;
        input.title = title;
        input.type = type;
        input.source = source;
        input.effective = effective;
        input.reviewBy = effective.addMonths(validMonths);
        input.actionIds = actions.split(QLatin1Char(','));
        if (link) {
            QString slug = title.toLower();
            slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
            input.url = QStringLiteral("https://intranet.northgate.example/governance/%1").arg(slug);
        } else {
            input.isFile = true;
            if (type == EvidenceType::Metric) {
                input.fileName = title.toLower().replace(QLatin1Char(' '), QLatin1Char('-')) + QStringLiteral(".csv");
                input.content = metricCsv(effective, variant);
            } else {
                input.fileName = title + QStringLiteral(".txt");
                input.fileName.replace(QLatin1Char(':'), QLatin1Char(' '));
                input.fileName.replace(QLatin1Char(','), QLatin1Char(' '));
                input.content = documentText(organisationName, title, effective, variant);
            }
        }
        ++variant;
        store.addEvidence(input);
    };

    // Six quarterly board meetings; the last was a month ago, so "since the last review" has content.
    const int reviewMonthsAgo[] = {16, 13, 10, 7, 4, 1};
    struct Dated {
        QDate date;
        std::function<void()> apply;
        int hour = 11; ///< the hour the event's clock is set to, so same-day events keep their order
    };
    QList<Dated> timeline;
    for (const EvidenceTemplate *e : std::as_const(evidenceByDate)) {
        const QDate effective = today.addMonths(-e->monthsBeforeToday).addDays(-int(random.bounded(20)));
        timeline.append({effective, [=, &addEvidence] {
                             addEvidence(QString::fromLatin1(e->title), e->type, e->source,
                                         QString::fromLatin1(e->actions), effective, e->validMonths, e->link,
                                         effective);
                         }});
    }
    for (int step = 0; step < 6; ++step) {
        const QDate meeting = today.addMonths(-reviewMonthsAgo[step]);
        const QDate reportDate = meeting.addDays(-14);
        const int quarter = (reportDate.month() - 1) / 3 + 1;
        timeline.append({reportDate, [=, &addEvidence] {
                             addEvidence(
                                 QStringLiteral("Quarterly cyber report Q%1 %2").arg(quarter).arg(reportDate.year()),
                                 EvidenceType::Report, EvidenceSource::Management, QStringLiteral("E2,B4"), reportDate,
                                 4, false, reportDate);
                         }});
        timeline.append({meeting.addDays(7), [=, &addEvidence] {
                             addEvidence(
                                 QStringLiteral("Board minutes %1").arg(meeting.toString(QStringLiteral("MMMM yyyy"))),
                                 EvidenceType::BoardMinutes, EvidenceSource::Management, QStringLiteral("E1,E3"),
                                 meeting, 15, false, meeting.addDays(7));
                         }});
        // Ratings move a week or two before each meeting, as the CISO prepares the report.
        timeline.append({meeting.addDays(-10),
                         [=, &store, &random] {
                             store.setClock(Clock(at(meeting.addDays(-10), 15)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                             for (const ActionPlan &plan : kPlans) {
                                 const QString id = QString::fromLatin1(plan.id);
                                 Rating rating = historyRating(plan.atLastReview, step + 1, random);
                                 // Not assessed at the last review means never assessed.
                                 if (plan.atLastReview == Rating::NotAssessed)
                                     rating = Rating::NotAssessed;
                                 AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(rating)}};
                                 if (step >= 2 && rating != Rating::NotAssessed)
                                     changes.insert(AssessmentField::Commentary, QString::fromLatin1(plan.commentary));
                                 changes.insert(AssessmentField::NextReview, meeting.addMonths(3));
                                 store.updateAssessment(id, changes);
                             }
                         },
                         15});
        timeline.append({meeting,
                         [=, &store] {
                             store.setClock(Clock(at(meeting, 17)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
                             store.createReview(
                                 QStringLiteral("Board %1").arg(meeting.toString(QStringLiteral("MMMM yyyy"))), meeting,
                                 step == 5 ? QStringLiteral("Approve the revised incident response plan "
                                                            "and the additional budget for supplier "
                                                            "assurance.")
                                           : QString());
                         },
                         17});
    }
    // Since the last meeting: final ratings, one fall, target dates (two overdue).
    timeline.append({today.addDays(-6), [&store, &random, today] {
                         store.setClock(Clock(at(today.addDays(-6), 14)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         for (const ActionPlan &plan : kPlans) {
                             const QString id = QString::fromLatin1(plan.id);
                             AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(plan.current)}};
                             if (ratingRank(plan.current) < ratingRank(plan.target))
                                 changes.insert(AssessmentField::TargetDate,
                                                today.addDays(int(random.bounded(200)) - 40));
                             if (plan.current != plan.atLastReview && plan.current != Rating::NotAssessed)
                                 changes.insert(AssessmentField::Commentary, QString::fromLatin1(plan.commentary));
                             store.updateAssessment(id, changes);
                         }
                     }});

    // The Software Security Code, adopted seven months ago: followed as a developer and distributor of software,
    // the CIO its Senior Responsible Owner, every principle assessed. Its evidence follows, on fixed days (the
    // generator above is left alone, so the Code's own history stays as it was).
    const QDate adopted = today.addMonths(-7).addDays(-12);
    timeline.append({adopted,
                     [&store, adopted, idOf] {
                         store.setClock(Clock(at(adopted, 14)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
                         Framework ssc = store.framework(QStringLiteral("ssc"));
                         ssc.enabled = true;
                         ssc.vendorRole = QStringLiteral("distributor");
                         ssc.ownerId = idOf("Mark Elliott");
                         store.updateFramework(ssc);
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         for (const SoftwarePlan &plan : kSoftwarePlans) {
                             AssessmentChanges changes{
                                 {AssessmentField::Rating, QVariant::fromValue(plan.rating)},
                                 {AssessmentField::Target, QVariant::fromValue(plan.target)},
                                 {AssessmentField::Owner, QVariant::fromValue<qint64>(idOf(plan.owner))},
                                 // The NED cyber lead oversees the software the group sells;
                                 // the COO its customers' terms.
                                 {AssessmentField::Director,
                                  QVariant::fromValue<qint64>(
                                      idOf(QByteArray(plan.id).startsWith("ssc:4") ? "Rajesh Patel" : "Tom Adeyemi"))}};
                             if (*plan.commentary)
                                 changes.insert(AssessmentField::Commentary, QString::fromLatin1(plan.commentary));
                             store.updateAssessment(QString::fromLatin1(plan.id), changes);
                         }
                     },
                     14});
    // Maturity beside assurance: turned on before the meeting four months ago, when the CISO made an internal
    // assessment against CMMI; an independent appraisal of incident response before the last meeting; one action
    // improved since. The reviews froze the levels, so the review diff and the trend of the pack have them.
    const QDate maturityStarted = today.addMonths(-4).addDays(-25);
    timeline.append({maturityStarted,
                     [&store, maturityStarted] {
                         store.setClock(Clock(at(maturityStarted, 10)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
                         Organisation organisation = store.organisation();
                         organisation.trackMaturity = true;
                         store.setOrganisation(organisation);
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         for (const MaturityPlan &plan : kMaturityPlans) {
                             // D2 was appraised lower first; the independent appraisal below moves it.
                             const int current = QByteArray(plan.id) == "D2" ? 0 : plan.current;
                             store.updateAssessment(QString::fromLatin1(plan.id),
                                                    {{AssessmentField::Maturity, current},
                                                     {AssessmentField::MaturityTarget, plan.target},
                                                     {AssessmentField::MaturityAssessed, maturityStarted},
                                                     {AssessmentField::MaturityAssessor,
                                                      QVariant::fromValue(MaturityAssessor::Internal)}});
                         }
                         // Post-incident reviews were to reach Defined within four months; they have not.
                         store.updateAssessment(QStringLiteral("D4"),
                                                {{AssessmentField::TargetDate, maturityStarted.addMonths(4)}});
                     },
                     10});
    const QDate appraised = today.addMonths(-1).addDays(-18);
    timeline.append({appraised,
                     [&store, appraised] {
                         store.setClock(Clock(at(appraised, 15)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         for (const char *id : {"D1", "D2"})
                             store.updateAssessment(QString::fromLatin1(id),
                                                    {{AssessmentField::MaturityAssessed, appraised},
                                                     {AssessmentField::MaturityAssessor,
                                                      QVariant::fromValue(MaturityAssessor::Independent)}});
                         store.updateAssessment(QStringLiteral("D2"), {{AssessmentField::Maturity, 1}});
                     },
                     15});
    const QDate improved = today.addDays(-4);
    timeline.append({improved,
                     [&store, improved] {
                         store.setClock(Clock(at(improved, 12)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         store.updateAssessment(QStringLiteral("A4"), {{AssessmentField::Maturity, 2},
                                                                       {AssessmentField::MaturityAssessed, improved}});
                     },
                     12});

    int day = 0;
    for (const EvidenceTemplate &e : kSoftwareEvidence) {
        const QDate effective = std::max(adopted.addDays(1), today.addMonths(-e.monthsBeforeToday).addDays(-(++day)));
        timeline.append({effective, [=, &addEvidence, &variant] {
                             // Without moving the variants of the Code's evidence that follows.
                             const int kept = variant;
                             addEvidence(QString::fromUtf8(e.title), e.type, e.source, QString::fromLatin1(e.actions),
                                         effective, e.validMonths, e.link, effective);
                             variant = kept;
                         }});
    }

    // Director training (action C3), recorded as it was completed; one lapsed, one never done.
    int index = 0;
    for (const DemoPerson &person : kPeople) {
        if (!person.board)
            continue;
        ++index;
        if (index == 8)
            continue;
        const QDate completed = index == 5 ? today.addMonths(-14) : today.addMonths(-(int(random.bounded(10)) + 1));
        const qint64 personId = ids.value(QString::fromLatin1(person.name));
        timeline.append({completed,
                         [&store, completed, personId] {
                             store.setClock(Clock(at(completed, 16)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
                             store.addTraining({0, personId,
                                                QStringLiteral("NCSC Cyber Security Toolkit for Boards: refresher"),
                                                completed, completed.addMonths(12)});
                         },
                         16});
    }

    // Metrics (E2), agreed at the start of the programme and read each quarter for the cyber report.
    timeline.append({start,
                     [&store, start] {
                         store.setClock(Clock(at(start, 12)));
                         store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                         for (const MetricPlan &plan : kMetrics) {
                             Metric metric;
                             metric.name = QString::fromLatin1(plan.name);
                             metric.unit = QString::fromLatin1(plan.unit);
                             metric.higherIsBetter = plan.higherIsBetter;
                             metric.greenThreshold = plan.green;
                             metric.amberThreshold = plan.amber;
                             metric.actionIds = QString::fromLatin1(plan.actions).split(QLatin1Char(','));
                             store.addMetric(metric);
                         }
                     },
                     12});
    for (int step = 0; step < 6; ++step) {
        const QDate recorded = today.addMonths(-reviewMonthsAgo[step]).addDays(-14);
        timeline.append({recorded,
                         [&store, recorded, step] {
                             store.setClock(Clock(at(recorded, 10)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                             for (const MetricPlan &plan : kMetrics) {
                                 MetricReading reading;
                                 reading.metricId = store.metricByName(QString::fromLatin1(plan.name)).id;
                                 reading.takenOn = recorded.addDays(-7);
                                 reading.value = plan.readings[step];
                                 if (step == 5 && plan.lastNote)
                                     reading.note = QString::fromLatin1(plan.lastNote);
                                 store.addReading(reading);
                             }
                         },
                         10});
    }
    // Exercises (D2) and incidents (D4); those before the programme were recorded when it started.
    for (const EventPlan &plan : kEvents) {
        const QDate occurred = today.addMonths(-plan.monthsBeforeToday).addDays(-plan.extraDaysBefore);
        const QDate recorded = std::max(occurred, start);
        timeline.append({recorded,
                         [&store, &plan, occurred, recorded] {
                             store.setClock(Clock(at(recorded, 13)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Claire Dunmore"));
                             BoardEvent event;
                             event.kind = plan.kind;
                             event.occurredOn = occurred;
                             event.title = QString::fromLatin1(plan.title);
                             event.summary = QString::fromLatin1(plan.summary);
                             event.stakeholders = QString::fromLatin1(plan.stakeholders);
                             event.lessons = QString::fromLatin1(plan.lessons);
                             event.followUps = QString::fromLatin1(plan.followUps);
                             event.actionIds = QString::fromLatin1(plan.actions).split(QLatin1Char(','));
                             store.addEvent(event);
                         },
                         13});
    }
    // The Chair signs off each review at the next meeting, when its minutes are approved; the last
    // review waits for the next meeting.
    for (int step = 0; step < 5; ++step) {
        const QDate meeting = today.addMonths(-reviewMonthsAgo[step]);
        const QDate next = today.addMonths(-reviewMonthsAgo[step + 1]);
        timeline.append({next,
                         [&store, meeting, next] {
                             store.setClock(Clock(at(next, 18)));
                             store.setActor(QStringLiteral("demo"), QStringLiteral("Gareth Lloyd"));
                             const Review review = store.reviewNamed(
                                 QStringLiteral("Board %1").arg(meeting.toString(QStringLiteral("MMMM yyyy"))));
                             const QString minute =
                                 QStringLiteral("NFG/BM/%1/4").arg(next.toString(QStringLiteral("yyyyMMdd")));
                             const qint64 chair = store.personByName(QStringLiteral("Helen Marsh")).id;
                             store.signReview(review.id, chair, minute);
                         },
                         18});
    }

    std::stable_sort(timeline.begin(), timeline.end(), [](const Dated &a, const Dated &b) {
        return a.date != b.date ? a.date < b.date : a.hour < b.hour;
    });
    for (const Dated &event : std::as_const(timeline)) {
        if (event.date <= today)
            event.apply();
    }
    store.setClock(original);
}

} // namespace quorum
