// The speed-and-scale benchmarks of docs/PERFORMANCE.md (Google Benchmark). Each benchmark works on the
// database named by --db=FILE (made with `quorum-cli generate --size ...`); those that write work on a
// private copy, so the file is never changed. tests/bench/run runs each benchmark in a process of its own,
// so the peak_rss_mb counter (the process's peak resident memory) belongs to that benchmark alone.
#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/interchange/actionimport.h"
#include "core/models/actionsmodel.h"
#include "core/models/auditmodel.h"
#include "core/models/evidencemodel.h"
#include "core/models/peoplemodel.h"
#include "core/report/boardpack.h"
#include "core/rules/attention.h"
#include "core/rules/reviewcomparison.h"
#include "core/storage/database.h"
#include "core/storage/recordcopy.h"
#include "core/storage/serverconnection.h"
#include "core/workspace/dashboard.h"
#include "core/workspace/workspace.h"
#include "ui/pages/evidenceactions.h"
#include "ui/pages/evidencepage.h"
#include "ui/pages/historypage.h"
#include "ui/report/boardpackwriter.h"
#include "ui/window/mainwindow.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace quorum;

namespace {

QString g_databasePath;

/** Peak resident memory of this process so far, in MB. */
double peakRssMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

void reportMemory(benchmark::State &state)
{
    state.counters[QStringLiteral("peak_rss_mb").toStdString()] = peakRssMegabytes();
}

/** A private copy of the benchmark database, for the benchmarks that write. */
class ScratchCopy {
public:
    ScratchCopy()
    {
        m_path = m_dir.filePath(QStringLiteral("bench.quorum"));
        if (!QFile::copy(g_databasePath, m_path))
            throw Error(Error::Kind::Storage, QStringLiteral("cannot copy %1").arg(g_databasePath));
    }
    QString path() const { return m_path; }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

std::unique_ptr<Workspace> openWorkspace(const QString &path)
{
    return Workspace::open(path, false, Catalogue::builtIn(), Clock::fromEnvironment());
}

// Database open to the models the first screen needs: the workspace (open, probe, migrations check),
// the dashboard's data (scores, four charts, the attention list) and the models of the actions, evidence
// and people pages.
void BM_OpenToDashboardModels(benchmark::State &state)
{
    for (auto _ : state) {
        std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
        const DashboardData data = DashboardData::build(workspace->store(), workspace->store().clock().today());
        ActionsModel actions(workspace.get());
        EvidenceModel evidence(workspace.get());
        PeopleModel people(workspace.get());
        benchmark::DoNotOptimize(data.attention.size() + actions.rowCount() + evidence.rowCount() + people.rowCount());
    }
    reportMemory(state);
}

void BM_Attention(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    const Store &store = workspace->store();
    qsizetype items = 0;
    for (auto _ : state) {
        const QList<AttentionItem> attention = Attention::compute(store, store.clock().today());
        items = attention.size();
        benchmark::DoNotOptimize(items);
    }
    state.counters["items"] = double(items);
    reportMemory(state);
}

void BM_ReviewCreate(benchmark::State &state)
{
    const ScratchCopy copy;
    const std::unique_ptr<Workspace> workspace = openWorkspace(copy.path());
    Store &store = workspace->store();
    int serial = 0;
    for (auto _ : state) {
        const qint64 id =
            store.createReview(QStringLiteral("Benchmark review %1").arg(++serial), store.clock().today());
        state.PauseTiming();
        store.deleteReview(id);
        state.ResumeTiming();
    }
    reportMemory(state);
}

/** The first and the last board review of the benchmark database. */
std::pair<qint64, qint64> firstAndLastReview(const Store &store)
{
    const QList<Review> reviews = store.reviews();
    if (reviews.size() < 2)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("the benchmark database needs two board reviews"));
    return {reviews.constFirst().id, reviews.constLast().id};
}

void BM_ReviewDiffFirstToLast(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    const auto [first, last] = firstAndLastReview(workspace->store());
    for (auto _ : state)
        benchmark::DoNotOptimize(compareReviews(workspace->store(), first, last).changes.size());
    reportMemory(state);
}

void BM_ReviewDiffLastToNow(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    const qint64 last = firstAndLastReview(workspace->store()).second;
    for (auto _ : state)
        benchmark::DoNotOptimize(compareReviews(workspace->store(), last).changes.size());
    reportMemory(state);
}

// The board pack of the last board review, from the content to the finished PDF file.
void BM_BoardPackExport(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    const QList<Review> reviews = workspace->store().reviews();
    BoardPackOptions options;
    if (!reviews.isEmpty())
        options.reviewName = reviews.constLast().name;
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("pack.pdf"));
    int pages = 0;
    for (auto _ : state) {
        BoardPackWriter writer(BoardPack::build(workspace->store(), options));
        writer.write(target);
        pages = writer.pageCount();
    }
    state.counters["pages"] = pages;
    reportMemory(state);
}

