// The board commands of quorum-cli: review create/list/diff/sign/set-date, attention, metric add/record/list,
// exercise add/list.

#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/rules/attention.h"
#include "core/rules/boardrules.h"
#include "core/rules/reviewcomparison.h"
#include "core/rules/scoring.h"
#include "core/storage/store.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace quorum::cli {

namespace {

/** One line for a terminal: newlines and tabs become spaces. */
QString flat(QString text)
{
    for (QChar &c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return text;
}

QStringList parseActionList(const QString &text)
{
    QStringList actions;
    for (const QString &action : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!action.trimmed().isEmpty())
            actions << action.trimmed();
    }
    return actions;
}

double parseNumber(const QString &text, const QString &what)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        throw UsageError{QStringLiteral("%1: \"%2\" is not a number; write it like 95 or 2.5").arg(what, text)};
    return value;
}

std::optional<double> reviewScore(const QList<ReviewItem> &items)
{
    // The Cyber Governance Code's score: never blended with another framework's.
    QList<ActionState> states;
    for (const ReviewItem &item : reviewItemsOfFramework(items, Catalogue::codeKey())) {
        ActionState state;
        state.id = item.actionId;
        state.assessment.rating = item.rating;
        state.evidenceCurrent = item.evidenceCurrent;
        states << state;
    }
    return Scoring::posture(states).score;
}

QJsonObject attentionJson(const AttentionItem &item)
{
    return QJsonObject{
        {QStringLiteral("rule"), attentionRuleKey(item.rule)}, {QStringLiteral("subject"), item.subject},
        {QStringLiteral("subjectKind"), item.subjectKind},     {QStringLiteral("detail"), item.detail},
        {QStringLiteral("severity"), item.severity},
    };
}

QString attentionLine(const AttentionItem &item)
{
    return QStringLiteral("  [%1] %2  %3: %4\n")
        .arg(attentionSeverityKey(item.severity), attentionRuleKey(item.rule), item.subject, flat(item.detail));
}

// ---- review ------------------------------------------------------------------------------------

int reviewCreate(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("date"), QStringLiteral("decisions")}, {});
    args.expectPositionals(1, 1,
                           QStringLiteral("[--db FILE] review create NAME [--date YYYY-MM-DD] [--decisions TEXT]"));
    QDate date = parseDate(args.value(QStringLiteral("date")), QStringLiteral("--date"));
    Session session = openSession(context);
    Store &store = *session.store;
    if (!date.isValid())
        date = store.clock().today();
    const qint64 id =
        store.createReview(args.positional(0, QStringLiteral("NAME")), date, args.value(QStringLiteral("decisions")));
    const Review review = *store.review(id);
    const QList<ReviewItem> items = store.reviewItems(id);
    context.out << QStringLiteral("Created board review \"%1\" for the meeting on %2: %3 actions frozen, posture "
                                  "score %4/100\n")
                       .arg(review.name, review.meetingDate.toString(Qt::ISODate))
                       .arg(items.size())
                       .arg(Scoring::format(reviewScore(items)));
    return Success;
}

int reviewList(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] review list [--json]"));
    Session session = openSession(context);
    const Store &store = *session.store;
    const QList<Review> reviews = store.reviews();
    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Review &review : reviews)
            array.append(QJsonObject{
                {QStringLiteral("name"), review.name},
                {QStringLiteral("meetingDate"), dateOrNull(review.meetingDate)},
                {QStringLiteral("decisions"), review.decisions},
                {QStringLiteral("score"), scoreOrNull(reviewScore(store.reviewItems(review.id)))},
                {QStringLiteral("signed"), review.isSigned()},
                {QStringLiteral("signedBy"), textOrNull(review.signedBy)},
                {QStringLiteral("signedAt"),
                 review.isSigned() ? QJsonValue(review.signedAt.toUTC().toString(Qt::ISODate)) : QJsonValue()},
                {QStringLiteral("minuteRef"), textOrNull(review.minuteRef)},
            });
        printJson(context.out, QJsonObject{{QStringLiteral("reviews"), array}});
        return Success;
    }
    if (reviews.isEmpty())
        context.out << QStringLiteral("No board reviews yet; freeze one with 'quorum-cli review create'.\n");
    for (const Review &review : reviews) {
        QString signature = QStringLiteral("not signed off");
        if (review.isSigned()) {
            signature = QStringLiteral("signed off %1 by %2")
                            .arg(review.signedAt.date().toString(Qt::ISODate), review.signedBy);
            if (!review.minuteRef.isEmpty())
                signature += QStringLiteral(" (minute %1)").arg(review.minuteRef);
        }
        context.out << QStringLiteral("%1  %2  score %3  %4\n")
                           .arg(review.meetingDate.toString(Qt::ISODate), review.name.leftJustified(28),
                                Scoring::format(reviewScore(store.reviewItems(review.id))).rightJustified(3),
                                signature);
    }
    return Success;
}

