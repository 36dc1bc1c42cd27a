// Build-time helper for packaging (never installed):
//   quorum-packaging-tool icons SVG OUTDIR NAME SIZE...   renders OUTDIR/SIZExSIZE/apps/NAME.png for each
//   size quorum-packaging-tool manpage MARKDOWN OUTPUT VERSION  turns docs/cli.md into the quorum-cli(1) man
//   page
// The man page is generated from the CLI reference, so the two never disagree.
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextStream>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "quorum-packaging-tool: %s\n", qPrintable(message));
    return 1;
}

int renderIcons(const QStringList &args)
{
    if (args.size() < 4)
        return fail(QStringLiteral("usage: icons SVG OUTDIR NAME SIZE..."));
    QSvgRenderer renderer(args[0]);
    if (!renderer.isValid())
        return fail(QStringLiteral("%1 is not a valid SVG").arg(args[0]));
    for (const QString &sizeText : args.mid(3)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 8 || size > 1024)
            return fail(QStringLiteral("%1 is not an icon size").arg(sizeText));
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString folder = QStringLiteral("%1/%2x%2/apps").arg(args[1]).arg(size);
        QDir().mkpath(folder);
        const QString target = QStringLiteral("%1/%2.png").arg(folder, args[2]);
        if (!image.save(target, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(target));
    }
    return 0;
}

/** Text escaped for roff: backslashes, and a leading dot or apostrophe that would start a request. */
QString roffEscape(const QString &text)
{
    QString result;
    const QList<uint> characters = text.toUcs4();
    for (const uint c : characters) {
        if (c == u'\\')
            result += QStringLiteral("\\e");
        else if (c < 128)
            result += QChar(char16_t(c));
        else
            result += QStringLiteral("\\[u") + QString::number(c, 16).toUpper().rightJustified(4, QLatin1Char('0'))
                      + QLatin1Char(']');
    }
    return result;
}

QString lineStart(QString line)
{
    if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
        line.prepend(QStringLiteral("\\&"));
    return line;
}

/** Inline markdown to roff: `code` and **bold** in bold, [text](link) as its text. */
QString inlineText(const QString &markdown)
{
    const QStringList parts = markdown.split(QLatin1Char('`'));
    QString result;
    static const QRegularExpression bold(QStringLiteral("\\*\\*([^*]+)\\*\\*"));
    static const QRegularExpression link(QStringLiteral("\\[([^\\]]+)\\]\\([^)]+\\)"));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QString part = roffEscape(parts[i]);
        if (i % 2 == 1) {
            part.replace(QLatin1Char('-'), QStringLiteral("\\-"));
            result += QStringLiteral("\\fB") + part + QStringLiteral("\\fR");
        } else {
            part.replace(link, QStringLiteral("\\1"));
            part.replace(bold, QStringLiteral("\\fB\\1\\fR"));
            result += part;
        }
    }
    return result;
}

QStringList tableCells(const QString &line)
{
    QString inner = line.trimmed();
    if (inner.startsWith(QLatin1Char('|')))
        inner.remove(0, 1);
    if (inner.endsWith(QLatin1Char('|')))
        inner.chop(1);
    QStringList cells = inner.split(QLatin1Char('|'));
    for (QString &cell : cells)
        cell = cell.trimmed();
    return cells;
}

int manPage(const QStringList &args)
{
    if (args.size() != 3)
        return fail(QStringLiteral("usage: manpage MARKDOWN OUTPUT VERSION"));
    QFile input(args[0]);
    if (!input.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(QStringLiteral("cannot read %1").arg(args[0]));
    const QStringList lines = QString::fromUtf8(input.readAll()).split(QLatin1Char('\n'));

    QStringList out;
    out << QStringLiteral(".\\\" Generated from docs/cli.md by quorum-packaging-tool; edit that file instead.");
    out << QStringLiteral(".TH QUORUM\\-CLI 1 \"\" \"Quorum %1\" \"User Commands\"").arg(args[2]);
    out << QStringLiteral(".SH NAME");
    out << QStringLiteral("quorum\\-cli \\- board assurance against the UK Cyber Governance Code of Practice, "
                          "from the command line");
    out << QStringLiteral(".SH DESCRIPTION");
    bool inCode = false;
    bool paragraph = true; // the next text line starts a paragraph
    bool tableHeader = false;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed().isEmpty() ? QString() : raw;
        if (line.startsWith(QStringLiteral("```"))) {
            if (!inCode) {
                out << QStringLiteral(".PP") << QStringLiteral(".RS 4") << QStringLiteral(".nf");
            } else {
                out << QStringLiteral(".fi") << QStringLiteral(".RE");
                paragraph = true;
            }
            inCode = !inCode;
            continue;
        }
        if (inCode) {
            QString code = roffEscape(raw);
            code.replace(QLatin1Char('-'), QStringLiteral("\\-"));
            out << lineStart(code);
            continue;
        }
        if (line.isEmpty()) {
            paragraph = true;
            tableHeader = false;
            continue;
        }
        if (line.startsWith(QStringLiteral("# ")))
            continue;
        if (line.startsWith(QStringLiteral("## "))) {
            out << QStringLiteral(".SH %1").arg(roffEscape(line.mid(3).trimmed().toUpper()));
            paragraph = false;
            continue;
        }
        if (line.startsWith(QStringLiteral("### "))) {
            out << QStringLiteral(".SS %1").arg(inlineText(line.mid(4).trimmed()));
            paragraph = false;
            continue;
        }
        if (line.trimmed().startsWith(QLatin1Char('|'))) {
            const QStringList cells = tableCells(line);
            static const QRegularExpression separator(QStringLiteral("^[-:| ]+$"));
            if (separator.match(line.trimmed()).hasMatch())
                continue;
            if (paragraph) {
                // The first row of a table is its heading.
                paragraph = false;
                tableHeader = true;
                out << QStringLiteral(".PP");
                continue;
            }
            Q_UNUSED(tableHeader);
            out << QStringLiteral(".TP") << lineStart(inlineText(cells.value(0)));
            out << lineStart(inlineText(cells.mid(1).join(QStringLiteral(" \\(em "))));
            continue;
        }
        if (line.startsWith(QStringLiteral("- "))) {
            out << QStringLiteral(".IP \\(bu 2") << lineStart(inlineText(line.mid(2)));
            paragraph = false;
            continue;
        }
        if (paragraph) {
            out << QStringLiteral(".PP");
            paragraph = false;
        }
        out << lineStart(inlineText(line.trimmed()));
    }
    out << QStringLiteral(".SH SEE ALSO") << QStringLiteral("\\fBquorum\\fR(1)");

    QFile output(args[1]);
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return fail(QStringLiteral("cannot write %1").arg(args[1]));
    output.write(out.join(QLatin1Char('\n')).toUtf8() + '\n');
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0);
    if (mode == QStringLiteral("icons"))
        return renderIcons(args.mid(1));
    if (mode == QStringLiteral("manpage"))
        return manPage(args.mid(1));
    return fail(QStringLiteral("usage: quorum-packaging-tool icons|manpage ..."));
}