/** A CSV of the actions register: @p rows data rows, cycling through the actions, with owner and rating. */
QByteArray actionsCsv(const Store &store, int rows, int variant)
{
    const QList<ActionState> states = store.actionStates();
    const QList<Person> people = store.people();
    QByteArray csv = "id,owner,rating,commentary\n";
    for (int row = 0; row < rows; ++row) {
        const ActionState &action = states.at(row % states.size());
        const Person &owner = people.at((row + variant) % people.size());
        const char *rating = (row + variant) % 2 ? "reasonable" : "limited";
        csv += QStringLiteral("%1,%2,%3,\"Imported note %4, variant %5\"\n")
                   .arg(action.id, owner.name, QString::fromLatin1(rating))
                   .arg(row)
                   .arg(variant)
                   .toUtf8();
    }
    return csv;
}

// Reading and checking a 10,000-row CSV (the most a spreadsheet import accepts). An actions register has
// one row per action, so past the 22nd row every row is reported as a repeat: the work measured is the
// parsing and the row-by-row validation that an import always does before it changes anything.
void BM_CsvImportCheck10000Rows(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("register.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(actionsCsv(workspace->store(), 10000, 0)) < 0)
        throw Error(Error::Kind::Storage, QStringLiteral("cannot write %1").arg(path));
    file.close();
    qsizetype errors = 0;
    for (auto _ : state) {
        const ActionImportPlan plan = ActionImport::check(workspace->store(), path);
        errors = plan.errors.size();
        benchmark::DoNotOptimize(errors);
    }
    state.counters["rows"] = 10000;
    state.counters["errors"] = double(errors);
    reportMemory(state);
}

// Checking and applying a whole register (one row per action, every row changing owner, rating and
// commentary): one transaction with its audit rows.
void BM_CsvImportApplyRegister(benchmark::State &state)
{
    const ScratchCopy copy;
    const std::unique_ptr<Workspace> workspace = openWorkspace(copy.path());
    Store &store = workspace->store();
    QTemporaryDir dir;
    const int actions = int(store.actionStates().size());
    QStringList paths;
    for (int variant = 0; variant < 2; ++variant) {
        paths << dir.filePath(QStringLiteral("register-%1.csv").arg(variant));
        QFile file(paths.constLast());
        if (!file.open(QIODevice::WriteOnly) || file.write(actionsCsv(store, actions, variant + 1)) < 0)
            throw Error(Error::Kind::Storage, QStringLiteral("cannot write %1").arg(paths.constLast()));
    }
    int round = 0;
    for (auto _ : state) {
        const ActionImportPlan plan = ActionImport::check(store, paths.at(round++ % 2));
        ActionImport::apply(store, plan);
    }
    reportMemory(state);
}

/**
 * One edit as the user makes it in the main window: the intent method (one transaction with its audit
 * row, an undo command), then everything the window updates live (models, the dashboard's scores, charts
 * and attention list) and repaints, offscreen.
 */
/**
 * A main window over @p location at 1400x900, shown on the dashboard; with @p everyPage, every page built
 * and listening first, as after a session that visited them all (the worst case for a live update).
 */
MainWindow *openWindowOn(const QString &location, bool everyPage)
{
    auto *window = new MainWindow(openWorkspace(location));
    window->resize(1400, 900);
    window->show();
    for (const QString &page : everyPage ? window->pageNames() : QStringList()) {
        window->showPage(page);
        QApplication::processEvents();
    }
    window->showPage(QStringLiteral("dashboard"));
    QApplication::processEvents();
    return window;
}

template<typename Edit>
void measureEdit(benchmark::State &state, Edit edit)
{
    const ScratchCopy copy;
    MainWindow *window = openWindowOn(copy.path(), true);
    int serial = 0;
    for (auto _ : state) {
        edit(*window->workspace(), ++serial);
        QApplication::processEvents();
    }
    delete window;
    reportMemory(state);
}

void BM_EditCommentaryLive(benchmark::State &state)
{
    measureEdit(state, [](Workspace &workspace, int serial) {
        workspace.changeAssessment(QStringLiteral("B3"),
                                   {{AssessmentField::Commentary, QStringLiteral("Benchmark note %1").arg(serial)}});
    });
}

void BM_EditRatingLive(benchmark::State &state)
{
    measureEdit(state, [](Workspace &workspace, int serial) {
        workspace.setRating(QStringLiteral("B3"), serial % 2 ? Rating::Limited : Rating::Substantial);
    });
}

// ---- The evidence register and the history on a large record (issue 19) ----------------------------------

/** A page as the window shows it: at 1400x800, shown, laid out and painted (offscreen). */
template<typename Page>
void showPage(Page &page)
{
    page.resize(1400, 800);
    page.show();
    QApplication::processEvents();
}

/** The Evidence page of the benchmark database, shown at its size: what the search and sort benchmarks work on. */
struct ShownEvidencePage {
    std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    EvidenceActions actions{workspace.get(), nullptr};
    EvidencePage page{workspace.get(), &actions};
    ShownEvidencePage() { showPage(page); }
};

/** Building the Evidence page and painting its first screen: the count and the first block of rows, in SQL. */
void BM_EvidenceRegisterFirstScreen(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    EvidenceActions actions(workspace.get(), nullptr);
    int rows = 0;
    int held = 0;
    for (auto _ : state) {
        auto page = std::make_unique<EvidencePage>(workspace.get(), &actions);
        showPage(*page);
        rows = page->model()->rowCount();
        held = page->model()->heldRowCount();
        state.PauseTiming();
        page.reset();
        state.ResumeTiming();
    }
    state.counters["rows"] = rows;
    state.counters["rows_read"] = held;
    reportMemory(state);
}

/**
 * A search that finds one item in the whole register (the worst case: nothing stops the reading early), counted
 * and its first screen painted; the two texts alternate so that each iteration asks again.
 */
void BM_EvidenceRegisterSearch(benchmark::State &state)
{
    ShownEvidencePage shown;
    EvidencePage &page = shown.page;
    const int all = page.model()->rowCount();
    int serial = 0;
    int found = 0;
    for (auto _ : state) {
        page.model()->setSearch(QStringLiteral("(no. %1)").arg(all / 2 + serial++ % 2));
        QApplication::processEvents();
        found = page.model()->rowCount();
    }
    state.counters["found"] = found;
    reportMemory(state);
}

/** A click on the Title header: the register in title order, its first screen painted (ascending, descending). */
void BM_EvidenceRegisterSortByTitle(benchmark::State &state)
{
    ShownEvidencePage shown;
    EvidencePage &page = shown.page;
    int serial = 0;
    for (auto _ : state) {
        page.view()->sortByColumn(EvidenceModel::TitleColumn, serial++ % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
        QApplication::processEvents();
    }
    // And a jump of the scroll bar half-way down in that order: one block read from the middle.
    QElapsedTimer timer;
    timer.start();
    const Evidence *middle = page.model()->evidenceAt(page.model()->rowCount() / 2);
    state.counters["middle_block_ms"] = double(timer.nsecsElapsed()) / 1e6;
    benchmark::DoNotOptimize(middle);
    reportMemory(state);
}

/** Building the History page and painting its first screen (the newest page of the trail). */
void BM_HistoryFirstScreen(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    for (auto _ : state) {
        auto page = std::make_unique<HistoryPage>(workspace.get());
        showPage(*page);
        state.PauseTiming();
        page.reset();
        state.ResumeTiming();
    }
    reportMemory(state);
}

/**
 * Scrolling down the history twenty pages (10,000 rows): twenty fetches of the next page. The old_way counter is
 * what the twentieth fetch read before keyset paging (every row from the newest down, again).
 */
void BM_HistoryScrollDeep(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    int rows = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto model = std::make_unique<AuditModel>(workspace.get());
        state.ResumeTiming();
        for (int page = 0; page < 20 && model->canFetchMore({}); ++page)
            model->fetchMore({});
        rows = model->rowCount();
        state.PauseTiming();
        model.reset();
        state.ResumeTiming();
    }
    state.counters["rows"] = rows;
    AuditFilter oldWay;
    oldWay.limit = 21 * AuditModel::kPageSize;
    QElapsedTimer timer;
    timer.start();
    benchmark::DoNotOptimize(workspace->store().auditEntries(oldWay).size());
    state.counters["old_way_20th_fetch_ms"] = double(timer.nsecsElapsed()) / 1e6;
    reportMemory(state);
}

/** What the Evidence page read when first shown before issue 19: every item with its actions. */
void BM_EvidenceReadWhole(benchmark::State &state)
{
    const std::unique_ptr<Workspace> workspace = openWorkspace(g_databasePath);
    qsizetype rows = 0;
    for (auto _ : state) {
        rows = workspace->store().evidence().size();
        benchmark::DoNotOptimize(rows);
    }
    state.counters["rows"] = double(rows);
    reportMemory(state);
}

// ---- Shared mode (issue 15): the same record on a local PostgreSQL server (--server=CONNINFO) ----------

QString g_serverAdmin; ///< a connection to the server's postgres database, which may create databases

/**
 * The benchmark database copied onto the server, into a database of its own (dropped at the end), as
 * `quorum-cli copy` does: the copy's time is the figure of BM_ServerCopyLarge.
 */
class ServerCopy {
public:
    ServerCopy()
    {
        static int serial = 0;
        m_name = QStringLiteral("quorum_bench_%1_%2").arg(QCoreApplication::applicationPid()).arg(serial++);
        administer(QStringLiteral("CREATE DATABASE %1").arg(m_name));
        ServerConnection admin = ServerConnection::parse(g_serverAdmin);
        QStringList words;
        for (const auto &[key, value] : admin.options()) {
            if (key != QLatin1String("dbname"))
                words << QStringLiteral("%1=%2").arg(key, ServerConnection::quoted(value));
        }
        words << QStringLiteral("dbname=%1").arg(m_name);
        m_location = words.join(QLatin1Char(' '));
        const auto source = Database::open(g_databasePath, Database::Mode::OpenExisting, Catalogue::builtIn());
        QElapsedTimer timer;
        timer.start();
        RecordCopy::copyTo(*source, m_location);
        m_copySeconds = double(timer.nsecsElapsed()) / 1e9;
    }
    ~ServerCopy() { administer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)); }
    ServerCopy(const ServerCopy &) = delete;
    ServerCopy &operator=(const ServerCopy &) = delete;

    const QString &location() const { return m_location; }
    double copySeconds() const { return m_copySeconds; }

