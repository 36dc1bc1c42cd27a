// libFuzzer target: the framework library reader (FrameworkLibrary::parse, CISO Assistant's YAML format) on any
// bytes. It must accept or throw Error: never crash, hang or leak, whatever yaml-cpp is given.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/interchange/frameworklibrary.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    quorum::fuzz::application();
    try {
        const quorum::Catalogue catalogue =
            quorum::FrameworkLibrary::parse(quorum::fuzz::bytes(data, size), QStringLiteral("fuzz.yaml"));
        // Walk what was accepted, as the importer does.
        for (const quorum::CatalogueAction &action : catalogue.actions()) {
            catalogue.action(action.id);
            catalogue.principle(action.principleId);
        }
    } catch (const quorum::Error &) {
    }
    return 0;
}
