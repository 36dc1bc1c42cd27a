// libFuzzer target: the catalogue loader (Catalogue::fromJson) on any bytes. It must accept or throw Error.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    quorum::fuzz::application();
    try {
        const quorum::Catalogue catalogue =
            quorum::Catalogue::fromJson(quorum::fuzz::bytes(data, size), QStringLiteral("fuzz.json"));
        // Walk what was accepted, as the program does.
        for (const quorum::CatalogueAction &action : catalogue.actions()) {
            catalogue.action(action.id);
            catalogue.principle(action.principleId);
            for (const quorum::Mapping &mapping : action.mappings)
                catalogue.framework(mapping.frameworkId);
        }
    } catch (const quorum::Error &) {
    }
    return 0;
}
