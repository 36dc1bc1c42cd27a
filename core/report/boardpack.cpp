#include "core/report/boardpack.h"

#include "core/domain/catalogue.h"

#include "core/domain/error.h"
#include "core/rules/reviewcomparison.h"
#include "core/storage/store.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <climits>

namespace quorum {

namespace {

const QChar kUp(0x25B2);   // ▲
const QChar kDown(0x25BC); // ▼
const QChar kSame(0x25B6); // ▶

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("(none)");
}

QString orNobody(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("(none)") : name;
}

RatingTrend trendOf(const std::optional<Rating> &before, Rating now)
{
    if (!before)
        return RatingTrend::NoEarlierReview;
    if (*before == now)
        return RatingTrend::Same;
    const int was = ratingRank(*before);
    const int is = ratingRank(now);
    if (was < 0 || is < 0)
        return RatingTrend::Changed;
    return is > was ? RatingTrend::Up : RatingTrend::Down;
}

/** All high-severity items up to five; at least three items when there are that many. */
QList<AttentionItem> topItems(const QList<AttentionItem> &sorted)
{
    QList<AttentionItem> top;
    for (const AttentionItem &item : sorted) {
        if (top.size() >= 5)
            break;
        if (item.severity == SeverityHigh || top.size() < 3)
            top << item;
        else
            break;
    }
    return top;
}

QList<BoardPackAttentionGroup> groupByRule(const QList<AttentionItem> &items)
{
    QList<BoardPackAttentionGroup> groups;
    for (const AttentionItem &item : items) {
        auto found = std::find_if(groups.begin(), groups.end(),
                                  [&item](const BoardPackAttentionGroup &group) { return group.rule == item.rule; });
        if (found == groups.end()) {
            groups.append({item.rule, item.severity, {}, 0});
            found = groups.end() - 1;
        }
        ++found->total;
        if (found->items.size() < BoardPack::kAttentionItemsPerGroup)
            found->items << item;
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const BoardPackAttentionGroup &a, const BoardPackAttentionGroup &b) {
                         return a.severity != b.severity ? a.severity < b.severity : a.rule < b.rule;
                     });
    return groups;
}

/** The SHA-256 prefix of the file version that was current on @p date (the current one when @p date is
 * invalid). */
QString fingerprintOf(const Store &store, const Evidence &evidence, const QDate &date)
{
    if (!evidence.isFile())
        return QStringLiteral("link");
    QString sha = evidence.sha256;
    if (date.isValid() && evidence.revision > 1) {
        for (const EvidenceRevision &revision : store.evidenceRevisions(evidence.id)) {
            if (revision.addedAt.date() <= date && (revision.isCurrent() || revision.replacedAt.date() > date))
                sha = revision.sha256;
        }
    }
    return sha.left(12);
}

QString formatValue(double value)
{
    QString text = QString::number(value, 'f', 1);
    if (text.endsWith(QStringLiteral(".0")))
        text.chop(2);
    return text;
}

/** "label: first line", then the other lines of @p text indented under it. */
void appendIndented(QString &out, const QString &indent, const QString &label, const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    out += QStringLiteral("%1%2: %3\n").arg(indent, label, lines.takeFirst());
    for (const QString &line : std::as_const(lines))
        out += QStringLiteral("%1  %2\n").arg(indent, line);
}

/** Counts one item of colour @p rag in @p row: a principle's or a further framework's group's counts. */
template<typename Row>
void countColour(Row &row, Rag rag)
{
    switch (rag) {
    case Rag::Green:
        ++row.green;
        break;
    case Rag::Amber:
        ++row.amber;
        break;
    case Rag::Red:
        ++row.red;
        break;
    case Rag::Gap:
        ++row.gap;
        break;
    case Rag::NotApplicable:
        ++row.notApplicable;
        break;
    }
}

