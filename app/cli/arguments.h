#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>

namespace quorum::cli {

/** Thrown for bad usage (exit code 2). */
struct UsageError {
    QString message;
};

/**
 * The options and positional words of one command. Options are `--name value`, `--name=value` or a
 * bare `--flag`; the command declares which it accepts, so a misspelt option is an error, not ignored.
 */
class Arguments {
public:
    Arguments(const QStringList &words, const QSet<QString> &valueOptions, const QSet<QString> &flagOptions);

    const QStringList &positional() const { return m_positional; }
    QString positional(int index, const QString &what) const;
    void expectPositionals(int min, int max, const QString &usage) const;

    bool has(const QString &option) const { return m_values.contains(option) || m_flags.contains(option); }
    bool flag(const QString &option) const { return m_flags.contains(option); }
    QString value(const QString &option) const { return m_values.value(option); }

private:
    QStringList m_positional;
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
};

} // namespace quorum::cli