private:
    static void administer(const QString &statement)
    {
        const QString name = QStringLiteral("quorum-bench-admin");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            ServerConnection::parse(g_serverAdmin).applyTo(db);
            if (!db.open() || !QSqlQuery(db).exec(statement))
                throw Error(Error::Kind::Storage, QStringLiteral("%1 failed on the benchmark server").arg(statement));
        }
        QSqlDatabase::removeDatabase(name);
    }
    QString m_name;
    QString m_location;
    double m_copySeconds = 0;
};

void BM_ServerCopyLarge(benchmark::State &state)
{
    for (auto _ : state) {
        const ServerCopy copy;
        state.SetIterationTime(copy.copySeconds());
    }
    reportMemory(state);
}

void BM_ServerEditRatingLive(benchmark::State &state)
{
    const ServerCopy copy;
    MainWindow *window = openWindowOn(copy.location(), true);
    int serial = 0;
    for (auto _ : state) {
        window->workspace()->setRating(QStringLiteral("B3"), ++serial % 2 ? Rating::Limited : Rating::Substantial);
        QApplication::processEvents();
    }
    delete window;
    reportMemory(state);
}

/**
 * From one client's commit to another client's window having updated its dashboard and pages: the notice
 * travels through the server, the watching window reads the audit rows and every view refreshes.
 */