/** The section of a further framework: summary by group, the items that need attention, and who owns what. */
BoardPackFramework frameworkSection(const Framework &framework, const QList<ActionState> &states,
                                    const QList<AttentionItem> &attentionOfAll)
{
    BoardPackFramework section;
    section.key = framework.key;
    section.title = framework.title;
    section.publisher = framework.publisher;
    section.attribution = framework.attribution;
    section.groupNoun = framework.groupNoun;
    section.itemNoun = framework.itemNoun;
    section.owner = framework.ownerName;
    if (const Catalogue *catalogue = Catalogue::builtInByKey(framework.key)) {
        section.accountableTitle = catalogue->accountableTitle();
        section.accountableStatement = catalogue->accountableStatement();
        if (const VendorRole *role = catalogue->vendorRole(framework.vendorRole))
            section.vendorRole = role->label;
    }
    section.itemCount = int(states.size());
    section.posture = Scoring::posture(states);
    QHash<QString, int> owned;
    QHash<QString, const ActionState *> byId;
    for (const ActionState &state : states) {
        byId.insert(state.id, &state);
        const QString group = state.principleId.section(u':', 1);
        if (section.groups.isEmpty() || section.groups.constLast().reference != group) {
            BoardPackGroup row;
            row.reference = group;
            row.title = state.principleTitle;
            row.score = Scoring::posture(states, state.principleId);
            row.rag = Scoring::ragForScore(row.score);
            section.groups << row;
        }
        countColour(section.groups.last(), Scoring::score(state).rag);
        owned[state.ownerName] += 1;
    }
    // One line per item, with every reason the rules give for it; the most severe first, then in catalogue order.
    QList<BoardPackFrameworkItem> items;
    QHash<QString, qsizetype> lineOf;
    for (const AttentionItem &attention : attentionOfAll) {
        const ActionState *state =
            attention.subjectKind == QLatin1String("action") ? byId.value(attention.subject) : nullptr;
        if (!state)
            continue;
        // The row names the item already: its reason starts with what the rule says of it.
        QString reason = attention.detail;
        const QString named = QStringLiteral("%1 (%2) ").arg(state->id, state->shortTitle);
        if (reason.startsWith(named))
            reason = reason.mid(named.size(), 1).toUpper() + reason.mid(named.size() + 1);
        if (const auto line = lineOf.constFind(state->id); line != lineOf.cend()) {
            BoardPackFrameworkItem &item = items[*line];
            item.reason += u' ' + reason;
            item.severity = std::min(item.severity, attention.severity);
            continue;
        }
        lineOf.insert(state->id, items.size());
        items << BoardPackFrameworkItem{state->reference, state->shortTitle, state->ownerName, Scoring::score(*state),
                                        reason,           attention.severity};
    }
    QHash<QString, int> order;
    for (const ActionState &state : states)
        order.insert(state.reference, int(order.size()));
    std::stable_sort(items.begin(), items.end(), [&order](const auto &a, const auto &b) {
        return a.severity != b.severity ? a.severity < b.severity : order.value(a.reference) < order.value(b.reference);
    });
    section.attentionTotal = int(items.size());
    section.attention = items.mid(0, BoardPack::kFrameworkAttentionItems);
    for (auto it = owned.cbegin(); it != owned.cend(); ++it)
        section.owners << qMakePair(it.key(), it.value());
    std::sort(section.owners.begin(), section.owners.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return section;
}

} // namespace

QString boardPackPageSizeKey(BoardPackPageSize size)
{
    return size == BoardPackPageSize::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

QString boardPackPageSizeLabel(BoardPackPageSize size)
{
    return size == BoardPackPageSize::Letter ? QStringLiteral("Letter") : QStringLiteral("A4");
}

std::optional<BoardPackPageSize> boardPackPageSizeFromKey(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.compare(u"a4", Qt::CaseInsensitive) == 0)
        return BoardPackPageSize::A4;
    if (trimmed.compare(u"letter", Qt::CaseInsensitive) == 0)
        return BoardPackPageSize::Letter;
    return std::nullopt;
}

// ---- BoardPackAction ---------------------------------------------------------------------------

QString BoardPackAction::trendText() const
{
    switch (trend) {
    case RatingTrend::Up:
        return QStringLiteral("%1 up from %2").arg(kUp).arg(ratingLabel(*previousRating));
    case RatingTrend::Down:
        return QStringLiteral("%1 down from %2").arg(kDown).arg(ratingLabel(*previousRating));
    case RatingTrend::Same:
        return QStringLiteral("%1 no change").arg(kSame);
    case RatingTrend::Changed:
        return QStringLiteral("%1 changed from %2").arg(kSame).arg(ratingLabel(*previousRating));
    case RatingTrend::NoEarlierReview:
        break;
    }
    return QStringLiteral("no earlier review");
}

QString BoardPackAction::ratingText() const
{
    return score.unsupportedClaim ? QStringLiteral("%1 (unsupported)").arg(ratingLabel(rating)) : ratingLabel(rating);
}

QString BoardPackAction::ragText() const
{
    return score.unsupportedClaim ? QStringLiteral("Amber (unsupported)") : ragLabel(score.rag);
}

QString BoardPackAction::annexReference() const
{
    return QStringLiteral("(continued in Annex A, %1)").arg(id);
}

// ---- BoardPackContent --------------------------------------------------------------------------

QString BoardPackContent::reviewLabel() const
{
    return isReview ? reviewName : QStringLiteral("Current state (not a board review)");
}

QString BoardPackContent::documentTitle() const
{
    return QStringLiteral("Board pack: %1 - %2")
        .arg(organisation, isReview ? reviewName : QStringLiteral("current state"));
}

QString BoardPackContent::subject() const
{
    return isReview
               ? QStringLiteral("Cyber Governance Code of Practice: board review \"%1\", meeting of %2")
                     .arg(reviewName, isoDate(meetingDate))
               : QStringLiteral("Cyber Governance Code of Practice: current state on %1").arg(isoDate(meetingDate));
}

QString BoardPackContent::suggestedFileName() const
{
    return QStringLiteral("%1 board pack %2.pdf")
        .arg(organisation.isEmpty() ? QStringLiteral("Quorum") : organisation,
             isReview ? reviewName : QStringLiteral("current state %1").arg(isoDate(meetingDate)));
}

int BoardPackContent::attentionCount() const
{
    int count = 0;
    for (const BoardPackAttentionGroup &group : attention)
        count += group.total;
    return count;
}

QList<BoardPackAction> BoardPackContent::annexActions() const
{
    QList<BoardPackAction> actions;
    for (const BoardPackPrinciple &principle : principles) {
        for (const BoardPackAction &action : principle.actions) {
            if (action.inAnnex)
                actions << action;
        }
    }
    return actions;
}

std::optional<int> BoardPackContent::movement() const
{
    if (!previousScore || !posture.score)
        return std::nullopt;
    return qRound(*posture.score) - qRound(*previousScore);
}

