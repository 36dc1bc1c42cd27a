// libFuzzer target: what the command line parses: dates (parseIsoDate), rating words (ratingFromKey) and the
// argument parser of quorum-cli (app/cli/arguments.h). The input is split into words at newlines.
#include "arguments.h"
#include "core/domain/paths.h"
#include "core/domain/rating.h"
#include "fuzzsupport.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(quorum::fuzz::bytes(data, size));
    const QStringList words = text.split(QLatin1Char('\n'));
    for (const QString &word : words) {
        // A date is accepted only as it would be written back: a real day, YYYY-MM-DD.
        if (const auto date = quorum::parseIsoDate(word);
            date && (!date->isValid() || date->toString(Qt::ISODate) != word.trimmed()))
            __builtin_trap();
        if (const auto rating = quorum::ratingFromKey(word))
            quorum::ratingKey(*rating);
    }
    try {
        const quorum::cli::Arguments arguments(
            words, {QStringLiteral("rating"), QStringLiteral("date"), QStringLiteral("db"), QStringLiteral("due")},
            {QStringLiteral("json"), QStringLiteral("force"), QStringLiteral("board")});
        for (const QString &option : {QStringLiteral("rating"), QStringLiteral("date"), QStringLiteral("due")}) {
            if (arguments.has(option)) {
                quorum::parseIsoDate(arguments.value(option));
                quorum::ratingFromKey(arguments.value(option));
            }
        }
        arguments.positional(0, QStringLiteral("a command"));
        arguments.expectPositionals(0, 3, QStringLiteral("fuzz"));
    } catch (const quorum::cli::UsageError &) {
    }
    return 0;
}
