// libFuzzer target: CSV import (Csv::read, then ActionImport::check against a demo database). Each must
// accept or throw Error; the check reports row problems in its plan and never writes.
#include "core/domain/error.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    quorum::Store &store = quorum::fuzz::demoStore();
    try {
        const quorum::ReadTable table = quorum::Csv::read(quorum::fuzz::bytes(data, size), QStringLiteral("fuzz.csv"));
        quorum::ActionImport::Options options;
        options.createPeople = size % 2 == 0;
        const quorum::ActionImportPlan plan = quorum::ActionImport::check(store, table, options);
        for (const quorum::ImportIssue &issue : plan.errors)
            issue.text();
    } catch (const quorum::Error &) {
    }
    return 0;
}
