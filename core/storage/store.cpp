#include "core/storage/store.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/storage/sqldialect.h"

#include <QDir>
#include <QSet>

namespace quorum {

namespace {

QDate dateFrom(const QVariant &value)
{
    return value.isNull() ? QDate() : QDate::fromString(value.toString(), Qt::ISODate);
}

Rating ratingFrom(const QVariant &value, Rating fallback)
{
    return ratingFromKey(value.toString()).value_or(fallback);
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded() ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

/** Every column of an action and its assessment, with the owner's and director's names. */
const QString kActionColumns = QStringLiteral(
    "SELECT a.id, a.principle_id, p.title, a.short_title, a.text, s.owner_id, s.director_id, s.rating, s.target, "
    "s.justification, s.commentary, s.target_date, s.next_review, s.updated_at, o.name, d.name, %1, %2, %3");

/** The columns of an item's framework, for a record that holds several (schema 9), and for one from before. */
const QString kFrameworkColumns = QStringLiteral("a.framework, a.reference, a.path, f.vendor_role, p.reference");
const QString kCodeOnlyColumns = QStringLiteral("'cgc', a.id, '', NULL, p.id");
/** The maturity columns (schema 10), and none for a record from before. */
const QString kMaturityColumns =
    QStringLiteral("s.maturity, s.maturity_target, s.maturity_assessed, s.maturity_assessor");
const QString kNoMaturityColumns = QStringLiteral("NULL, NULL, NULL, ''");
constexpr int kFrameworkColumn = 17;
constexpr int kMaturityColumn = 22;
constexpr int kEvidenceCountColumn = 26;

/**
 * The action columns, with the assessment's version (1 for a read-only file from before schema 4) and the
 * item's framework (the Code's for a read-only file from before schema 9) and maturity (none before schema 10).
 */
QString actionColumns(bool rowVersions, bool frameworks, bool maturity)
{
    return kActionColumns.arg(rowVersions ? QStringLiteral("s.row_version") : QStringLiteral("1"),
                              frameworks ? kFrameworkColumns : kCodeOnlyColumns,
                              maturity ? kMaturityColumns : kNoMaturityColumns);
}
const QString kActionTables =
    QStringLiteral(" FROM action a JOIN principle p ON p.id = a.principle_id JOIN assessment s ON s.action_id = a.id "
                   "LEFT JOIN person o ON o.id = s.owner_id LEFT JOIN person d ON d.id = s.director_id");

/** The tables of the action columns; with several frameworks, only those the organisation follows. */
QString actionTables(bool frameworks)
{
    return frameworks ? kActionTables + QStringLiteral(" JOIN framework f ON f.key = a.framework AND f.enabled = 1")
                      : kActionTables;
}

/** The same, of any framework, followed or not (an edit, a single item's reading). */
QString anyActionTables(bool frameworks)
{
    return frameworks ? kActionTables + QStringLiteral(" JOIN framework f ON f.key = a.framework") : kActionTables;
}

/**
 * The action columns plus its current, expiring and expired evidence counts. The counts come from one
 * grouped pass over the evidence links (not three correlated subqueries per action: with 20,000 pieces of
 * evidence those were most of the time of a dashboard refresh). @p linkFilter narrows the pass.
 */
QString actionStateSql(bool rowVersions, bool frameworks, bool maturity, const QString &linkFilter = {})
{
    return actionColumns(rowVersions, frameworks, maturity)
           + QStringLiteral(", coalesce(c.current, 0), coalesce(c.expiring, 0), coalesce(c.expired, 0)")
           + anyActionTables(frameworks)
           + QStringLiteral(" LEFT JOIN (SELECT ea.action_id AS action_id, "
                            "count(*) FILTER (WHERE e.review_by IS NULL OR e.review_by >= :today) AS current, "
                            "count(*) FILTER (WHERE e.review_by >= :today AND e.review_by <= :soon) AS expiring, "
                            "count(*) FILTER (WHERE e.review_by < :today) AS expired "
                            "FROM evidence_action ea JOIN evidence e ON e.id = ea.evidence_id %1 "
                            "GROUP BY ea.action_id) c ON c.action_id = a.id")
                 .arg(linkFilter);
}

/**
 * An item's state as stored. The vendor role of its framework is read with it (the role and the group's own
 * number); applyVendorRole turns that into what the item reads as.
 */
ActionState readActionState(const SqlQuery &q, bool withEvidenceCounts = true, QString *vendorRole = nullptr,
                            QString *groupReference = nullptr)
{
    ActionState state;
    state.id = q.value(0).toString();
    state.principleId = q.value(1).toString();
    state.principleTitle = q.value(2).toString();
    state.shortTitle = q.value(3).toString();
    state.text = q.value(4).toString();
    Assessment &a = state.assessment;
    a.actionId = state.id;
    a.ownerId = q.value(5).toLongLong();
    a.directorId = q.value(6).toLongLong();
    a.rating = ratingFrom(q.value(7), Rating::NotAssessed);
    a.target = ratingFrom(q.value(8), Rating::Reasonable);
    a.justification = q.value(9).toString();
    a.commentary = q.value(10).toString();
    a.targetDate = dateFrom(q.value(11));
    a.nextReview = dateFrom(q.value(12));
    a.updatedAt = QDateTime::fromString(q.value(13).toString(), Qt::ISODateWithMs);
    state.ownerName = q.value(14).toString();
    state.directorName = q.value(15).toString();
    a.version = q.value(16).toInt();
    state.framework = q.value(kFrameworkColumn).toString();
    state.reference = q.value(kFrameworkColumn + 1).toString();
    state.path = q.value(kFrameworkColumn + 2).toString();
    if (vendorRole)
        *vendorRole = q.value(kFrameworkColumn + 3).toString();
    if (groupReference)
        *groupReference = q.value(kFrameworkColumn + 4).toString();
    if (!q.value(kMaturityColumn).isNull())
        a.maturity = q.value(kMaturityColumn).toInt();
    if (!q.value(kMaturityColumn + 1).isNull())
        a.maturityTarget = q.value(kMaturityColumn + 1).toInt();
    a.maturityAssessed = dateFrom(q.value(kMaturityColumn + 2));
    a.maturityAssessor =
        maturityAssessorFromText(q.value(kMaturityColumn + 3).toString()).value_or(MaturityAssessor::None);
    if (withEvidenceCounts) {
        state.evidenceCurrent = q.value(kEvidenceCountColumn).toInt();
        state.evidenceExpiring = q.value(kEvidenceCountColumn + 1).toInt();
        state.evidenceExpired = q.value(kEvidenceCountColumn + 2).toInt();
    }
    return state;
}

/** The role of @p state's framework that leaves its group out, or nullptr when the item applies. */
const VendorRole *excludingRole(const ActionState &state, const QString &vendorRole, const QString &groupReference)
{
    if (vendorRole.isEmpty())
        return nullptr;
    const Catalogue *catalogue = Catalogue::builtInByKey(state.framework);
    const VendorRole *role = catalogue ? catalogue->vendorRole(vendorRole) : nullptr;
    return role && !role->groups.contains(groupReference) ? role : nullptr;
}

/** What an item reads as under its framework's vendor role: Not applicable, with the role's reason, when left out. */
ActionState applyVendorRole(ActionState state, const QString &vendorRole, const QString &groupReference)
{
    if (const VendorRole *role = excludingRole(state, vendorRole, groupReference)) {
        state.notApplicableByRole = true;
        state.assessment.rating = Rating::NotApplicable;
        state.assessment.justification = role->reason;
    }
    return state;
}

Person readPerson(const SqlQuery &q)
{
    Person person;
    person.id = q.value(0).toLongLong();
    person.name = q.value(1).toString();
    person.role = q.value(2).toString();
    person.board = q.value(3).toBool();
    person.active = q.value(4).toBool();
    person.version = q.value(5).toInt();
    return person;
}

} // namespace

QStringList closestNames(const QString &name, const QStringList &candidates, int count)
{
    QList<QPair<int, QString>> scored;
    for (const QString &candidate : candidates) {
        int distance = editDistance(name, candidate);
        // A name that contains what was typed ("smith" in "Jane Smith") is a strong match.
        if (!name.isEmpty() && candidate.contains(name, Qt::CaseInsensitive))
            distance = std::min<int>(distance, 1);
        scored.append({distance, candidate});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList result;
    for (const auto &entry : std::as_const(scored)) {
        if (result.size() >= count)
            break;
        result << entry.second;
    }
    return result;
}

QString checkedText(const QString &text, const QString &what, int maxChars, bool multiLine)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() > maxChars)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The %1 is %2 characters long; the limit is %3.")
                                                   .arg(what)
                                                   .arg(trimmed.size())
                                                   .arg(maxChars));
    for (const QChar c : trimmed) {
        const bool allowedControl = c == u'\t' || (multiLine && (c == u'\n' || c == u'\r'));
        if ((c.category() == QChar::Other_Control && !allowedControl) || c == QChar(0xFFFE) || c == QChar(0xFFFF))
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("The %1 contains a control character (U+%2); remove it and try again.")
                            .arg(what)
                            .arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return trimmed;
}

QString defaultActor()
{
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable);
        if (!value.isEmpty())
            return value;
    }
    // Services and containers may set none of them: the home folder's name is the next best thing.
    const QString home = QDir::home().dirName();
    return home.isEmpty() ? QStringLiteral("unknown") : home;
}

