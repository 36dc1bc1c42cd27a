#include "core/workspace/workspace.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/changelistener.h"
#include "core/storage/connectionkeeper.h"
#include "core/storage/database.h"
#include "core/storage/integritycheck.h"
#include "core/workspace/dashboardprefetch.h"
#include "core/workspace/undocommands.h"

#include <QFileInfo>
#include <QSet>

namespace quorum {

Workspace::Workspace(std::unique_ptr<Database> database, const Catalogue &catalogue, const Clock &clock,
                     QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_catalogue(catalogue)
    , m_store(*m_database, clock)
    , m_undoStack(new QUndoStack(this))
{
    // Undo of a removal keeps the removed files' bytes; a bounded stack bounds that memory.
    m_undoStack->setUndoLimit(200);
    // Connected before any view's slot, so views reading the summary after a change see the new one.
    // Every change signal, not only dataChanged (emitted last): a view's slot on, say, evidenceChanged
    // reads the summary or the attention items before dataChanged arrives.
    // Every change emits the signal of its kind before dataChanged: what is kept is dropped by kind, so a
    // rating changed recomputes the action states and the action items, not the whole record's.
    connect(this, &Workspace::evidenceChanged, this, [this] { m_evidenceSummary.reset(); });
    using Source = AttentionSource;
    const auto drops = [this](std::initializer_list<Source> sources, bool states) {
        return [this, sources = QList<Source>(sources), states] {
            if (states)
                m_actionStates.reset();
            for (const Source source : sources)
                m_attentionParts[size_t(source)].reset();
            m_attention.reset();
            m_prefetch.reset(); // read before the change
        };
    };
    connect(this, &Workspace::assessmentChanged, this, drops({Source::Actions}, true));
    connect(this, &Workspace::peopleChanged, this, drops({Source::Actions, Source::DirectorTraining}, true));
    connect(this, &Workspace::evidenceChanged, this,
            drops({Source::Actions, Source::ExpiredEvidence, Source::FormalReport}, true));
    connect(this, &Workspace::trainingChanged, this, drops({Source::DirectorTraining}, false));
    connect(this, &Workspace::reviewsChanged, this, drops({Source::Actions, Source::FormalReport}, false));
    connect(this, &Workspace::metricsChanged, this, drops({Source::Metrics}, false));
    connect(this, &Workspace::eventsChanged, this, drops({Source::Exercise}, false));
    connect(this, &Workspace::organisationChanged, this,
            drops({Source::Actions, Source::ExpiredEvidence, Source::Exercise, Source::FormalReport,
                   Source::DirectorTraining, Source::Metrics},
                  true));
    connect(this, &Workspace::reviewsChanged, this, [this] {
        m_reviewPostures.reset();
        m_frameworkPostures.clear();
    });
    connect(this, &Workspace::organisationChanged, this, [this] { m_organisation.reset(); });
    // Which items are followed, and how a vendor role reads them, changes everything the items feed.
    connect(this, &Workspace::frameworksChanged, this,
            drops({Source::Actions, Source::ExpiredEvidence, Source::Exercise, Source::FormalReport,
                   Source::DirectorTraining, Source::Metrics},
                  true));
    connect(this, &Workspace::frameworksChanged, this, [this] {
        m_frameworks.reset();
        m_frameworkPostures.clear();
    });
    if (m_database->isServer()) {
        m_access = ServerAccess::session(m_database->connection());
        // The trail names the login whatever the client says (migration 8): so do the window and the undo texts.
        m_store.setActor(m_access.login);
        m_changeListener = new ChangeListener(*m_database, this);
        connect(m_changeListener, &ChangeListener::changed, this, &Workspace::takeChangesFromOthers);
        m_connectionKeeper = new ConnectionKeeper(*m_database, this);
        connect(m_connectionKeeper, &ConnectionKeeper::lost, this, [this](const QString &reason) {
            Q_EMIT connectionLost(tr("%1 Showing what was last read; nothing can be changed until Quorum has "
                                     "connected again, which it tries by itself.")
                                      .arg(reason));
        });
        connect(m_connectionKeeper, &ConnectionKeeper::attemptFailed, this, &Workspace::reconnectFailed);
        connect(m_connectionKeeper, &ConnectionKeeper::restored, this, &Workspace::resumeAfterReconnect);
    }
    if (const BackgroundIntegrityCheck *check = m_database->backgroundIntegrityCheck()) {
        // Delivered here, on this object's thread. A check that finished before the connection was made is
        // reported through the queued call below; one that finished in between, by both: say it once.
        auto report = [this](const QString &failure) {
            if (failure.isEmpty() || m_integrityFailureReported)
                return;
            m_integrityFailureReported = true;
            try {
                m_database->ensureIntact();
            } catch (const Error &error) {
                Q_EMIT integrityFailed(error.message());
            }
        };
        connect(check, &BackgroundIntegrityCheck::finished, this, report, Qt::QueuedConnection);
        if (check->isFinished())
            QMetaObject::invokeMethod(
                this, [report, check] { report(check->failure()); }, Qt::QueuedConnection);
    }
}

Workspace::~Workspace()
{
    // Commands refer to this workspace; clear them before the database goes. The change listener too
    // unsubscribes through the database's connection: as a child it would outlive the database.
    m_undoStack->clear();
    delete m_changeListener;
    m_changeListener = nullptr;
    delete m_connectionKeeper; // waits for an attempt under way, which reads the database's connection
    m_connectionKeeper = nullptr;
}

bool Workspace::isOffline() const
{
    return m_connectionKeeper && !m_connectionKeeper->isConnected();
}

void Workspace::reconnectNow()
{
    if (m_connectionKeeper)
        m_connectionKeeper->retryNow();
}

void Workspace::resumeAfterReconnect(Database::InterruptedChange interrupted)
{
    m_lastInterruptedChange = interrupted;
    takeAccessFromServer(); // roles may have been given or taken while the connection was lost
    QString message = tr("Connected to %1 again.").arg(path());
    if (interrupted == Database::InterruptedChange::Saved)
        message += QLatin1Char(' ')
                   + tr("The change being saved when the connection was lost was saved; the window shows it.");
    else if (interrupted == Database::InterruptedChange::NotSaved)
        message += QLatin1Char(' ')
                   + tr("The change being saved when the connection was lost was not saved; make it "
                        "again if it is still wanted.");
    Q_EMIT connectionRestored(message);
    // Others may have changed anything meanwhile, and a failover may have lost what was read: every view
    // reads the record afresh, then what others committed is announced as it would have been live.
    announceEverything();
    try {
        m_changeListener->resume();
    } catch (const Error &error) {
        // Lost again at once: the keeper notices and tries again; this catch-up is made then.
        reportError(error.message());
    }
}

std::unique_ptr<Workspace> Workspace::open(const QString &location, bool create, const Catalogue &catalogue,
                                           const Clock &clock, QObject *parent, Database::IntegrityCheck integrityCheck)
{
    const auto mode = create ? Database::Mode::CreateNew : Database::Mode::OpenExisting;
    if (ServerConnection::isServer(location))
        return open(ServerConnection::parse(location), create, catalogue, clock, parent);
    auto database = Database::open(location, mode, catalogue, integrityCheck);
    return std::make_unique<Workspace>(std::move(database), catalogue, clock, parent);
}

std::unique_ptr<Workspace> Workspace::open(const ServerConnection &server, bool create, const Catalogue &catalogue,
                                           const Clock &clock, QObject *parent)
{
    auto database =
        Database::openServer(server, create ? Database::Mode::CreateNew : Database::Mode::OpenExisting, catalogue);
    return std::make_unique<Workspace>(std::move(database), catalogue, clock, parent);
}

QString Workspace::path() const
{
    return m_database->path();
}

QString Workspace::location() const
{
    return m_database->isServer() ? m_database->serverConnection().withoutPassword() : m_database->path();
}

QString Workspace::displayName() const
{
    return m_database->isServer() ? m_database->path() : QFileInfo(m_database->path()).fileName();
}

void Workspace::prefetchDashboard()
{
    // On a server the read-ahead is a second session: since the reads are bounded (issue 19) the server's work on
    // it overlaps the window being built, 8 ms of a start on the large organisation (docs/PERFORMANCE.md).
    if (m_database->isServer()) {
        const ServerConnection server = m_database->serverConnection();
        m_prefetch = std::make_unique<DashboardPrefetch>([server] { return Database::openServerReader(server); },
                                                         m_store.clock());
        return;
    }
    const QString file = path();
    m_prefetch = std::make_unique<DashboardPrefetch>([file] { return Database::openReader(file); }, m_store.clock());
}

void Workspace::prefetchDashboard(std::unique_ptr<DashboardPrefetch> started)
{
    // One started before a password was typed at the prompt could not connect: read ahead with it now.
    if (!started
        || (m_database->isServer()
            && started->server().connectionString() != m_database->serverConnection().connectionString()))
        return prefetchDashboard();
    m_prefetch = std::move(started);
}

void Workspace::startIntegrityCheck()
{
    m_database->startIntegrityCheck();
}

void Workspace::dropStalePrefetch(const QDate &today) const
{
    if (m_prefetch && m_prefetch->asOf() != today)
        m_prefetch.reset();
}

template<typename T>
std::optional<T> Workspace::takeReadAhead(std::optional<T> (DashboardPrefetch::*take)()) const
{
    dropStalePrefetch(m_store.clock().today());
    if (!m_prefetch)
        return std::nullopt;
    std::optional<T> part = (m_prefetch.get()->*take)();
    // On a server, what was read must be where this session found the trail ending, or later changes by others
    // (which its listener only reports from there on) could be missing from it.
    const bool current = !m_changeListener || m_prefetch->auditMark() == m_changeListener->lastSeen();
    if (!part || !current) { // failed, or read before a change: nothing more will come of it
        m_prefetch.reset();
        return std::nullopt;
    }
    return part;
}

const EvidenceSummary &Workspace::evidenceSummary() const
{
    const QDate today = m_store.clock().today();
    if (!m_evidenceSummary)
        m_evidenceSummary = takeReadAhead(&DashboardPrefetch::takeEvidence);
    if (!m_evidenceSummary || m_evidenceSummary->counts.asOf != today)
        m_evidenceSummary = m_store.evidenceSummary(today);
    return *m_evidenceSummary;
}

const QList<AttentionItem> &Workspace::attention() const
{
    const QDate today = m_store.clock().today();
    dropStalePrefetch(today);
    if (m_attentionAsOf != today) {
        m_attentionParts = {};
        m_attention.reset();
        m_attentionAsOf = today;
    }
    if (m_attention)
        return *m_attention;
    // Before the read ahead is let go below: its summary and the states read with it are taken first, so the
    // attention items it computed from that summary go with them.
    const QList<ActionState> states = actionStates();
    if (m_prefetch) {
        if (std::optional<AttentionParts> read = takeReadAhead(&DashboardPrefetch::takeAttention)) {
            for (int source = 0; source < kAttentionSourceCount; ++source) {
                if (!m_attentionParts[size_t(source)])
                    m_attentionParts[size_t(source)] = std::move((*read)[size_t(source)]);
            }
        }
        m_prefetch.reset(); // the last part read
    }
    AttentionParts parts;
    for (int source = 0; source < kAttentionSourceCount; ++source) {
        std::optional<QList<AttentionItem>> &kept = m_attentionParts[size_t(source)];
        if (!kept)
            kept = Attention::computeSource(AttentionSource(source), m_store, today, evidenceSummary(), states);
        parts[size_t(source)] = *kept;
    }
    m_attention = Attention::assemble(parts, states);
    return *m_attention;
}

Organisation Workspace::organisation() const
{
    if (!m_organisation)
        m_organisation = m_store.organisation();
    return *m_organisation;
}

const QList<ReviewPosture> &Workspace::reviewPostures() const
{
    // The dashboard's trend: the last reviews only. Kept until the reviews or the date change.
    dropPosturesOfAnotherDay();
    if (!m_reviewPostures)
        m_reviewPostures = recentReviewPostures(m_store, {}, m_reviewPosturesAsOf);
    return *m_reviewPostures;
}

const QList<ReviewPosture> &Workspace::reviewPostures(const QString &framework) const
{
    if (framework.isEmpty() || framework == Catalogue::codeKey())
        return reviewPostures();
    dropPosturesOfAnotherDay();
    auto kept = m_frameworkPostures.find(framework);
    if (kept == m_frameworkPostures.end())
        kept = m_frameworkPostures.insert(framework, recentReviewPostures(m_store, framework, m_reviewPosturesAsOf));
    return *kept;
}

void Workspace::dropPosturesOfAnotherDay() const
{
    // "Held by today" moves at midnight: every kept trend, the Code's and the other frameworks', is read again.
    const QDate today = m_store.clock().today();
    if (m_reviewPosturesAsOf == today)
        return;
    m_reviewPostures.reset();
    m_frameworkPostures.clear();
    m_reviewPosturesAsOf = today;
}

QList<ActionState> Workspace::actionStates() const
{
    const EvidenceSummary &evidence = evidenceSummary();
    if (!m_actionStates || m_actionStatesAsOf != evidence.counts.asOf) {
        // A read ahead still held after evidenceSummary() gave that summary, and read the states with its counts.
        std::optional<QList<ActionState>> read = takeReadAhead(&DashboardPrefetch::takeActionStates);
        m_actionStates = read ? std::move(*read) : m_store.actionStates(evidence.counts);
        m_actionStatesAsOf = evidence.counts.asOf;
    }
    return *m_actionStates;
}

QString Workspace::knownItem(const QString &id) const
{
    try {
        return m_store.checkActionId(id);
    } catch (const Error &) {
        return {};
    }
}

ActionState Workspace::actionState(const QString &actionId) const
{
    const QString id = m_store.checkActionId(actionId);
    for (const ActionState &state : actionStates()) {
        if (state.id == id)
            return state;
    }
    throw Error(Error::Kind::NotFound, QStringLiteral("Action %1 has no assessment.").arg(id));
}

void Workspace::changeAssessment(const QString &actionId, const AssessmentChanges &changes, int expectedVersion)
{
    const QString id = m_store.checkActionId(actionId);
    int version = 0;
    AssessmentChanges before;
    try {
        before = m_store.updateAssessment(id, changes, expectedVersion, &version);
    } catch (const Error &error) {
        if (error.kind() == Error::Kind::Conflict)
            announceAssessmentChangedElsewhere(id);
        throw;
    }
    if (before.isEmpty())
        return;
    m_assessmentVersions.insert(id, version);
    AssessmentChanges after;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        after.insert(it.key(), changes.value(it.key()));
    m_undoStack->push(new ChangeAssessmentCommand(this, id, before, after));
    Q_EMIT assessmentChanged(id);
    Q_EMIT dataChanged();
}

void Workspace::takeChangesFromOthers(const QList<AuditEntry> &entries)
{
    // The same signals as this workspace's own changes, so every view (the dashboard included) reads again
    // exactly what it would after a local change of that kind.
    QStringList actions;
    QSet<QString> kinds;
    for (const AuditEntry &entry : entries) {
        kinds.insert(entry.record.entity);
        if (entry.record.entity == QLatin1String("assessment") && !actions.contains(entry.record.entityId))
            actions << entry.record.entityId;
    }
    for (const QString &action : std::as_const(actions))
        Q_EMIT assessmentChanged(action);
    const QList<std::pair<const char *, void (Workspace::*)()>> signalOfKind{
        {"person", &Workspace::peopleChanged},
        {"evidence", &Workspace::evidenceChanged},
        {"training", &Workspace::trainingChanged},
        {"review", &Workspace::reviewsChanged},
        {"metric", &Workspace::metricsChanged},
        {"event", &Workspace::eventsChanged},
        {"organisation", &Workspace::organisationChanged},
        {"framework", &Workspace::frameworksChanged}};
    // A kind this table does not name (the catalogue upgraded by a newer Quorum, say) may touch anything:
    // every kind is announced, so nothing kept survives it.
    QSet<QString> unnamed = kinds;
    unnamed.remove(QStringLiteral("assessment"));
    // Roles given or taken: what this login may do may have changed; no data did.
    if (unnamed.remove(QStringLiteral("access")))
        refreshAccess();
    for (const auto &[kind, signal] : signalOfKind)
        unnamed.remove(QLatin1String(kind));
    for (const auto &[kind, signal] : signalOfKind) {
        if (!unnamed.isEmpty() || kinds.contains(QLatin1String(kind)))
            Q_EMIT(this->*signal)();
    }
    Q_EMIT othersChanged(entries);
    Q_EMIT dataChanged();
}

void Workspace::announceEverything()
{
    m_evidenceSummary.reset();
    m_reviewPostures.reset();
    // Every item at once (the action list reloads whole, the editor reads its item again): not one signal per
    // item, which with a library of thousands of items would read them all once per item.
    Q_EMIT frameworksChanged();
    for (const auto signal : {&Workspace::peopleChanged, &Workspace::evidenceChanged, &Workspace::trainingChanged,
                              &Workspace::reviewsChanged, &Workspace::metricsChanged, &Workspace::eventsChanged,
                              &Workspace::organisationChanged, &Workspace::dataChanged})
        Q_EMIT(this->*signal)();
}

bool Workspace::takeAccessFromServer()
{
    if (!m_database->isServer())
        return false;
    SessionAccess now;
    try {
        now = ServerAccess::session(m_database->connection());
    } catch (const Error &) {
        return false; // the connection keeper tells of a lost connection; until then what was known stands
    }
    const bool changed = now.login != m_access.login || now.enforced != m_access.enforced
                         || now.unrestricted != m_access.unrestricted || now.roles != m_access.roles
                         || now.mayCreateRoles != m_access.mayCreateRoles;
    m_access = now;
    if (changed)
        Q_EMIT accessChanged();
    return changed;
}

void Workspace::refreshAccess()
{
    // Controls unlocked by a role given go back to what their page wants: every page reads afresh and sets
    // them (a lock cannot see what a page asked of a control it held disabled).
    if (takeAccessFromServer())
        announceEverything();
}

QList<AccessMember> Workspace::accessMembers()
{
    return ServerAccess(m_store).members();
}

void Workspace::enableAccess(const QString &prefix)
{
    ServerAccess(m_store).enable(prefix);
    refreshAccess();
}

void Workspace::grantAccess(const QString &login, AccessRole role, const QString &person)
{
    ServerAccess(m_store).grant(login, role, person);
    // A person linked to a login is a change to the People register (Settings > Access shows it).
    if (!person.trimmed().isEmpty())
        Q_EMIT peopleChanged();
    refreshAccess();
}

void Workspace::setAccessPassword(const QString &login, const QString &password)
{
    ServerAccess(m_store).setPassword(login, password);
}

void Workspace::revokeAccess(const QString &login, AccessRole role)
{
    ServerAccess(m_store).revoke(login, role);
    refreshAccess();
}

void Workspace::catchUpWithOthers()
{
    if (m_changeListener)
        m_changeListener->catchUp();
}

void Workspace::announceIfChangedElsewhere(const Error &error, void (Workspace::*signal)())
{
    if (error.kind() != Error::Kind::Conflict)
        return;
    Q_EMIT(this->*signal)();
    Q_EMIT dataChanged();
}

void Workspace::noteRecordVersion(const QString &table, qint64 id, int version)
{
    m_recordVersions.insert(table + QLatin1Char(':') + QString::number(id), version);
}

int Workspace::expectedRecordVersion(const QString &table, qint64 id) const
{
    return m_recordVersions.value(table + QLatin1Char(':') + QString::number(id), 0);
}

void Workspace::announceAssessmentChangedElsewhere(const QString &actionId)
{
    // Refused because someone else changed it: every view reads what is recorded now (the signal drops what
    // was kept of it).
    Q_EMIT assessmentChanged(actionId);
    Q_EMIT dataChanged();
}

void Workspace::setRating(const QString &actionId, Rating rating, const QString &justification)
{
    AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(rating)}};
    if (!justification.isEmpty())
        changes.insert(AssessmentField::Justification, justification);
    changeAssessment(actionId, changes);
}

