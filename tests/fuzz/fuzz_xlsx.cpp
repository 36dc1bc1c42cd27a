// libFuzzer target: XLSX import (WorkbookReader on the bytes written to a file, then ActionImport::check).
#include "core/domain/error.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/workbookreader.h"
#include "fuzzsupport.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    quorum::Store &store = quorum::fuzz::demoStore();
    const QString path = quorum::fuzz::scratchFile(quorum::fuzz::bytes(data, size), QStringLiteral("fuzz.xlsx"));
    try {
        quorum::WorkbookReader::sheetNames(path);
        const quorum::ReadTable table = quorum::WorkbookReader::read(path);
        quorum::ActionImport::check(store, table);
    } catch (const quorum::Error &) {
    }
    return 0;
}
