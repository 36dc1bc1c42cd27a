#include "core/models/actionsmodel.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/domain/userdate.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QRegularExpression>

namespace quorum {

namespace {

/** "ssc:3.10" as "ssc:00003.00010": numbers in an id sort by their value, not their digits. */
QString naturalSortKey(const QString &id)
{
    static const QRegularExpression number(QStringLiteral("[0-9]+"));
    QString key;
    qsizetype from = 0;
    for (auto it = number.globalMatch(id); it.hasNext();) {
        const auto match = it.next();
        key += id.mid(from, match.capturedStart() - from) + match.captured().rightJustified(5, u'0');
        from = match.capturedEnd();
    }
    return key + id.mid(from);
}

} // namespace

namespace {

// A principle row's internal id; action rows carry their principle's row + 1 so parent() is O(1).
constexpr quintptr kPrincipleRow = 0;

} // namespace

QString trendText(std::optional<int> trend)
{
    if (!trend)
        return QString();
    if (*trend > 0)
        return QStringLiteral("\u25B2 up");
    if (*trend < 0)
        return QStringLiteral("\u25BC down");
    return QStringLiteral("\u25B6 same");
}

ActionsModel::ActionsModel(Workspace *workspace, QObject *parent)
    : QAbstractItemModel(parent)
    , m_workspace(workspace)
{
    reload();
    connect(workspace, &Workspace::assessmentChanged, this, &ActionsModel::reloadAction);
    connect(workspace, &Workspace::peopleChanged, this, &ActionsModel::reload);
    connect(workspace, &Workspace::evidenceChanged, this, &ActionsModel::reload);
    connect(workspace, &Workspace::reviewsChanged, this, &ActionsModel::reload);
    // A framework followed or left adds or removes rows; a vendor role changes how items read.
    connect(workspace, &Workspace::frameworksChanged, this, &ActionsModel::reload);
}

void ActionsModel::loadBaseline()
{
    m_baseline.clear();
    const QList<Review> reviews = m_workspace->store().reviews();
    if (reviews.isEmpty())
        return;
    for (const ReviewItem &item : m_workspace->store().reviewItems(reviews.constLast().id))
        m_baseline.insert(item.actionId, item.rating);
}

void ActionsModel::reload()
{
    const QList<ActionState> states = m_workspace->actionStates();
    loadBaseline();
    m_maturityScales.clear();
    for (const Framework &framework : m_workspace->frameworks())
        m_maturityScales.insert(framework.key, framework.maturityScale);
    QList<PrincipleRow> principles;
    QHash<QString, QString> frameworkNames;
    for (const ActionState &state : states) {
        if (principles.isEmpty() || principles.constLast().id != state.principleId) {
            QString title = state.principleTitle;
            if (state.framework != Catalogue::codeKey()) {
                if (!frameworkNames.contains(state.framework))
                    frameworkNames.insert(state.framework, m_workspace->framework(state.framework).shortName);
                title = QStringLiteral("%1: %2").arg(frameworkNames.value(state.framework), title);
            }
            principles.append(PrincipleRow{state.principleId, title, int(principles.size()), {}});
        }
        principles.last().actions.append(state);
    }
    // The shape changes only when a framework is followed or left; otherwise only values change.
    bool sameShape = principles.size() == m_principles.size();
    for (qsizetype i = 0; sameShape && i < principles.size(); ++i)
        sameShape = principles[i].actions.size() == m_principles[i].actions.size();
    if (!sameShape) {
        beginResetModel();
        m_principles = principles;
        endResetModel();
        return;
    }
    m_principles = principles;
    for (int p = 0; p < m_principles.size(); ++p) {
        Q_EMIT dataChanged(index(p, 0), index(p, ColumnCount - 1));
        const QModelIndex parentIndex = index(p, 0);
        if (!m_principles[p].actions.isEmpty())
            Q_EMIT dataChanged(index(0, 0, parentIndex),
                               index(int(m_principles[p].actions.size()) - 1, ColumnCount - 1, parentIndex));
    }
}

void ActionsModel::reloadAction(const QString &actionId)
{
    for (int p = 0; p < m_principles.size(); ++p) {
        QList<ActionState> &actions = m_principles[p].actions;
        for (int a = 0; a < actions.size(); ++a) {
            if (actions[a].id != actionId)
                continue;
            actions[a] = m_workspace->actionState(actionId);
            const QModelIndex parentIndex = index(p, 0);
            Q_EMIT dataChanged(index(a, 0, parentIndex), index(a, ColumnCount - 1, parentIndex));
            // The principle row shows aggregates of its actions.
            Q_EMIT dataChanged(index(p, 0), index(p, ColumnCount - 1));
            return;
        }
    }
}

QModelIndex ActionsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_principles.size() ? createIndex(row, column, kPrincipleRow) : QModelIndex();
    if (parent.internalId() != kPrincipleRow || parent.row() >= m_principles.size())
        return {};
    if (row >= m_principles[parent.row()].actions.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ActionsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kPrincipleRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kPrincipleRow);
}

int ActionsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_principles.size());
    if (parent.column() != 0 || parent.internalId() != kPrincipleRow)
        return 0;
    return int(m_principles.value(parent.row()).actions.size());
}

int ActionsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const ActionState *ActionsModel::actionAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kPrincipleRow || index.model() != this)
        return nullptr;
    const int p = int(index.internalId() - 1);
    if (p >= m_principles.size() || index.row() >= m_principles[p].actions.size())
        return nullptr;
    return &m_principles[p].actions[index.row()];
}

QModelIndex ActionsModel::indexOfAction(const QString &actionId) const
{
    for (int p = 0; p < m_principles.size(); ++p) {
        for (int a = 0; a < m_principles[p].actions.size(); ++a) {
            if (m_principles[p].actions[a].id.compare(actionId, Qt::CaseInsensitive) == 0)
                return index(a, 0, index(p, 0));
        }
    }
    return {};
}

std::optional<int> ActionsModel::trend(const QString &actionId) const
{
    const auto found = m_baseline.constFind(actionId);
    if (found == m_baseline.constEnd())
        return std::nullopt;
    for (const PrincipleRow &principle : m_principles) {
        for (const ActionState &state : principle.actions) {
            if (state.id != actionId)
                continue;
            const int before = ratingRank(*found);
            const int now = ratingRank(state.assessment.rating);
            if (before < 0 || now < 0)
                return std::nullopt;
            return now > before ? 1 : (now < before ? -1 : 0);
        }
    }
    return std::nullopt;
}

bool ActionsModel::needsAttention(const ActionState &state) const
{
    const ActionScore score = Scoring::score(state);
    const bool overdue = state.assessment.targetDate.isValid()
                         && state.assessment.targetDate < m_workspace->store().clock().today()
                         && ratingRank(state.assessment.rating) < ratingRank(state.assessment.target);
    const auto movement = trend(state.id);
    return state.assessment.ownerId == 0 || score.unsupportedClaim || state.evidenceExpired > 0 || overdue
           || (movement && *movement < 0);
}

QVariant ActionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    if (const ActionState *state = actionAt(index))
        return actionData(*state, index.column(), role);
    if (index.internalId() == kPrincipleRow && index.row() < m_principles.size())
        return principleData(m_principles[index.row()], index.column(), role);
    return {};
}

QVariant ActionsModel::principleData(const PrincipleRow &principle, int column, int role) const
{
    switch (role) {
    case PrincipleIdRole:
        return principle.id;
    case SearchTextRole:
        return QString(principle.id + QLatin1Char(' ') + principle.title);
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default:
        break;
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case IdColumn:
        // Sorted by id, the frameworks stay in their order; another framework's group shows its own number.
        if (role == SortRole)
            return QStringLiteral("%1").arg(principle.rank, 5, 10, QLatin1Char('0'));
        if (role == Qt::ToolTipRole || !principle.id.contains(u':'))
            return principle.id;
        return principle.id.section(u':', 1);
    case TitleColumn:
        return principle.title;
    case RatingColumn: {
        if (role == SortRole)
            return {};
        const PostureScore posture = Scoring::posture(principle.actions);
        return tr("Score %1").arg(Scoring::format(posture.score));
    }
    case EvidenceColumn: {
        int total = 0;
        for (const ActionState &state : principle.actions)
            total += state.evidenceCurrent;
        return total;
    }
    default:
        return {};
    }
}