qint64 Workspace::addPerson(const Person &person)
{
    const qint64 id = m_store.addPerson(person);
    Person stored = *m_store.person(id);
    m_undoStack->push(new AddPersonCommand(this, stored));
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updatePerson(const Person &person)
{
    const auto before = m_store.person(person.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That person is no longer recorded."));
    try {
        m_store.updatePerson(person);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::peopleChanged);
        throw;
    }
    const Person after = *m_store.person(person.id);
    noteRecordVersion(QStringLiteral("person"), after.id, after.version);
    m_undoStack->push(new EditPersonCommand(this, *before, after));
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::setOrganisation(const Organisation &organisation)
{
    const Organisation before = m_store.organisation();
    try {
        m_store.setOrganisation(organisation);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::organisationChanged);
        throw;
    }
    const Organisation after = m_store.organisation();
    noteRecordVersion(QStringLiteral("organisation"), 1, after.version);
    m_undoStack->push(new EditOrganisationCommand(this, before, after));
    Q_EMIT organisationChanged();
    Q_EMIT dataChanged();
}

QList<Framework> Workspace::frameworks() const
{
    if (!m_frameworks)
        m_frameworks = m_store.frameworks();
    return *m_frameworks;
}

QList<Framework> Workspace::followedFrameworks() const
{
    QList<Framework> result;
    for (const Framework &framework : frameworks()) {
        if (framework.enabled)
            result.append(framework);
    }
    return result;
}

Framework Workspace::framework(const QString &key) const
{
    for (const Framework &framework : frameworks()) {
        if (framework.key.compare(key.trimmed(), Qt::CaseInsensitive) == 0)
            return framework;
    }
    return m_store.framework(key); // throws NotFound naming those there are
}

void Workspace::changeFramework(const QString &key, const std::function<void(Framework &)> &change, const QString &text)
{
    const Framework before = m_store.framework(key);
    Framework after = before;
    change(after);
    if (after.enabled == before.enabled && after.vendorRole == before.vendorRole && after.ownerId == before.ownerId)
        return;
    try {
        // The version this change made, not one read after it: another writer may commit in between.
        after.version = m_store.updateFramework(after);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::frameworksChanged);
        throw;
    }
    m_frameworkVersions.insert(after.key, after.version);
    m_undoStack->push(new EditFrameworkCommand(this, before, after, text));
    Q_EMIT frameworksChanged();
    Q_EMIT dataChanged();
}

