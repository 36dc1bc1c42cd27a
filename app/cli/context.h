#pragma once

#include "core/domain/rating.h"
#include "core/storage/database.h"
#include "core/storage/store.h"

#include <QDate>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace quorum::cli {

/** What every command gets: the database path and the two output streams. */
struct Context {
    QString dbPath;
    bool defaultPath = false;
    QTextStream &out;
    QTextStream &err;
};

/** An open database with its store, for one command. */
struct Session {
    std::unique_ptr<Database> database;
    std::unique_ptr<Store> store;
};

/** Whether two paths name one file: by canonical path when it exists, else by absolute path. */
bool samePath(const QString &a, const QString &b);

/** Opens (or, with @p create, creates) the database of @p context. Throws Error. */
Session openSession(const Context &context, bool create = false);

/**
 * One command word and its handler. Each area of the CLI (assessments, evidence, reviews, interchange,
 * ...) lists its commands in its own file; commands.cpp joins the lists.
 */
struct Command {
    QString word;
    std::function<int(const Context &, const QStringList &)> run;
};

/** evidence add/list, log and verify (commands_evidence.cpp). */
QList<Command> evidenceCommands();

/** review, attention, metric and exercise (commands_board.cpp). */
QList<Command> boardCommands();

/** export and import (commands_interchange.cpp). */
QList<Command> interchangeCommands();

/** access enable/grant/revoke/list/me, for a record on a server (commands_access.cpp). */
QList<Command> accessCommands();

/** frameworks list/import/enable/disable/role/owner (commands_frameworks.cpp). */
QList<Command> frameworkCommands();

/**
 * Writes the board pack of @p review (empty: the current state) to @p file as a PDF on @p pageSize paper
 * ("a4", the default, or "letter"); the export command calls it for a .pdf file name, after its checks
 * on the target (commands_boardpack.cpp). Needs a QApplication. Throws Error or UsageError.
 */
int exportBoardPack(const Context &context, const QString &file, const QString &review, const QString &pageSize);

void printJson(QTextStream &out, const QJsonObject &object);
QJsonValue textOrNull(const QString &text);
QJsonValue dateOrNull(const QDate &date);
QJsonValue scoreOrNull(const std::optional<double> &score);

/** Parses a rating word for @p option; throws UsageError listing the words. */
Rating parseRating(const QString &text, const QString &option);
/** Parses YYYY-MM-DD for @p option (empty text: no date); throws UsageError. */
QDate parseDate(const QString &text, const QString &option);

} // namespace quorum::cli
