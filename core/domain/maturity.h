#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace quorum {

/** One level of a maturity scale: its score, its name ("Defined") and what it means. */
struct MaturityLevel {
    int score = 0;
    QString name;
    QString description;

    bool operator==(const MaturityLevel &other) const = default;
};

/**
 * The levels a framework's items are appraised on for maturity (issue 18): how capable and repeatable the
 * practice behind an item is, a different question from how much assurance the board has that it works. The
 * CMMI maturity levels (0 Incomplete to 5 Optimizing) unless a framework read from a library file defines its
 * own scores (CISO Assistant's scores_definition, between min_score and max_score).
 */
class MaturityScale {
public:
    /** The most levels a scale may have, and the widest range of scores: a radar of more is unreadable. */
    static constexpr int kMaxLevels = 11;
    static constexpr int kMaxScore = 100;

    /** CMMI's levels, as cmmi(). */
    MaturityScale();

    /** The CMMI maturity levels 0 to 5: every framework's scale unless its library file defines one. */
    static const MaturityScale &cmmi();

    /**
     * A scale of @p levels (at least two, at most kMaxLevels, scores distinct whole numbers from 0 to kMaxScore, each
     * named); returns an explanation of what is wrong in @p problem and nothing otherwise.
     */
    static std::optional<MaturityScale> make(QList<MaturityLevel> levels, QString *problem = nullptr);

    /** As stored with its framework: empty for CMMI, else JSON. */
    QByteArray toStored() const;
    /** The scale stored as toStored wrote it; CMMI for an empty or unreadable value. */
    static MaturityScale fromStored(const QByteArray &stored);

    const QList<MaturityLevel> &levels() const { return m_levels; }
    int minimum() const { return m_levels.constFirst().score; }
    int maximum() const { return m_levels.constLast().score; }
    bool contains(int score) const;
    bool isCmmi() const;
    /**
     * How many levels @p to is above @p from on this scale (negative when below): levels, not the difference of
     * their scores (a scale of 0, 25, 50, 75 and 100 has one level between 25 and 50). A score the scale does not
     * have counts from where it would fall between its levels.
     */
    int levelsBetween(int from, int to) const;
    /** "3 Defined"; the number alone for a score the scale does not name. */
    QString label(int score) const;
    /** "0 to 5 (CMMI)", "1 to 4": the range, for help texts and messages. */
    QString rangeText() const;

    bool operator==(const MaturityScale &other) const = default;

private:
    QList<MaturityLevel> m_levels; ///< by score, lowest first
};

/** Who appraised an item's maturity. */
enum class MaturityAssessor { None, Internal, Independent };

/** "internal", "independent"; empty for None. */
QString maturityAssessorKey(MaturityAssessor assessor);
/** "Internal assessment", "Independent appraisal"; empty for None. */
QString maturityAssessorLabel(MaturityAssessor assessor);
/** From a key or a label, in any case; None for an empty text, nothing for an unknown one. */
std::optional<MaturityAssessor> maturityAssessorFromText(QStringView text);

} // namespace quorum