void Workspace::setFrameworkFollowed(const QString &key, bool followed)
{
    const Framework current = framework(key);
    changeFramework(
        key, [followed](Framework &f) { f.enabled = followed; },
        followed ? tr("Follow the %1").arg(current.shortName) : tr("Stop following the %1").arg(current.shortName));
}

void Workspace::setFrameworkVendorRole(const QString &key, const QString &role)
{
    const Framework current = framework(key);
    changeFramework(
        key, [role](Framework &f) { f.vendorRole = role; }, tr("Change the role under the %1").arg(current.shortName));
}

void Workspace::setFrameworkOwner(const QString &key, qint64 personId)
{
    const Framework current = framework(key);
    changeFramework(
        key, [personId](Framework &f) { f.ownerId = personId; },
        tr("Change who answers for the %1").arg(current.shortName));
}

void Workspace::applyFramework(const Framework &values, const Framework &from)
{
    // Only what the command changed goes back: another setting of the same framework stays as recorded. The
    // version this workspace's last change left is checked too, so a change made elsewhere since is never undone.
    Framework changed = m_store.framework(values.key);
    if (values.enabled != from.enabled)
        changed.enabled = values.enabled;
    if (values.vendorRole != from.vendorRole)
        changed.vendorRole = values.vendorRole;
    if (values.ownerId != from.ownerId)
        changed.ownerId = values.ownerId;
    changed.version = m_frameworkVersions.value(values.key, changed.version);
    int version = 0;
    try {
        version = m_store.updateFramework(changed);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::frameworksChanged);
        throw;
    }
    m_frameworkVersions.insert(values.key, version);
    Q_EMIT frameworksChanged();
    Q_EMIT dataChanged();
}