Store::Store(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{
    // Which versions the schema has (a read-only file may predate any of them).
    const int schema = database.schemaVersion();
    m_rowVersions = schema >= 4;
    m_recordVersions = schema >= 6;
    m_chunkedFiles = schema >= 7;
    m_frameworks = schema >= 9;
    m_maturity = schema >= 10;
    m_actor = defaultActor();
}

QSqlDatabase Store::db() const
{
    return m_database.connection();
}

QHash<qint64, QStringList> Store::linkedActions(const QString &table, const QString &recordColumn,
                                                const QString &recordsSql,
                                                const QList<QPair<QString, QVariant>> &bindings) const
{
    // Table and column names come from the callers' constants, never from input; values are bound.
    const QString only =
        recordsSql.isEmpty() ? QString() : QStringLiteral(" WHERE l.%1 IN (%2)").arg(recordColumn, recordsSql);
    SqlQuery q(db(), QStringLiteral("SELECT l.%1, l.action_id FROM %2 l JOIN action a ON a.id = l.action_id "
                                    "JOIN principle p ON p.id = a.principle_id%3 ORDER BY l.%1, p.position, a.position")
                         .arg(recordColumn, table, only));
    for (const auto &[placeholder, value] : bindings)
        q.bind(placeholder, value);
    q.exec();
    QHash<qint64, QStringList> result;
    while (q.next())
        result[q.value(0).toLongLong()] << q.value(1).toString();
    return result;
}

QHash<QString, int> Store::catalogueRanks() const
{
    SqlQuery q(db(), QStringLiteral("SELECT a.id FROM action a JOIN principle p ON p.id = a.principle_id "
                                    "ORDER BY p.position, a.position"));
    q.exec();
    QHash<QString, int> ranks;
    while (q.next())
        ranks.insert(q.value(0).toString(), int(ranks.size()));
    return ranks;
}

void Store::setActor(const QString &osUser, const QString &actingAs)
{
    if (!osUser.isEmpty())
        m_actor = osUser;
    m_actingAs = actingAs;
}

void Store::audit(const QString &entity, const QString &entityId, const QString &field, const QString &oldValue,
                  const QString &newValue)
{
    m_database.noteOwnAuditRow(AuditTrail::append(
        db(), AuditRecord{m_actor, m_actingAs, entity, entityId, field, oldValue, newValue}, m_clock.now()));
}

// ---- Organisation ------------------------------------------------------------------------------

Organisation Store::organisation() const
{
    SqlQuery q(db(), versioned(QStringLiteral("SELECT name, marking, {version}, %1 FROM organisation WHERE id = 1")
                                   .arg(m_maturity ? QStringLiteral("track_maturity") : QStringLiteral("0"))));
    q.exec();
    Organisation organisation;
    if (q.next()) {
        organisation.name = q.value(0).toString();
        organisation.marking = q.value(1).toString();
        organisation.version = q.value(2).toInt();
        organisation.trackMaturity = q.value(3).toBool();
    }
    return organisation;
}

void Store::setOrganisation(const Organisation &organisation)
{
    const QString name = checkedText(organisation.name, QStringLiteral("organisation name"), kMaxNameChars, false);
    const QString marking = checkedText(organisation.marking, QStringLiteral("protective marking"), 60, false);
    if (name.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The organisation needs a name."));
    const Organisation before = this->organisation();
    Transaction transaction(m_database);
    claimVersion(QStringLiteral("organisation"), 1, organisation.version ? organisation.version : before.version,
                 QStringLiteral("The organisation's details"), QStringLiteral("organisation"), QStringLiteral("1"));
    SqlQuery update(db(), QStringLiteral("UPDATE organisation SET name = :name, marking = :marking%1 WHERE id = 1")
                              .arg(m_maturity ? QStringLiteral(", track_maturity = :maturity") : QString()));
    update.bind(QStringLiteral(":name"), name).bind(QStringLiteral(":marking"), marking);
    if (m_maturity)
        update.bind(QStringLiteral(":maturity"), organisation.trackMaturity ? 1 : 0);
    update.exec();
    if (before.name != name)
        audit(QStringLiteral("organisation"), QStringLiteral("1"), QStringLiteral("name"), before.name, name);
    if (before.marking != marking)
        audit(QStringLiteral("organisation"), QStringLiteral("1"), QStringLiteral("marking"), before.marking, marking);
    if (m_maturity && before.trackMaturity != organisation.trackMaturity) {
        const auto onOff = [](bool on) { return on ? QStringLiteral("on") : QStringLiteral("off"); };
        audit(QStringLiteral("organisation"), QStringLiteral("1"), QStringLiteral("track maturity"),
              onOff(before.trackMaturity), onOff(organisation.trackMaturity));
    }
    transaction.commit();
}

// ---- People ------------------------------------------------------------------------------------

namespace {

/** The people @p q reads (the columns of readPerson), in its order. */
QList<Person> readPeople(SqlQuery &q)
{
    q.exec();
    QList<Person> result;
    while (q.next())
        result.append(readPerson(q));
    return result;
}

} // namespace

QList<Person> Store::people() const
{
    SqlQuery q(db(),
               versioned(QStringLiteral(
                   "SELECT id, name, role, is_board, active, {version} FROM person ORDER BY is_board DESC, name")));
    return readPeople(q);
}

QList<Person> Store::activeBoardMembers() const
{
    SqlQuery q(db(), versioned(QStringLiteral("SELECT id, name, role, is_board, active, {version} FROM person "
                                              "WHERE is_board = 1 AND active = 1 ORDER BY name")));
    return readPeople(q);
}

std::optional<Person> Store::person(qint64 id) const
{
    SqlQuery q(db(), versioned(QStringLiteral(
                         "SELECT id, name, role, is_board, active, {version} FROM person WHERE id = :id")));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readPerson(q);
}

QString Store::personName(qint64 id) const
{
    if (id == 0)
        return {};
    const auto found = person(id);
    return found ? found->name : QStringLiteral("#%1").arg(id);
}

Person Store::personByName(const QString &name) const
{
    const QString wanted = name.trimmed();
    QStringList names;
    for (const Person &candidate : people()) {
        if (candidate.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return candidate;
        names << candidate.name;
    }
    if (names.isEmpty())
        throw Error(Error::Kind::NotFound, QStringLiteral("No person called \"%1\" is recorded, and nobody is yet; "
                                                          "add them with 'people add'.")
                                               .arg(wanted));
    throw Error(Error::Kind::NotFound, QStringLiteral("No person called \"%1\" is recorded; closest: %2.")
                                           .arg(wanted, closestNames(wanted, names).join(QStringLiteral(", "))));
}

qint64 Store::addPerson(const Person &input)
{
    const QString name = checkedText(input.name, QStringLiteral("name"), kMaxNameChars, false);
    const QString role = checkedText(input.role, QStringLiteral("role"), kMaxNameChars, false);
    if (name.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A person needs a name."));
    if (role.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 needs a role (for example \"Chief Executive\").").arg(name));
    for (const Person &existing : people()) {
        if (existing.name.compare(name, Qt::CaseInsensitive) == 0)
            throw Error(Error::Kind::Conflict, QStringLiteral("%1 is already recorded.").arg(existing.name));
    }
    Transaction transaction(m_database);
    // An id is given when an undone addition is redone, so that commands that name it stay valid.
    const qint64 id = insertRow(db(), QStringLiteral("person"), input.id,
                                {
                                    {QStringLiteral("name"), name},
                                    {QStringLiteral("role"), role},
                                    {QStringLiteral("is_board"), input.board ? 1 : 0},
                                    {QStringLiteral("active"), input.active ? 1 : 0},
                                });
    audit(
        QStringLiteral("person"), name, QStringLiteral("added"), QString(),
        QStringLiteral("%1, %2").arg(role, input.board ? QStringLiteral("board member") : QStringLiteral("executive")));
    transaction.commit();
    return id;
}

void Store::updatePerson(const Person &input)
{
    const auto before = person(input.id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That person is no longer recorded."));
    const QString name = checkedText(input.name, QStringLiteral("name"), kMaxNameChars, false);
    const QString role = checkedText(input.role, QStringLiteral("role"), kMaxNameChars, false);
    if (name.isEmpty() || role.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A person needs a name and a role."));
    for (const Person &existing : people()) {
        if (existing.id != input.id && existing.name.compare(name, Qt::CaseInsensitive) == 0)
            throw Error(Error::Kind::Conflict, QStringLiteral("%1 is already recorded.").arg(existing.name));
    }
    if (before->board && !input.board) {
        const int directing = SqlQuery(db(), QStringLiteral("SELECT count(*) FROM assessment WHERE director_id = :id"))
                                  .bind(QStringLiteral(":id"), input.id)
                                  .scalar()
                                  .toInt();
        if (directing > 0)
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("%1 is the accountable director of %2 action(s); choose other directors first.")
                            .arg(before->name)
                            .arg(directing));
    }
    Transaction transaction(m_database);
    claimVersion(QStringLiteral("person"), input.id, input.version ? input.version : before->version,
                 QStringLiteral("The details of %1").arg(before->name), QStringLiteral("person"), before->name);
    SqlQuery(db(), QStringLiteral("UPDATE person SET name = :name, role = :role, is_board = :board, "
                                  "active = :active WHERE id = :id"))
        .bind(QStringLiteral(":name"), name)
        .bind(QStringLiteral(":role"), role)
        .bind(QStringLiteral(":board"), input.board ? 1 : 0)
        .bind(QStringLiteral(":active"), input.active ? 1 : 0)
        .bind(QStringLiteral(":id"), input.id)
        .exec();
    auto yesNo = [](bool value) { return value ? QStringLiteral("yes") : QStringLiteral("no"); };
    if (before->name != name)
        audit(QStringLiteral("person"), name, QStringLiteral("name"), before->name, name);
    if (before->role != role)
        audit(QStringLiteral("person"), name, QStringLiteral("role"), before->role, role);
    if (before->board != input.board)
        audit(QStringLiteral("person"), name, QStringLiteral("board member"), yesNo(before->board), yesNo(input.board));
    if (before->active != input.active)
        audit(QStringLiteral("person"), name, QStringLiteral("active"), yesNo(before->active), yesNo(input.active));
    transaction.commit();
}

void Store::removePerson(qint64 id)
{
    const auto before = person(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That person is no longer recorded."));
    const int references =
        SqlQuery(db(),
                 QStringLiteral("SELECT (SELECT count(*) FROM assessment WHERE owner_id = :id OR director_id = :id) "
                                "+ (SELECT count(*) FROM review WHERE signed_by = :id) %1"
                                "+ (SELECT count(*) FROM training WHERE person_id = :id)")
                     .arg(m_frameworks ? QStringLiteral("+ (SELECT count(*) FROM framework WHERE owner_id = :id) ")
                                       : QString()))
            .bind(QStringLiteral(":id"), id)
            .scalar()
            .toInt();
    if (references > 0)
        throw Error(
            Error::Kind::Conflict,
            QStringLiteral(
                "%1 is named in %2 record(s) (owner, director, sign-off, training or framework owner); mark them "
                "inactive instead.")
                .arg(before->name)
                .arg(references));
    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM person WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    audit(QStringLiteral("person"), before->name, QStringLiteral("removed"), before->role, QString());
    transaction.commit();
}

// ---- Assessments -------------------------------------------------------------------------------

QList<ActionState> Store::actionStates() const
{
    return actionStates(evidenceCounts(m_clock.today()));
}

QList<ActionState> Store::actionStates(const EvidenceCounts &counts) const
{
    SqlQuery q(db(), actionColumns(m_rowVersions, m_frameworks, m_maturity) + actionTables(m_frameworks)
                         + QStringLiteral(" ORDER BY p.position, a.position"));
    q.exec();
    QList<ActionState> result;
    QString vendorRole;
    QString groupReference;
    while (q.next()) {
        ActionState state =
            applyVendorRole(readActionState(q, false, &vendorRole, &groupReference), vendorRole, groupReference);
        state.evidenceCurrent = counts.currentByAction.value(state.id);
        state.evidenceExpiring = counts.expiringByAction.value(state.id);
        state.evidenceExpired = counts.expiredByAction.value(state.id);
        result.append(state);
    }
    return result;
}

QList<ActionState> Store::catalogueItems() const
{
    SqlQuery q(db(), actionColumns(m_rowVersions, m_frameworks, m_maturity) + anyActionTables(m_frameworks)
                         + QStringLiteral(" ORDER BY p.position, a.position"));
    q.exec();
    QList<ActionState> result;
    while (q.next())
        result.append(readActionState(q, false));
    return result;
}

ActionState Store::actionState(const QString &actionId) const
{
    const QString id = checkActionId(actionId);
    const QDate today = m_clock.today();
    SqlQuery q(db(), actionStateSql(m_rowVersions, m_frameworks, m_maturity, QStringLiteral("WHERE ea.action_id = :id"))
                         + QStringLiteral(" WHERE a.id = :id"));
    q.bind(QStringLiteral(":today"), today.toString(Qt::ISODate))
        .bind(QStringLiteral(":soon"), today.addDays(kExpiringWithinDays).toString(Qt::ISODate))
        .bind(QStringLiteral(":id"), id)
        .exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, QStringLiteral("Action %1 has no assessment.").arg(id));
    QString vendorRole;
    QString groupReference;
    const ActionState state = readActionState(q, true, &vendorRole, &groupReference);
    return applyVendorRole(state, vendorRole, groupReference);
}

Assessment Store::assessment(const QString &actionId) const
{
    // Without the evidence counts: every edit reads the assessment first, and counting links is not free.
    // As stored: a vendor role's Not applicable is how an item reads, never what an edit writes back.
    const QString id = checkActionId(actionId);
    SqlQuery q(db(), actionColumns(m_rowVersions, m_frameworks, m_maturity) + anyActionTables(m_frameworks)
                         + QStringLiteral(" WHERE a.id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, QStringLiteral("Action %1 has no assessment.").arg(id));
    return readActionState(q, false).assessment;
}

QString Store::checkActionId(const QString &actionId) const
{
    // Ids are matched without regard to case ("a1", "SSC:3.2"), and a framework's key may be typed in any case.
    const QString wanted = actionId.trimmed().toUpper();
    if (const auto found = m_actionIds.constFind(wanted); found != m_actionIds.cend())
        return found.value();
    SqlQuery known(db(), QStringLiteral("SELECT id FROM action"));
    known.exec();
    m_actionIds.clear();
    while (known.next())
        m_actionIds.insert(known.value(0).toString().toUpper(), known.value(0).toString());
    if (const auto found = m_actionIds.constFind(wanted); found != m_actionIds.cend())
        return found.value();
    const QString key = Catalogue::keyOfItem(actionId.trimmed()).toLower();
    SqlQuery all(db(), m_frameworks
                           ? QStringLiteral("SELECT a.id FROM action a JOIN principle p ON p.id = "
                                            "a.principle_id WHERE a.framework = :key "
                                            "ORDER BY p.position, a.position")
                           : QStringLiteral("SELECT a.id FROM action a JOIN principle p ON p.id = "
                                            "a.principle_id WHERE :key <> '' ORDER BY p.position, a.position"));
    all.bind(QStringLiteral(":key"), key).exec();
    QStringList ids;
    while (all.next())
        ids << all.value(0).toString();
    if (ids.isEmpty())
        throw Error(Error::Kind::NotFound,
                    QStringLiteral("There is no action \"%1\": the record holds no framework \"%2\" (quorum-cli "
                                   "frameworks list shows those it holds).")
                        .arg(actionId.trimmed(), key));
    throw Error(Error::Kind::NotFound, QStringLiteral("There is no action \"%1\"; the %2 are %3 to %4.")
                                           .arg(actionId.trimmed(),
                                                key == Catalogue::codeKey() ? QStringLiteral("actions")
                                                                            : QStringLiteral("items of %1").arg(key),
                                                ids.value(0), ids.value(ids.size() - 1)));
}

QString Store::describe(AssessmentField field, const QVariant &value) const
{
    switch (field) {
    case AssessmentField::Owner:
    case AssessmentField::Director:
        return personName(value.toLongLong());
    case AssessmentField::Rating:
    case AssessmentField::Target:
        return ratingKey(value.value<Rating>());
    case AssessmentField::TargetDate:
    case AssessmentField::NextReview:
    case AssessmentField::MaturityAssessed:
        return value.toDate().isValid() ? value.toDate().toString(Qt::ISODate) : QString();
    case AssessmentField::Maturity:
    case AssessmentField::MaturityTarget:
        return value.isNull() ? QString() : QString::number(value.toInt());
    case AssessmentField::MaturityAssessor:
        return maturityAssessorKey(value.value<MaturityAssessor>());
    case AssessmentField::Justification:
    case AssessmentField::Commentary:
        return value.toString();
    }
    return {};
}

QString Store::lastChangedBy(const QString &entity, const QString &entityId) const
{
    // Who made the latest change, from the audit trail: its newest row about this record.
    SqlQuery last(db(), QStringLiteral("SELECT at, actor, acting_as FROM audit WHERE entity = :entity AND "
                                       "entity_id = :id ORDER BY id DESC LIMIT 1"));
    last.bind(QStringLiteral(":entity"), entity).bind(QStringLiteral(":id"), entityId).exec();
    if (!last.next())
        return QStringLiteral("someone else");
    const QString actor = last.value(1).toString();
    const QString actingAs = last.value(2).toString();
    const QDateTime at = QDateTime::fromString(last.value(0).toString(), Qt::ISODateWithMs).toLocalTime();
    return (actingAs.isEmpty() ? actor : QStringLiteral("%1 (%2)").arg(actingAs, actor))
           + QStringLiteral(" at %1").arg(at.toString(QStringLiteral("HH:mm 'on' d MMM")));
}

QString Store::versioned(QString sql) const
{
    sql.replace(QLatin1String("{e.version}"), m_recordVersions ? QStringLiteral("e.row_version") : QStringLiteral("1"));
    return sql.replace(QLatin1String("{version}"),
                       m_recordVersions ? QStringLiteral("row_version") : QStringLiteral("1"));
}

void Store::claimVersion(const QString &table, qint64 id, int expected, const QString &what, const QString &entity,
                         const QString &entityId)
{
    // Table names are the code's own; the values are bound.
    const int claimed = SqlQuery(db(), QStringLiteral("UPDATE %1 SET row_version = row_version + 1 WHERE id = :id AND "
                                                      "row_version = :expected")
                                           .arg(table))
                            .bind(QStringLiteral(":id"), id)
                            .bind(QStringLiteral(":expected"), expected)
                            .exec()
                            .rowsAffected();
    if (claimed == 0)
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 was changed by %2 since you read it, and your change was not made. What is "
                                   "shown now is what is recorded; make your change again if it still applies.")
                        .arg(what, lastChangedBy(entity, entityId)));
}

QString Store::changedSinceMessage(const QString &actionId, const Assessment &current,
                                   const AssessmentChanges &changes) const
{
    const QString who = lastChangedBy(QStringLiteral("assessment"), actionId);
    QStringList now;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const QString value = describe(it.key(), current.value(it.key()));
        const QString field = assessmentFieldKey(it.key()).replace(QLatin1Char('_'), QLatin1Char(' '));
        now << (value.isEmpty() ? QStringLiteral("the %1 is empty").arg(field)
                                : QStringLiteral("the %1 is now \"%2\"").arg(field, value.left(80)));
    }
    return QStringLiteral("Action %1 was changed by %2 since you read it, and your change was not made: %3. "
                          "What is shown now is what is recorded; make your change again if it still applies.")
        .arg(actionId, who, now.join(QStringLiteral("; ")));
}

AssessmentChanges Store::updateAssessment(const QString &actionId, const AssessmentChanges &changes,
                                          int expectedVersion, int *version)
{
    const QString id = checkActionId(actionId);
    // Read inside the write transaction: with another writer, what this change replaces (and audits as the
    // old value) is what is stored when it is made, not what was stored a moment before.
    Transaction transaction(m_database);
    checkItemEditable(id, changes);
    const Assessment before = assessment(id);
    if (version)
        *version = before.version;
    if (expectedVersion > 0 && before.version != expectedVersion)
        throw Error(Error::Kind::Conflict, changedSinceMessage(id, before, changes));
    Assessment after = before;

    // Maturity is recorded only while the organisation tracks it: a level written unseen would surprise the board
    // when it is turned on (an undo after someone turned it off is refused here too, with this message).
    const bool changesMaturity = std::any_of(changes.keyBegin(), changes.keyEnd(), [](AssessmentField field) {
        return field == AssessmentField::Maturity || field == AssessmentField::MaturityTarget
               || field == AssessmentField::MaturityAssessed || field == AssessmentField::MaturityAssessor;
    });
    if (changesMaturity && !organisation().trackMaturity)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("The organisation does not track maturity, so the maturity of %1 was not changed. "
                                   "Turn it on in File > Organisation... or with 'quorum-cli organisation "
                                   "--track-maturity on'.")
                        .arg(id));

    // Validate every field first, so a bad one leaves the others unapplied too.
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        switch (it.key()) {
        case AssessmentField::Owner: {
            const qint64 owner = it.value().toLongLong();
            if (owner != 0 && !person(owner))
                throw Error(Error::Kind::NotFound, QStringLiteral("The chosen owner is no longer recorded."));
            after.ownerId = owner;
            break;
        }
        case AssessmentField::Director: {
            const qint64 director = it.value().toLongLong();
            if (director != 0) {
                const auto found = person(director);
                if (!found)
                    throw Error(Error::Kind::NotFound, QStringLiteral("The chosen director is no longer recorded."));
                if (!found->board)
                    throw Error(Error::Kind::InvalidInput,
                                QStringLiteral("%1 is not a board member; the accountable director must be a director.")
                                    .arg(found->name));
            }
            after.directorId = director;
            break;
        }
        case AssessmentField::Rating:
            after.rating = it.value().value<Rating>();
            break;
        case AssessmentField::Target: {
            const Rating target = it.value().value<Rating>();
            if (target == Rating::NotAssessed)
                throw Error(
                    Error::Kind::InvalidInput,
                    QStringLiteral("A target rating says what the board wants; \"not assessed\" cannot be a target."));
            after.target = target;
            break;
        }
        case AssessmentField::Justification:
            after.justification =
                checkedText(it.value().toString(), QStringLiteral("justification"), kMaxCommentaryChars, true);
            break;
        case AssessmentField::Commentary:
            after.commentary =
                checkedText(it.value().toString(), QStringLiteral("commentary"), kMaxCommentaryChars, true);
            break;
        case AssessmentField::TargetDate:
            after.targetDate = it.value().toDate();
            break;
        case AssessmentField::NextReview:
            after.nextReview = it.value().toDate();
            break;
        case AssessmentField::Maturity:
        case AssessmentField::MaturityTarget: {
            std::optional<int> level;
            if (!it.value().isNull()) {
                bool whole = false;
                level = it.value().toInt(&whole);
                const MaturityScale scale = maturityScale(id);
                if (!whole || !scale.contains(*level))
                    throw Error(Error::Kind::InvalidInput,
                                QStringLiteral("%1 is not a maturity level of %2; its levels are %3.")
                                    .arg(it.value().toString(), id, scale.rangeText()));
            }
            (it.key() == AssessmentField::Maturity ? after.maturity : after.maturityTarget) = level;
            break;
        }
        case AssessmentField::MaturityAssessed: {
            const QDate assessed = it.value().toDate();
            if (assessed.isValid() && assessed > m_clock.today())
                throw Error(Error::Kind::InvalidInput,
                            QStringLiteral("The maturity of %1 cannot have been assessed on %2, which is after today.")
                                .arg(id, assessed.toString(Qt::ISODate)));
            after.maturityAssessed = assessed;
            break;
        }
        case AssessmentField::MaturityAssessor:
            after.maturityAssessor = it.value().value<MaturityAssessor>();
            break;
        }
    }
    if (after.rating == Rating::NotApplicable && after.justification.isEmpty())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Action %1 cannot be rated not applicable without a justification; give one with "
                                   "--justification.")
                        .arg(id));

    AssessmentChanges previous;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const QVariant oldValue = before.value(it.key());
        const QVariant newValue = after.value(it.key());
        if (describe(it.key(), oldValue) != describe(it.key(), newValue) || oldValue != newValue)
            previous.insert(it.key(), oldValue);
    }
    if (previous.isEmpty()) {
        transaction.commit(); // nothing written; inside a caller's transaction, nothing to undo either
        return previous;
    }

    // The version read above is checked again in the UPDATE itself, so that no path (a writer that did not
    // take the write lock) can replace a change it never saw.
    SqlQuery update(db(),
                    QStringLiteral("UPDATE assessment SET owner_id = :owner, director_id = :director, "
                                   "rating = :rating, target = :target, justification = :justification, "
                                   "commentary = :commentary, target_date = :target_date, "
                                   "next_review = :next_review, maturity = :maturity, "
                                   "maturity_target = :maturity_target, maturity_assessed = :maturity_assessed, "
                                   "maturity_assessor = :maturity_assessor, updated_at = :updated, "
                                   "row_version = row_version + 1 WHERE action_id = :id AND row_version = :read"));
    update
        .bind(QStringLiteral(":owner"),
              after.ownerId ? QVariant(after.ownerId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":director"),
              after.directorId ? QVariant(after.directorId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":rating"), ratingKey(after.rating))
        .bind(QStringLiteral(":target"), ratingKey(after.target))
        .bind(QStringLiteral(":justification"), after.justification)
        .bind(QStringLiteral(":commentary"), after.commentary)
        .bind(QStringLiteral(":target_date"), isoDateOrNull(after.targetDate))
        .bind(QStringLiteral(":next_review"), isoDateOrNull(after.nextReview))
        .bind(QStringLiteral(":maturity"),
              after.maturity ? QVariant(*after.maturity) : QVariant(QMetaType(QMetaType::Int)))
        .bind(QStringLiteral(":maturity_target"),
              after.maturityTarget ? QVariant(*after.maturityTarget) : QVariant(QMetaType(QMetaType::Int)))
        .bind(QStringLiteral(":maturity_assessed"), isoDateOrNull(after.maturityAssessed))
        .bind(QStringLiteral(":maturity_assessor"), maturityAssessorKey(after.maturityAssessor))
        .bind(QStringLiteral(":updated"), AuditTrail::timestamp(m_clock.now()))
        .bind(QStringLiteral(":id"), id)
        .bind(QStringLiteral(":read"), before.version)
        .exec();
    if (update.rowsAffected() != 1)
        throw Error(Error::Kind::Conflict, changedSinceMessage(id, assessment(id), changes));
    if (version)
        *version = before.version + 1;
    for (auto it = previous.cbegin(); it != previous.cend(); ++it)
        audit(QStringLiteral("assessment"), id, assessmentFieldKey(it.key()), describe(it.key(), it.value()),
              describe(it.key(), after.value(it.key())));
    transaction.commit();
    return previous;
}

