#include "core/workspace/dashboard.h"

#include "core/domain/catalogue.h"

#include "core/storage/store.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quorum {

int ValueAxisTicks::count() const
{
    return step > 0 ? int(std::lround((maximum - minimum) / step)) + 1 : 2;
}

QList<double> ValueAxisTicks::values() const
{
    QList<double> result;
    for (int i = 0; i < count(); ++i)
        result << minimum + i * step;
    return result;
}

double niceStep(double rough, bool allowTwoAndAHalf)
{
    if (!(rough > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (factor == 2.5 && !allowTwoAndAHalf)
            continue;
        if (factor * power >= rough * (1 - 1e-12))
            return factor * power;
    }
    return 10.0 * power;
}

ValueAxisTicks niceTicks(double minimum, double top, bool wholeNumbers, int maxSteps)
{
    const int steps = std::max(1, maxSteps);
    const double span = top > minimum ? top - minimum : 1.0;
    double step = niceStep(span / steps);
    if (wholeNumbers)
        step = std::max(1.0, step);
    ValueAxisTicks ticks;
    ticks.minimum = minimum;
    ticks.step = step;
    ticks.maximum = minimum + std::ceil(span / step * (1 - 1e-12)) * step;
    return ticks;
}

ValueAxisTicks valueAxisTicks(const ChartSpec &spec)
{
    if (spec.maximum > spec.minimum) {
        constexpr int kSteps = 5; // the metric charts and the 0-100 scores choose ranges of five round steps
        return {spec.minimum, spec.maximum, (spec.maximum - spec.minimum) / kSteps};
    }
    double top = 0;
    if (spec.kind == ChartSpec::Kind::StackedBars) {
        for (qsizetype c = 0; c < spec.categories.size(); ++c) {
            double sum = 0;
            for (const ChartSeries &series : spec.series)
                sum += series.values.value(c);
            top = std::max(top, sum);
        }
    } else {
        for (const ChartSeries &series : spec.series) {
            for (double value : series.values)
                top = std::max(top, value);
        }
    }
    return niceTicks(spec.minimum, top, spec.wholeNumbers);
}

std::optional<int> DashboardData::movement() const
{
    if (!previousScore || !posture.score)
        return std::nullopt;
    return qRound(*posture.score) - qRound(*previousScore);
}

QList<ActionState> statesOfReview(const QList<ReviewItem> &items, const QList<ActionState> &catalogueOrder)
{
    QHash<QString, const ActionState *> live;
    for (const ActionState &state : catalogueOrder)
        live.insert(state.id, &state);
    QList<ActionState> result;
    for (const ReviewItem &item : items) {
        ActionState state;
        if (const ActionState *known = live.value(item.actionId)) {
            state.principleId = known->principleId;
            state.principleTitle = known->principleTitle;
            state.shortTitle = known->shortTitle;
            state.text = known->text;
            state.reference = known->reference;
            state.path = known->path;
        } else {
            state.principleId = item.actionId.left(1);
            state.reference = item.actionId.section(u':', -1);
        }
        state.framework = Catalogue::keyOfItem(item.actionId);
        state.id = item.actionId;
        state.assessment.actionId = item.actionId;
        state.assessment.rating = item.rating;
        state.assessment.target = item.target;
        state.assessment.commentary = item.commentary;
        state.assessment.maturity = item.maturity;
        state.assessment.maturityTarget = item.maturityTarget;
        state.ownerName = item.owner;
        state.directorName = item.director;
        state.evidenceCurrent = item.evidenceCurrent;
        state.evidenceExpired = item.evidenceExpired;
        result.append(state);
    }
    return result;
}

QString trendPointLabel(const QDate &meetingDate)
{
    return meetingDate.toString(QStringLiteral("MMM'<br>'yy"));
}

QString principleName(const QString &id, const QString &title)
{
    return title.isEmpty() ? id : QStringLiteral("%1 %2").arg(id, title);
}

std::optional<int> targetPoints(Rating target)
{
    if (target == Rating::NotApplicable || target == Rating::NotAssessed)
        return std::nullopt;
    return Scoring::pointsFor(target);
}

ChartSpec recentTrend(const ChartSpec &history)
{
    const qsizetype points = kTrendReviewsShown + 1; // the reviews, then "Now"
    if (history.categories.size() <= points)
        return history;
    ChartSpec recent = history;
    recent.title = QStringLiteral("Posture score across the last %1 board reviews").arg(kTrendReviewsShown);
    recent.categories = history.categories.mid(history.categories.size() - points);
    for (ChartSeries &series : recent.series)
        series.values = series.values.mid(series.values.size() - points);
    return recent;
}

DashboardData DashboardData::build(const Store &store, const QDate &today)
{
    return build(store, today, store.evidenceSummary(today));
}

QString DashboardScope::key() const
{
    return framework.isEmpty() ? Catalogue::codeKey() : framework;
}

bool DashboardScope::isCode() const
{
    return key() == Catalogue::codeKey();
}

DashboardScope DashboardScope::of(const Store &store, const QString &key)
{
    DashboardScope scope;
    const bool tracked = store.organisation().trackMaturity;
    if (key.isEmpty() || key == Catalogue::codeKey()) {
        if (tracked)
            scope.maturity = store.framework(Catalogue::codeKey()).maturityScale;
        return scope;
    }
    const Framework framework = store.framework(key);
    scope.framework = framework.key;
    scope.groupNoun = framework.groupNoun;
    scope.itemNoun = framework.itemNoun;
    if (tracked)
        scope.maturity = framework.maturityScale;
    return scope;
}

MaturityView MaturityView::build(const QList<ActionState> &states, const MaturityScale &scale,
                                 const DashboardScope &scope)
{
    MaturityView view;
    view.scale = scale;
    QList<MaturityGap> gaps;
    // Sums of the group being read; a group's means are set when the next begins, and after the last.
    struct Sums {
        double current = 0;
        double target = 0;
        int targets = 0;
        double gap = 0;
        int both = 0;
    } sums;
    const auto close = [&view, &sums] {
        if (view.groups.isEmpty())
            return;
        MaturityGroup &done = view.groups.last();
        const auto mean = [](double sum, int count) {
            return count ? std::optional<double>(sum / count) : std::nullopt;
        };
        done.current = mean(sums.current, done.assessed);
        done.target = mean(sums.target, sums.targets);
        done.gap = mean(sums.gap, sums.both);
        sums = Sums();
    };
    for (const ActionState &state : states) {
        if (view.groups.isEmpty() || view.groups.constLast().label != state.principleId) {
            close();
            MaturityGroup group;
            group.label = state.principleId;
            group.title = state.principleTitle;
            view.groups.append(group);
        }
        // An item that does not apply has no practice to appraise.
        if (state.assessment.rating == Rating::NotApplicable)
            continue;
        MaturityGroup &group = view.groups.last();
        ++group.items;
        ++view.items;
        const Assessment &a = state.assessment;
        if (a.maturity) {
            ++group.assessed;
            ++view.assessed;
            sums.current += *a.maturity;
        }
        if (a.maturityTarget) {
            ++sums.targets;
            sums.target += *a.maturityTarget;
        }
        if (a.maturity && a.maturityTarget) {
            ++sums.both;
            sums.gap += *a.maturityTarget - *a.maturity;
            const int below = scale.levelsBetween(*a.maturity, *a.maturityTarget);
            if (below > 0)
                gaps.append({state.id, state.reference.isEmpty() ? state.id : state.reference, state.shortTitle,
                             *a.maturity, *a.maturityTarget, below});
        }
    }
    close();
    // The ids were the groups' stored ids until now: show them as the framework numbers them.
    for (MaturityGroup &group : view.groups)
        group.label = scope.isCode() ? group.label : group.label.section(u':', 1);
    std::stable_sort(gaps.begin(), gaps.end(),
                     [](const MaturityGap &a, const MaturityGap &b) { return a.levelsBelow > b.levelsBelow; });
    view.largestGaps = gaps.mid(0, kLargestGaps);

    ChartSpec &radar = view.radar;
    radar.kind = ChartSpec::Kind::Radar;
    // The rings are the levels, from the centre out: the title says which, the chart does not number them.
    radar.title = QStringLiteral("Maturity by %1 (rings: levels %2 to %3)")
                      .arg(scope.groupNoun)
                      .arg(scale.minimum())
                      .arg(scale.maximum());
    radar.valueAxisTitle = QStringLiteral("Level");
    radar.minimum = scale.minimum();
    radar.maximum = scale.maximum();
    radar.levels = int(scale.levels().size());
    radar.wholeNumbers = false;
    ChartSeries current{QStringLiteral("Current (mean level)"), {}, SeriesTone::Primary};
    ChartSeries target{QStringLiteral("Target (mean level)"), {}, SeriesTone::Secondary};
    for (const MaturityGroup &group : std::as_const(view.groups)) {
        radar.categories << group.label;
        radar.categoryNames << principleName(group.label, group.title);
        // A group nobody has appraised sits at the centre, which the table beside the chart says in words.
        current.values << group.current.value_or(scale.minimum());
        target.values << group.target.value_or(scale.minimum());
    }
    radar.series << current << target;
    return view;
}

QList<AttentionItem> DashboardData::attentionOf(const QList<AttentionItem> &all, const DashboardScope &scope)
{
    QList<AttentionItem> result;
    for (const AttentionItem &item : all) {
        const bool aboutAnItem = item.subjectKind == QLatin1String("action");
        if (aboutAnItem ? Catalogue::keyOfItem(item.subject) == scope.key() : scope.isCode())
            result.append(item);
    }
    return result;
}

QList<ReviewPosture> reviewPostures(const Store &store, const QString &framework)
{
    const QString key = framework.isEmpty() ? Catalogue::codeKey() : framework;
    QList<ReviewPosture> result;
    const QHash<qint64, QList<ReviewItem>> ratings = store.reviewRatings();
    for (const Review &review : store.reviews())
        result.append(
            {review, Scoring::posture(statesOfReview(reviewItemsOfFramework(ratings.value(review.id), key), {}))});
    return result;
}

QList<ReviewPosture> recentReviewPostures(const Store &store, const QString &framework, const QDate &today, int points)
{
    const QString key = framework.isEmpty() ? Catalogue::codeKey() : framework;
    // Newest first, a few reviews' items at a time, until enough of them scored this framework (a review held before
    // the organisation followed it froze none of its items: not a point of its trend). The reviews are read a window
    // at a time too, a larger one while too few have scored: a group's record holds hundreds.
    QList<ReviewPosture> result;
    for (int window = std::max(points, 1);; window *= 4) {
        // Each window read afresh and scored from its newest (another person may hold a review meanwhile).
        result.clear();
        const QList<Review> held = store.reviewsHeldBy(today, window);
        for (qsizetype end = held.size(); end > 0 && result.size() < points;) {
            const qsizetype begin = std::max<qsizetype>(0, end - (points - result.size()));
            QList<qint64> ids;
            for (qsizetype i = begin; i < end; ++i)
                ids << held[i].id;
            const QHash<qint64, QList<ReviewItem>> ratings = store.reviewRatings(ids);
            for (qsizetype i = end - 1; i >= begin; --i) {
                const PostureScore score =
                    Scoring::posture(statesOfReview(reviewItemsOfFramework(ratings.value(held[i].id), key), {}));
                if (score.counted > 0 || score.notApplicable > 0)
                    result.prepend({held[i], score});
            }
            end = begin;
        }
        if (result.size() >= points || held.size() < window || window > std::numeric_limits<int>::max() / 4)
            break;
    }
    return result;
}

DashboardData DashboardData::build(const Store &store, const QDate &today, const EvidenceSummary &evidence)
{
    return build(store, today, evidence, reviewPostures(store));
}

DashboardData DashboardData::build(const Store &store, const QDate &today, const EvidenceSummary &evidence,
                                   const QList<ReviewPosture> &reviews)
{
    return build(store, today, evidence, reviews, Attention::compute(store, today, evidence));
}

DashboardData DashboardData::build(const Store &store, const QDate &today, const EvidenceSummary &evidence,
                                   const QList<ReviewPosture> &reviews, const QList<AttentionItem> &attention)
{
    return build(today, evidence, reviews, attention, store.actionStates(evidence.counts), DashboardScope::of(store));
}

DashboardData DashboardData::build(const QDate &today, const EvidenceSummary &evidence,
                                   const QList<ReviewPosture> &reviews, const QList<AttentionItem> &attention,
                                   const QList<ActionState> &states)
{
    return build(today, evidence, reviews, attention, states, DashboardScope());
}

DashboardData DashboardData::build(const QDate &today, const EvidenceSummary &evidence,
                                   const QList<ReviewPosture> &reviews, const QList<AttentionItem> &attentionOfAll,
                                   const QList<ActionState> &statesOfAll, const DashboardScope &scope)
{
    // One framework's dashboard: its own items and scores, never blended with another framework's.
    const QList<ActionState> states = statesOfFramework(statesOfAll, scope.key());
    const QList<AttentionItem> attention = attentionOf(attentionOfAll, scope);
    const QString groupNoun = scope.groupNoun;
    const QString itemNoun = scope.itemNoun;
    const auto capitalised = [](const QString &word) { return word.left(1).toUpper() + word.mid(1); };
    DashboardData data;
    data.scope = scope;
    data.posture = Scoring::posture(states);
    for (const ActionState &state : states) {
        if (data.principleIds.isEmpty() || data.principleIds.constLast() != state.principleId) {
            data.principleIds << state.principleId;
            data.principleLabels << (scope.isCode() ? state.principleId : state.principleId.section(u':', 1));
            data.principleTitles << state.principleTitle;
        }
        const Assessment &a = state.assessment;
        if (a.targetDate.isValid() && a.targetDate < today && ratingRank(a.rating) < ratingRank(a.target)
            && a.rating != Rating::NotApplicable)
            ++data.overdueTargets;
    }
    QStringList principleNames;
    for (qsizetype p = 0; p < data.principleIds.size(); ++p) {
        data.principleScores << Scoring::posture(states, data.principleIds[p]);
        data.principleRags << Scoring::ragForScore(data.principleScores.constLast());
        principleNames << principleName(data.principleLabels[p], data.principleTitles[p]);
    }

    data.expiredEvidence = evidence.counts.expired;
    data.expiringEvidence = evidence.counts.expiring;
    data.currentEvidence = evidence.counts.current - evidence.counts.expiring;
    data.unlistedExpiredEvidence = scope.isCode() ? evidence.unlistedExpired() : 0;

    // Ratings by principle: how many actions of each principle fall in each colour (effective rating).
    ChartSpec &ratings = data.ratingsByPrinciple;
    ratings.kind = ChartSpec::Kind::StackedBars;
    ratings.title = QStringLiteral("Ratings by %1 (%2s per colour)").arg(groupNoun, itemNoun);
    ratings.valueAxisTitle = capitalised(itemNoun) + u's';
    ratings.categories = data.principleLabels;
    ratings.categoryNames = principleNames;
    const QList<QPair<Rag, SeriesTone>> colours{{Rag::Green, SeriesTone::Green},
                                                {Rag::Amber, SeriesTone::Amber},
                                                {Rag::Red, SeriesTone::Red},
                                                {Rag::Gap, SeriesTone::Gap},
                                                {Rag::NotApplicable, SeriesTone::NotApplicable}};
    // Short legend words; the chart's title and docs/scoring.md say what each colour means.
    const QStringList colourNames{QStringLiteral("Green"), QStringLiteral("Amber"), QStringLiteral("Red"),
                                  QStringLiteral("Gap"), QStringLiteral("N/A")};
    for (qsizetype c = 0; c < colours.size(); ++c) {
        ChartSeries series{colourNames[c], {}, colours[c].second};
        bool any = false;
        for (const QString &principle : std::as_const(data.principleIds)) {
            int count = 0;
            for (const ActionState &state : states) {
                if (state.principleId == principle && Scoring::score(state).rag == colours[c].first)
                    ++count;
            }
            any = any || count > 0;
            series.values << count;
        }
        // Keep the three RAG colours always (a zero is news); drop empty gap and n/a series.
        if (any || c < 3)
            ratings.series << series;
    }

    // Posture across board reviews, then now.
    ChartSpec &trend = data.postureHistory;
    trend.kind = ChartSpec::Kind::Line;
    trend.title = QStringLiteral("Posture score across board reviews");
    trend.valueAxisTitle = QStringLiteral("Score");
    trend.minimum = 0;
    trend.maximum = 100;
    ChartSeries overall{QStringLiteral("Posture score"), {}, SeriesTone::Primary};
    // Reviews held by today, as the attention rules and the board pack count them: a review prepared for a
    // future meeting is not yet a point of the trend nor what "since the last review" compares with.
    const Review *last = nullptr;
    for (const ReviewPosture &held : reviews) {
        if (held.review.meetingDate > today)
            continue;
        // A review held before the organisation followed this framework froze none of its items: no point.
        if (held.score.counted == 0 && held.score.notApplicable == 0)
            continue;
        last = &held.review;
        data.previousScore = held.score.score; // the last one held stays
        trend.categories << trendPointLabel(held.review.meetingDate);
        overall.values << (held.score.score ? *held.score.score : 0.0);
    }
    // Reviews held in one month (a group's committees) would share a label, and a category axis draws one point
    // for all of them: the second and later are numbered.
    QHash<QString, int> sameMonth;
    for (QString &label : trend.categories) {
        if (const int seen = sameMonth[label]++; seen > 0)
            label += QStringLiteral(" (%1)").arg(seen + 1);
    }
    trend.categories << QStringLiteral("Now");
    overall.values << (data.posture.score ? *data.posture.score : 0.0);
    trend.series << overall;
    data.postureTrend = recentTrend(trend);
    if (last) {
        data.previousReviewName = last->name;
        data.previousReviewDate = last->meetingDate;
    }

    // Current score against the score the targets stand for, per principle.
    ChartSpec &target = data.currentVersusTarget;
    target.kind = ChartSpec::Kind::GroupedBars;
    target.title = QStringLiteral("Current against target, by %1").arg(groupNoun);
    target.valueAxisTitle = QStringLiteral("Score");
    target.minimum = 0;
    target.maximum = 100;
    target.categories = data.principleLabels;
    target.categoryNames = principleNames;
    ChartSeries current{QStringLiteral("Current"), {}, SeriesTone::Primary};
    // The legend says what the target bar is: a score of 80 means nothing until one knows it is the score of
    // the target ratings (docs/scoring.md's points), not a goal somebody typed in.
    ChartSeries wanted{QStringLiteral("Target (every %1 at its target)").arg(itemNoun), {}, SeriesTone::Secondary};
    for (qsizetype p = 0; p < data.principleIds.size(); ++p) {
        current.values << data.principleScores[p].score.value_or(0.0);
        int total = 0;
        int counted = 0;
        for (const ActionState &state : states) {
            if (state.principleId != data.principleIds[p] || state.assessment.rating == Rating::NotApplicable)
                continue;
            if (const auto points = targetPoints(state.assessment.target)) {
                total += *points;
                ++counted;
            }
        }
        wanted.values << (counted ? double(total) / counted : 0.0);
    }
    target.series << current << wanted;

    ChartSpec &freshness = data.evidenceFreshness;
    freshness.kind = ChartSpec::Kind::StackedBars;
    freshness.title = QStringLiteral("Evidence freshness");
    freshness.valueAxisTitle = QStringLiteral("Items");
    freshness.categories = {QStringLiteral("Evidence")};
    freshness.series << ChartSeries{QStringLiteral("Current"), {double(data.currentEvidence)}, SeriesTone::Green}
                     << ChartSeries{QStringLiteral("Expiring within 30 days"),
                                    {double(data.expiringEvidence)},
                                    SeriesTone::Amber}
                     << ChartSeries{QStringLiteral("Expired"), {double(data.expiredEvidence)}, SeriesTone::Red};

    data.attention = attention;
    if (scope.maturity)
        data.maturity = MaturityView::build(states, *scope.maturity, scope);
    return data;
}

} // namespace quorum
