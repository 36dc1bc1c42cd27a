#include "commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quorum-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUORUM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = quorum::cli::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return code;
}