void BM_ServerChangeSeenByAnotherClient(benchmark::State &state)
{
    const ServerCopy copy;
    MainWindow *window = openWindowOn(copy.location(), false);
    bool seen = false;
    // Connected after the window's own views, so it runs once they have all refreshed.
    QObject::connect(window->workspace(), &Workspace::dataChanged, [&seen] { seen = true; });
    auto other = openWorkspace(copy.location());
    int serial = 0;
    std::vector<double> milliseconds;
    for (auto _ : state) {
        seen = false;
        QElapsedTimer timer;
        timer.start();
        other->setRating(QStringLiteral("C2"), ++serial % 2 ? Rating::Limited : Rating::Substantial);
        while (!seen && timer.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        QApplication::processEvents(); // the repaint the refresh asked for
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        milliseconds.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!seen)
            state.SkipWithError("the change never reached the other window");
    }
    // The target is a median (docs/PERFORMANCE.md); the mean is what the benchmark's own time column shows.
    std::sort(milliseconds.begin(), milliseconds.end());
    if (!milliseconds.empty()) {
        state.counters["median_ms"] = milliseconds[milliseconds.size() / 2];
        state.counters["p90_ms"] = milliseconds[milliseconds.size() * 9 / 10];
        state.counters["max_ms"] = milliseconds.back();
    }
    delete window;
    reportMemory(state);
}

} // namespace

