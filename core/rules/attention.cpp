#include "core/rules/attention.h"

#include "core/domain/boardrecords.h"
#include "core/rules/boardrules.h"
#include "core/rules/scoring.h"
#include "core/storage/store.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace quorum {

namespace {

struct RuleWords {
    AttentionRule rule;
    const char *key;
    const char *label;
    int severity;
};

const RuleWords kRules[] = {
    {AttentionRule::UnownedAction, "unowned", "Unowned action", SeverityMedium},
    {AttentionRule::UnsupportedClaim, "unsupported-claim", "Unsupported claim", SeverityHigh},
    {AttentionRule::ExpiredEvidence, "expired-evidence", "Expired evidence", SeverityLow},
    {AttentionRule::RatingFell, "rating-fell", "Rating fell since the last board review", SeverityHigh},
    {AttentionRule::OverdueTarget, "overdue-target", "Target date passed", SeverityMedium},
    {AttentionRule::NoRecentExercise, "no-exercise", "No incident-plan exercise in 12 months (D2)", SeverityHigh},
    {AttentionRule::NoRecentFormalReport, "no-formal-report", "No formal report to the board this quarter (E2)",
     SeverityHigh},
    {AttentionRule::DirectorTraining, "director-training", "Director training missing or expired (C3)", SeverityMedium},
    {AttentionRule::MetricOutOfTolerance, "metric-out-of-tolerance", "Metric outside tolerance (E2)", SeverityHigh},
    {AttentionRule::MaturityBelowTarget, "maturity-below-target", "Maturity more than one level below target",
     SeverityMedium},
};

const RuleWords &wordsOf(AttentionRule rule)
{
    for (const RuleWords &words : kRules) {
        if (words.rule == rule)
            return words;
    }
    return kRules[0];
}

AttentionItem item(AttentionRule rule, const QString &subject, const QString &subjectKind, qint64 recordId,
                   const QString &detail)
{
    return AttentionItem{rule, subject, subjectKind, recordId, detail, wordsOf(rule).severity};
}

QString actionName(const QString &actionId, const QHash<QString, QString> &shortTitles)
{
    const QString title = shortTitles.value(actionId);
    return title.isEmpty() ? actionId : QStringLiteral("%1 (%2)").arg(actionId, title);
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

/** True when the action is rated Not applicable (its date rules then do not apply). */
bool notApplicable(const QList<ActionState> &states, const QString &actionId)
{
    for (const ActionState &state : states) {
        if (state.id == actionId)
            return state.assessment.rating == Rating::NotApplicable;
    }
    return false;
}

/**
 * Items whose maturity is more than one level below its target once their target date has passed (a gap of one
 * level is the ordinary state of an improvement plan; two or more past the date is a plan that is not working).
 */
QList<AttentionItem> maturityBelowTarget(const Store &store, const QList<ActionState> &states, const QDate &today,
                                         const QHash<QString, QString> &shortTitles)
{
    QHash<QString, MaturityScale> scales;
    for (const Framework &framework : store.frameworks())
        scales.insert(framework.key, framework.maturityScale);
    QList<AttentionItem> result;
    for (const ActionState &state : states) {
        const Assessment &a = state.assessment;
        if (!a.maturity || !a.maturityTarget || !a.targetDate.isValid() || a.targetDate >= today
            || a.rating == Rating::NotApplicable)
            continue;
        const MaturityScale scale = scales.value(state.framework, MaturityScale::cmmi());
        const int below = scale.levelsBetween(*a.maturity, *a.maturityTarget);
        if (below <= 1)
            continue;
        result << item(AttentionRule::MaturityBelowTarget, state.id, QStringLiteral("action"), 0,
                       QStringLiteral("%1 is at maturity %2, %3 levels below its target of %4, which was due by %5.")
                           .arg(actionName(state.id, shortTitles), scale.label(*a.maturity))
                           .arg(below)
                           .arg(scale.label(*a.maturityTarget), isoDate(a.targetDate)));
    }
    return result;
}

} // namespace

const QList<AttentionRule> &allAttentionRules()
{
    static const QList<AttentionRule> rules = [] {
        QList<AttentionRule> list;
        for (const RuleWords &words : kRules)
            list << words.rule;
        return list;
    }();
    return rules;
}

QString attentionRuleKey(AttentionRule rule)
{
    return QString::fromLatin1(wordsOf(rule).key);
}

QString attentionRuleLabel(AttentionRule rule)
{
    return QString::fromLatin1(wordsOf(rule).label);
}

std::optional<AttentionRule> attentionRuleFromKey(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (const RuleWords &words : kRules) {
        if (trimmed.compare(QLatin1String(words.key), Qt::CaseInsensitive) == 0)
            return words.rule;
    }
    return std::nullopt;
}

QString attentionSeverityKey(int severity)
{
    switch (severity) {
    case SeverityHigh:
        return QStringLiteral("high");
    case SeverityMedium:
        return QStringLiteral("medium");
    default:
        return QStringLiteral("low");
    }
}

namespace {

/** The order of sort(): severity, then rule, then subject (case-insensitively), then record. */
template<typename Item>
bool comesBeforeBy(const Item &a, const Item &b)
{
    if (a.severity != b.severity)
        return a.severity < b.severity;
    if (a.rule != b.rule)
        return a.rule < b.rule;
    const int bySubject = a.subject.compare(b.subject, Qt::CaseInsensitive);
    if (bySubject != 0)
        return bySubject < 0;
    return a.recordId < b.recordId;
}

bool comesBefore(const AttentionItem &a, const AttentionItem &b)
{
    return comesBeforeBy(a, b);
}

} // namespace

void Attention::sort(QList<AttentionItem> &items)
{
    // An order of indexes over small keys: moving whole items (a dozen strings each) in every step of the
    // sort took a millisecond per refresh on a large register.
    struct Key {
        int severity;
        AttentionRule rule;
        QString subject;
        qint64 recordId;
        qsizetype index;
    };
    std::vector<Key> keys;
    keys.reserve(size_t(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i)
        keys.push_back({int(items[i].severity), items[i].rule, items[i].subject, items[i].recordId, i});
    std::stable_sort(keys.begin(), keys.end(), comesBeforeBy<Key>);
    QList<AttentionItem> sorted;
    sorted.reserve(items.size());
    for (const Key &key : keys)
        sorted.append(std::move(items[key.index]));
    items = std::move(sorted);
}

QList<AttentionGroup> Attention::groupByRule(const QList<AttentionItem> &items)
{
    QList<AttentionGroup> groups;
    QHash<int, qsizetype> groupOfRule;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const AttentionItem &item = items[i];
        auto found = groupOfRule.constFind(int(item.rule));
        if (found == groupOfRule.cend()) {
            found = groupOfRule.insert(int(item.rule), groups.size());
            groups.append({item.rule, item.severity, {}});
        }
        AttentionGroup &group = groups[*found];
        group.severity = std::min(group.severity, item.severity);
        group.itemIndexes << i;
    }
    std::stable_sort(groups.begin(), groups.end(), [](const AttentionGroup &a, const AttentionGroup &b) {
        return a.severity != b.severity ? a.severity < b.severity : int(a.rule) < int(b.rule);
    });
    return groups;
}

QList<AttentionItem> Attention::forActions(const QList<ReviewItem> &items, const QList<ReviewItem> &previous,
                                           const QString &previousName, const QHash<QString, QString> &shortTitles)
{
    QHash<QString, const ReviewItem *> before;
    for (const ReviewItem &then : previous)
        before.insert(then.actionId, &then);

    QList<AttentionItem> result;
    for (const ReviewItem &now : items) {
        const QString name = actionName(now.actionId, shortTitles);
        if (now.owner.isEmpty() && now.rating != Rating::NotApplicable)
            result << item(AttentionRule::UnownedAction, now.actionId, QStringLiteral("action"), 0,
                           QStringLiteral("%1 has no accountable executive owner.").arg(name));
        if (Scoring::isUnsupportedClaim(now.rating, now.evidenceCurrent))
            result << item(AttentionRule::UnsupportedClaim, now.actionId, QStringLiteral("action"), 0,
                           QStringLiteral("%1 is rated %2 but has no current evidence, so it counts as Limited.")
                               .arg(name, ratingLabel(now.rating)));
        const ReviewItem *then = before.value(now.actionId);
        if (then && ratingRank(then->rating) >= 0 && ratingRank(now.rating) >= 0
            && ratingRank(now.rating) < ratingRank(then->rating))
            result << item(AttentionRule::RatingFell, now.actionId, QStringLiteral("action"), 0,
                           QStringLiteral("%1 fell from %2 to %3 since the board review \"%4\".")
                               .arg(name, ratingLabel(then->rating), ratingLabel(now.rating), previousName));
    }
    sort(result);
    return result;
}

QList<AttentionItem> Attention::compute(const Store &store, const QDate &today)
{
    return compute(store, today, store.evidenceSummary(today));
}

QList<AttentionItem> Attention::compute(const Store &store, const QDate &today, const EvidenceSummary &evidence)
{
    // Evidence counts as of @p today (the summary's date, not necessarily the store's clock).
    const QList<ActionState> states = store.actionStates(evidence.counts);
    AttentionParts parts;
    for (int source = 0; source < kAttentionSourceCount; ++source)
        parts[size_t(source)] = computeSource(AttentionSource(source), store, today, evidence, states);
    return assemble(parts, states);
}

QList<AttentionItem> Attention::assemble(const AttentionParts &parts, const QList<ActionState> &states)
{
    const auto applies = [&states](AttentionSource source) {
        switch (source) {
        case AttentionSource::Exercise:
            return !notApplicable(states, QStringLiteral("D2"));
        case AttentionSource::FormalReport:
            return !notApplicable(states, QStringLiteral("E2"));
        case AttentionSource::DirectorTraining:
            return !notApplicable(states, QStringLiteral("C3"));
        default:
            return true;
        }
    };
    // Each part is sorted: merging them in turn keeps the order of sort() without sorting everything again.
    QList<AttentionItem> result;
    for (int source = 0; source < kAttentionSourceCount; ++source) {
        const QList<AttentionItem> &part = parts[size_t(source)];
        if (part.isEmpty() || !applies(AttentionSource(source)))
            continue;
        if (result.isEmpty()) {
            result = part;
            continue;
        }
        QList<AttentionItem> merged;
        merged.reserve(result.size() + part.size());
        std::merge(result.cbegin(), result.cend(), part.cbegin(), part.cend(), std::back_inserter(merged), comesBefore);
        result = std::move(merged);
    }
    return result;
}

QList<AttentionItem> Attention::computeSource(AttentionSource source, const Store &store, const QDate &today,
                                              const EvidenceSummary &evidence, const QList<ActionState> &states)
{
    QList<AttentionItem> result;
    switch (source) {
    case AttentionSource::Actions: {
        // The states carry the evidence counts of @p evidence (see the header).
        QList<ReviewItem> live;
        QHash<QString, QString> shortTitles;
        for (const ActionState &state : states) {
            live << reviewItemOf(state);
            shortTitles.insert(state.id, state.shortTitle);
        }
        // The last board review held by today is what "since the last review" compares with.
        const QList<Review> held = store.reviewsHeldBy(today, 1);
        const std::optional<Review> lastReview = held.isEmpty() ? std::nullopt : std::optional<Review>(held.last());
        result = forActions(live, lastReview ? store.reviewItems(lastReview->id) : QList<ReviewItem>(),
                            lastReview ? lastReview->name : QString(), shortTitles);
        for (const ActionState &state : states) {
            const Assessment &a = state.assessment;
            if (a.targetDate.isValid() && a.targetDate < today && a.rating != Rating::NotApplicable
                && ratingRank(a.rating) < ratingRank(a.target))
                result << item(AttentionRule::OverdueTarget, state.id, QStringLiteral("action"), 0,
                               QStringLiteral("%1 was due to reach %2 by %3 and is %4.")
                                   .arg(actionName(state.id, shortTitles), ratingLabel(a.target), isoDate(a.targetDate),
                                        ratingLabel(a.rating)));
        }
        if (store.organisation().trackMaturity)
            result << maturityBelowTarget(store, states, today, shortTitles);
        break;
    }
    case AttentionSource::ExpiredEvidence:
        for (const ExpiredEvidence &e : evidence.expired) {
            result << item(AttentionRule::ExpiredEvidence, e.title, QStringLiteral("evidence"), e.id,
                           QStringLiteral("Expired on %1 (its review-by date); it supported %2.")
                               .arg(isoDate(e.reviewBy), e.actionIds.join(QStringLiteral(", "))));
        }
        break;
    case AttentionSource::Exercise: {
        // D2: an incident-plan exercise within the last 12 months; exactly 12 months ago still counts.
        const ExerciseStanding standing = exerciseStanding(store.events(), today);
        const std::optional<BoardEvent> &lastExercise = standing.lastExercise;
        if (!lastExercise)
            result << item(AttentionRule::NoRecentExercise, QStringLiteral("D2"), QStringLiteral("action"), 0,
                           QStringLiteral("No exercise of the incident response plan has been recorded; the Code "
                                          "asks for one at least every year."));
        else if (!standing.withinYear)
            result << item(AttentionRule::NoRecentExercise, QStringLiteral("D2"), QStringLiteral("action"),
                           lastExercise->id,
                           QStringLiteral("The incident response plan was last exercised on %1 (\"%2\"), more than "
                                          "12 months ago.")
                               .arg(isoDate(lastExercise->occurredOn), lastExercise->title));
        break;
    }
    case AttentionSource::FormalReport: {
        // E2: a board review or a formal report linked to E2 within the last quarter (3 months).
        const QDate since = today.addMonths(-3);
        // The last review held by today is within the quarter when any is.
        const QList<Review> held = store.reviewsHeldBy(today, 1);
        bool reported = !held.isEmpty() && held.last().meetingDate >= since;
        const QDate lastReport = evidence.latestFormalReport;
        reported = reported || (lastReport.isValid() && lastReport >= since);
        if (!reported)
            result << item(AttentionRule::NoRecentFormalReport, QStringLiteral("E2"), QStringLiteral("action"), 0,
                           QStringLiteral("No board review and no formal cyber report (E2) is recorded since %1; the "
                                          "Code asks for at least one each quarter.")
                               .arg(isoDate(since)));
        break;
    }
    case AttentionSource::DirectorTraining: {
        // C3: every active director has training that is valid today (the rule of trainingStatus in domain.h:
        // valid from completion to its valid-until date inclusive; no valid-until date: does not expire).
        QHash<qint64, QList<TrainingRecord>> trainingOf;
        for (const TrainingRecord &record : store.training())
            trainingOf[record.personId].append(record);
        for (const Person &person : store.activeBoardMembers()) {
            const QList<TrainingRecord> records = trainingOf.value(person.id);
            QDate lastExpired;
            for (const TrainingRecord &record : records) {
                if (record.validUntil.isValid() && record.validUntil < today
                    && (!lastExpired.isValid() || record.validUntil > lastExpired))
                    lastExpired = record.validUntil;
            }
            const TrainingStatus status = trainingStatus(records, today);
            if (status == TrainingStatus::Current)
                continue;
            result << item(
                AttentionRule::DirectorTraining, person.name, QStringLiteral("person"), person.id,
                status == TrainingStatus::Expired && lastExpired.isValid()
                    ? QStringLiteral("%1's cyber training expired on %2.").arg(person.name, isoDate(lastExpired))
                    : QStringLiteral("%1 has no cyber training on record.").arg(person.name));
        }
        break;
    }
    case AttentionSource::Metrics:
        // E2: metrics whose latest reading (up to today) is outside tolerance.
        for (const Metric &metric : store.metrics()) {
            const std::optional<MetricReading> latest = store.latestReading(metric.id, today);
            if (metricStatus(metric, latest) != MetricStatus::Red)
                continue;
            result << item(AttentionRule::MetricOutOfTolerance, metric.name, QStringLiteral("metric"), metric.id,
                           QStringLiteral("%1 was %2 on %3, outside tolerance (%4 %5 is red).")
                               .arg(metric.name, formatMetricValue(latest->value, metric.unit),
                                    isoDate(latest->takenOn),
                                    metric.higherIsBetter ? QStringLiteral("below") : QStringLiteral("above"),
                                    formatMetricValue(metric.amberThreshold, metric.unit)));
        }
        break;
    }
    sort(result);
    return result;
}

} // namespace quorum