QString BoardPackContent::movementText() const
{
    if (previousReviewName.isEmpty())
        return QStringLiteral("no earlier board review to compare with");
    const auto moved = movement();
    if (!moved)
        return QStringLiteral("no score to compare with %1").arg(previousReviewName);
    if (*moved > 0)
        return QStringLiteral("%1 up %2 since %3").arg(kUp).arg(*moved).arg(previousReviewName);
    if (*moved < 0)
        return QStringLiteral("%1 down %2 since %3").arg(kDown).arg(-*moved).arg(previousReviewName);
    return QStringLiteral("%1 no change since %2").arg(kSame).arg(previousReviewName);
}

QString BoardPackContent::toPlainText() const
{
    QString out;
    out += QStringLiteral("BOARD PACK\n");
    out += QStringLiteral("Organisation: %1\n").arg(organisation);
    out += QStringLiteral("Protective marking: %1\n").arg(marking.isEmpty() ? QStringLiteral("(none)") : marking);
    if (isReview)
        out += QStringLiteral("Board review: %1\nMeeting date: %2\n").arg(reviewName, isoDate(meetingDate));
    else
        out += QStringLiteral("Board review: none, the current state on %1\n").arg(isoDate(meetingDate));
    out += QStringLiteral("Created: %1\n").arg(createdAt.toUTC().toString(Qt::ISODate));
    out += QStringLiteral("Page size: %1\n").arg(boardPackPageSizeLabel(pageSize));

    out += QStringLiteral("\n== 1 Executive summary ==\n");
    out += QStringLiteral("Posture score: %1/100 (%2)\n").arg(Scoring::format(posture.score), movementText());
    if (!previousReviewName.isEmpty())
        out += QStringLiteral("Ratings since %1 (%2): %3 up, %4 down\n")
                   .arg(previousReviewName, isoDate(previousReviewDate))
                   .arg(ratingsUp)
                   .arg(ratingsDown);
    out += QStringLiteral("Actions at Reasonable or better: %1 of %2; not assessed: %3; unsupported claims: %4; "
                          "not applicable: %5\n")
               .arg(posture.atReasonableOrBetter)
               .arg(posture.counted)
               .arg(posture.notAssessed)
               .arg(posture.unsupported)
               .arg(posture.notApplicable);
    out += QStringLiteral("Evidence: %1 current, %2 expiring within 30 days, %3 expired\n")
               .arg(currentEvidence)
               .arg(expiringEvidence)
               .arg(expiredEvidence);
    out += QStringLiteral("Assurance by principle:\n");
    for (const BoardPackPrinciple &principle : principles)
        out += QStringLiteral("  %1 %2: score %3, %4; %5 green, %6 amber, %7 red, %8 gap, %9 not applicable\n")
                   .arg(principle.id, principle.title, Scoring::format(principle.score.score), ragLabel(principle.rag))
                   .arg(principle.green)
                   .arg(principle.amber)
                   .arg(principle.red)
                   .arg(principle.gap)
                   .arg(principle.notApplicable);
    out +=
        QStringLiteral("Most important attention items (%1 of %2):\n").arg(topAttention.size()).arg(attentionCount());
    for (const AttentionItem &item : topAttention)
        out += QStringLiteral("  [%1] %2: %3\n")
                   .arg(attentionSeverityKey(item.severity), attentionRuleLabel(item.rule), item.detail);
    if (decisions.isEmpty())
        out += QStringLiteral("Decisions sought: none\n");
    else
        appendIndented(out, QString(), QStringLiteral("Decisions sought"), decisions);

    out += QStringLiteral("\n== 2 Charts ==\n");
    for (const ChartSpec &chart : charts) {
        out += QStringLiteral("%1 (%2)\n").arg(chart.title, chart.valueAxisTitle);
        // Axis labels may hold a line break for the chart ("Feb<br>26").
        out +=
            QStringLiteral("  categories: %1\n")
                .arg(chart.categories.join(QStringLiteral(", ")).replace(QStringLiteral("<br>"), QStringLiteral(" ")));
        for (const ChartSeries &series : chart.series) {
            QStringList values;
            for (double value : series.values)
                values << formatValue(value);
            out += QStringLiteral("  %1: %2\n").arg(series.name, values.join(QStringLiteral(", ")));
        }
    }

    out += QStringLiteral("\n== 3 Attention items ==\n");
    out += attentionNote + QLatin1Char('\n');
    if (attention.isEmpty())
        out += QStringLiteral("Nothing needs the board's attention.\n");
    for (const BoardPackAttentionGroup &group : attention) {
        out += QStringLiteral("%1 (%2, %3)\n")
                   .arg(attentionRuleLabel(group.rule), attentionSeverityKey(group.severity))
                   .arg(group.total);
        for (const AttentionItem &item : group.items)
            out += QStringLiteral("  %1: %2\n").arg(item.subject, item.detail);
        if (group.total > group.items.size())
            out += QStringLiteral("  ... and %1 more\n").arg(group.total - group.items.size());
    }

    int section = 4;
    for (const BoardPackPrinciple &principle : principles) {
        out += QStringLiteral("\n== %1 Principle %2: %3 ==\n").arg(section++).arg(principle.id, principle.title);
        out += QStringLiteral("Score %1, %2\n").arg(Scoring::format(principle.score.score), ragLabel(principle.rag));
        for (const BoardPackAction &action : principle.actions) {
            out += QStringLiteral("%1 %2\n").arg(action.id, action.shortTitle);
            out += QStringLiteral("  Owner: %1; director: %2\n").arg(orNobody(action.owner), orNobody(action.director));
            out += QStringLiteral("  Rating: %1; colour: %2; target: %3; trend: %4\n")
                       .arg(action.ratingText(), action.ragText(), ratingLabel(action.target), action.trendText());
            out += QStringLiteral("  Evidence: %1 current, %2 expired\n")
                       .arg(action.evidenceCurrent)
                       .arg(action.evidenceExpired);
            // What the body prints: the texts up to the board length, then where the rest is.
            if (!action.commentary.isEmpty())
                appendIndented(out, QStringLiteral("  "), QStringLiteral("Commentary"),
                               action.bodyCommentary.isEmpty() ? QStringLiteral("(in Annex A)")
                                                               : action.bodyCommentary);
            if (action.rating == Rating::NotApplicable)
                appendIndented(out, QStringLiteral("  "), QStringLiteral("Not applicable because"),
                               action.justification.isEmpty()       ? QStringLiteral("(no justification recorded)")
                               : action.bodyJustification.isEmpty() ? QStringLiteral("(in Annex A)")
                                                                    : action.bodyJustification);
            if (action.inAnnex)
                out += QStringLiteral("  %1\n").arg(action.annexReference());
        }
    }

    for (const BoardPackFramework &framework : frameworks) {
        out += QStringLiteral("\n== %1 %2 ==\n").arg(section++).arg(framework.title);
        if (!framework.accountableTitle.isEmpty())
            out += QStringLiteral("%1: %2\n").arg(framework.accountableTitle, orNobody(framework.owner));
        if (!framework.vendorRole.isEmpty())
            out += QStringLiteral("Role: %1\n").arg(framework.vendorRole);
        out += QStringLiteral("Score %1/100: %2 of %3 %4s at Reasonable or better; not assessed: %5; unsupported "
                              "claims: %6; not applicable: %7\n")
                   .arg(Scoring::format(framework.posture.score))
                   .arg(framework.posture.atReasonableOrBetter)
                   .arg(framework.posture.counted)
                   .arg(framework.itemNoun)
                   .arg(framework.posture.notAssessed)
                   .arg(framework.posture.unsupported)
                   .arg(framework.posture.notApplicable);
        for (const BoardPackGroup &group : framework.groups)
            out += QStringLiteral("  %1 %2: score %3, %4; %5 green, %6 amber, %7 red, %8 gap, %9 not applicable\n")
                       .arg(group.reference, group.title, Scoring::format(group.score.score), ragLabel(group.rag),
                            QString::number(group.green), QString::number(group.amber), QString::number(group.red),
                            QString::number(group.gap), QString::number(group.notApplicable));
        out += QStringLiteral("Needing attention (%1 of %2):\n")
                   .arg(framework.attention.size())
                   .arg(framework.attentionTotal);
        for (const BoardPackFrameworkItem &item : framework.attention)
            out +=
                QStringLiteral("  %1 %2 (%3; owner: %4): %5\n")
                    .arg(item.reference, item.shortTitle, ragLabel(item.score.rag), orNobody(item.owner), item.reason);
        QStringList owners;
        for (const auto &[name, count] : framework.owners)
            owners << QStringLiteral("%1 %2").arg(orNobody(name)).arg(count);
        out += QStringLiteral("Owners: %1\n").arg(owners.join(QStringLiteral(", ")));
    }

    if (maturity) {
        out += QStringLiteral("\n== %1 Maturity ==\n").arg(section++);
        out += maturityNote + QLatin1Char('\n');
        out += QStringLiteral("Scale: %1; %2 of %3 actions assessed\n")
                   .arg(maturity->scale.rangeText())
                   .arg(maturity->assessed)
                   .arg(maturity->items);
        const auto level = [](const std::optional<double> &value) {
            return value ? QString::number(*value, 'f', 1) : QStringLiteral("none");
        };
        for (const MaturityGroup &group : maturity->groups)
            out += QStringLiteral("  %1 %2: current %3, target %4, gap %5; %6 of %7 assessed\n")
                       .arg(group.label, group.title, level(group.current), level(group.target), level(group.gap))
                       .arg(group.assessed)
                       .arg(group.items);
        out += QStringLiteral("Largest gaps:\n");
        if (maturity->largestGaps.isEmpty())
            out += QStringLiteral("  none: no action is below its target maturity\n");
        for (const MaturityGap &gap : maturity->largestGaps)
            out += QStringLiteral("  %1 %2: %3 against a target of %4\n")
                       .arg(gap.reference, gap.shortTitle, maturity->scale.label(gap.current),
                            maturity->scale.label(gap.target));
    }

    out += QStringLiteral("\n== %1 Evidence index ==\n").arg(section++);
    out += evidenceNote + QLatin1Char('\n');
    for (const BoardPackEvidence &item : evidence)
        out += QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7 | %8\n")
                   .arg(item.title, evidenceTypeLabel(item.type), evidenceSourceLabel(item.source),
                        isoDate(item.effective), isoDate(item.reviewBy), evidenceStatusLabel(item.status),
                        item.actionIds.join(QStringLiteral(", ")), item.fingerprint);

    out += QStringLiteral("\n== %1 Sign-off ==\n").arg(section);
    if (!isReview)
        out += QStringLiteral("Not a board review: the current state cannot be signed off.\n");
    else if (isSigned)
        out += QStringLiteral("Signed off by %1 on %2%3\n")
                   .arg(orNobody(signedBy), signedAt.toUTC().toString(Qt::ISODate),
                        minuteRef.isEmpty() ? QString() : QStringLiteral(", minute %1").arg(minuteRef));
    else
        out += QStringLiteral("Not yet signed off: name, signature and date to be completed.\n");

    // The annex is left out when empty, so a pack with short texts reads as before.
    const QList<BoardPackAction> annexed = annexActions();
    if (!annexed.isEmpty()) {
        out += QStringLiteral("\n== %1 ==\n").arg(BoardPack::annexTitle());
        for (const BoardPackAction &action : annexed) {
            out += QStringLiteral("%1 %2\n").arg(action.id, action.shortTitle);
            if (action.rating == Rating::NotApplicable && !action.justification.isEmpty())
                appendIndented(out, QStringLiteral("  "), QStringLiteral("Not applicable because"),
                               action.justification);
            if (!action.commentary.isEmpty())
                appendIndented(out, QStringLiteral("  "), QStringLiteral("Commentary"), action.commentary);
        }
    }
    return out;
}