QVariant ActionsModel::actionData(const ActionState &state, int column, int role) const
{
    const Assessment &a = state.assessment;
    switch (role) {
    case ActionIdRole:
        return state.id;
    case PrincipleIdRole:
        return state.principleId;
    case RatingRole:
        return QVariant::fromValue(a.rating);
    case RagRole:
        return QVariant::fromValue(Scoring::score(state).rag);
    case NeedsAttentionRole:
        return needsAttention(state);
    case UnsupportedClaimRole:
        return Scoring::score(state).unsupportedClaim;
    case OwnerIdRole:
        return QVariant::fromValue<qint64>(a.ownerId);
    case SearchTextRole:
        return QStringList{state.id,           state.shortTitle,      state.text,  state.ownerName,
                           state.directorName, ratingLabel(a.rating), a.commentary}
            .join(QLatin1Char(' '));
    case Qt::EditRole:
        if (column == RatingColumn)
            return ratingKey(a.rating);
        if (column == TargetColumn)
            return ratingKey(a.target);
        return {};
    case Qt::ToolTipRole:
        if (column == IdColumn && state.framework != Catalogue::codeKey())
            return tr("%1 (as typed in quorum-cli)").arg(state.id);
        if (column == TitleColumn)
            return state.path.isEmpty() ? state.text : QStringLiteral("%1\n\n%2").arg(state.path, state.text);
        if (column == MaturityColumn)
            return maturityToolTip(state);
        if (column == RagColumn) {
            const ActionScore score = Scoring::score(state);
            return score.unsupportedClaim ? tr("Amber: an unsupported claim. Rated %1 with no current evidence, so it "
                                               "counts as Limited.")
                                                .arg(ratingLabel(a.rating))
                                          : ragLabel(score.rag);
        }
        return {};
    case Qt::ForegroundRole:
        if ((column == OwnerColumn && a.ownerId == 0) || (column == ExpiredColumn && state.evidenceExpired > 0))
            return QColor(0xB0, 0x1E, 0x1E);
        return {};
    case SortRole:
        switch (column) {
        case IdColumn:
            if (state.framework == Catalogue::codeKey())
                return QString(state.principleId + QString::number(state.id.mid(1).toInt()).rightJustified(3, u'0'));
            return naturalSortKey(state.id);
        case RatingColumn:
            return ratingRank(a.rating);
        case TargetColumn:
            return ratingRank(a.target);
        case RagColumn:
            return int(Scoring::score(state).rag);
        case EvidenceColumn:
            return state.evidenceCurrent;
        case ExpiredColumn:
            return state.evidenceExpired;
        case NextReviewColumn:
            return a.nextReview.isValid() ? a.nextReview.toString(Qt::ISODate) : QStringLiteral("9999");
        case TrendColumn:
            return trend(state.id).value_or(0);
        case MaturityColumn:
            // Not assessed sorts below the lowest level; the target orders items of one level.
            return a.maturity.value_or(-1) * 1000 + a.maturityTarget.value_or(-1);
        default:
            return actionData(state, column, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (column) {
    case IdColumn:
        // Another framework's item shows its own number ("3.2") under its framework's group.
        return state.framework == Catalogue::codeKey() ? state.id : state.reference;
    case TitleColumn:
        return state.shortTitle;
    case OwnerColumn:
        return state.ownerName.isEmpty() ? tr("(no owner)") : state.ownerName;
    case DirectorColumn:
        return state.directorName;
    case RatingColumn:
        return ratingLabel(a.rating);
    case TargetColumn:
        return ratingLabel(a.target);
    case RagColumn: {
        const ActionScore score = Scoring::score(state);
        return score.unsupportedClaim ? tr("Unsupported") : ragShortLabel(score.rag);
    }
    case EvidenceColumn:
        return state.evidenceCurrent;
    case ExpiredColumn:
        return state.evidenceExpired;
    case NextReviewColumn:
        return a.nextReview.isValid() ? a.nextReview.toString(Qt::ISODate) : QString();
    case TrendColumn:
        return trendText(trend(state.id));
    case MaturityColumn:
        // The numbers only, current then target, so that the column stays narrow beside the others; the
        // levels' names are in the tooltip.
        if (!a.maturityTarget)
            return a.maturity ? QString::number(*a.maturity) : QString();
        return QStringLiteral("%1 \u2192 %2")
            .arg(a.maturity ? QString::number(*a.maturity) : QStringLiteral("\u2013"))
            .arg(*a.maturityTarget);
    default:
        return {};
    }
}

const MaturityScale &ActionsModel::maturityScale(const ActionState &state) const
{
    const auto found = m_maturityScales.constFind(state.framework);
    return found == m_maturityScales.constEnd() ? MaturityScale::cmmi() : *found;
}

QString ActionsModel::maturityToolTip(const ActionState &state) const
{
    const Assessment &a = state.assessment;
    const MaturityScale &scale = maturityScale(state);
    QStringList lines;
    lines << (a.maturity ? tr("Maturity: %1").arg(scale.label(*a.maturity)) : tr("Maturity: not assessed"));
    if (a.maturityTarget)
        lines << tr("Target: %1").arg(scale.label(*a.maturityTarget));
    if (a.maturityAssessed.isValid())
        lines << tr("Assessed on %1").arg(formatUserDate(a.maturityAssessed));
    if (a.maturityAssessor != MaturityAssessor::None)
        lines << maturityAssessorLabel(a.maturityAssessor);
    return plainForRichText(lines.join(u'\n')); // a library's level names
}

bool ActionsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const ActionState *state = actionAt(index);
    if (!state || role != Qt::EditRole)
        return false;
    if (index.column() != RatingColumn && index.column() != TargetColumn)
        return false;
    const auto rating = value.canConvert<Rating>() && value.metaType() == QMetaType::fromType<Rating>()
                            ? std::optional<Rating>(value.value<Rating>())
                            : ratingFromKey(value.toString());
    if (!rating) {
        m_lastError = tr("\"%1\" is not a rating; use one of %2.").arg(value.toString(), ratingKeysList());
        Q_EMIT editFailed(m_lastError);
        return false;
    }
    const AssessmentField field = index.column() == RatingColumn ? AssessmentField::Rating : AssessmentField::Target;
    try {
        // Made from the row as shown: refused if someone else changed the action since it was read.
        m_workspace->changeAssessment(state->id, {{field, QVariant::fromValue(*rating)}}, state->assessment.version);
    } catch (const Error &error) {
        m_lastError = error.message();
        Q_EMIT editFailed(m_lastError);
        return false;
    }
    return true;
}

Qt::ItemFlags ActionsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // Not while the connection to the server is lost: the change would be refused (never queued).
    // Nor for a login whose roles do not let it change assessments (the server would refuse).
    if (actionAt(index) && (index.column() == RatingColumn || index.column() == TargetColumn)
        && !m_workspace->isOffline() && m_workspace->access().may(Capability::EditAssessments))
        result |= Qt::ItemIsEditable;
    if (!actionAt(index))
        result |= Qt::ItemIsEnabled;
    else
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QVariant ActionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TitleColumn:
        return tr("Action");
    case OwnerColumn:
        return tr("Owner");
    case DirectorColumn:
        return tr("Director");
    case RatingColumn:
        return tr("Rating");
    case TargetColumn:
        return tr("Target");
    case RagColumn:
        return tr("RAG");
    case EvidenceColumn:
        return tr("Evidence");
    case ExpiredColumn:
        return tr("Expired");
    case NextReviewColumn:
        return tr("Next review");
    case TrendColumn:
        return tr("Trend");
    case MaturityColumn:
        return tr("Maturity");
    default:
        return {};
    }
}

} // namespace quorum
