#include "core/domain/domain.h"

#include "core/domain/catalogue.h"
namespace quorum {

namespace {

template<typename Enum>
struct Word {
    Enum value;
    const char *key;
    const char *label;
};

const Word<EvidenceType> kTypeWords[] = {
    {EvidenceType::Policy, "policy", "Policy"},
    {EvidenceType::Strategy, "strategy", "Strategy"},
    {EvidenceType::Report, "report", "Report"},
    {EvidenceType::BoardMinutes, "board-minutes", "Board minutes"},
    {EvidenceType::ExerciseRecord, "exercise-record", "Exercise record"},
    {EvidenceType::AuditOpinion, "audit-opinion", "Audit opinion"},
    {EvidenceType::Metric, "metric", "Metric"},
    {EvidenceType::Attestation, "attestation", "Attestation"},
    {EvidenceType::Other, "other", "Other"},
};

const Word<EvidenceSource> kSourceWords[] = {
    {EvidenceSource::Management, "management", "Management"},
    {EvidenceSource::RiskCompliance, "risk-compliance", "Risk and compliance"},
    {EvidenceSource::InternalAudit, "internal-audit", "Internal audit"},
    {EvidenceSource::ThirdParty, "third-party", "Independent third party"},
};

template<typename Enum, size_t N>
QString keyOf(const Word<Enum> (&words)[N], Enum value)
{
    for (const auto &word : words) {
        if (word.value == value)
            return QString::fromLatin1(word.key);
    }
    return {};
}

template<typename Enum, size_t N>
QString labelOf(const Word<Enum> (&words)[N], Enum value)
{
    for (const auto &word : words) {
        if (word.value == value)
            return QString::fromLatin1(word.label);
    }
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> parse(const Word<Enum> (&words)[N], QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (const auto &word : words) {
        if (trimmed.compare(QLatin1String(word.key), Qt::CaseInsensitive) == 0
            || trimmed.compare(QLatin1String(word.label), Qt::CaseInsensitive) == 0)
            return word.value;
    }
    return std::nullopt;
}

} // namespace

QString assessmentFieldKey(AssessmentField field)
{
    switch (field) {
    case AssessmentField::Owner:
        return QStringLiteral("owner");
    case AssessmentField::Director:
        return QStringLiteral("director");
    case AssessmentField::Rating:
        return QStringLiteral("rating");
    case AssessmentField::Target:
        return QStringLiteral("target");
    case AssessmentField::Justification:
        return QStringLiteral("justification");
    case AssessmentField::Commentary:
        return QStringLiteral("commentary");
    case AssessmentField::TargetDate:
        return QStringLiteral("target date");
    case AssessmentField::NextReview:
        return QStringLiteral("next review");
    case AssessmentField::Maturity:
        return QStringLiteral("maturity");
    case AssessmentField::MaturityTarget:
        return QStringLiteral("maturity target");
    case AssessmentField::MaturityAssessed:
        return QStringLiteral("maturity assessed");
    case AssessmentField::MaturityAssessor:
        return QStringLiteral("maturity assessor");
    }
    return {};
}

QVariant Assessment::value(AssessmentField field) const
{
    switch (field) {
    case AssessmentField::Owner:
        return QVariant::fromValue<qint64>(ownerId);
    case AssessmentField::Director:
        return QVariant::fromValue<qint64>(directorId);
    case AssessmentField::Rating:
        return QVariant::fromValue(rating);
    case AssessmentField::Target:
        return QVariant::fromValue(target);
    case AssessmentField::Justification:
        return justification;
    case AssessmentField::Commentary:
        return commentary;
    case AssessmentField::TargetDate:
        return targetDate;
    case AssessmentField::NextReview:
        return nextReview;
    case AssessmentField::Maturity:
        return maturity ? QVariant(*maturity) : QVariant();
    case AssessmentField::MaturityTarget:
        return maturityTarget ? QVariant(*maturityTarget) : QVariant();
    case AssessmentField::MaturityAssessed:
        return maturityAssessed;
    case AssessmentField::MaturityAssessor:
        return QVariant::fromValue(maturityAssessor);
    }
    return {};
}

const QList<EvidenceType> &allEvidenceTypes()
{
    static const QList<EvidenceType> types = [] {
        QList<EvidenceType> list;
        for (const auto &word : kTypeWords)
            list << word.value;
        return list;
    }();
    return types;
}

const QList<EvidenceSource> &allEvidenceSources()
{
    static const QList<EvidenceSource> sources = [] {
        QList<EvidenceSource> list;
        for (const auto &word : kSourceWords)
            list << word.value;
        return list;
    }();
    return sources;
}

QString evidenceTypeKey(EvidenceType type)
{
    return keyOf(kTypeWords, type);
}
QString evidenceTypeLabel(EvidenceType type)
{
    return labelOf(kTypeWords, type);
}
std::optional<EvidenceType> evidenceTypeFromKey(QStringView text)
{
    return parse(kTypeWords, text);
}
QString evidenceSourceKey(EvidenceSource source)
{
    return keyOf(kSourceWords, source);
}
QString evidenceSourceLabel(EvidenceSource source)
{
    return labelOf(kSourceWords, source);
}
std::optional<EvidenceSource> evidenceSourceFromKey(QStringView text)
{
    return parse(kSourceWords, text);
}

QString evidenceStatusKey(EvidenceStatus status)
{
    switch (status) {
    case EvidenceStatus::Current:
        return QStringLiteral("current");
    case EvidenceStatus::Expiring:
        return QStringLiteral("expiring");
    case EvidenceStatus::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

QString evidenceStatusLabel(EvidenceStatus status)
{
    switch (status) {
    case EvidenceStatus::Current:
        return QStringLiteral("Current");
    case EvidenceStatus::Expiring:
        return QStringLiteral("Expiring soon");
    case EvidenceStatus::Expired:
        return QStringLiteral("Expired");
    }
    return {};
}

EvidenceStatus evidenceStatus(const QDate &reviewBy, const QDate &today)
{
    if (!reviewBy.isValid())
        return EvidenceStatus::Current;
    if (reviewBy < today)
        return EvidenceStatus::Expired;
    if (today.daysTo(reviewBy) <= kExpiringWithinDays)
        return EvidenceStatus::Expiring;
    return EvidenceStatus::Current;
}

QString trainingStatusKey(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Current:
        return QStringLiteral("current");
    case TrainingStatus::Expired:
        return QStringLiteral("expired");
    case TrainingStatus::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

QString trainingStatusLabel(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Current:
        return QStringLiteral("Current");
    case TrainingStatus::Expired:
        return QStringLiteral("Expired");
    case TrainingStatus::Missing:
        return QStringLiteral("No training recorded");
    }
    return {};
}

TrainingStatus trainingStatus(const QList<TrainingRecord> &records, const QDate &today)
{
    bool trained = false;
    for (const TrainingRecord &record : records) {
        if (!record.completed.isValid() || record.completed > today)
            continue;
        if (!record.validUntil.isValid() || record.validUntil >= today)
            return TrainingStatus::Current;
        trained = true;
    }
    return trained ? TrainingStatus::Expired : TrainingStatus::Missing;
}

QList<ActionState> statesOfFramework(const QList<ActionState> &states, const QString &key)
{
    QList<ActionState> result;
    for (const ActionState &state : states) {
        if (state.framework == key)
            result.append(state);
    }
    return result;
}

QList<ReviewItem> reviewItemsOfFramework(const QList<ReviewItem> &items, const QString &key)
{
    QList<ReviewItem> result;
    for (const ReviewItem &item : items) {
        if (Catalogue::keyOfItem(item.actionId) == key)
            result.append(item);
    }
    return result;
}

ReviewItem reviewItemOf(const ActionState &state)
{
    ReviewItem item;
    item.actionId = state.id;
    item.rating = state.assessment.rating;
    item.target = state.assessment.target;
    item.owner = state.ownerName;
    item.director = state.directorName;
    item.evidenceCurrent = state.evidenceCurrent;
    item.evidenceExpired = state.evidenceExpired;
    item.commentary = state.assessment.commentary;
    item.maturity = state.assessment.maturity;
    item.maturityTarget = state.assessment.maturityTarget;
    return item;
}

} // namespace quorum