// ---- BoardPack ---------------------------------------------------------------------------------

QString BoardPack::annexTitle()
{
    return QStringLiteral("Annex A: Commentary in full");
}

QString BoardPack::bodyExcerpt(const QString &text, int limit)
{
    if (text.size() <= limit)
        return text;
    if (limit <= 0)
        return {};
    // The last word boundary within the limit: a space at index `limit` ends the word before it.
    qsizetype cut = limit;
    while (cut > 0 && !text.at(cut).isSpace())
        --cut;
    QString excerpt = text.left(cut);
    while (!excerpt.isEmpty() && excerpt.back().isSpace())
        excerpt.chop(1);
    if (!excerpt.isEmpty())
        return excerpt;
    // One word longer than the limit: cut inside it, never between the halves of a surrogate pair.
    qsizetype hard = limit;
    if (text.at(hard - 1).isHighSurrogate())
        --hard;
    return text.left(hard);
}

int BoardPack::boardTextLength(const QString &commentary, const QString &justification, bool notApplicable)
{
    return int(commentary.size() + (notApplicable ? justification.size() : 0));
}

QList<ChartSpec> BoardPack::charts(const DashboardData &live, const QList<ActionState> &states, qsizetype trendPoints,
                                   int currentEvidence, int expiringEvidence, int expiredEvidence)
{
    // The dashboard's charts give the shapes and the words; only the values are recomputed, so the pack
    // of a review looks exactly like the dashboard did (a test keeps the two equal for the live state).
    QStringList principleIds;
    QStringList principleNames;
    for (const ActionState &state : states) {
        if (principleIds.isEmpty() || principleIds.constLast() != state.principleId) {
            principleIds << state.principleId;
            principleNames << principleName(state.principleId, state.principleTitle);
        }
    }

    ChartSpec ratings = live.ratingsByPrinciple;
    ratings.categories = principleIds;
    ratings.categoryNames = principleNames;
    ratings.series.clear();
    const QList<QPair<Rag, SeriesTone>> colours{{Rag::Green, SeriesTone::Green},
                                                {Rag::Amber, SeriesTone::Amber},
                                                {Rag::Red, SeriesTone::Red},
                                                {Rag::Gap, SeriesTone::Gap},
                                                {Rag::NotApplicable, SeriesTone::NotApplicable}};
    for (const auto &[rag, tone] : colours) {
        const auto shown =
            std::find_if(live.ratingsByPrinciple.series.cbegin(), live.ratingsByPrinciple.series.cend(),
                         // An init-capture: clang 14 (the fuzz build) cannot capture a structured binding.
                         [wanted = tone](const ChartSeries &series) { return series.tone == wanted; });
        ChartSeries series{shown != live.ratingsByPrinciple.series.cend() ? shown->name : ragLabel(rag), {}, tone};
        bool any = false;
        for (const QString &principle : std::as_const(principleIds)) {
            int count = 0;
            for (const ActionState &state : states) {
                if (state.principleId == principle && Scoring::score(state).rag == rag)
                    ++count;
            }
            any = any || count > 0;
            series.values << count;
        }
        // The dashboard's series, and any other colour that is not empty here.
        if (any || shown != live.ratingsByPrinciple.series.cend())
            ratings.series << series;
    }

    ChartSpec history = live.postureHistory;
    history.categories = history.categories.mid(0, trendPoints);
    for (ChartSeries &series : history.series)
        series.values = series.values.mid(0, trendPoints);
    const ChartSpec trend = recentTrend(history);

    ChartSpec target = live.currentVersusTarget;
    target.categories = principleIds;
    target.categoryNames = principleNames;
    for (ChartSeries &series : target.series) {
        series.values.clear();
        for (const QString &principle : std::as_const(principleIds)) {
            if (series.tone == SeriesTone::Primary) {
                series.values << Scoring::posture(states, principle).score.value_or(0.0);
                continue;
            }
            // The score the targets stand for.
            int total = 0;
            int counted = 0;
            for (const ActionState &state : states) {
                if (state.principleId != principle || state.assessment.rating == Rating::NotApplicable)
                    continue;
                if (const auto points = targetPoints(state.assessment.target)) {
                    total += *points;
                    ++counted;
                }
            }
            series.values << (counted ? double(total) / counted : 0.0);
        }
    }

    ChartSpec freshness = live.evidenceFreshness;
    for (ChartSeries &series : freshness.series) {
        const int count = series.tone == SeriesTone::Green   ? currentEvidence
                          : series.tone == SeriesTone::Amber ? expiringEvidence
                                                             : expiredEvidence;
        series.values = QList<double>(freshness.categories.size(), double(count));
    }

    return {ratings, trend, target, freshness};
}

