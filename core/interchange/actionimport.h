#pragma once

#include "core/domain/domain.h"
#include "core/interchange/sheet.h"
namespace quorum {

class Store;

/** A problem found in an imported file: where it is, in which column, and what is wrong. */
struct ImportIssue {
    QString location; ///< "line 7" (CSV) or "C7" (XLSX); empty for the whole file
    QString column;   ///< the column's heading as written in the file; empty for the whole row
    QString message;

    /** "line 7, column Owner: ..." */
    QString text() const;
};

/** One field an import changes on one action, as a person reads it. */
struct ImportFieldChange {
    QString field; ///< "owner", "rating", ... (the audit trail's words)
    QString before;
    QString after;
};

/** What importing one row does to its action. */
struct ImportedAction {
    QString actionId;
    QString location;          ///< where its row is
    AssessmentChanges changes; ///< Owner and Director hold a person's name (QString; empty for nobody)
    QList<ImportFieldChange> fields;
};

/**
 * Everything an import of actions would do, worked out without changing anything: the errors (each
 * with its line or cell), the warnings, the people it would add and the changes per action. A plan
 * with errors cannot be applied.
 */
struct ActionImportPlan {
    QString fileName;
    int rows = 0;      ///< data rows read
    int unchanged = 0; ///< rows that match what is recorded
    QList<ImportIssue> errors;
    QList<ImportIssue> warnings;
    QList<Person> newPeople;       ///< to add first (executives; board members if named as a director)
    QList<ImportedAction> actions; ///< rows that change something, in file order

    bool isClean() const { return errors.isEmpty(); }
};

/** How an import treats people it does not know, and which worksheet it reads. */
struct ActionImportOptions {
    bool createPeople = false; ///< add people named but not recorded, instead of reporting them
    QString sheet;             ///< XLSX: the worksheet to read (default: the first)
};

/**
 * Brings an existing spreadsheet of actions (CSV or XLSX) into Quorum. Columns are found by their
 * heading, case-insensitively and in any order: id (required), owner, director, rating, target,
 * commentary, justification, target date (or due) and next review; while the organisation tracks maturity, also
 * maturity (or maturity level), target maturity (or maturity target), maturity assessed and maturity assessor (a
 * file with those columns while it does not is refused whole); the columns the exports add (RAG, evidence counts,
 * ...) are recognised and skipped, others are ignored with a warning. A column that is
 * present sets its field on every row (an empty cell clears it; an empty rating is Not assessed); a
 * column that is absent leaves its field alone. check() validates every row and reports every problem
 * with its line or cell; apply() makes all the changes in one transaction through
 * Store::updateAssessment, so they are audited like any other change, or none of them.
 */
class ActionImport {
public:
    using Options = ActionImportOptions;

    /**
     * Reads and checks @p path (.csv or .xlsx). Throws Error for a file that cannot be read at all
     * (missing, too large, not CSV or XLSX, malformed UTF-8, no id column); row problems are in the plan.
     */
    static ActionImportPlan check(const Store &store, const QString &path, const Options &options = {});

    /** Checks a table already read. */
    static ActionImportPlan check(const Store &store, const ReadTable &table, const Options &options = {});

    /** Applies a clean plan in one transaction. Throws Error (nothing changed) if anything is refused. */
    static void apply(Store &store, const ActionImportPlan &plan);
};

} // namespace quorum
