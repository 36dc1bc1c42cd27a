#include "core/interchange/registers.h"

#include "core/rules/scoring.h"
#include "core/storage/store.h"
namespace quorum {

namespace {

QVariant dateOrNull(const QDate &date)
{
    return date.isValid() ? QVariant(date) : QVariant();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace

Sheet Registers::actions(const Store &store)
{
    Sheet sheet;
    sheet.name = QStringLiteral("Actions");
    sheet.columns = {
        {QStringLiteral("ID"), ColumnKind::Text, 6},
        {QStringLiteral("Principle"), ColumnKind::Text, 22},
        {QStringLiteral("Short title"), ColumnKind::LongText, 34},
        {QStringLiteral("Owner"), ColumnKind::Text, 20},
        {QStringLiteral("Director"), ColumnKind::Text, 20},
        {QStringLiteral("Rating"), ColumnKind::Text, 14},
        {QStringLiteral("Target"), ColumnKind::Text, 14},
        {QStringLiteral("RAG"), ColumnKind::Rag, 18},
        {QStringLiteral("Unsupported claim"), ColumnKind::Text, 12},
        {QStringLiteral("Commentary"), ColumnKind::LongText, 60},
        {QStringLiteral("Justification"), ColumnKind::LongText, 30},
        {QStringLiteral("Target date"), ColumnKind::Date, 12},
        {QStringLiteral("Next review"), ColumnKind::Date, 12},
        {QStringLiteral("Current evidence"), ColumnKind::Number, 10},
        {QStringLiteral("Expired evidence"), ColumnKind::Number, 10},
    };
    // Maturity (issue 18) only while it is tracked, after the columns a register always had, so that their
    // places do not move. Levels are numbers (the scale's names are in Quorum), as ActionImport reads them back.
    const bool maturity = store.organisation().trackMaturity;
    if (maturity)
        sheet.columns += {
            {QStringLiteral("Maturity"), ColumnKind::Number, 10},
            {QStringLiteral("Target maturity"), ColumnKind::Number, 10},
            {QStringLiteral("Maturity assessed"), ColumnKind::Date, 12},
            {QStringLiteral("Maturity assessor"), ColumnKind::Text, 14},
        };
    const auto levelOrNull = [](const std::optional<int> &level) { return level ? QVariant(*level) : QVariant(); };
    for (const ActionState &state : store.actionStates()) {
        const Assessment &a = state.assessment;
        const ActionScore score = Scoring::score(state);
        QVariantList &row = sheet.rows.emplace_back(QVariantList{
            state.id,
            QStringLiteral("%1: %2").arg(state.principleId, state.principleTitle),
            state.shortTitle,
            textOrNull(state.ownerName),
            textOrNull(state.directorName),
            ratingKey(a.rating),
            ratingKey(a.target),
            ragLabel(score.rag),
            score.unsupportedClaim ? QStringLiteral("yes") : QStringLiteral("no"),
            textOrNull(a.commentary),
            textOrNull(a.justification),
            dateOrNull(a.targetDate),
            dateOrNull(a.nextReview),
            state.evidenceCurrent,
            state.evidenceExpired,
        });
        if (maturity)
            row += QVariantList{levelOrNull(a.maturity), levelOrNull(a.maturityTarget), dateOrNull(a.maturityAssessed),
                                textOrNull(maturityAssessorKey(a.maturityAssessor))};
    }
    return sheet;
}

Sheet Registers::evidence(const Store &store)
{
    Sheet sheet;
    sheet.name = QStringLiteral("Evidence");
    sheet.columns = {
        {QStringLiteral("ID"), ColumnKind::Number, 6},
        {QStringLiteral("Title"), ColumnKind::LongText, 40},
        {QStringLiteral("Type"), ColumnKind::Text, 16},
        {QStringLiteral("Source"), ColumnKind::Text, 20},
        {QStringLiteral("Effective date"), ColumnKind::Date, 12},
        {QStringLiteral("Review by"), ColumnKind::Date, 12},
        {QStringLiteral("Status"), ColumnKind::Text, 10},
        {QStringLiteral("Actions"), ColumnKind::Text, 16},
        {QStringLiteral("File or link"), ColumnKind::LongText, 36},
        {QStringLiteral("SHA-256"), ColumnKind::Text, 20},
        {QStringLiteral("Size (bytes)"), ColumnKind::Number, 12},
        {QStringLiteral("Revision"), ColumnKind::Number, 9},
        {QStringLiteral("Added"), ColumnKind::Date, 12},
    };
    const QDate today = store.clock().today();
    for (const Evidence &e : store.evidence()) {
        sheet.rows.append(QVariantList{
            e.id,
            e.title,
            evidenceTypeLabel(e.type),
            evidenceSourceLabel(e.source),
            dateOrNull(e.effective),
            dateOrNull(e.reviewBy),
            evidenceStatusLabel(evidenceStatus(e.reviewBy, today)),
            e.actionIds.join(QStringLiteral(", ")),
            e.isFile() ? e.fileName : e.url,
            textOrNull(e.sha256),
            e.isFile() ? QVariant(e.size) : QVariant(),
            e.revision,
            dateOrNull(e.createdAt.toUTC().date()),
        });
    }
    return sheet;
}

} // namespace quorum