BoardPackContent BoardPack::build(const Store &store, const BoardPackOptions &options)
{
    BoardPackContent content;
    const Organisation organisation = store.organisation();
    content.organisation = organisation.name;
    content.marking = organisation.marking;
    content.pageSize = options.pageSize;
    content.createdAt = (options.createdAt.isValid() ? options.createdAt : store.clock().now()).toUTC();
    content.version = QStringLiteral(QUORUM_VERSION);

    // The Cyber Governance Code's part of the pack; each further framework's section follows it.
    const QList<ActionState> allLive = store.actionStates();
    const QList<ActionState> live = statesOfFramework(allLive, Catalogue::codeKey());
    const QList<Review> reviews = store.reviews();
    QHash<QString, int> catalogueOrder;
    QHash<QString, QString> shortTitles;
    for (const ActionState &state : live) {
        catalogueOrder.insert(state.id, int(catalogueOrder.size()));
        shortTitles.insert(state.id, state.shortTitle);
    }

    QList<ActionState> states;      // what the pack reports: live, or frozen at the review
    std::optional<Review> previous; // what it compares with
    QDate asOf;                     // the date evidence status and dated rules are taken on
    QList<AttentionItem> attention;
    int unlistedExpired = 0; // expired items the attention list counts but does not name
    QDate recordedBy;        // a past meeting's pack lists the evidence recorded by then; invalid: all

    const DashboardData dashboard = DashboardData::build(store, store.clock().today());
    if (options.reviewName.trimmed().isEmpty()) {
        asOf = store.clock().today();
        content.meetingDate = asOf;
        states = live;
        const DashboardData &data = dashboard;
        content.charts = {data.ratingsByPrinciple, data.postureTrend, data.currentVersusTarget, data.evidenceFreshness};
        attention = data.attention;
        // As in the attention list: the last review held by today.
        for (const Review &review : reviews) {
            if (review.meetingDate <= asOf)
                previous = review;
        }
        unlistedExpired = data.unlistedExpiredEvidence;
        content.attentionNote =
            QStringLiteral("The current state on %1, with every attention rule applied on that date.")
                .arg(isoDate(asOf));
        content.evidenceNote =
            QStringLiteral("All evidence recorded, with its status on %1. Fingerprint: the first 12 hex digits of the "
                           "stored file's SHA-256.")
                .arg(isoDate(asOf));
    } else {
        const Review review = store.reviewNamed(options.reviewName);
        content.isReview = true;
        content.reviewName = review.name;
        content.meetingDate = review.meetingDate;
        content.decisions = review.decisions;
        content.isSigned = review.isSigned();
        content.signedBy = review.signedBy;
        content.signedAt = review.signedAt.toUTC();
        content.minuteRef = review.minuteRef;
        asOf = review.meetingDate;
        const QList<ReviewItem> items = reviewItemsOfFramework(store.reviewItems(review.id), Catalogue::codeKey());
        states = statesOfReview(items, live);
        // Justification is not frozen with a review: show the one recorded now.
        QHash<QString, QString> justifications;
        for (const ActionState &state : live)
            justifications.insert(state.id, state.assessment.justification);
        for (ActionState &state : states)
            state.assessment.justification = justifications.value(state.id);
        previous = reviewBefore(reviews, review);

        recordedBy = asOf;

        // Frozen rules on the frozen items; dated rules as of the meeting date.
        attention = Attention::forActions(
            items,
            previous ? reviewItemsOfFramework(store.reviewItems(previous->id), Catalogue::codeKey())
                     : QList<ReviewItem>(),
            previous ? previous->name : QString(), shortTitles);
        QHash<QString, Rating> frozenRating;
        for (const ReviewItem &item : items)
            frozenRating.insert(item.actionId, item.rating);
        auto frozenNotApplicable = [&frozenRating](const QString &id) {
            return frozenRating.value(id, Rating::NotAssessed) == Rating::NotApplicable;
        };
        for (const AttentionItem &item : Attention::compute(store, asOf)) {
            switch (item.rule) {
            case AttentionRule::ExpiredEvidence:
                break; // those recorded by the meeting: below
            case AttentionRule::NoRecentExercise:
                if (!frozenNotApplicable(QStringLiteral("D2")))
                    attention << item;
                break;
            case AttentionRule::NoRecentFormalReport:
            case AttentionRule::MetricOutOfTolerance:
                if (!frozenNotApplicable(QStringLiteral("E2")))
                    attention << item;
                break;
            case AttentionRule::DirectorTraining:
                if (!frozenNotApplicable(QStringLiteral("C3")))
                    attention << item;
                break;
            case AttentionRule::UnownedAction:
            case AttentionRule::UnsupportedClaim:
            case AttentionRule::RatingFell:
            case AttentionRule::OverdueTarget:
            case AttentionRule::MaturityBelowTarget:
                break; // from the frozen items above, or not honest for a past meeting (see below)
            }
        }
        {
            // Expired on the meeting date among the evidence recorded by then: the first of them, and how many.
            EvidenceSummary expired;
            int total = 0;
            expired.expired = store.expiredEvidence(asOf, EvidenceSummary::kListedExpired, recordedBy, &total);
            unlistedExpired = total - int(expired.expired.size());
            attention << Attention::computeSource(AttentionSource::ExpiredEvidence, store, asOf, expired, {});
        }
        Attention::sort(attention);
        content.attentionNote =
            QStringLiteral("As frozen at the meeting on %1: unowned actions, unsupported claims and ratings that fell "
                           "since the review before. As of the meeting date: expired evidence, the incident-plan "
                           "exercise (D2), formal reporting (E2), director training (C3) and metrics (E2). Overdue "
                           "target dates are not listed: target dates are not frozen with a board review.")
                .arg(isoDate(asOf));
        content.evidenceNote =
            QStringLiteral("Evidence recorded by the meeting on %1, with its status on that date. Fingerprint: the "
                           "first 12 hex digits of the SHA-256 of the file version current on that date.")
                .arg(isoDate(asOf));
    }

    // Posture and movement.
    content.posture = Scoring::posture(states);
    QHash<QString, Rating> before;
    if (previous) {
        content.previousReviewName = previous->name;
        content.previousReviewDate = previous->meetingDate;
        // The Code's items: a score is never blended with another framework's.
        const QList<ReviewItem> previousItems =
            reviewItemsOfFramework(store.reviewItems(previous->id), Catalogue::codeKey());
        for (const ReviewItem &item : previousItems)
            before.insert(item.actionId, item.rating);
        content.previousScore = Scoring::posture(statesOfReview(previousItems, live)).score;
    }

    // Evidence index and freshness, on the date the pack speaks for: counted in SQL, and only the items listed read
    // (issue 19: a register of years holds hundreds of thousands).
    const EvidenceCounts counts =
        recordedBy.isValid() ? store.evidenceRecordedCounts(asOf, recordedBy) : store.evidenceCounts(asOf);
    content.currentEvidence = counts.current - counts.expiring;
    content.expiringEvidence = counts.expiring;
    content.expiredEvidence = counts.expired;
    const int held = counts.current + counts.expired;
    QList<Evidence> listed;
    if (held <= kFullEvidenceIndexLimit) {
        for (const Evidence &e : store.evidence()) {
            if (!recordedBy.isValid() || !e.createdAt.isValid() || e.createdAt.toUTC().date() <= recordedBy)
                listed << e;
        }
    } else {
        // The most recent current items of each action (expiring ones count as current).
        for (const qint64 id :
             store.newestUnexpiredEvidence(asOf, recordedBy, kEvidencePerActionInIndex, counts.currentByAction)) {
            if (std::optional<Evidence> e = store.evidenceItem(id))
                listed << *e;
        }
        content.evidenceNotListed = held - int(listed.size());
        // Counts as a British reader writes them (20,000), whatever the machine's locale.
        const QLocale english(QLocale::English, QLocale::UnitedKingdom);
        content.evidenceNote.replace(QStringLiteral("All evidence recorded"), QStringLiteral("Evidence recorded"));
        content.evidenceNote += QStringLiteral(" The organisation holds %1 pieces of evidence: listed here are, for "
                                               "each action, the %2 most recent that are current (%3 items). The "
                                               "other %4 are in the evidence register (the Evidence page of Quorum, "
                                               "or quorum-cli export evidence.xlsx --what evidence).")
                                    .arg(english.toString(held))
                                    .arg(kEvidencePerActionInIndex)
                                    .arg(english.toString(listed.size()), english.toString(content.evidenceNotListed));
    }
    for (const Evidence &e : std::as_const(listed)) {
        BoardPackEvidence row;
        row.id = e.id;
        row.title = e.title;
        row.type = e.type;
        row.source = e.source;
        row.effective = e.effective;
        row.reviewBy = e.reviewBy;
        row.status = evidenceStatus(e.reviewBy, asOf);
        row.actionIds = e.actionIds;
        std::sort(row.actionIds.begin(), row.actionIds.end(), [&catalogueOrder](const QString &a, const QString &b) {
            return catalogueOrder.value(a, INT_MAX) != catalogueOrder.value(b, INT_MAX)
                       ? catalogueOrder.value(a, INT_MAX) < catalogueOrder.value(b, INT_MAX)
                       : a < b;
        });
        row.fingerprint = fingerprintOf(store, e, content.isReview ? asOf : QDate());
        content.evidence << row;
    }
    std::sort(content.evidence.begin(), content.evidence.end(),
              [](const BoardPackEvidence &a, const BoardPackEvidence &b) {
                  const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
                  return byTitle != 0 ? byTitle < 0 : a.id < b.id;
              });

    if (content.isReview) {
        // The trend has one point per review held by today, oldest first: keep those up to and including
        // this one (a review for a future meeting ends on the live point instead).
        qsizetype points = 0;
        for (const Review &review : reviews) {
            if (review.meetingDate > store.clock().today())
                continue;
            if (review.name == content.reviewName)
                break;
            ++points;
        }
        content.charts = charts(dashboard, states, points + 1, content.currentEvidence, content.expiringEvidence,
                                content.expiredEvidence);
        if (content.meetingDate > store.clock().today()) {
            // Frozen ahead of its meeting: the trend ends on this review, at its meeting date and with its
            // frozen score, not on the live "Now" the dashboard shows.
            ChartSpec &trend = content.charts[1];
            trend.categories.last() = trendPointLabel(content.meetingDate);
            for (ChartSeries &series : trend.series)
                series.values.last() = content.posture.score.value_or(0.0);
        }
    }

    // Principles and actions.
    for (const ActionState &state : std::as_const(states)) {
        if (content.principles.isEmpty() || content.principles.constLast().id != state.principleId) {
            BoardPackPrinciple principle;
            principle.id = state.principleId;
            principle.title = state.principleTitle;
            principle.score = Scoring::posture(states, state.principleId);
            principle.rag = Scoring::ragForScore(principle.score);
            content.principles << principle;
        }
        BoardPackPrinciple &principle = content.principles.last();
        BoardPackAction action;
        action.id = state.id;
        action.shortTitle = state.shortTitle;
        action.owner = state.ownerName;
        action.director = state.directorName;
        action.rating = state.assessment.rating;
        action.target = state.assessment.target;
        action.score = Scoring::score(state);
        if (before.contains(state.id))
            action.previousRating = before.value(state.id);
        action.trend = trendOf(action.previousRating, action.rating);
        action.commentary = state.assessment.commentary;
        action.justification = state.assessment.justification;
        // The body's share of the board length: the justification first (it says why the action is left
        // out), then the commentary; whatever is cut is printed in full in Annex A.
        int budget = kBoardTextChars;
        if (action.rating == Rating::NotApplicable) {
            action.bodyJustification = bodyExcerpt(action.justification, budget);
            budget -= int(action.bodyJustification.size());
        }
        action.bodyCommentary = bodyExcerpt(action.commentary, budget);
        action.inAnnex = action.bodyCommentary.size() < action.commentary.size()
                         || (action.rating == Rating::NotApplicable
                             && action.bodyJustification.size() < action.justification.size());
        action.evidenceCurrent = state.evidenceCurrent;
        action.evidenceExpired = state.evidenceExpired;
        countColour(principle, action.score.rag);
        content.ratingsUp += action.trend == RatingTrend::Up ? 1 : 0;
        content.ratingsDown += action.trend == RatingTrend::Down ? 1 : 0;
        principle.actions << action;
    }

    content.topAttention = topItems(attention);
    content.attention = groupByRule(attention);
    for (BoardPackAttentionGroup &group : content.attention) {
        if (group.rule == AttentionRule::ExpiredEvidence)
            group.total += unlistedExpired;
    }

    // Each further framework: live, those followed now; for a review, those it froze items of.
    std::optional<QList<AttentionItem>> liveAttention;
    std::optional<QList<ActionState>> everyItem;
    const QList<ReviewItem> frozen =
        content.isReview ? store.reviewItems(store.reviewNamed(content.reviewName).id) : QList<ReviewItem>();
    const QList<ReviewItem> frozenBefore =
        content.isReview && previous ? store.reviewItems(previous->id) : QList<ReviewItem>();
    for (const Framework &framework : store.frameworks()) {
        if (framework.isCode())
            continue;
        if (!content.isReview) {
            if (!framework.enabled)
                continue;
            if (!liveAttention)
                liveAttention = Attention::compute(store, asOf);
            content.frameworks << frameworkSection(framework, statesOfFramework(allLive, framework.key),
                                                   *liveAttention);
            continue;
        }
        const QList<ReviewItem> items = reviewItemsOfFramework(frozen, framework.key);
        if (items.isEmpty())
            continue;
        // Named and grouped as the record holds them, whether or not the framework is followed now.
        if (!everyItem)
            everyItem = store.catalogueItems();
        QHash<QString, QString> titles;
        for (const ActionState &state : *everyItem)
            titles.insert(state.id, state.shortTitle);
        const QList<AttentionItem> frozenAttention = Attention::forActions(
            items, reviewItemsOfFramework(frozenBefore, framework.key), previous ? previous->name : QString(), titles);
        content.frameworks << frameworkSection(framework, statesOfReview(items, *everyItem), frozenAttention);
    }

    // Maturity: a page of its own while the organisation tracks it, from the levels now or frozen with the review.
    // A review that froze no level (it was held before maturity was tracked) has no such page.
    const bool frozeLevels = std::any_of(states.cbegin(), states.cend(), [](const ActionState &state) {
        return state.assessment.maturity || state.assessment.maturityTarget;
    });
    if (store.organisation().trackMaturity && (!content.isReview || frozeLevels)) {
        content.maturity =
            MaturityView::build(states, store.framework(Catalogue::codeKey()).maturityScale, DashboardScope());
        content.maturityNote =
            (content.isReview ? QStringLiteral("The maturity levels frozen with the review for the meeting of %1.")
                                    .arg(isoDate(asOf))
                              : QStringLiteral("The maturity levels recorded on %1.").arg(isoDate(asOf)))
            + QStringLiteral(" Maturity says how capable and repeatable the practice behind each action is; "
                             "assurance says how far the board can rely on the action being done. They are different "
                             "questions: maturity is never part of the posture score or the colours.");
    }
    return content;
}

} // namespace quorum
