#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace quorum {

class Store;

/**
 * How big a synthetic organisation is. "large" is the size the performance targets of docs/PERFORMANCE.md
 * are set for: ten years of quarterly board reviews, 20,000 pieces of evidence, 200 people and 200,000
 * audit rows. "huge" has ten times the rows of "large" (ten meetings a quarter, 200,000 evidence items,
 * 2,000 people, 2,000,000 audit rows); "small" is a quick two-year organisation for tests.
 */
struct SyntheticSize {
    QString name;
    int years = 0;
    int meetingsPerQuarter = 1; ///< the board, then committees
    int people = 0;
    int directors = 0;
    int evidence = 0;
    int auditRows = 0; ///< the audit trail is topped up with routine edits to about this many rows
    int metrics = 0;

    static std::optional<SyntheticSize> named(const QString &name);
    static QStringList names(); ///< small, large, huge
};

/**
 * Fills an empty database with a synthetic organisation of a given size, for benchmarks and scale
 * tests. Like DemoData it writes only through the Store with a moving clock, so every row has its audit
 * entry and the hash chain verifies; unlike DemoData the content is generated (numbered documents,
 * generated names) and deterministic for a given size, seed and @p today. Work is committed a quarter at
 * a time; @p progress is told after each quarter (done, total) and may return false to stop early.
 */
class SyntheticOrganisation {
public:
    using Progress = std::function<bool(int done, int total)>;
    static void populate(Store &store, const SyntheticSize &size, const QDate &today, quint32 seed = 20250408u,
                         const Progress &progress = {});
};

} // namespace quorum
