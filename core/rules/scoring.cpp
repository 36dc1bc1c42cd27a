#include "core/rules/scoring.h"
namespace quorum {

QString ragKey(Rag rag)
{
    switch (rag) {
    case Rag::Green:
        return QStringLiteral("green");
    case Rag::Amber:
        return QStringLiteral("amber");
    case Rag::Red:
        return QStringLiteral("red");
    case Rag::Gap:
        return QStringLiteral("gap");
    case Rag::NotApplicable:
        return QStringLiteral("n/a");
    }
    return {};
}

QString ragLabel(Rag rag)
{
    switch (rag) {
    case Rag::Green:
        return QStringLiteral("Green");
    case Rag::Amber:
        return QStringLiteral("Amber");
    case Rag::Red:
        return QStringLiteral("Red");
    case Rag::Gap:
        return QStringLiteral("Gap (not assessed)");
    case Rag::NotApplicable:
        return QStringLiteral("Not applicable");
    }
    return {};
}

QString ragShortLabel(Rag rag)
{
    switch (rag) {
    case Rag::Gap:
        return QStringLiteral("Gap");
    case Rag::NotApplicable:
        return QStringLiteral("N/A");
    default:
        return ragLabel(rag);
    }
}

int Scoring::pointsFor(Rating effective)
{
    switch (effective) {
    case Rating::Substantial:
        return 100;
    case Rating::Reasonable:
        return 75;
    case Rating::Limited:
        return 25;
    case Rating::NoAssurance:
    case Rating::NotAssessed:
    case Rating::NotApplicable:
        return 0;
    }
    return 0;
}

Rag Scoring::ragFor(Rating effective)
{
    switch (effective) {
    case Rating::Substantial:
    case Rating::Reasonable:
        return Rag::Green;
    case Rating::Limited:
        return Rag::Amber;
    case Rating::NoAssurance:
        return Rag::Red;
    case Rating::NotAssessed:
        return Rag::Gap;
    case Rating::NotApplicable:
        return Rag::NotApplicable;
    }
    return Rag::Gap;
}

bool Scoring::isUnsupportedClaim(Rating rating, int currentEvidence)
{
    return claimsAssurance(rating) && currentEvidence <= 0;
}

ActionScore Scoring::score(Rating rating, int currentEvidence)
{
    ActionScore result;
    result.claimed = rating;
    result.unsupportedClaim = isUnsupportedClaim(rating, currentEvidence);
    result.effective = result.unsupportedClaim ? Rating::Limited : rating;
    result.rag = ragFor(result.effective);
    if (rating != Rating::NotApplicable)
        result.points = pointsFor(result.effective);
    return result;
}

ActionScore Scoring::score(const ActionState &state)
{
    return score(state.assessment.rating, state.evidenceCurrent);
}

PostureScore Scoring::posture(const QList<ActionState> &states, const QString &principleId)
{
    PostureScore result;
    int total = 0;
    for (const ActionState &state : states) {
        if (!principleId.isEmpty() && state.principleId != principleId)
            continue;
        const ActionScore action = score(state);
        if (!action.points) {
            ++result.notApplicable;
            continue;
        }
        ++result.counted;
        total += *action.points;
        if (state.assessment.rating == Rating::NotAssessed)
            ++result.notAssessed;
        if (action.unsupportedClaim)
            ++result.unsupported;
        if (claimsAssurance(action.effective))
            ++result.atReasonableOrBetter;
    }
    if (result.counted > 0)
        result.score = double(total) / result.counted;
    return result;
}

Rag Scoring::ragForScore(const PostureScore &score)
{
    if (!score.score || score.counted == 0)
        return Rag::NotApplicable;
    if (score.notAssessed == score.counted)
        return Rag::Gap;
    const int rounded = qRound(*score.score);
    if (rounded >= pointsFor(Rating::Reasonable))
        return Rag::Green;
    if (rounded >= pointsFor(Rating::Limited))
        return Rag::Amber;
    return Rag::Red;
}

QString Scoring::format(const std::optional<double> &score)
{
    return score ? QString::number(qRound(*score)) : QStringLiteral("n/a");
}

} // namespace quorum
