#pragma once

#include "core/domain/domain.h"
#include "core/rules/attention.h"
#include "core/rules/scoring.h"
#include "core/workspace/dashboard.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quorum {

class Store;

/** The paper a board pack is laid out for. */
enum class BoardPackPageSize { A4, Letter };

/** "a4", "letter". */
QString boardPackPageSizeKey(BoardPackPageSize size);
/** "A4", "Letter". */
QString boardPackPageSizeLabel(BoardPackPageSize size);
/** Parses "a4" or "letter" (any case). */
std::optional<BoardPackPageSize> boardPackPageSizeFromKey(QStringView text);

/** What to put in a board pack. */
struct BoardPackOptions {
    QString reviewName; ///< the board review to report; empty: the live state (not a board review)
    BoardPackPageSize pageSize = BoardPackPageSize::A4;
    QDateTime createdAt; ///< the creation stamp printed on every page; invalid: the store's clock
};

/** How an action's rating moved since the previous board review. */
enum class RatingTrend {
    Up,             ///< higher on the scale
    Down,           ///< lower on the scale
    Same,           ///< unchanged
    Changed,        ///< to or from Not applicable: neither better nor worse
    NoEarlierReview ///< nothing to compare with
};

/** One action as its principle's section of the board pack shows it. */
struct BoardPackAction {
    QString id;
    QString shortTitle;
    QString owner;    ///< empty: nobody
    QString director; ///< empty: nobody
    Rating rating = Rating::NotAssessed;
    Rating target = Rating::Reasonable;
    ActionScore score; ///< the one scoring rule applied: effective rating, colour, unsupported claim
    RatingTrend trend = RatingTrend::NoEarlierReview;
    std::optional<Rating> previousRating;
    QString commentary;    ///< board-facing, plain text, in full
    QString justification; ///< why it is Not applicable (as recorded now; see docs/design.md), in full
    /**
     * What the body of the pack prints of the justification (Not applicable only) and the commentary: together
     * at most BoardPack::kBoardTextChars characters, cut at a word boundary. When shorter than the full texts,
     * the body ends with annexReference() and Annex A prints both in full.
     */
    QString bodyJustification;
    QString bodyCommentary;
    bool inAnnex = false;
    int evidenceCurrent = 0;
    int evidenceExpired = 0;

    /** "▲ up from Limited", "▼ down from Reasonable", "▶ no change", ... */
    QString trendText() const;
    /** "Reasonable", or "Reasonable (unsupported)" for an unsupported claim. */
    QString ratingText() const;
    /** The colour's word: "Green", "Amber (unsupported)", "Gap (not assessed)", ... */
    QString ragText() const;
    /** "(continued in Annex A, A1)": what the body prints after a text cut short. */
    QString annexReference() const;
};

/** One principle: its score, its colour and its actions. */
struct BoardPackPrinciple {
    QString id;
    QString title;
    PostureScore score;
    Rag rag = Rag::NotApplicable; ///< Scoring::ragForScore
    int green = 0;                ///< actions by effective colour
    int amber = 0;
    int red = 0;
    int gap = 0;
    int notApplicable = 0;
    QList<BoardPackAction> actions;
};

/** One group (theme, objective) of a further framework, as its section's summary shows it. */
struct BoardPackGroup {
    QString reference; ///< as the framework numbers it: "3"
    QString title;
    PostureScore score;
    Rag rag = Rag::NotApplicable; ///< Scoring::ragForScore
    int green = 0;                ///< items by effective colour
    int amber = 0;
    int red = 0;
    int gap = 0;
    int notApplicable = 0;
};

/** One item of a further framework that needs the board's attention. */
struct BoardPackFrameworkItem {
    QString reference; ///< "3.2"
    QString shortTitle;
    QString owner; ///< empty: nobody
    ActionScore score;
    QString reason; ///< what the attention rules say of it, one sentence each, joined
    int severity = SeverityMedium;
};

/**
 * A framework the organisation follows beside the Cyber Governance Code (the Software Security Code, a library's):
 * its own section of the pack, of at most three pages. Its score is its own, never blended with the Code's.
 */
