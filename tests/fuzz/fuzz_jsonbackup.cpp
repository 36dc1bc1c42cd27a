// libFuzzer target: JSON backup import. JsonBackup::read checks the file; only a backup it accepts goes on
// to JsonBackup::verify (a restore into a scratch database), which keeps the cost of most inputs low.
#include "core/domain/error.h"
#include "core/interchange/jsonbackup.h"
#include "fuzzsupport.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    quorum::fuzz::application();
    const QString path = quorum::fuzz::scratchFile(quorum::fuzz::bytes(data, size), QStringLiteral("fuzz.json"));
    try {
        const quorum::BackupFile backup = quorum::JsonBackup::read(path);
        quorum::JsonBackup::verify(backup);
    } catch (const quorum::Error &) {
    }
    return 0;
}