int reviewDiff(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(2, 2, QStringLiteral("[--db FILE] review diff FROM TO [--json]   (TO may be \"now\")"));
    Session session = openSession(context);
    const Store &store = *session.store;
    const Review from = store.reviewNamed(args.positional(0, QStringLiteral("FROM")));
    const QString toName = args.positional(1, QStringLiteral("TO"));
    const bool live = toName.trimmed().compare(QStringLiteral("now"), Qt::CaseInsensitive) == 0;
    const std::optional<qint64> toId = live ? std::nullopt : std::optional<qint64>(store.reviewNamed(toName).id);
    const ReviewDiff diff = compareReviews(store, from.id, toId);

    if (args.flag(QStringLiteral("json"))) {
        QJsonArray changes;
        for (const ReviewChange &change : diff.changes)
            changes.append(QJsonObject{
                {QStringLiteral("action"), change.actionId},
                {QStringLiteral("change"), reviewChangeKindKey(change.kind)},
                {QStringLiteral("before"), change.before},
                {QStringLiteral("after"), change.after},
            });
        QJsonArray attention;
        for (const AttentionItem &item : diff.newAttention)
            attention.append(attentionJson(item));
        printJson(
            context.out,
            QJsonObject{
                {QStringLiteral("from"), QJsonObject{{QStringLiteral("name"), diff.from.name},
                                                     {QStringLiteral("date"), dateOrNull(diff.from.meetingDate)}}},
                {QStringLiteral("to"),
                 QJsonObject{{QStringLiteral("name"), diff.to ? diff.to->name : QStringLiteral("now")},
                             {QStringLiteral("date"), dateOrNull(diff.toDate)}}},
                {QStringLiteral("changes"), changes},
                {QStringLiteral("newAttention"), attention},
            });
        return Success;
    }
    QTextStream &out = context.out;
    out << QStringLiteral("From \"%1\" (%2) to %3 (%4):\n")
               .arg(diff.from.name, diff.from.meetingDate.toString(Qt::ISODate),
                    diff.to ? QStringLiteral("\"%1\"").arg(diff.to->name) : QStringLiteral("now"),
                    diff.toDate.toString(Qt::ISODate));
    if (diff.changes.isEmpty())
        out << QStringLiteral("  No changes.\n");
    for (const ReviewChange &change : diff.changes) {
        const QString before = change.before.isEmpty() ? QStringLiteral("(none)") : change.before;
        const QString after = change.after.isEmpty() ? QStringLiteral("(none)") : change.after;
        out << QStringLiteral("  %1  %2: %3 -> %4\n")
                   .arg(change.actionId, reviewChangeKindLabel(change.kind), before, after);
    }
    if (!diff.newAttention.isEmpty()) {
        out << QStringLiteral("New attention items:\n");
        for (const AttentionItem &item : diff.newAttention)
            out << attentionLine(item);
    }
    return Success;
}

int reviewSign(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("by"), QStringLiteral("minute")}, {});
    args.expectPositionals(1, 1, QStringLiteral("[--db FILE] review sign NAME --by PERSON [--minute REF]"));
    if (args.value(QStringLiteral("by")).trimmed().isEmpty())
        throw UsageError{QStringLiteral("review sign: --by is required: the director who signs off (for example "
                                        "--by \"Helen Marsh\")")};
    Session session = openSession(context);
    Store &store = *session.store;
    const Review review = store.reviewNamed(args.positional(0, QStringLiteral("NAME")));
    const Person signer = store.personByName(args.value(QStringLiteral("by")));
    store.signReview(review.id, signer.id, args.value(QStringLiteral("minute")));
    const Review signedReview = *store.review(review.id);
    context.out << QStringLiteral("Signed off \"%1\" by %2 on %3%4; it can no longer be changed.\n")
                       .arg(signedReview.name, signedReview.signedBy,
                            signedReview.signedAt.date().toString(Qt::ISODate),
                            signedReview.minuteRef.isEmpty()
                                ? QString()
                                : QStringLiteral(" (minute %1)").arg(signedReview.minuteRef));
    return Success;
}

