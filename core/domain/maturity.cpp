#include "core/domain/maturity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace quorum {

namespace {

/** The CMMI maturity levels, as the ISACA / CMMI Institute guidance on both DSIT codes names them. */
const QList<MaturityLevel> &cmmiLevels()
{
    static const QList<MaturityLevel> levels{
        {0, QStringLiteral("Incomplete"), QStringLiteral("Work may or may not get done; the practice is ad hoc.")},
        {1, QStringLiteral("Initial"), QStringLiteral("The work gets done, but is not managed or repeatable.")},
        {2, QStringLiteral("Managed"),
         QStringLiteral("Planned, performed, monitored and controlled for each piece of "
                        "work.")},
        {3, QStringLiteral("Defined"), QStringLiteral("Organisation-wide standards guide the work; it is repeatable.")},
        {4, QStringLiteral("Quantitatively Managed"),
         QStringLiteral("Measured and controlled with quantitative objectives for quality and performance.")},
        {5, QStringLiteral("Optimizing"), QStringLiteral("Continually improved from its measurements.")},
    };
    return levels;
}

/** Where @p score sits among @p levels: its index, or the half-way place between the two it falls between. */
double placeOf(const QList<MaturityLevel> &levels, int score)
{
    for (qsizetype i = 0; i < levels.size(); ++i) {
        if (levels[i].score == score)
            return double(i);
        if (levels[i].score > score)
            return double(i) - 0.5;
    }
    return double(levels.size()) - 0.5;
}

} // namespace

MaturityScale::MaturityScale()
    : m_levels(cmmiLevels())
{
}

const MaturityScale &MaturityScale::cmmi()
{
    static const MaturityScale scale;
    return scale;
}

int MaturityScale::levelsBetween(int from, int to) const
{
    return int(std::lround(placeOf(m_levels, to) - placeOf(m_levels, from)));
}

std::optional<MaturityScale> MaturityScale::make(QList<MaturityLevel> levels, QString *problem)
{
    const auto refuse = [problem](const QString &why) -> std::optional<MaturityScale> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (levels.size() < 2)
        return refuse(QStringLiteral("a maturity scale needs at least two levels"));
    if (levels.size() > kMaxLevels)
        return refuse(
            QStringLiteral("a maturity scale has at most %1 levels, not %2").arg(kMaxLevels).arg(levels.size()));
    std::sort(levels.begin(), levels.end(), [](const auto &a, const auto &b) { return a.score < b.score; });
    QSet<int> seen;
    for (MaturityLevel &level : levels) {
        if (level.score < 0 || level.score > kMaxScore)
            return refuse(QStringLiteral("a maturity score must be a whole number from 0 to %1, not %2")
                              .arg(kMaxScore)
                              .arg(level.score));
        if (seen.contains(level.score))
            return refuse(QStringLiteral("the maturity score %1 is defined twice").arg(level.score));
        seen.insert(level.score);
        level.name = level.name.simplified();
        if (level.name.isEmpty())
            return refuse(QStringLiteral("the maturity score %1 has no name").arg(level.score));
    }
    MaturityScale scale;
    scale.m_levels = levels;
    return scale;
}

QByteArray MaturityScale::toStored() const
{
    if (isCmmi())
        return {};
    QJsonArray array;
    for (const MaturityLevel &level : m_levels)
        array.append(QJsonObject{{QStringLiteral("score"), level.score},
                                 {QStringLiteral("name"), level.name},
                                 {QStringLiteral("description"), level.description}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

MaturityScale MaturityScale::fromStored(const QByteArray &stored)
{
    if (stored.isEmpty())
        return cmmi();
    QList<MaturityLevel> levels;
    for (const QJsonValue &value : QJsonDocument::fromJson(stored).array()) {
        const QJsonObject object = value.toObject();
        levels.append({object.value(QStringLiteral("score")).toInt(-1), object.value(QStringLiteral("name")).toString(),
                       object.value(QStringLiteral("description")).toString()});
    }
    return make(levels).value_or(cmmi());
}

bool MaturityScale::contains(int score) const
{
    return std::any_of(m_levels.cbegin(), m_levels.cend(), [score](const auto &level) { return level.score == score; });
}

bool MaturityScale::isCmmi() const
{
    return this == &cmmi() || *this == cmmi();
}

QString MaturityScale::label(int score) const
{
    for (const MaturityLevel &level : m_levels) {
        if (level.score == score)
            return QStringLiteral("%1 %2").arg(score).arg(level.name);
    }
    return QString::number(score);
}

QString MaturityScale::rangeText() const
{
    return isCmmi() ? QStringLiteral("0 to 5 (CMMI)") : QStringLiteral("%1 to %2").arg(minimum()).arg(maximum());
}

QString maturityAssessorKey(MaturityAssessor assessor)
{
    switch (assessor) {
    case MaturityAssessor::None:
        return {};
    case MaturityAssessor::Internal:
        return QStringLiteral("internal");
    case MaturityAssessor::Independent:
        return QStringLiteral("independent");
    }
    return {};
}

QString maturityAssessorLabel(MaturityAssessor assessor)
{
    switch (assessor) {
    case MaturityAssessor::None:
        return {};
    case MaturityAssessor::Internal:
        return QStringLiteral("Internal assessment");
    case MaturityAssessor::Independent:
        return QStringLiteral("Independent appraisal");
    }
    return {};
}

std::optional<MaturityAssessor> maturityAssessorFromText(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return MaturityAssessor::None;
    for (MaturityAssessor assessor : {MaturityAssessor::Internal, MaturityAssessor::Independent}) {
        if (trimmed.compare(maturityAssessorKey(assessor), Qt::CaseInsensitive) == 0
            || trimmed.compare(maturityAssessorLabel(assessor), Qt::CaseInsensitive) == 0)
            return assessor;
    }
    return std::nullopt;
}

} // namespace quorum
