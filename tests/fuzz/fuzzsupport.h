#pragma once
// Shared set-up of the libFuzzer targets: a Qt application object (the SQLite driver is a plugin), and for
// the importers a demo database that checks read from but never write to.

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/samples/demodata.h"
#include "core/storage/database.h"
#include "core/storage/store.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace quorum::fuzz {

inline QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "quorum-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

inline const Clock &clock()
{
    static const Clock fixed(QDateTime(QDate(2026, 6, 15), QTime(12, 0), Qt::UTC));
    return fixed;
}

/** A folder that lives as long as the process. */
inline QTemporaryDir &folder()
{
    static QTemporaryDir dir;
    return dir;
}

/**
 * A demo database made once per process, for the checks of imports (they only read it). It is never
 * closed: at exit Qt's own registry of connections may already be gone, and the OS tidies up anyway.
 */
inline Store &demoStore()
{
    static Store *const store = [] {
        application();
        Database *database = Database::open(folder().filePath(QStringLiteral("demo.quorum")), Database::Mode::CreateNew,
                                            Catalogue::builtIn())
                                 .release();
        auto *made = new Store(*database, clock());
        DemoData::populate(*made, clock().today());
        return made;
    }();
    return *store;
}

/** Writes @p content to the same file in the scratch folder each time and returns its path. */
inline QString scratchFile(const QByteArray &content, const QString &name)
{
    const QString path = folder().filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(content);
    return path;
}

} // namespace quorum::fuzz