// ---- Training ----------------------------------------------------------------------------------

qint64 Store::addTraining(const TrainingRecord &record)
{
    const auto who = person(record.personId);
    if (!who)
        throw Error(Error::Kind::NotFound, QStringLiteral("That person is no longer recorded."));
    const QString course = checkedText(record.course, QStringLiteral("course name"), kMaxNameChars, false);
    if (course.isEmpty() || !record.completed.isValid())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A training record needs a course and a completion date."));
    if (record.validUntil.isValid() && record.validUntil < record.completed)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Training cannot expire before it was completed."));
    Transaction transaction(m_database);
    const qint64 id = insertRow(db(), QStringLiteral("training"), record.id,
                                {
                                    {QStringLiteral("person_id"), record.personId},
                                    {QStringLiteral("course"), course},
                                    {QStringLiteral("completed"), record.completed.toString(Qt::ISODate)},
                                    {QStringLiteral("valid_until"), isoDateOrNull(record.validUntil)},
                                });
    audit(QStringLiteral("training"), who->name, QStringLiteral("added"), QString(),
          QStringLiteral("%1, completed %2").arg(course, record.completed.toString(Qt::ISODate)));
    transaction.commit();
    return id;
}

QList<TrainingRecord> Store::training(qint64 personId) const
{
    SqlQuery q(db(),
               versioned(personId ? QStringLiteral("SELECT id, person_id, course, completed, valid_until, {version} "
                                                   "FROM training WHERE person_id = :person ORDER BY completed")
                                  : QStringLiteral("SELECT id, person_id, course, completed, valid_until, {version} "
                                                   "FROM training ORDER BY person_id, completed")));
    if (personId)
        q.bind(QStringLiteral(":person"), personId);
    q.exec();
    QList<TrainingRecord> result;
    while (q.next()) {
        TrainingRecord record;
        record.id = q.value(0).toLongLong();
        record.personId = q.value(1).toLongLong();
        record.course = q.value(2).toString();
        record.completed = dateFrom(q.value(3));
        record.validUntil = dateFrom(q.value(4));
        record.version = q.value(5).toInt();
        result.append(record);
    }
    return result;
}

