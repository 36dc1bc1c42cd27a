#pragma once

#include <QStringList>
#include <QTextStream>

namespace quorum::cli {

/** Exit codes of quorum-cli, a contract documented in docs/cli.md. */
enum ExitCode : int {
    Success = 0,
    CheckFailed = 1,
    BadInput = 2,
    CannotOpen = 3,
    NotPermitted = 4,
    Interrupted = 130, ///< stopped by SIGINT or SIGTERM before it finished (as a shell reports Ctrl-C)
};

/** Runs one command line (without the program name); writes to @p out and @p err; returns the exit code. */
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace quorum::cli