struct BoardPackFramework {
    QString key;
    QString title;
    QString publisher;
    QString attribution;
    QString groupNoun;            ///< "theme"
    QString itemNoun;             ///< "principle"
    QString accountableTitle;     ///< "Senior Responsible Owner", or empty when the framework names none
    QString accountableStatement; ///< the framework's own words about them, if any
    QString owner;                ///< who answers for it; empty: nobody named
    QString vendorRole;           ///< the organisation's role under it, in words; empty: none
    int itemCount = 0;
    PostureScore posture;
    QList<BoardPackGroup> groups;
    QList<BoardPackFrameworkItem> attention; ///< the first BoardPack::kFrameworkAttentionItems, most severe first
    int attentionTotal = 0;
    QList<QPair<QString, int>> owners; ///< each owner and how many items they own, most first; "" for nobody
};

/** The attention items raised by one rule. */
struct BoardPackAttentionGroup {
    AttentionRule rule = AttentionRule::UnownedAction;
    int severity = SeverityMedium;
    QList<AttentionItem> items; ///< the items the pack lists: the first BoardPack::kAttentionItemsPerGroup
    int total = 0;              ///< how many items the rule raised; more than items.size() when some are not listed
};

/** One line of the evidence index. */
struct BoardPackEvidence {
    qint64 id = 0;
    QString title;
    EvidenceType type = EvidenceType::Other;
    EvidenceSource source = EvidenceSource::Management;
    QDate effective;
    QDate reviewBy;
    EvidenceStatus status = EvidenceStatus::Current; ///< on the date the pack speaks for
    QStringList actionIds;                           ///< in catalogue order
    QString fingerprint;                             ///< the first 12 hex digits of the SHA-256, or "link"
};

/**
 * Everything a board pack says, decided in core with the one scoring rule and the attention rules, in
 * the order the pack prints it: cover, executive summary, charts, attention items, one section per
 * principle, evidence index and sign-off. It holds no layout: the painter (ui/report) only decides where
 * things go on the page, and adds what only it knows (page numbers, the page count).
 */
struct BoardPackContent {
    // Cover
    QString organisation;
    QString marking;       ///< the protective marking printed on every page; may be empty
    bool isReview = false; ///< false: the live state, not a board review
    QString reviewName;    ///< empty for the live state
    QDate meetingDate;     ///< the review's meeting date, or the date the live state was read
    QDateTime createdAt;   ///< in UTC
    BoardPackPageSize pageSize = BoardPackPageSize::A4;
    QString version; ///< Quorum's version, for the creator field

    // Executive summary
    PostureScore posture;
    std::optional<double> previousScore;
    QString previousReviewName; ///< the review this one is compared with; empty: none
    QDate previousReviewDate;
    int ratingsUp = 0;
    int ratingsDown = 0;
    int expiredEvidence = 0;
    int expiringEvidence = 0;
    int currentEvidence = 0;           ///< current and not expiring soon
    QList<AttentionItem> topAttention; ///< the 3 to 5 most important items
    QString decisions;                 ///< the decisions sought (plain text); empty: none

    // Charts: ratings by principle, posture trend, current against target, evidence freshness
    QList<ChartSpec> charts;

    // Attention items, grouped by rule, most severe rule first
    QList<BoardPackAttentionGroup> attention;
    QString attentionNote; ///< how the items were computed (for a review: as of the meeting)

    QList<BoardPackPrinciple> principles;
    /** Each further framework followed (or, for a review, frozen with it), after the Code's principles. */
    QList<BoardPackFramework> frameworks;
    /**
     * The Code's maturity (issue 18), while the organisation tracks it: its own page after the frameworks, never
     * blended into the scores or the colours. None when maturity is not tracked, and then nothing of it is printed.
     */
    std::optional<MaturityView> maturity;
    QString maturityNote; ///< what the levels are of: now, or frozen with the review

    QList<BoardPackEvidence> evidence; ///< by title; see BoardPack::kFullEvidenceIndexLimit for a large register
    int evidenceNotListed = 0;         ///< evidence held but not listed in the index
    QString evidenceNote;

    // Sign-off
    bool isSigned = false;
    QString signedBy;
    QDateTime signedAt;
    QString minuteRef;