int reviewSetDate(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("date")}, {});
    args.expectPositionals(1, 1, QStringLiteral("[--db FILE] review set-date NAME --date YYYY-MM-DD"));
    const QDate date = parseDate(args.value(QStringLiteral("date")), QStringLiteral("--date"));
    if (!date.isValid())
        throw UsageError{QStringLiteral("review set-date: --date is required: the corrected date of the meeting (for "
                                        "example --date 2026-03-31)")};
    Session session = openSession(context);
    Store &store = *session.store;
    const Review review = store.reviewNamed(args.positional(0, QStringLiteral("NAME")));
    store.setReviewMeetingDate(review.id, date);
    if (review.meetingDate == date) {
        context.out << QStringLiteral("\"%1\" is already for the meeting on %2; nothing changed.\n")
                           .arg(review.name, date.toString(Qt::ISODate));
        return Success;
    }
    context.out << QStringLiteral("Moved the meeting of \"%1\" from %2 to %3.\n")
                       .arg(review.name, review.meetingDate.toString(Qt::ISODate), date.toString(Qt::ISODate));
    return Success;
}

int commandReview(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    const QStringList rest = words.mid(1);
    if (sub == QStringLiteral("create"))
        return reviewCreate(context, rest);
    if (sub == QStringLiteral("list"))
        return reviewList(context, rest);
    if (sub == QStringLiteral("diff"))
        return reviewDiff(context, rest);
    if (sub == QStringLiteral("sign"))
        return reviewSign(context, rest);
    if (sub == QStringLiteral("set-date"))
        return reviewSetDate(context, rest);
    throw UsageError{QStringLiteral("usage: quorum-cli review create NAME [--date YYYY-MM-DD] [--decisions TEXT] | "
                                    "review list [--json] | review diff FROM TO [--json] | "
                                    "review sign NAME --by PERSON [--minute REF] | "
                                    "review set-date NAME --date YYYY-MM-DD")};
}

// ---- attention ---------------------------------------------------------------------------------

int commandAttention(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] attention [--json]"));
    Session session = openSession(context);
    const QDate today = session.store->clock().today();
    // Every item, however many: the dashboard and the pack name the first expired items, automation gets them all.
    const QList<AttentionItem> items =
        Attention::compute(*session.store, today, session.store->evidenceSummary(today, EvidenceSummary::kAllExpired));
    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const AttentionItem &item : items)
            array.append(attentionJson(item));
        printJson(context.out, QJsonObject{{QStringLiteral("items"), array}});
        return Success;
    }
    if (items.isEmpty()) {
        context.out << QStringLiteral("Nothing needs the board's attention on %1.\n").arg(today.toString(Qt::ISODate));
        return Success;
    }
    context.out << QStringLiteral("%1 item(s) need the board's attention on %2:\n")
                       .arg(items.size())
                       .arg(today.toString(Qt::ISODate));
    for (const AttentionItem &item : items)
        context.out << attentionLine(item);
    return Success;
}

// ---- metric ------------------------------------------------------------------------------------

int metricAdd(const Context &context, const QStringList &words)
{
    const Arguments args(
        words, {QStringLiteral("unit"), QStringLiteral("green"), QStringLiteral("amber"), QStringLiteral("actions")},
        {QStringLiteral("lower-is-better")});
    const QString usage = QStringLiteral("[--db FILE] metric add NAME --unit U --green X --amber Y [--lower-is-better] "
                                         "--actions E2,C4");
    args.expectPositionals(1, 1, usage);
    for (const QString &required :
         {QStringLiteral("unit"), QStringLiteral("green"), QStringLiteral("amber"), QStringLiteral("actions")}) {
        if (!args.has(required))
            throw UsageError{QStringLiteral("metric add: --%1 is required; usage: quorum-cli %2").arg(required, usage)};
    }
    Metric metric;
    metric.name = args.positional(0, QStringLiteral("NAME"));
    metric.unit = args.value(QStringLiteral("unit"));
    metric.higherIsBetter = !args.flag(QStringLiteral("lower-is-better"));
    metric.greenThreshold = parseNumber(args.value(QStringLiteral("green")), QStringLiteral("--green"));
    metric.amberThreshold = parseNumber(args.value(QStringLiteral("amber")), QStringLiteral("--amber"));
    metric.actionIds = parseActionList(args.value(QStringLiteral("actions")));
    if (metric.actionIds.isEmpty())
        throw UsageError{QStringLiteral("metric add: --actions needs the actions this metric informs (for example "
                                        "--actions E2,C4)")};
    Session session = openSession(context);
    const qint64 id = session.store->addMetric(metric);
    const Metric stored = *session.store->metric(id);
    const QString comparison = stored.higherIsBetter ? QStringLiteral("at or above") : QStringLiteral("at or below");
    context.out << QStringLiteral("Added metric %1 (green %2 %3, amber %2 %4; actions %5)\n")
                       .arg(stored.name, comparison, formatMetricValue(stored.greenThreshold, stored.unit),
                            formatMetricValue(stored.amberThreshold, stored.unit),
                            stored.actionIds.join(QStringLiteral(", ")));
    return Success;
}