std::optional<TrainingRecord> Store::trainingRecord(qint64 id) const
{
    SqlQuery q(db(),
               versioned(QStringLiteral(
                   "SELECT id, person_id, course, completed, valid_until, {version} FROM training WHERE id = :id")));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    TrainingRecord record;
    record.id = q.value(0).toLongLong();
    record.personId = q.value(1).toLongLong();
    record.course = q.value(2).toString();
    record.completed = dateFrom(q.value(3));
    record.validUntil = dateFrom(q.value(4));
    record.version = q.value(5).toInt();
    return record;
}

void Store::updateTraining(const TrainingRecord &record)
{
    const auto before = trainingRecord(record.id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That training record no longer exists."));
    if (record.personId != 0 && record.personId != before->personId)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A training record stays with its person; remove it and add one for the other "
                                   "person instead."));
    const QString course = checkedText(record.course, QStringLiteral("course name"), kMaxNameChars, false);
    if (course.isEmpty() || !record.completed.isValid())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("A training record needs a course and a completion date."));
    if (record.validUntil.isValid() && record.validUntil < record.completed)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Training cannot expire before it was completed."));
    auto dateText = [](const QDate &date) { return date.isValid() ? date.toString(Qt::ISODate) : QString(); };
    if (before->course == course && before->completed == record.completed && before->validUntil == record.validUntil)
        return;

    const QString who = personName(before->personId);
    Transaction transaction(m_database);
    claimVersion(QStringLiteral("training"), record.id, record.version ? record.version : before->version,
                 QStringLiteral("The training record of %1 (%2)").arg(who, before->course), QStringLiteral("training"),
                 who);
    SqlQuery(db(), QStringLiteral("UPDATE training SET course = :course, completed = :completed, valid_until = :valid "
                                  "WHERE id = :id"))
        .bind(QStringLiteral(":course"), course)
        .bind(QStringLiteral(":completed"), record.completed.toString(Qt::ISODate))
        .bind(QStringLiteral(":valid"), isoDateOrNull(record.validUntil))
        .bind(QStringLiteral(":id"), record.id)
        .exec();
    if (before->course != course)
        audit(QStringLiteral("training"), who, QStringLiteral("course"), before->course, course);
    if (before->completed != record.completed)
        audit(QStringLiteral("training"), who, QStringLiteral("completed"), dateText(before->completed),
              dateText(record.completed));
    if (before->validUntil != record.validUntil)
        audit(QStringLiteral("training"), who, QStringLiteral("valid until"), dateText(before->validUntil),
              dateText(record.validUntil));
    transaction.commit();
}

