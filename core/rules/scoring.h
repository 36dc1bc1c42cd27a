#pragma once

#include "core/domain/domain.h"

#include <optional>

namespace quorum {

/** The board's colour for an action, with a name for people who cannot tell the colours apart. */
enum class Rag { Green, Amber, Red, Gap, NotApplicable };

QString ragKey(Rag rag);        ///< "green", "amber", "red", "gap", "n/a"
QString ragLabel(Rag rag);      ///< "Green", "Amber", "Red", "Gap (not assessed)", "Not applicable"
QString ragShortLabel(Rag rag); ///< "Green", "Amber", "Red", "Gap", "N/A": for chips and narrow cells

/** How one action counts. */
struct ActionScore {
    Rating claimed = Rating::NotAssessed;   ///< the recorded rating
    Rating effective = Rating::NotAssessed; ///< what counts: an unsupported claim counts as Limited
    bool unsupportedClaim = false;
    Rag rag = Rag::Gap;
    std::optional<int> points; ///< 0..100; none for Not applicable
};

/** A posture score: the mean of the points of the actions that count, 0..100, or none. */
struct PostureScore {
    std::optional<double> score;
    int counted = 0;       ///< actions in the score (all but Not applicable)
    int notApplicable = 0; ///< excluded
    int notAssessed = 0;   ///< counted as 0: a gap is never good
    int unsupported = 0;
    int atReasonableOrBetter = 0; ///< effective rating Reasonable or Substantial
};

/**
 * The one rule that turns ratings into colours and scores, used by every screen, the CLI and the board
 * pack (docs/scoring.md says it in words). Points: Substantial 100, Reasonable 75, Limited 25,
 * No assurance 0, Not assessed 0; Not applicable is left out. A rating of Reasonable or better with no
 * current evidence is an unsupported claim and counts as Limited.
 */
class Scoring {
public:
    static int pointsFor(Rating effective);
    static Rag ragFor(Rating effective);
    static bool isUnsupportedClaim(Rating rating, int currentEvidence);
    static ActionScore score(Rating rating, int currentEvidence);
    static ActionScore score(const ActionState &state);

    /** Over all @p states, or those of one principle when @p principleId is set. */
    static PostureScore posture(const QList<ActionState> &states, const QString &principleId = {});

    /**
     * The colour of a principle (or of the whole posture) from its rounded score, on the points of the
     * ratings: 75 and above (Reasonable on average) Green, 25 and above Amber, below 25 Red; Gap when every
     * action that counts is Not assessed; Not applicable when nothing counts. The dashboard and the board
     * pack both colour principles with it.
     */
    static Rag ragForScore(const PostureScore &score);

    /** Rounded to a whole number for display, "n/a" when there is no score. */
    static QString format(const std::optional<double> &score);
};

} // namespace quorum