int metricRecord(const Context &context, const QStringList &words)
{
    const Arguments args(words, {QStringLiteral("date"), QStringLiteral("note")}, {});
    args.expectPositionals(2, 2,
                           QStringLiteral("[--db FILE] metric record NAME VALUE [--date YYYY-MM-DD] [--note TEXT]"));
    const double value = parseNumber(args.positional(1, QStringLiteral("VALUE")), QStringLiteral("VALUE"));
    QDate date = parseDate(args.value(QStringLiteral("date")), QStringLiteral("--date"));
    Session session = openSession(context);
    Store &store = *session.store;
    const Metric metric = store.metricByName(args.positional(0, QStringLiteral("NAME")));
    if (!date.isValid())
        date = store.clock().today();
    MetricReading reading;
    reading.metricId = metric.id;
    reading.takenOn = date;
    reading.value = value;
    reading.note = args.value(QStringLiteral("note"));
    store.addReading(reading);
    context.out << QStringLiteral("Recorded %1 = %2 on %3: %4\n")
                       .arg(metric.name, formatMetricValue(value, metric.unit), date.toString(Qt::ISODate),
                            metricStatusLabel(metricStatus(metric, value)));
    return Success;
}

int metricList(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] metric list [--json]"));
    Session session = openSession(context);
    const Store &store = *session.store;
    const QList<Metric> metrics = store.metrics();
    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Metric &metric : metrics) {
            const auto latest = store.latestReading(metric.id);
            array.append(QJsonObject{
                {QStringLiteral("name"), metric.name},
                {QStringLiteral("unit"), metric.unit},
                {QStringLiteral("higherIsBetter"), metric.higherIsBetter},
                {QStringLiteral("green"), metric.greenThreshold},
                {QStringLiteral("amber"), metric.amberThreshold},
                {QStringLiteral("actions"), QJsonArray::fromStringList(metric.actionIds)},
                {QStringLiteral("status"), metricStatusKey(metricStatus(metric, latest))},
                {QStringLiteral("latest"),
                 latest ? QJsonValue(QJsonObject{{QStringLiteral("date"), dateOrNull(latest->takenOn)},
                                                 {QStringLiteral("value"), latest->value},
                                                 {QStringLiteral("note"), latest->note}})
                        : QJsonValue()},
                {QStringLiteral("readings"), int(store.readings(metric.id).size())},
            });
        }
        printJson(context.out, QJsonObject{{QStringLiteral("metrics"), array}});
        return Success;
    }
    if (metrics.isEmpty())
        context.out << QStringLiteral("No metrics recorded yet; add them with 'quorum-cli metric add'.\n");
    for (const Metric &metric : metrics) {
        const auto latest = store.latestReading(metric.id);
        const QString reading =
            latest ? QStringLiteral("%1 on %2")
                         .arg(formatMetricValue(latest->value, metric.unit), latest->takenOn.toString(Qt::ISODate))
                   : QStringLiteral("no reading");
        context.out << QStringLiteral("%1  %2  %3  [%4]\n")
                           .arg(metric.name.leftJustified(44), reading.leftJustified(24),
                                metricStatusLabel(metricStatus(metric, latest)).leftJustified(23),
                                metric.actionIds.join(QStringLiteral(", ")));
    }
    return Success;
}

int commandMetric(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    const QStringList rest = words.mid(1);
    if (sub == QStringLiteral("add"))
        return metricAdd(context, rest);
    if (sub == QStringLiteral("record"))
        return metricRecord(context, rest);
    if (sub == QStringLiteral("list"))
        return metricList(context, rest);
    throw UsageError{
        QStringLiteral("usage: quorum-cli metric add NAME --unit U --green X --amber Y [--lower-is-better] "
                       "--actions E2,C4 | metric record NAME VALUE [--date YYYY-MM-DD] [--note TEXT] | "
                       "metric list [--json]")};
}

// ---- exercise ----------------------------------------------------------------------------------

