#include "arguments.h"
#include "commands.h"
#include "context.h"

#include "core/domain/error.h"
#include "core/report/boardpack.h"
#include "ui/report/boardpackwriter.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

namespace quorum::cli {

namespace {

/**
 * The creation stamp: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when
 * set, so that the same database and review give the same pack; otherwise the clock (QUORUM_NOW or now).
 */
QDateTime creationTime()
{
    const QByteArray epoch = qgetenv("SOURCE_DATE_EPOCH").trimmed();
    if (epoch.isEmpty())
        return {};
    bool ok = false;
    const qint64 seconds = epoch.toLongLong(&ok);
    if (!ok || seconds < 0)
        throw UsageError{QStringLiteral("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not \"%1\"")
                             .arg(QString::fromLatin1(epoch))};
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

} // namespace

int exportBoardPack(const Context &context, const QString &file, const QString &review, const QString &pageSize)
{
    BoardPackOptions options;
    options.reviewName = review.trimmed();
    if (!pageSize.isEmpty()) {
        const auto size = boardPackPageSizeFromKey(pageSize);
        if (!size)
            throw UsageError{QStringLiteral("export: --page-size is a4 or letter, not \"%1\"").arg(pageSize)};
        options.pageSize = *size;
    }
    options.createdAt = creationTime();
    if (samePath(file, context.dbPath))
        throw UsageError{QStringLiteral("export: %1 is the database itself; choose another file").arg(file)};
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        throw Error(Error::Kind::Storage, QStringLiteral("The board pack needs the graphical libraries; run it through "
                                                         "quorum-cli, which starts them for export of a .pdf."));

    Session session = openSession(context);
    BoardPackWriter writer(BoardPack::build(*session.store, options));
    writer.write(file);
    const BoardPackContent &content = writer.content();
    const int body = writer.bodyPageCount();
    const int annex = writer.pageCount() - body;
    context.out << QStringLiteral("Exported the board pack for %1 (%2 pages%3, %4) to %5\n")
                       .arg(content.isReview ? QStringLiteral("\u201C%1\u201D").arg(content.reviewName)
                                             : QStringLiteral("the current state"))
                       .arg(body)
                       .arg(annex == 1  ? QStringLiteral(" and an annex of 1 page")
                            : annex > 1 ? QStringLiteral(" and an annex of %1 pages").arg(annex)
                                        : QString())
                       .arg(boardPackPageSizeLabel(content.pageSize), QDir::toNativeSeparators(file));
    return Success;
}

} // namespace quorum::cli
