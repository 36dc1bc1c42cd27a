#include "arguments.h"

namespace quorum::cli {

Arguments::Arguments(const QStringList &words, const QSet<QString> &valueOptions, const QSet<QString> &flagOptions)
{
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words[i];
        if (onlyPositionals || !word.startsWith(QStringLiteral("--")) || word == QStringLiteral("--")) {
            if (word == QStringLiteral("--") && !onlyPositionals) {
                onlyPositionals = true;
                continue;
            }
            m_positional << word;
            continue;
        }
        QString name = word.mid(2);
        QString value;
        bool inlineValue = false;
        const qsizetype equals = name.indexOf(QLatin1Char('='));
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name = name.left(equals);
            inlineValue = true;
        }
        if (valueOptions.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= words.size())
                    throw UsageError{QStringLiteral("--%1 needs a value").arg(name)};
                value = words[++i];
            }
            if (m_values.contains(name))
                throw UsageError{QStringLiteral("--%1 is given twice").arg(name)};
            m_values.insert(name, value);
        } else if (flagOptions.contains(name)) {
            if (inlineValue)
                throw UsageError{QStringLiteral("--%1 takes no value").arg(name)};
            m_flags.insert(name);
        } else {
            QStringList known;
            for (const QString &option : valueOptions)
                known << QStringLiteral("--") + option;
            for (const QString &option : flagOptions)
                known << QStringLiteral("--") + option;
            known.sort();
            throw UsageError{known.isEmpty()
                                 ? QStringLiteral("unknown option --%1; this command takes no options").arg(name)
                                 : QStringLiteral("unknown option --%1; this command takes %2")
                                       .arg(name, known.join(QStringLiteral(", ")))};
        }
    }
}

QString Arguments::positional(int index, const QString &what) const
{
    if (index >= m_positional.size())
        throw UsageError{QStringLiteral("missing %1").arg(what)};
    return m_positional[index];
}

void Arguments::expectPositionals(int min, int max, const QString &usage) const
{
    if (m_positional.size() < min || m_positional.size() > max)
        throw UsageError{QStringLiteral("usage: quorum-cli %1").arg(usage)};
}

} // namespace quorum::cli