int exerciseAdd(const Context &context, const QStringList &words)
{
    const Arguments args(words,
                         {QStringLiteral("date"), QStringLiteral("kind"), QStringLiteral("summary"),
                          QStringLiteral("lessons"), QStringLiteral("actions")},
                         {});
    const QString usage = QStringLiteral("[--db FILE] exercise add TITLE --date YYYY-MM-DD [--kind exercise|incident] "
                                         "[--summary T] [--lessons T] [--actions D1,D2]");
    args.expectPositionals(1, 1, usage);
    if (args.value(QStringLiteral("date")).isEmpty())
        throw UsageError{QStringLiteral("exercise add: --date is required: the day it happened (YYYY-MM-DD)")};
    BoardEvent event;
    event.title = args.positional(0, QStringLiteral("TITLE"));
    event.occurredOn = parseDate(args.value(QStringLiteral("date")), QStringLiteral("--date"));
    if (args.has(QStringLiteral("kind"))) {
        const auto kind = boardEventKindFromKey(args.value(QStringLiteral("kind")));
        if (!kind)
            throw UsageError{QStringLiteral("--kind: \"%1\" is not a kind; use exercise or incident")
                                 .arg(args.value(QStringLiteral("kind")))};
        event.kind = *kind;
    }
    event.summary = args.value(QStringLiteral("summary"));
    event.lessons = args.value(QStringLiteral("lessons"));
    event.actionIds = parseActionList(args.value(QStringLiteral("actions")));
    Session session = openSession(context);
    const qint64 id = session.store->addEvent(event);
    const BoardEvent stored = *session.store->event(id);
    context.out << QStringLiteral("Recorded %1 \"%2\" on %3%4\n")
                       .arg(boardEventKindKey(stored.kind), stored.title, stored.occurredOn.toString(Qt::ISODate),
                            stored.actionIds.isEmpty()
                                ? QString()
                                : QStringLiteral(" (actions %1)").arg(stored.actionIds.join(QStringLiteral(", "))));
    return Success;
}

int exerciseList(const Context &context, const QStringList &words)
{
    const Arguments args(words, {}, {QStringLiteral("json")});
    args.expectPositionals(0, 0, QStringLiteral("[--db FILE] exercise list [--json]"));
    Session session = openSession(context);
    const QList<BoardEvent> events = session.store->events();
    if (args.flag(QStringLiteral("json"))) {
        QJsonArray array;
        for (const BoardEvent &event : events)
            array.append(QJsonObject{
                {QStringLiteral("kind"), boardEventKindKey(event.kind)},
                {QStringLiteral("date"), dateOrNull(event.occurredOn)},
                {QStringLiteral("title"), event.title},
                {QStringLiteral("summary"), event.summary},
                {QStringLiteral("stakeholders"), event.stakeholders},
                {QStringLiteral("lessons"), event.lessons},
                {QStringLiteral("followUps"), event.followUps},
                {QStringLiteral("actions"), QJsonArray::fromStringList(event.actionIds)},
            });
        printJson(context.out, QJsonObject{{QStringLiteral("events"), array}});
        return Success;
    }
    if (events.isEmpty())
        context.out << QStringLiteral(
            "No exercises or incidents recorded yet; add one with 'quorum-cli exercise add'.\n");
    for (const BoardEvent &event : events) {
        context.out << QStringLiteral("%1  %2  %3%4\n")
                           .arg(event.occurredOn.toString(Qt::ISODate), boardEventKindKey(event.kind).leftJustified(8),
                                flat(event.title),
                                event.actionIds.isEmpty()
                                    ? QString()
                                    : QStringLiteral("  [%1]").arg(event.actionIds.join(QStringLiteral(", "))));
        if (!event.lessons.isEmpty())
            context.out << QStringLiteral("            lessons: %1\n").arg(flat(event.lessons));
    }
    return Success;
}

int commandExercise(const Context &context, const QStringList &words)
{
    const QString sub = words.value(0);
    const QStringList rest = words.mid(1);
    if (sub == QStringLiteral("add"))
        return exerciseAdd(context, rest);
    if (sub == QStringLiteral("list"))
        return exerciseList(context, rest);
    throw UsageError{QStringLiteral("usage: quorum-cli exercise add TITLE --date YYYY-MM-DD [--kind exercise|incident] "
                                    "[--summary T] [--lessons T] [--actions D1,D2] | exercise list [--json]")};
}

} // namespace

QList<Command> boardCommands()
{
    return {
        {QStringLiteral("review"), commandReview},
        {QStringLiteral("attention"), commandAttention},
        {QStringLiteral("metric"), commandMetric},
        {QStringLiteral("exercise"), commandExercise},
    };
}

} // namespace quorum::cli