BENCHMARK(BM_OpenToDashboardModels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Attention)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReviewCreate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReviewDiffFirstToLast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReviewDiffLastToNow)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BoardPackExport)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvImportCheck10000Rows)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvImportApplyRegister)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EditCommentaryLive)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EditRatingLive)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvidenceRegisterFirstScreen)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvidenceRegisterSearch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvidenceRegisterSortByTitle)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HistoryFirstScreen)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HistoryScrollDeep)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvidenceReadWhole)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    // --db=FILE is ours; everything else is Google Benchmark's.
    std::vector<char *> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--db=", 5) == 0)
            g_databasePath = QString::fromLocal8Bit(argv[i] + 5);
        else
            rest.push_back(argv[i]);
    }
    int restCount = int(rest.size());
    for (auto it = rest.begin(); it != rest.end();) {
        if (std::strncmp(*it, "--server=", 9) == 0) {
            g_serverAdmin = QString::fromLocal8Bit(*it + 9);
            it = rest.erase(it);
        } else {
            ++it;
        }
    }
    restCount = int(rest.size());
    // Shared-mode figures only with a server to measure on (docs/PERFORMANCE.md says how to start one).
    if (!g_serverAdmin.isEmpty()) {
        benchmark::RegisterBenchmark("BM_ServerCopyLarge", BM_ServerCopyLarge)
            ->Unit(benchmark::kMillisecond)
            ->UseManualTime()
            ->Iterations(1);
        benchmark::RegisterBenchmark("BM_ServerEditRatingLive", BM_ServerEditRatingLive)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark("BM_ServerChangeSeenByAnotherClient", BM_ServerChangeSeenByAnotherClient)
            ->Unit(benchmark::kMillisecond)
            ->UseManualTime()
            ->Iterations(50);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(restCount, rest.data());
    benchmark::Initialize(&restCount, rest.data());
    // A server's connection string works too, for the benchmarks that only read (the register, the history).
    if (g_databasePath.isEmpty() || (!ServerConnection::isServer(g_databasePath) && !QFile::exists(g_databasePath))) {
        std::fprintf(stderr, "usage: quorum_bench --db=FILE [benchmark options]\n"
                             "FILE is made with: quorum-cli --db FILE generate --size small|large|huge\n");
        return 2;
    }
    try {
        benchmark::RunSpecifiedBenchmarks();
    } catch (const Error &error) {
        std::fprintf(stderr, "quorum_bench: %s\n", qUtf8Printable(error.message()));
        return 1;
    }
    benchmark::Shutdown();
    return 0;
}