CatalogueWrite Workspace::importFramework(const Catalogue &catalogue)
{
    const CatalogueWrite written = m_store.importFramework(catalogue);
    announceEverything();
    return written;
}

void Workspace::removePerson(qint64 id)
{
    const auto before = m_store.person(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That person is no longer recorded."));
    m_store.removePerson(id);
    m_undoStack->push(new RemovePersonCommand(this, *before));
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

// ---- Evidence ----------------------------------------------------------------------------------

qint64 Workspace::addEvidence(const EvidenceInput &input)
{
    const qint64 id = m_store.addEvidence(input);
    m_undoStack->push(new AddEvidenceCommand(this, id, m_store.evidenceItem(id)->title));
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updateEvidence(const Evidence &metadata)
{
    const auto before = m_store.evidenceItem(metadata.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("Evidence %1 no longer exists.").arg(metadata.id));
    try {
        m_store.updateEvidence(metadata);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::evidenceChanged);
        throw;
    }
    const Evidence after = *m_store.evidenceItem(metadata.id);
    noteRecordVersion(QStringLiteral("evidence"), after.id, after.version);
    if (after.title == before->title && after.type == before->type && after.source == before->source
        && after.effective == before->effective && after.reviewBy == before->reviewBy && after.url == before->url)
        return;
    m_undoStack->push(new EditEvidenceCommand(this, *before, after));
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::setEvidenceActions(qint64 id, const QStringList &actionIds)
{
    const auto before = m_store.evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("Evidence %1 no longer exists.").arg(id));
    m_store.setEvidenceActions(id, actionIds);
    const QStringList after = m_store.evidenceItem(id)->actionIds;
    if (after == before->actionIds)
        return;
    m_undoStack->push(new SetEvidenceActionsCommand(this, id, before->title, before->actionIds, after));
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::replaceEvidenceFile(qint64 id, const QString &fileName, const QByteArray &content)
{
    replaceEvidenceFileUsing(id, [&] { return m_store.replaceEvidenceFile(id, fileName, content); });
}

void Workspace::replaceEvidenceFileFrom(qint64 id, const QString &path)
{
    replaceEvidenceFileUsing(id, [&] { return m_store.replaceEvidenceFileFrom(id, path); });
}

void Workspace::replaceEvidenceFileUsing(qint64 id, const std::function<int()> &replace)
{
    const auto before = m_store.evidenceItem(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("Evidence %1 no longer exists.").arg(id));
    const int revision = replace();
    m_undoStack->push(new ReplaceEvidenceFileCommand(this, id, before->title, before->revision, revision));
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::removeEvidence(qint64 id)
{
    EvidenceSnapshot snapshot = m_store.takeEvidenceSnapshot(id);
    m_store.removeEvidence(id);
    m_undoStack->push(new RemoveEvidenceCommand(this, std::move(snapshot)));
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

// ---- Training ----------------------------------------------------------------------------------

qint64 Workspace::addTraining(const TrainingRecord &record)
{
    const qint64 id = m_store.addTraining(record);
    const TrainingRecord stored = *m_store.trainingRecord(id);
    m_undoStack->push(new AddTrainingCommand(this, stored, m_store.person(stored.personId)->name));
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updateTraining(const TrainingRecord &record)
{
    const auto before = m_store.trainingRecord(record.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That training record no longer exists."));
    try {
        m_store.updateTraining(record);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::trainingChanged);
        throw;
    }
    const TrainingRecord after = *m_store.trainingRecord(record.id);
    noteRecordVersion(QStringLiteral("training"), after.id, after.version);
    if (after.course == before->course && after.completed == before->completed
        && after.validUntil == before->validUntil)
        return;
    const auto who = m_store.person(after.personId);
    m_undoStack->push(new EditTrainingCommand(this, *before, after, who ? who->name : QString()));
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
}

void Workspace::removeTraining(qint64 id)
{
    const auto before = m_store.trainingRecord(id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That training record no longer exists."));
    m_store.removeTraining(id);
    const auto who = m_store.person(before->personId);
    m_undoStack->push(new RemoveTrainingCommand(this, *before, who ? who->name : QString()));
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
}

void Workspace::setActingAs(const QString &personName)
{
    const QString name = personName.trimmed().isEmpty() ? QString() : m_store.personByName(personName).name;
    if (name == m_store.actingAs())
        return;
    m_store.setActor(QString(), name);
    Q_EMIT actingAsChanged(name);
}

// ---- Called by undo commands -------------------------------------------------------------------

void Workspace::applyAssessment(const QString &actionId, const AssessmentChanges &values)
{
    // Undo and redo go back over this workspace's own changes, in order: the version its last change left
    // is the one to find. Anything else means someone else changed the assessment since, and their change
    // is not overwritten.
    int version = 0;
    try {
        m_store.updateAssessment(actionId, values, m_assessmentVersions.value(actionId, 0), &version);
    } catch (const Error &error) {
        if (error.kind() == Error::Kind::Conflict)
            announceAssessmentChangedElsewhere(actionId);
        throw;
    }
    m_assessmentVersions.insert(actionId, version);
    Q_EMIT assessmentChanged(actionId);
    Q_EMIT dataChanged();
}

void Workspace::applyPersonRemoval(const QString &name)
{
    m_store.removePerson(m_store.personByName(name).id);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyPersonInsert(const Person &person)
{
    const qint64 id = m_store.addPerson(person);
    noteRecordVersion(QStringLiteral("person"), id, m_store.person(id)->version);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyPerson(const QString &currentName, Person values)
{
    values.id = m_store.personByName(currentName).id;
    // Undo and redo go back over this workspace's own changes: the version its last change left is the one
    // to find, and anything else means someone else changed the record since (refused, theirs stays).
    values.version = expectedRecordVersion(QStringLiteral("person"), values.id);
    try {
        m_store.updatePerson(values);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::peopleChanged);
        throw;
    }
    noteRecordVersion(QStringLiteral("person"), values.id, m_store.person(values.id)->version);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyOrganisation(const Organisation &organisation)
{
    Organisation values = organisation;
    values.version = expectedRecordVersion(QStringLiteral("organisation"), 1);
    try {
        m_store.setOrganisation(values);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::organisationChanged);
        throw;
    }
    noteRecordVersion(QStringLiteral("organisation"), 1, m_store.organisation().version);
    Q_EMIT organisationChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEvidence(const Evidence &metadata)
{
    Evidence values = metadata;
    values.version = expectedRecordVersion(QStringLiteral("evidence"), values.id);
    try {
        m_store.updateEvidence(values);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::evidenceChanged);
        throw;
    }
    noteRecordVersion(QStringLiteral("evidence"), values.id, m_store.evidenceItem(values.id)->version);
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEvidenceActions(qint64 id, const QStringList &actionIds)
{
    m_store.setEvidenceActions(id, actionIds);
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyEvidenceRevision(qint64 id, int revision)
{
    m_store.restoreEvidenceRevision(id, revision);
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

EvidenceSnapshot Workspace::applyEvidenceRemoval(qint64 id)
{
    EvidenceSnapshot snapshot = m_store.takeEvidenceSnapshot(id);
    m_store.removeEvidence(id);
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
    return snapshot;
}

void Workspace::applyEvidenceRestore(const EvidenceSnapshot &snapshot)
{
    m_store.restoreEvidence(snapshot);
    // Put back as a new row, at its first version: what an undo of an earlier edit of it then expects.
    noteRecordVersion(QStringLiteral("evidence"), snapshot.evidence.id,
                      m_store.evidenceItem(snapshot.evidence.id)->version);
    Q_EMIT evidenceChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyTrainingInsert(const TrainingRecord &record)
{
    const qint64 id = m_store.addTraining(record);
    noteRecordVersion(QStringLiteral("training"), id, m_store.trainingRecord(id)->version);
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyTraining(const TrainingRecord &record)
{
    TrainingRecord values = record;
    values.version = expectedRecordVersion(QStringLiteral("training"), values.id);
    try {
        m_store.updateTraining(values);
    } catch (const Error &error) {
        announceIfChangedElsewhere(error, &Workspace::trainingChanged);
        throw;
    }
    noteRecordVersion(QStringLiteral("training"), values.id, m_store.trainingRecord(values.id)->version);
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyTrainingRemoval(qint64 id)
{
    m_store.removeTraining(id);
    Q_EMIT trainingChanged();
    Q_EMIT dataChanged();
}

void Workspace::reportError(const QString &message)
{
    Q_EMIT errorOccurred(message);
}

} // namespace quorum