void Store::removeTraining(qint64 id)
{
    const auto before = trainingRecord(id);
    if (!before)
        throw Error(Error::Kind::NotFound, QStringLiteral("That training record no longer exists."));
    Transaction transaction(m_database);
    SqlQuery(db(), QStringLiteral("DELETE FROM training WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
    audit(QStringLiteral("training"), personName(before->personId), QStringLiteral("removed"),
          QStringLiteral("%1, completed %2").arg(before->course, before->completed.toString(Qt::ISODate)), QString());
    transaction.commit();
}

TrainingStatus Store::trainingStatus(qint64 personId, const QDate &today) const
{
    if (personId <= 0)
        return TrainingStatus::Missing; // training(0) would be everybody's records
    return quorum::trainingStatus(training(personId), today);
}

// ---- Audit -------------------------------------------------------------------------------------

QList<AuditEntry> Store::auditEntries(const AuditFilter &filter) const
{
    if (filter.actionId.isEmpty())
        return AuditTrail::entries(db(), filter);
    AuditFilter canonical = filter;
    canonical.actionId = checkActionId(filter.actionId);
    return AuditTrail::entries(db(), canonical);
}

ChainCheck Store::verifyAuditChain(const CheckProgress &progress) const
{
    return AuditTrail::verify(db(), progress);
}

qint64 Store::auditRowCount() const
{
    return AuditTrail::rowCount(db());
}

} // namespace quorum