    /** "Board May 2026", or "Current state (not a board review)". */
    QString reviewLabel() const;
    /** "Board pack: <organisation> - <review>", the PDF title. */
    QString documentTitle() const;
    /** The PDF subject. */
    QString subject() const;
    /** "<Organisation> board pack <review>.pdf", not yet sanitised for a file system. */
    QString suggestedFileName() const;
    /** Every attention item of every group. */
    int attentionCount() const;
    /** The actions whose text continues in Annex A, in catalogue order; none: the pack has no annex. */
    QList<BoardPackAction> annexActions() const;
    /** Movement of the rounded posture score since the previous review; none without one. */
    std::optional<int> movement() const;
    /** "▲ up 3 since Board March 2026", "no earlier board review", ... */
    QString movementText() const;

    /**
     * A stable plain-text rendering of everything above, section by section, for golden-file tests and
     * debugging. It never contains the page count, which only the painter knows.
     */
    QString toPlainText() const;
};

/**
 * Builds the content of the board pack from the store: for the live state (what the dashboard shows
 * today) or for one board review, from the state frozen at its meeting, compared with the review before
 * it. Charts, scores and colours come from the same rules as the dashboard (core/workspace/dashboard.h,
 * core/rules/scoring.h), so the pack and the screen never disagree. Throws Error (NotFound, listing the
 * closest names) for a review that does not exist.
 */
class BoardPack {
public:
    /**
     * Up to this many pieces of evidence, the index lists them all. Beyond it (an organisation with years
     * of evidence: thousands of items, hundreds of pages no director reads), it lists for each action its
     * kEvidencePerActionInIndex most recent items that are current on the pack's date, says how many more
     * are held, and points to the evidence register. The counts and the freshness chart still cover all.
     */
    static constexpr int kFullEvidenceIndexLimit = 150;
    static constexpr int kEvidencePerActionInIndex = 3;
    /** The attention section lists at most this many items of one rule, then says how many more there are. */
    static constexpr int kAttentionItemsPerGroup = 25;
    /**
     * A further framework's section lists at most this many items that need attention, and this many owners (the
     * rest are counted): with its summary by group, it keeps within three pages however large the framework.
     */
    static constexpr int kFrameworkAttentionItems = 15;
    static constexpr int kFrameworkOwners = 12;
    /**
     * A board-friendly length for what the body of the pack says about one action: its commentary, plus the
     * justification of a Not applicable action. Past it, the body prints the text up to this length (cut at a
     * word) and Annex A prints it in full, so the body keeps its shape (at most 12 pages for the 22 actions of
     * the Code at this length, with the demo organisation's evidence) however much is written. The action
     * editor shows the same guide as the text is typed.
     */
    static constexpr int kBoardTextChars = 600;
    /** Annex A's title, as the body's references, the contents and the annex heading say it. */
    static QString annexTitle();

    /**
     * The start of @p text that the body prints: the whole text when it has at most @p limit characters,
     * otherwise its longest start of at most @p limit characters that ends at a word boundary (or, for a
     * single word longer than that, exactly @p limit characters), without trailing spaces.
     */
    static QString bodyExcerpt(const QString &text, int limit = kBoardTextChars);
    /** How many characters of the board-text budget an action's texts use (justification only when N/A). */
    static int boardTextLength(const QString &commentary, const QString &justification, bool notApplicable);

    static BoardPackContent build(const Store &store, const BoardPackOptions &options);

    /**
     * The four dashboard charts for any set of action states (a frozen review's, say), in the shapes and
     * words of @p live (titles, series names and colours, the trend's labels): ratings by principle and
     * current against target are counted from @p states, the trend keeps the first @p trendPoints points
     * of the live history (one per board review, oldest first) and shows the last of them as the
     * dashboard does (recentTrend), and the freshness chart shows the three
     * counts given. For the live states and every trend point, the result equals @p live's charts.
     */
    static QList<ChartSpec> charts(const DashboardData &live, const QList<ActionState> &states, qsizetype trendPoints,
                                   int currentEvidence, int expiringEvidence, int expiredEvidence);
};

} // namespace quorum
