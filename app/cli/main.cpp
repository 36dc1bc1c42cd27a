#include "commands.h"
#include "core/storage/sql.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>

namespace {

/** True for "export FILE.pdf": the board pack's charts need a QApplication; other commands stay light. */
bool exportsPdf(int argc, char *argv[])
{
    int i = 1;
    while (i < argc && std::strncmp(argv[i], "--", 2) == 0)
        i += std::strcmp(argv[i], "--db") == 0 ? 2 : 1;
    if (i >= argc || std::strcmp(argv[i], "export") != 0)
        return false;
    for (++i; i < argc; ++i) {
        if (QByteArray(argv[i]).toLower().endsWith(".pdf"))
            return true;
    }
    return false;
}

QtMessageHandler qtHandler = nullptr;

/**
 * Standard error is for the user: one line per refusal. Drop Qt's note that XDG_RUNTIME_DIR is unset
 * (normal for scripts and services, and harmless offscreen), and the PostgreSQL driver's note that it could
 * not free a prepared statement after a statement failed (the statement stays on the server until the
 * session ends, which is harmless; the failure itself is the message the user gets). Pass everything else on.
 */
void quietDriverNotes(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.startsWith(QStringLiteral("QStandardPaths: XDG_RUNTIME_DIR not set"))
            || quorum::isDriverNote(type, message)
            // A connection to a server found lost: the command's own error says so, in one line.
            || message.endsWith(QStringLiteral(": database not open"))
            || message.startsWith(QStringLiteral("QSocketNotifier: Invalid socket"))))
        return;
    qtHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    qtHandler = qInstallMessageHandler(quietDriverNotes);
    if (exportsPdf(argc, argv)) {
        // No display is needed: render offscreen unless the caller chose a platform.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("quorum-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUORUM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = quorum::cli::run(QCoreApplication::arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return code;
}
