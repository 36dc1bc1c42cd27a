#include "ui/report/boardpackwriter.h"

#include "core/domain/error.h"
#include "core/storage/helddatabasefiles.h"
#include "ui/charts/chartfactory.h"
#include "ui/report/pagelayout.h"
#include "ui/report/pdfnavigation.h"
#include "ui/widgets/ragcolors.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace quorum {

using report::Cell;
using report::Page;
using report::Row;
using report::Slice;
using report::TextBox;

namespace {

// Layout units: 1/720 inch. The PDF is written at this resolution, so layout units are device units;
// previews scale the painter down.
constexpr int kDpi = 720;

constexpr qreal mm(qreal value)
{
    return value * kDpi / 25.4;
}

constexpr qreal pt(qreal value)
{
    return value * kDpi / 72.0;
}

const QColor kNavy(0x1F, 0x4E, 0x79);
const QColor kInk(0x1A, 0x1A, 0x1A);
const QColor kMuted(0x55, 0x5B, 0x63);
const QColor kRule(0xC5, 0xCE, 0xD8);
const QColor kHeaderFill(0xE2, 0xE9, 0xF1);
const QColor kZebra(0xF4, 0xF6, 0xF9);

QFont packFont(qreal points, bool bold = false, bool italic = false)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans"), QStringLiteral("Arial"),
                      QStringLiteral("Helvetica")});
    font.setPointSizeF(points);
    font.setBold(bold);
    font.setItalic(italic);
    font.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: "sign-off" must stay findable and copyable as the letters typed.
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

QFont condensedFont(qreal points, bool bold = false)
{
    QFont font = packFont(points, bold);
    font.setFamilies({QStringLiteral("DejaVu Sans Condensed"), QStringLiteral("DejaVu Sans"),
                      QStringLiteral("Liberation Sans Narrow"), QStringLiteral("Arial Narrow"),
                      QStringLiteral("Arial")});
    font.setStretch(QFont::Condensed);
    return font;
}

QFont monoFont(qreal points)
{
    QFont font = packFont(points);
    font.setFamilies(
        {QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Liberation Mono"), QStringLiteral("Courier New")});
    font.setStyleHint(QFont::Monospace);
    return font;
}

QString longDate(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("d MMMM yyyy")) : QStringLiteral("(no date)");
}

QString shortDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("none");
}

QString stamp(const QDateTime &when)
{
    const QDateTime utc = when.toUTC();
    return QStringLiteral("%1 %2 UTC").arg(longDate(utc.date()), utc.time().toString(QStringLiteral("HH:mm")));
}

QTextLayout::FormatRange range(qsizetype start, qsizetype length, const QFont &font, const QColor &color = QColor())
{
    QTextLayout::FormatRange format;
    format.start = int(start);
    format.length = int(length);
    format.format.setFont(font);
    if (color.isValid())
        format.format.setForeground(color);
    return format;
}

/** The swatch beside a colour's word: solid, but the gap and n/a hatched as on the dashboard. */
QBrush swatchBrush(Rag rag)
{
    switch (rag) {
    case Rag::Gap:
        return charts::toneBrush(SeriesTone::Gap);
    case Rag::NotApplicable:
        return charts::toneBrush(SeriesTone::NotApplicable);
    default:
        return QBrush(ragColor(rag));
    }
}

Rag severityRag(int severity)
{
    return severity == SeverityHigh ? Rag::Red : severity == SeverityMedium ? Rag::Amber : Rag::Gap;
}

QString severityWord(int severity)
{
    return severity == SeverityHigh     ? QStringLiteral("High")
           : severity == SeverityMedium ? QStringLiteral("Medium")
                                        : QStringLiteral("Low");
}

Rag evidenceRag(EvidenceStatus status)
{
    return status == EvidenceStatus::Current ? Rag::Green : status == EvidenceStatus::Expiring ? Rag::Amber : Rag::Red;
}

/** Replaces the document information of Qt's PDF with ours and makes the file identifier reproducible. */
void finishPdf(QByteArray &pdf, const QByteArray &info)
{
    // The information dictionary is object 1, written first; the cross-reference table follows the objects.
    const qsizetype objectStart = pdf.indexOf("\n1 0 obj\n");
    const qsizetype dictStart = objectStart < 0 ? -1 : pdf.indexOf("<<", objectStart);
    const qsizetype dictEnd = dictStart < 0 ? -1 : pdf.indexOf("\n>>\nendobj", dictStart);
    const qsizetype xref = pdf.lastIndexOf("\nxref\n");
    const qsizetype startXref = pdf.lastIndexOf("\nstartxref\n");
    if (dictEnd < 0 || xref < dictEnd || startXref < xref)
        return; // not the layout Qt 6 writes: keep Qt's own properties
    const qsizetype oldLength = dictEnd + 3 - dictStart;
    const qsizetype delta = info.size() - oldLength;
    pdf.replace(dictStart, oldLength, info);

    // Shift every offset after the dictionary: the table's entries are fixed-width lines.
    qsizetype line = pdf.indexOf('\n', xref + delta + 6) + 1; // after "xref" and "0 N"
    while (line > 0 && line + 20 <= pdf.size()) {
        const char kind = pdf.at(line + 17);
        if (kind != 'n' && kind != 'f')
            break;
        const qint64 offset = pdf.mid(line, 10).toLongLong();
        if (kind == 'n' && offset > dictStart)
            pdf.replace(line, 10, QByteArray::number(offset + delta).rightJustified(10, '0'));
        line += 20;
    }
    const qsizetype numberStart = startXref + delta + 11;
    const qsizetype numberEnd = pdf.indexOf('\n', numberStart);
    if (numberEnd > numberStart) {
        const qint64 offset = pdf.mid(numberStart, numberEnd - numberStart).trimmed().toLongLong();
        pdf.replace(numberStart, numberEnd - numberStart, QByteArray::number(offset + delta) + ' ');
    }

    // The file identifier: Qt makes a random one; the hash of the content makes the same pack the same file.
    const qsizetype id = pdf.lastIndexOf("/ID [ <");
    if (id > 0) {
        const qsizetype first = id + 7;
        const qsizetype second = pdf.indexOf('<', first) + 1;
        if (second > first && pdf.at(first + 32) == '>' && pdf.at(second + 32) == '>') {
            pdf.replace(first, 32, QByteArray(32, '0'));
            pdf.replace(second, 32, QByteArray(32, '0'));
            const QByteArray hash = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex().left(32);
            pdf.replace(first, 32, hash);
            pdf.replace(second, 32, hash);
        }
    }
}

/** A PDF text string: UTF-16BE with a byte order mark, in hex so that nothing needs escaping. */
QByteArray pdfText(const QString &text)
{
    QByteArray hex("<FEFF");
    for (const QChar c : text)
        hex += QByteArray::number(c.unicode(), 16).rightJustified(4, '0').toUpper();
    return hex + '>';
}

QString xmlText(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return text.toHtmlEscaped();
}

// ---- Building the slices -------------------------------------------------------------------------

/** One bookmark of the PDF outline: a section (level 0) or an action within it (level 1). */
struct OutlineEntry {
    QString title;
    int anchor = -1; ///< the slice's section number, whose page the paginator records
    int level = 0;
};

/** Anchors of the actions start here, after the sections the contents list (0, 1, ...). */
constexpr int kActionAnchorBase = 10000;

/** Turns BoardPackContent into slices for the paginator. */
class PackBuilder {
public:
    PackBuilder(const BoardPackContent &content, QPaintDevice *device, qreal bodyWidth, qreal bodyHeight)
        : m_content(content)
        , m_device(device)
        , m_width(bodyWidth)
        , m_height(bodyHeight)
    {
    }

    QList<Slice> build(const std::function<void(QPainter *, const QPointF &)> &paintCover, QStringList *sections);
    /** The bookmarks, in order: every section, with the actions of each principle and of the annex under it. */
    QList<OutlineEntry> outline() const { return m_outline; }
    /** The section number of Annex A; -1 when the pack has none. */
    int annexSection() const { return m_annexSection; }

private:
    TextBox text(const QString &value, const QFont &font, qreal width, const QColor &color = kInk,
                 Qt::Alignment alignment = Qt::AlignLeft, const QList<QTextLayout::FormatRange> &formats = {}) const
    {
        return TextBox(value, font, width, m_device, color, alignment, formats);
    }
    Cell cell(qreal x, qreal width, const QString &value, const QFont &font, const QColor &color = kInk,
              Qt::Alignment alignment = Qt::AlignLeft, const QList<QTextLayout::FormatRange> &formats = {}) const;
    /** A cell whose text follows a colour swatch. */
    Cell swatchCell(qreal x, qreal width, Rag rag, const QString &value, const QFont &font,
                    const QList<QTextLayout::FormatRange> &formats = {}) const;
    /** A cell of a bold first line and a muted, smaller second line. */
    Cell twoLineCell(qreal x, qreal width, const QString &first, const QFont &firstFont, const QString &second,
                     const QFont &secondFont, const QColor &firstColor = kInk) const;

    Slice heading(const QString &title, int section, bool pageBreak);
    Slice subheading(const QString &title, qreal spaceBefore = pt(10));
    Slice paragraph(const QString &value, const QFont &font, const QColor &color = kInk, qreal spaceBefore = pt(4));
    Slice headerRow(const QList<Cell> &cells, qreal spaceBefore = pt(4));
    Row bodyRow(const QList<Cell> &cells, bool zebra) const;
    /** Fixed slice painting @p slices one under another (a repeated caption and header row). */
    static Slice stack(const QList<Slice> &slices);

    void summary();
    void chartsPage();
    void attention();
    void principles();
    /** One section per further framework: summary by group, items that need attention, owners. */
    void frameworks();
    void maturity();
    void evidenceIndex();
    void signOff();
    void annex();
    /** A bookmark under the last section, for the slice given the number returned. */
    int anchor(const QString &title, int level)
    {
        const int number = kActionAnchorBase + int(m_outline.size());
        m_outline << OutlineEntry{title, number, level};
        return number;
    }

    const BoardPackContent &m_content;
    QPaintDevice *m_device;
    qreal m_width;
    qreal m_height;
    QList<Slice> m_slices;
    QStringList m_sections;
    QList<OutlineEntry> m_outline;
    int m_annexSection = -1;
};

Cell PackBuilder::cell(qreal x, qreal width, const QString &value, const QFont &font, const QColor &color,
                       Qt::Alignment alignment, const QList<QTextLayout::FormatRange> &formats) const
{
    Cell result;
    result.x = x + pt(3);
    result.width = width - pt(6);
    result.text = text(value, font, result.width, color, alignment, formats);
    return result;
}

Cell PackBuilder::swatchCell(qreal x, qreal width, Rag rag, const QString &value, const QFont &font,
                             const QList<QTextLayout::FormatRange> &formats) const
{
    Cell result;
    result.x = x + pt(3);
    result.width = width - pt(6);
    result.textIndent = pt(11);
    result.swatch = swatchBrush(rag);
    // Patterns are in device pixels: scale them so the hatching shows at 720 dpi as on screen.
    result.swatch.setTransform(QTransform::fromScale(kDpi / 160.0, kDpi / 160.0));
    result.text = text(value, font, result.width - result.textIndent, kInk, Qt::AlignLeft, formats);
    return result;
}

Cell PackBuilder::twoLineCell(qreal x, qreal width, const QString &first, const QFont &firstFont, const QString &second,
                              const QFont &secondFont, const QColor &firstColor) const
{
    if (second.isEmpty())
        return cell(x, width, first, firstFont, firstColor);
    const QString value = first + QLatin1Char('\n') + second;
    return cell(x, width, value, firstFont, firstColor, Qt::AlignLeft,
                {range(first.size() + 1, second.size(), secondFont, kMuted)});
}

Slice PackBuilder::heading(const QString &title, int section, bool pageBreak)
{
    Row row;
    row.width = m_width;
    row.paddingBottom = pt(3);
    row.ruleBelow = kNavy;
    row.ruleWidth = pt(1.2);
    Cell only;
    only.width = m_width;
    only.text = text(title, packFont(15, true), m_width, kNavy);
    row.cells << only;
    Slice slice = report::rowSlice(row);
    slice.split = nullptr;
    slice.minimumHeight = slice.height;
    slice.keepWithNext = true;
    slice.pageBreakBefore = pageBreak;
    slice.spaceBefore = pt(20);
    slice.section = section;
    m_sections << title;
    m_outline << OutlineEntry{QString(title).replace(QStringLiteral("  "), QStringLiteral(" ")), section, 0};
    return slice;
}

Slice PackBuilder::subheading(const QString &title, qreal spaceBefore)
{
    Row row;
    row.width = m_width;
    row.paddingBottom = pt(2);
    Cell only;
    only.width = m_width;
    only.text = text(title, packFont(10.5, true), m_width, kNavy);
    row.cells << only;
    Slice slice = report::rowSlice(row);
    slice.split = nullptr;
    slice.minimumHeight = slice.height;
    slice.keepWithNext = true;
    slice.spaceBefore = spaceBefore;
    return slice;
}

Slice PackBuilder::paragraph(const QString &value, const QFont &font, const QColor &color, qreal spaceBefore)
{
    Row row;
    row.width = m_width;
    Cell only;
    only.width = m_width;
    only.text = text(value, font, m_width, color);
    row.cells << only;
    Slice slice = report::rowSlice(row);
    slice.spaceBefore = spaceBefore;
    return slice;
}

Slice PackBuilder::headerRow(const QList<Cell> &cells, qreal spaceBefore)
{
    Row row;
    row.width = m_width;
    row.cells = cells;
    row.paddingTop = pt(3);
    row.paddingBottom = pt(2);
    row.background = kHeaderFill;
    row.ruleBelow = kNavy;
    row.ruleWidth = pt(0.6);
    Slice slice = report::rowSlice(row);
    slice.split = nullptr;
    slice.minimumHeight = slice.height;
    slice.keepWithNext = true;
    slice.spaceBefore = spaceBefore;
    return slice;
}

Row PackBuilder::bodyRow(const QList<Cell> &cells, bool zebra) const
{
    Row row;
    row.width = m_width;
    row.cells = cells;
    row.paddingTop = pt(3);
    row.paddingBottom = pt(2.5);
    if (zebra)
        row.background = kZebra;
    row.ruleBelow = kRule;
    row.ruleWidth = pt(0.4);
    return row;
}

Slice PackBuilder::stack(const QList<Slice> &slices)
{
    qreal height = 0;
    for (const Slice &slice : slices)
        height += slice.height;
    return report::fixedSlice(height, [slices](QPainter *painter, const QPointF &topLeft) {
        qreal y = topLeft.y();
        for (const Slice &slice : slices) {
            slice.paint(painter, QPointF(topLeft.x(), y));
            y += slice.height;
        }
    });
}

QList<Slice> PackBuilder::build(const std::function<void(QPainter *, const QPointF &)> &paintCover,
                                QStringList *sections)
{
    m_slices << report::fixedSlice(m_height, paintCover);
    summary();
    chartsPage();
    attention();
    principles();
    frameworks();
    maturity();
    evidenceIndex();
    signOff();
    annex();
    *sections = m_sections;
    return m_slices;
}

void PackBuilder::summary()
{
    const BoardPackContent &c = m_content;
    m_slices << heading(QStringLiteral("1  Executive summary"), int(m_sections.size()), true);

    QString intro;
    if (c.isReview)
        intro = QStringLiteral("The board review \u201C%1\u201D, frozen for the meeting of %2.")
                    .arg(c.reviewName, longDate(c.meetingDate));
    else
        intro = QStringLiteral("The current state of the record on %1. This is not a board review: nothing in it has "
                               "been frozen or signed off.")
                    .arg(longDate(c.meetingDate));
    if (!c.previousReviewName.isEmpty()) {
        QString moved;
        if (c.ratingsUp == 0 && c.ratingsDown == 0)
            moved = QStringLiteral("no rating rose or fell");
        else
            moved = QStringLiteral("%1 and %2")
                        .arg(c.ratingsUp == 0   ? QStringLiteral("no rating rose")
                             : c.ratingsUp == 1 ? QStringLiteral("1 rating rose")
                                                : QStringLiteral("%1 ratings rose").arg(c.ratingsUp),
                             c.ratingsDown == 0 ? QStringLiteral("none fell")
                                                : QStringLiteral("%1 fell").arg(c.ratingsDown));
        intro += QStringLiteral(" Compared with the board review \u201C%1\u201D of %2, %3.")
                     .arg(c.previousReviewName, longDate(c.previousReviewDate), moved);
    }
    m_slices << paragraph(intro, packFont(9.5), kInk, pt(8));

    // Headline figures, as on the dashboard.
    struct Tile {
        QString caption;
        QString value;
        QString detail;
        QColor colour;
    };
    const QList<Tile> tiles{
        {QStringLiteral("Posture score"), QStringLiteral("%1/100").arg(Scoring::format(c.posture.score)),
         c.movementText(), kNavy},
        {QStringLiteral("At Reasonable or better"),
         QStringLiteral("%1 of %2").arg(c.posture.atReasonableOrBetter).arg(c.posture.counted),
         QStringLiteral("actions that count (all but Not applicable)"), kNavy},
        {QStringLiteral("Not assessed"), QString::number(c.posture.notAssessed), QStringLiteral("gaps, each scored 0"),
         c.posture.notAssessed ? ragColor(Rag::Red) : ragColor(Rag::Green)},
        {QStringLiteral("Unsupported claims"), QString::number(c.posture.unsupported),
         QStringLiteral("Reasonable or better with no current evidence: counted as Limited"),
         c.posture.unsupported ? ragColor(Rag::Red) : ragColor(Rag::Green)},
        {QStringLiteral("Expired evidence"), QString::number(c.expiredEvidence),
         QStringLiteral("%1 more expire within 30 days").arg(c.expiringEvidence),
         c.expiredEvidence ? ragColor(Rag::Red) : ragColor(Rag::Green)},
    };
    const qreal gap = mm(2.5);
    const qreal tileWidth = (m_width - gap * (tiles.size() - 1)) / tiles.size();
    const qreal inner = tileWidth - mm(5);
    struct TileBoxes {
        TextBox caption, value, detail;
    };
    QList<TileBoxes> boxes;
    qreal captionHeight = 0;
    qreal valueHeight = 0;
    qreal detailHeight = 0;
    for (const Tile &tile : tiles) {
        TileBoxes box{text(tile.caption, packFont(7.5, true), inner, kMuted),
                      text(tile.value, packFont(17, true), inner, tile.colour),
                      text(tile.detail, packFont(7), inner, kMuted)};
        captionHeight = std::max(captionHeight, box.caption.height());
        valueHeight = std::max(valueHeight, box.value.height());
        detailHeight = std::max(detailHeight, box.detail.height());
        boxes << box;
    }
    // Captions, values and details line up across the tiles.
    const qreal tileHeight = captionHeight + valueHeight + detailHeight + mm(5);
    Slice tileSlice = report::fixedSlice(tileHeight, [=](QPainter *painter, const QPointF &topLeft) {
        for (qsizetype i = 0; i < boxes.size(); ++i) {
            const QRectF frame(topLeft.x() + i * (tileWidth + gap), topLeft.y(), tileWidth, tileHeight);
            painter->save();
            painter->setPen(QPen(kRule, pt(0.6)));
            painter->setBrush(kZebra);
            painter->drawRect(frame);
            painter->restore();
            QPointF at = frame.topLeft() + QPointF(mm(2.5), mm(2.2));
            boxes[i].caption.draw(painter, at);
            at.ry() += captionHeight;
            boxes[i].value.draw(painter, at);
            at.ry() += valueHeight;
            boxes[i].detail.draw(painter, at);
        }
    });
    tileSlice.spaceBefore = pt(8);
    m_slices << tileSlice;

    // Assurance by principle.
    m_slices << subheading(QStringLiteral("Assurance by principle"), pt(14));
    const qreal count = mm(13);
    const qreal score = mm(14);
    const qreal colour = mm(30);
    const qreal principleWidth = m_width - score - colour - 5 * count;
    const QFont headFont = packFont(7.5, true);
    const QFont bodyFont = packFont(8.5);
    QList<Cell> header{cell(0, principleWidth, QStringLiteral("Principle"), headFont),
                       cell(principleWidth, score, QStringLiteral("Score"), headFont, kInk, Qt::AlignRight),
                       cell(principleWidth + score, colour, QStringLiteral("Colour"), headFont)};
    const QStringList countNames{QStringLiteral("Green"), QStringLiteral("Amber"), QStringLiteral("Red"),
                                 QStringLiteral("Gap"), QStringLiteral("N/A")};
    for (int i = 0; i < 5; ++i)
        header << cell(principleWidth + score + colour + i * count, count, countNames[i], headFont, kInk,
                       Qt::AlignRight);
    const Slice tableHeader = headerRow(header);
    m_slices << tableHeader;
    auto principleRow = [&](const QString &name, const PostureScore &points, Rag rag, const QList<int> &counts,
                            bool bold, bool zebra) {
        const QFont font = bold ? packFont(8.5, true) : bodyFont;
        QList<Cell> cells{cell(0, principleWidth, name, font),
                          cell(principleWidth, score, Scoring::format(points.score), font, kInk, Qt::AlignRight),
                          swatchCell(principleWidth + score, colour, rag, ragLabel(rag), font)};
        for (int i = 0; i < 5; ++i)
            cells << cell(principleWidth + score + colour + i * count, count, QString::number(counts[i]), font, kInk,
                          Qt::AlignRight);
        Row row = bodyRow(cells, zebra);
        if (bold)
            row.ruleAbove = kNavy;
        Slice slice = report::rowSlice(row);
        slice.header = std::make_shared<Slice>(tableHeader);
        m_slices << slice;
    };
    QList<int> totals(5, 0);
    bool zebra = false;
    for (const BoardPackPrinciple &principle : c.principles) {
        const QList<int> counts{principle.green, principle.amber, principle.red, principle.gap,
                                principle.notApplicable};
        for (int i = 0; i < 5; ++i)
            totals[i] += counts[i];
        principleRow(QStringLiteral("%1  %2").arg(principle.id, principle.title), principle.score, principle.rag,
                     counts, false, zebra);
        zebra = !zebra;
    }
    principleRow(QStringLiteral("All principles (posture)"), c.posture, Scoring::ragForScore(c.posture), totals, true,
                 false);
    m_slices << paragraph(QStringLiteral("A principle\u2019s colour comes from its score out of 100: 75 or more "
                                         "Green, 25 to 74 Amber, below 25 Red. Scores: Substantial 100, Reasonable 75, "
                                         "Limited 25, No assurance and Not assessed 0; an unsupported claim counts as "
                                         "Limited; Not applicable is left out."),
                          packFont(7), kMuted, pt(3));

    // The most important attention items.
    m_slices << subheading(QStringLiteral("What needs the board\u2019s attention"), pt(14));
    if (c.topAttention.isEmpty()) {
        m_slices << paragraph(QStringLiteral("Nothing needs the board\u2019s attention."), bodyFont);
    } else {
        m_slices << paragraph(QStringLiteral("The %1 most important of %2 items; section 3 lists them by rule.")
                                  .arg(c.topAttention.size())
                                  .arg(c.attentionCount()),
                              packFont(8), kMuted, pt(2));
        const qreal priority = mm(24);
        zebra = false;
        for (const AttentionItem &item : c.topAttention) {
            const QString label = attentionRuleLabel(item.rule);
            const Row row = bodyRow(
                {swatchCell(0, priority, severityRag(item.severity), severityWord(item.severity), bodyFont),
                 cell(priority, m_width - priority, label + QLatin1Char('\n') + item.detail, packFont(8.5, true), kInk,
                      Qt::AlignLeft, {range(label.size() + 1, item.detail.size(), packFont(8.5))})},
                zebra);
            zebra = !zebra;
            m_slices << report::rowSlice(row);
        }
    }

    m_slices << subheading(QStringLiteral("Decisions sought"), pt(14));
    if (!c.isReview)
        m_slices << paragraph(QStringLiteral("None: this pack shows the current state, not a board review."), bodyFont,
                              kMuted);
    else if (c.decisions.trimmed().isEmpty())
        m_slices << paragraph(QStringLiteral("None recorded for this review."), bodyFont, kMuted);
    else
        m_slices << paragraph(c.decisions, packFont(9.5));
}

void PackBuilder::chartsPage()
{
    const BoardPackContent &c = m_content;
    m_slices << heading(QStringLiteral("2  Charts"), int(m_sections.size()), true);
    Slice intro =
        paragraph(QStringLiteral("%1. The same charts as the dashboard, from the same rule. Amber is hatched "
                                 "and a gap cross-hatched, so they read in black and white too. The trend "
                                 "shows the posture score at each board review%2.")
                      .arg(c.isReview ? QStringLiteral("As frozen for the meeting of %1").arg(longDate(c.meetingDate))
                                      : QStringLiteral("The current state on %1").arg(longDate(c.meetingDate)),
                           c.isReview ? QStringLiteral(" up to this one") : QStringLiteral(" and now")),
                  packFont(8), kMuted, pt(6));
    intro.keepWithNext = true;
    m_slices << intro;
    // Two wide charts, then two side by side: wide enough that legends and labels are never cut short.
    const qreal gap = mm(4);
    const qreal available = m_height - mm(30) - 2 * gap;
    const qreal half = (m_width - gap) / 2;
    const QList<QRectF> frames{QRectF(0, 0, m_width, available * 0.29),
                               QRectF(0, available * 0.29 + gap, m_width, available * 0.29),
                               QRectF(0, available * 0.58 + 2 * gap, half, available * 0.42),
                               QRectF(half + gap, available * 0.58 + 2 * gap, half, available * 0.42)};
    // In the content's order: ratings by principle, trend, current against target, evidence freshness.
    const QList<ChartSpec> specs = c.charts;
    Slice grid = report::fixedSlice(available + 2 * gap, [specs, frames](QPainter *painter, const QPointF &topLeft) {
        for (qsizetype i = 0; i < specs.size() && i < frames.size(); ++i) {
            const QRectF frame = frames[i].translated(topLeft);
            painter->save();
            painter->setPen(QPen(kRule, pt(0.6)));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(frame);
            // Laid out in screen pixels at 110 per inch, then scaled: text prints at about 8 points.
            const qreal scale = kDpi / 110.0;
            painter->translate(frame.topLeft());
            painter->scale(scale, scale);
            const QRectF logical(QPointF(1, 1), QSizeF(frame.width() / scale - 2, frame.height() / scale - 2));
            charts::paintChart(specs[i], painter, logical, 1.0);
            painter->restore();
        }
    });
    grid.spaceBefore = pt(8);
    m_slices << grid;
}

void PackBuilder::attention()
{
    const BoardPackContent &c = m_content;
    m_slices << heading(QStringLiteral("3  Attention items"), int(m_sections.size()), true);
    m_slices << paragraph(c.attentionNote, packFont(7.5), kMuted, pt(6));
    if (c.attention.isEmpty()) {
        m_slices << paragraph(QStringLiteral("Nothing needs the board\u2019s attention."), packFont(9.5), kInk, pt(8));
        return;
    }
    const QFont bodyFont = packFont(8.5);
    const qreal subject = mm(42);
    for (const BoardPackAttentionGroup &group : c.attention) {
        const QString title = attentionRuleLabel(group.rule);
        const QString detail = QStringLiteral("  %1 priority, %2 %3")
                                   .arg(severityWord(group.severity))
                                   .arg(group.total)
                                   .arg(group.total == 1 ? QStringLiteral("item") : QStringLiteral("items"));
        auto groupHeading = [&](bool continued) {
            const QString name = continued ? title + QStringLiteral(" (continued)") : title;
            Row row;
            row.width = m_width;
            row.paddingTop = pt(2);
            row.paddingBottom = pt(2);
            row.ruleBelow = kNavy;
            row.ruleWidth = pt(0.6);
            Cell only = swatchCell(0, m_width, severityRag(group.severity), name + detail, packFont(9.5, true),
                                   {range(name.size(), detail.size(), packFont(8), kMuted)});
            only.x = 0;
            row.cells << only;
            Slice slice = report::rowSlice(row);
            slice.split = nullptr;
            slice.minimumHeight = slice.height;
            slice.keepWithNext = true;
            slice.spaceBefore = pt(10);
            return slice;
        };
        m_slices << groupHeading(false);
        const auto repeated = std::make_shared<Slice>(groupHeading(true));
        bool zebra = false;
        for (const AttentionItem &item : group.items) {
            Slice slice = report::rowSlice(bodyRow({cell(0, subject, item.subject, packFont(8.5, true)),
                                                    cell(subject, m_width - subject, item.detail, bodyFont)},
                                                   zebra));
            slice.header = repeated;
            zebra = !zebra;
            m_slices << slice;
        }
        if (group.total > group.items.size())
            m_slices << paragraph(QStringLiteral("\u2026 and %1 more, listed on the dashboard of Quorum and by "
                                                 "quorum-cli attention.")
                                      .arg(group.total - group.items.size()),
                                  packFont(8), kMuted, pt(3));
    }
}

void PackBuilder::principles()
{
    const BoardPackContent &c = m_content;
    const qreal idWidth = m_width * 0.058;
    const qreal titleWidth = m_width * 0.40;
    const qreal ratingWidth = m_width * 0.20;
    const qreal targetWidth = m_width * 0.13;
    const qreal trendWidth = m_width - idWidth - titleWidth - ratingWidth - targetWidth;
    const qreal ratingX = idWidth + titleWidth;
    const qreal targetX = ratingX + ratingWidth;
    const qreal trendX = targetX + targetWidth;
    const QFont headFont = packFont(7.5, true);
    const QString trendHeading =
        c.previousReviewName.isEmpty() ? QStringLiteral("Trend") : QStringLiteral("Since %1").arg(c.previousReviewName);
    const QList<Cell> headerCells{cell(0, idWidth + titleWidth, QStringLiteral("Action, owner and director"), headFont),
                                  cell(ratingX, ratingWidth, QStringLiteral("Rating"), headFont),
                                  cell(targetX, targetWidth, QStringLiteral("Target"), headFont),
                                  cell(trendX, trendWidth, trendHeading, headFont)};

    int number = int(m_sections.size()) + 1;
    for (const BoardPackPrinciple &principle : c.principles) {
        const QString title = QStringLiteral("%1  Principle %2: %3").arg(number++).arg(principle.id, principle.title);
        m_slices << heading(title, int(m_sections.size()), false);
        const QString scoreText =
            QStringLiteral("Score %1/100, %2.").arg(Scoring::format(principle.score.score), ragLabel(principle.rag));
        const QString counts = QStringLiteral("  Actions: %1 green, %2 amber, %3 red, %4 gap, %5 not applicable.")
                                   .arg(principle.green)
                                   .arg(principle.amber)
                                   .arg(principle.red)
                                   .arg(principle.gap)
                                   .arg(principle.notApplicable);
        Row summaryRow;
        summaryRow.width = m_width;
        summaryRow.paddingTop = pt(4);
        Cell summaryCell = swatchCell(0, m_width, principle.rag, scoreText + counts, packFont(9, true),
                                      {range(scoreText.size(), counts.size(), packFont(8.5), kMuted)});
        summaryCell.x = 0;
        summaryRow.cells << summaryCell;
        Slice summaryLine = report::rowSlice(summaryRow);
        summaryLine.split = nullptr;
        summaryLine.minimumHeight = summaryLine.height;
        summaryLine.keepWithNext = true;
        m_slices << summaryLine;

        const Slice tableHeader = headerRow(headerCells, pt(5));
        m_slices << tableHeader;
        Row caption;
        caption.width = m_width;
        caption.paddingBottom = pt(2);
        Cell captionCell;
        captionCell.width = m_width;
        captionCell.text = text(QStringLiteral("Principle %1: %2 (continued)").arg(principle.id, principle.title),
                                packFont(9, true), m_width, kNavy);
        caption.cells << captionCell;
        const auto repeated = std::make_shared<Slice>(stack({report::rowSlice(caption), tableHeader}));

        bool zebra = false;
        for (const BoardPackAction &action : principle.actions) {
            // A no-break space keeps each separator at the end of a line, never the start of the next.
            QString people =
                QStringLiteral("Owner: %1\u00A0\u00B7 Director: %2\u00A0\u00B7 Evidence:\u00A0%3\u00A0current")
                    .arg(action.owner.isEmpty() ? QStringLiteral("none") : action.owner,
                         action.director.isEmpty() ? QStringLiteral("none") : action.director)
                    .arg(action.evidenceCurrent);
            if (action.evidenceExpired)
                people += QStringLiteral(",\u00A0%1\u00A0expired").arg(action.evidenceExpired);
            const QString rating = action.ratingText();
            const QString rag = action.ragText();
            Row row = bodyRow(
                {cell(0, idWidth, action.id, packFont(9, true), kNavy),
                 twoLineCell(idWidth, titleWidth, action.shortTitle, packFont(8.5, true), people, packFont(7.5)),
                 swatchCell(ratingX, ratingWidth, action.score.rag, rating + QLatin1Char('\n') + rag, packFont(8.5),
                            {range(rating.size() + 1, rag.size(), packFont(7.5), kMuted)}),
                 cell(targetX, targetWidth, ratingLabel(action.target), packFont(8.5)),
                 cell(trendX, trendWidth, action.trendText(), packFont(8.5))},
                zebra);
            row.ruleBelow = QColor();
            Slice actionSlice = report::rowSlice(row);
            actionSlice.keepWithNext = true;
            actionSlice.header = repeated;
            actionSlice.section = anchor(QStringLiteral("%1 %2").arg(action.id, action.shortTitle), 1);
            m_slices << actionSlice;

            // The commentary under it, across the row, up to the board length: the rest is in Annex A.
            QString words;
            QList<QTextLayout::FormatRange> formats;
            if (action.rating == Rating::NotApplicable) {
                const QString label = QStringLiteral("Not applicable because: ");
                words = label
                        + (action.justification.isEmpty() ? QStringLiteral("(no justification recorded)")
                                                          : action.bodyJustification);
                formats << range(0, label.size(), packFont(8, true));
                if (!action.bodyCommentary.isEmpty())
                    words += QLatin1Char('\n');
            }
            QColor colour = kInk;
            if (!action.bodyCommentary.isEmpty()) {
                words += action.bodyCommentary;
            } else if (action.rating != Rating::NotApplicable && action.commentary.isEmpty()) {
                words = QStringLiteral("No commentary recorded.");
                colour = kMuted;
            }
            if (action.inAnnex) {
                const QString reference = QStringLiteral("\u2026 ") + action.annexReference();
                if (!words.isEmpty() && !words.endsWith(QLatin1Char('\n')))
                    words += QLatin1Char(' ');
                formats << range(words.size(), reference.size(), packFont(8, false, true), kNavy);
                words += reference;
            }
            Row commentary =
                bodyRow({cell(idWidth, m_width - idWidth, words, packFont(8), colour, Qt::AlignLeft, formats)}, zebra);
            commentary.paddingTop = 0;
            commentary.paddingBottom = pt(4);
            Slice commentarySlice = report::rowSlice(commentary);
            commentarySlice.header = repeated;
            m_slices << commentarySlice;
            zebra = !zebra;
        }
    }
}

void PackBuilder::maturity()
{
    const BoardPackContent &c = m_content;
    if (!c.maturity)
        return;
    const MaturityView &view = *c.maturity;
    m_slices << heading(QStringLiteral("%1  Maturity").arg(m_sections.size() + 1), int(m_sections.size()), true);
    m_slices << paragraph(c.maturityNote, packFont(8), kMuted, pt(4));

    // The radar, then the numbers behind it: the shape is read at a glance, the table is what is minuted.
    const qreal chartHeight = m_height * 0.42;
    const ChartSpec radar = view.radar;
    const qreal width = m_width;
    Slice chart = report::fixedSlice(chartHeight, [radar, width, chartHeight](QPainter *painter,
                                                                              const QPointF &topLeft) {
        const QRectF frame(topLeft, QSizeF(width, chartHeight));
        painter->save();
        painter->setPen(QPen(kRule, pt(0.6)));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(frame);
        const qreal scale = kDpi / 110.0; // as the charts page lays its charts out
        painter->translate(frame.topLeft());
        painter->scale(scale, scale);
        charts::paintChart(radar, painter,
                           QRectF(QPointF(1, 1), QSizeF(frame.width() / scale - 2, frame.height() / scale - 2)), 1.0);
        painter->restore();
    });
    chart.spaceBefore = pt(6);
    m_slices << chart;

    const QFont headFont = packFont(7.5, true);
    const qreal groupWidth = m_width * 0.44;
    const qreal number = (m_width - groupWidth) / 4;
    const auto level = [](const std::optional<double> &value) {
        return value ? QString::number(*value, 'f', 1) : QStringLiteral("\u2013");
    };
    m_slices << subheading(
        QStringLiteral("By principle: mean level of the actions that apply (%1)").arg(view.scale.rangeText()));
    m_slices << headerRow(
        {cell(0, groupWidth, QStringLiteral("Principle"), headFont),
         cell(groupWidth, number, QStringLiteral("Current"), headFont, kInk, Qt::AlignRight),
         cell(groupWidth + number, number, QStringLiteral("Target"), headFont, kInk, Qt::AlignRight),
         cell(groupWidth + 2 * number, number, QStringLiteral("Gap"), headFont, kInk, Qt::AlignRight),
         cell(groupWidth + 3 * number, number, QStringLiteral("Assessed"), headFont, kInk, Qt::AlignRight)});
    bool zebra = false;
    for (const MaturityGroup &group : view.groups) {
        m_slices << report::rowSlice(bodyRow(
            {cell(0, groupWidth, QStringLiteral("%1  %2").arg(group.label, group.title), packFont(8.5, true)),
             cell(groupWidth, number, level(group.current), packFont(8.5), kInk, Qt::AlignRight),
             cell(groupWidth + number, number, level(group.target), packFont(8.5), kInk, Qt::AlignRight),
             cell(groupWidth + 2 * number, number, level(group.gap), packFont(8.5, true), kInk, Qt::AlignRight),
             cell(groupWidth + 3 * number, number, QStringLiteral("%1 of %2").arg(group.assessed).arg(group.items),
                  packFont(8.5), kInk, Qt::AlignRight)},
            zebra));
        zebra = !zebra;
    }

    m_slices << subheading(QStringLiteral("The largest gaps"));
    if (view.largestGaps.isEmpty()) {
        m_slices << paragraph(QStringLiteral("None: no action is below its target maturity."), packFont(8.5), kInk,
                              pt(2));
        return;
    }
    const qreal idWidth = m_width * 0.08;
    const qreal titleWidth = m_width * 0.44;
    const qreal levelsWidth = m_width - idWidth - titleWidth;
    for (const MaturityGap &gap : view.largestGaps)
        m_slices << report::rowSlice(
            bodyRow({cell(0, idWidth, gap.reference, packFont(8.5, true), kNavy),
                     cell(idWidth, titleWidth, gap.shortTitle, packFont(8.5, true)),
                     cell(idWidth + titleWidth, levelsWidth,
                          QStringLiteral("%1, target %2 (%3 below)")
                              .arg(view.scale.label(gap.current), view.scale.label(gap.target))
                              .arg(gap.levelsBelow == 1 ? QStringLiteral("1 level")
                                                        : QStringLiteral("%1 levels").arg(gap.levelsBelow)),
                          packFont(8.5))},
                    false));
}

void PackBuilder::frameworks()
{
    const BoardPackContent &c = m_content;
    int number = int(m_sections.size()) + 1;
    const QFont headFont = packFont(7.5, true);
    const auto capitalised = [](const QString &word) { return word.left(1).toUpper() + word.mid(1); };
    for (const BoardPackFramework &framework : c.frameworks) {
        m_slices << heading(QStringLiteral("%1  %2").arg(number++).arg(framework.title), int(m_sections.size()), true);
        QStringList facts;
        facts << QStringLiteral("%1 %2s in %3 %4s, scored on their own: never blended with the Cyber Governance "
                                "Code\u2019s score.")
                     .arg(framework.itemCount)
                     .arg(framework.itemNoun)
                     .arg(framework.groups.size())
                     .arg(framework.groupNoun);
        if (!framework.publisher.isEmpty())
            facts << QStringLiteral("Published by %1.").arg(framework.publisher);
        if (!framework.vendorRole.isEmpty())
            facts << QStringLiteral("The organisation\u2019s role under it: %1; what the role leaves out is Not "
                                    "applicable.")
                         .arg(framework.vendorRole.toLower());
        m_slices << paragraph(facts.join(u' '), packFont(8.5), kInk, pt(6));
        if (!framework.accountableTitle.isEmpty()) {
            const QString label = QStringLiteral("%1: ").arg(framework.accountableTitle);
            const QString who = framework.owner.isEmpty() ? QStringLiteral("none named") : framework.owner;
            Row row;
            row.width = m_width;
            row.paddingTop = pt(4);
            Cell ownerCell = cell(0, m_width, label + who, packFont(9.5, true), kNavy, Qt::AlignLeft,
                                  {range(label.size(), who.size(), packFont(9.5, true),
                                         framework.owner.isEmpty() ? QColor(0xB0, 0x1E, 0x1E) : kInk)});
            ownerCell.x = 0; // flush with the text above, as the summary lines are
            row.cells << ownerCell;
            m_slices << report::rowSlice(row);
            if (!framework.accountableStatement.isEmpty())
                m_slices << paragraph(
                    QStringLiteral("\u201C%1\u201D (the Code\u2019s words)").arg(framework.accountableStatement),
                    packFont(8, false, true), kMuted, pt(2));
        }

        // Summary by group.
        const QString posture = QStringLiteral("Score %1/100: %2 of %3 %4s at Reasonable or better; %5 not assessed; "
                                               "%6 unsupported claims.")
                                    .arg(Scoring::format(framework.posture.score))
                                    .arg(framework.posture.atReasonableOrBetter)
                                    .arg(framework.posture.counted)
                                    .arg(framework.itemNoun)
                                    .arg(framework.posture.notAssessed)
                                    .arg(framework.posture.unsupported);
        m_slices << subheading(QStringLiteral("Summary by %1").arg(framework.groupNoun));
        m_slices << paragraph(posture, packFont(8.5), kInk, pt(2));
        const qreal groupWidth = m_width * 0.46;
        const qreal scoreWidth = m_width * 0.22;
        const qreal countsWidth = m_width - groupWidth - scoreWidth;
        m_slices << headerRow(
            {cell(0, groupWidth, capitalised(framework.groupNoun), headFont),
             cell(groupWidth, scoreWidth, QStringLiteral("Score and colour"), headFont),
             cell(groupWidth + scoreWidth, countsWidth,
                  QStringLiteral("%1s: green, amber, red, gap, n/a").arg(capitalised(framework.itemNoun)), headFont)});
        bool zebra = false;
        for (const BoardPackGroup &group : framework.groups) {
            m_slices << report::rowSlice(bodyRow(
                {cell(0, groupWidth, QStringLiteral("%1  %2").arg(group.reference, group.title), packFont(8.5, true)),
                 swatchCell(groupWidth, scoreWidth, group.rag,
                            QStringLiteral("%1/100, %2").arg(Scoring::format(group.score.score), ragLabel(group.rag)),
                            packFont(8.5)),
                 cell(groupWidth + scoreWidth, countsWidth,
                      QStringLiteral("%1, %2, %3, %4, %5")
                          .arg(group.green)
                          .arg(group.amber)
                          .arg(group.red)
                          .arg(group.gap)
                          .arg(group.notApplicable),
                      packFont(8.5))},
                zebra));
            zebra = !zebra;
        }

        // Items that need attention.
        m_slices << subheading(QStringLiteral("%1s that need attention (%2)")
                                   .arg(capitalised(framework.itemNoun))
                                   .arg(framework.attentionTotal));
        if (framework.attention.isEmpty()) {
            m_slices << paragraph(QStringLiteral("None: no %1 of this framework is raised by the attention rules.")
                                      .arg(framework.itemNoun),
                                  packFont(8.5), kInk, pt(2));
        } else {
            const qreal refWidth = m_width * 0.10;
            const qreal itemWidth = m_width * 0.30;
            const qreal ratingWidth = m_width * 0.17;
            const qreal whyWidth = m_width - refWidth - itemWidth - ratingWidth;
            const Slice header = headerRow({cell(0, refWidth + itemWidth, QStringLiteral("Item and owner"), headFont),
                                            cell(refWidth + itemWidth, ratingWidth, QStringLiteral("Rating"), headFont),
                                            cell(refWidth + itemWidth + ratingWidth, whyWidth,
                                                 QStringLiteral("Why it needs attention"), headFont)});
            m_slices << header;
            const auto repeated = std::make_shared<Slice>(header);
            zebra = false;
            for (const BoardPackFrameworkItem &item : framework.attention) {
                Slice slice = report::rowSlice(bodyRow(
                    {cell(0, refWidth, item.reference, packFont(8.5, true), kNavy),
                     twoLineCell(
                         refWidth, itemWidth, item.shortTitle, packFont(8.5, true),
                         QStringLiteral("Owner: %1").arg(item.owner.isEmpty() ? QStringLiteral("none") : item.owner),
                         packFont(7.5)),
                     swatchCell(refWidth + itemWidth, ratingWidth, item.score.rag, ragLabel(item.score.rag),
                                packFont(8.5)),
                     cell(refWidth + itemWidth + ratingWidth, whyWidth, item.reason, packFont(8))},
                    zebra));
                slice.header = repeated;
                m_slices << slice;
                zebra = !zebra;
            }
            if (framework.attentionTotal > framework.attention.size())
                m_slices << paragraph(QStringLiteral("\u2026 and %1 more, listed on its dashboard in Quorum and by "
                                                     "quorum-cli status --framework %2.")
                                          .arg(framework.attentionTotal - framework.attention.size())
                                          .arg(framework.key),
                                      packFont(8), kMuted, pt(3));
        }

        // Owners.
        m_slices << subheading(QStringLiteral("Owners"));
        QStringList owners;
        int others = 0;
        for (qsizetype i = 0; i < framework.owners.size(); ++i) {
            const auto &[name, count] = framework.owners[i];
            if (i >= BoardPack::kFrameworkOwners) {
                others += count;
                continue;
            }
            owners << QStringLiteral("%1 (%2)").arg(name.isEmpty() ? QStringLiteral("no owner") : name).arg(count);
        }
        if (others > 0)
            owners << QStringLiteral("others (%1)").arg(others);
        m_slices << paragraph(QStringLiteral("%1s per owner: %2.")
                                  .arg(capitalised(framework.itemNoun), owners.join(QStringLiteral("; "))),
                              packFont(8.5), kInk, pt(2));
        if (!framework.attribution.isEmpty())
            m_slices << paragraph(framework.attribution, packFont(7.5), kMuted, pt(8));
    }
}

void PackBuilder::evidenceIndex()
{
    const BoardPackContent &c = m_content;
    m_slices << heading(QStringLiteral("%1  Evidence index").arg(m_sections.size() + 1), int(m_sections.size()), false);
    m_slices << paragraph(c.evidenceNote, packFont(7.5), kMuted, pt(6));
    if (c.evidence.isEmpty()) {
        m_slices << paragraph(QStringLiteral("No evidence recorded."), packFont(9.5), kInk, pt(8));
        return;
    }
    // Widths as shares of the body, so A4 and Letter both fit.
    const QList<qreal> shares{0.245, 0.11, 0.14, 0.085, 0.085, 0.125, 0.09};
    QList<qreal> x{0};
    QList<qreal> widths;
    qreal used = 0;
    for (qreal share : shares) {
        widths << m_width * share;
        used += m_width * share;
        x << used;
    }
    widths << m_width - used;
    const QFont headFont = condensedFont(7, true);
    const QFont bodyFont = condensedFont(7.5);
    const QStringList names{QStringLiteral("Title"),     QStringLiteral("Type"),      QStringLiteral("Source"),
                            QStringLiteral("Effective"), QStringLiteral("Review by"), QStringLiteral("Status"),
                            QStringLiteral("Actions"),   QStringLiteral("SHA-256")};
    QList<Cell> headerCells;
    for (qsizetype i = 0; i < names.size(); ++i)
        headerCells << cell(x[i], widths[i], names[i], headFont);
    const Slice tableHeader = headerRow(headerCells, pt(6));
    m_slices << tableHeader;
    const auto repeated = std::make_shared<Slice>(tableHeader);
    bool zebra = false;
    for (const BoardPackEvidence &item : c.evidence) {
        Row row = bodyRow(
            {cell(x[0], widths[0], item.title, bodyFont), cell(x[1], widths[1], evidenceTypeLabel(item.type), bodyFont),
             cell(x[2], widths[2], evidenceSourceLabel(item.source), bodyFont),
             cell(x[3], widths[3], shortDate(item.effective), bodyFont),
             cell(x[4], widths[4], shortDate(item.reviewBy), bodyFont),
             swatchCell(x[5], widths[5], evidenceRag(item.status), evidenceStatusLabel(item.status), bodyFont),
             cell(x[6], widths[6], item.actionIds.join(QStringLiteral(", ")), bodyFont),
             cell(x[7], widths[7], item.fingerprint, monoFont(7))},
            zebra);
        row.paddingTop = pt(2);
        row.paddingBottom = pt(1.5);
        zebra = !zebra;
        Slice slice = report::rowSlice(row);
        slice.header = repeated;
        m_slices << slice;
    }
}

void PackBuilder::signOff()
{
    const BoardPackContent &c = m_content;
    m_slices << heading(QStringLiteral("%1  Sign-off").arg(m_sections.size() + 1), int(m_sections.size()), false);
    const QFont bodyFont = packFont(9.5);
    if (!c.isReview) {
        m_slices << paragraph(
            QStringLiteral("This pack shows the current state, not a board review, so it cannot be "
                           "signed off. To record the board\u2019s approval, create a board review for "
                           "the meeting and export its pack."),
            bodyFont, kInk, pt(8));
        return;
    }
    if (c.isSigned) {
        QString words = QStringLiteral("Signed off on behalf of the board by %1 on %2.")
                            .arg(c.signedBy.isEmpty() ? QStringLiteral("(a director no longer recorded)") : c.signedBy,
                                 stamp(c.signedAt));
        if (!c.minuteRef.isEmpty())
            words += QStringLiteral(" Minute reference: %1.").arg(c.minuteRef);
        words += QStringLiteral(" A signed board review can no longer be changed.");
        m_slices << paragraph(words, bodyFont, kInk, pt(8));
        return;
    }
    Slice request = paragraph(QStringLiteral("The board is asked to approve the board review \u201C%1\u201D. To be "
                                             "completed by the director signing on the board\u2019s behalf, usually "
                                             "the Chair, and recorded in Quorum with the minute reference.")
                                  .arg(c.reviewName),
                              bodyFont, kInk, pt(8));
    request.keepWithNext = true; // never a heading and a request on one page and the lines on the next
    m_slices << request;
    const QStringList labels{QStringLiteral("Name"), QStringLiteral("Signature"), QStringLiteral("Date"),
                             QStringLiteral("Minute reference")};
    QList<TextBox> boxes;
    for (const QString &label : labels)
        boxes << text(label, packFont(8.5, true), mm(40), kMuted);
    const qreal lineGap = mm(12);
    const qreal width = m_width;
    Slice lines =
        report::fixedSlice(lineGap * labels.size(), [boxes, lineGap, width](QPainter *painter, const QPointF &topLeft) {
            for (qsizetype i = 0; i < boxes.size(); ++i) {
                const qreal baseline = topLeft.y() + (i + 1) * lineGap - mm(2);
                boxes[i].draw(painter, QPointF(topLeft.x(), baseline - boxes[i].height()));
                painter->save();
                painter->setPen(QPen(kInk, pt(0.6)));
                painter->drawLine(QPointF(topLeft.x() + mm(36), baseline),
                                  QPointF(topLeft.x() + std::min(width, mm(150)), baseline));
                painter->restore();
            }
        });
    lines.spaceBefore = pt(10);
    m_slices << lines;
}

void PackBuilder::annex()
{
    const QList<BoardPackAction> actions = m_content.annexActions();
    if (actions.isEmpty())
        return;
    m_annexSection = int(m_sections.size());
    m_slices << heading(BoardPack::annexTitle(), m_annexSection, true);
    m_slices << paragraph(QStringLiteral("The body of the pack prints up to %1 characters of what is written about "
                                         "each action (its commentary, and the justification of an action that is "
                                         "not applicable), so that its length stays the same however much is "
                                         "written. The texts that go beyond it are printed here in full.")
                              .arg(BoardPack::kBoardTextChars),
                          packFont(7.5), kMuted, pt(6));
    const QFont bodyFont = packFont(9);
    for (const BoardPackAction &action : actions) {
        const QString name = QStringLiteral("%1  %2").arg(action.id, action.shortTitle);
        Slice title = subheading(name, pt(14));
        title.section = anchor(QStringLiteral("%1 %2").arg(action.id, action.shortTitle), 1);
        m_slices << title;
        Row caption;
        caption.width = m_width;
        caption.paddingBottom = pt(4);
        Cell captionCell;
        captionCell.width = m_width;
        captionCell.text = text(QStringLiteral("Annex A: %1 (continued)").arg(name), packFont(9, true), m_width, kNavy);
        caption.cells << captionCell;
        const auto repeated = std::make_shared<Slice>(report::rowSlice(caption));
        if (action.rating == Rating::NotApplicable && !action.justification.isEmpty()) {
            const QString label = QStringLiteral("Not applicable because: ");
            Row row;
            row.width = m_width;
            Cell only;
            only.width = m_width;
            only.text = text(label + action.justification, bodyFont, m_width, kInk, Qt::AlignLeft,
                             {range(0, label.size(), packFont(9, true))});
            row.cells << only;
            Slice justification = report::rowSlice(row);
            justification.spaceBefore = pt(3);
            justification.header = repeated;
            m_slices << justification;
        }
        if (!action.commentary.isEmpty()) {
            Slice commentary = paragraph(action.commentary, bodyFont, kInk, pt(3));
            commentary.header = repeated;
            m_slices << commentary;
        }
    }
}

} // namespace

// ---- BoardPackWriter ---------------------------------------------------------------------------

struct BoardPackWriter::Layout {
    QImage device{1, 1, QImage::Format_ARGB32_Premultiplied}; ///< the 720-dpi reference all text is laid out for
    QSizeF page;
    QRectF body;
    QList<Page> pages;
    QHash<int, int> sectionPages; ///< section or anchor number: page index
    QStringList sections;
    QList<OutlineEntry> outline;
    int annexSection = -1;
    QList<QRectF> contentsLines; ///< each line of the cover's contents, where the last painting put it

    /** The pages before Annex A: all when there is none. */
    int bodyPages() const { return annexSection < 0 ? int(pages.size()) : sectionPages.value(annexSection); }
};

BoardPackWriter::BoardPackWriter(BoardPackContent content)
    : m_content(std::move(content))
{
}

BoardPackWriter::~BoardPackWriter() = default;

QSizeF BoardPackWriter::pageSizeMillimetres() const
{
    return m_content.pageSize == BoardPackPageSize::Letter ? QSizeF(215.9, 279.4) : QSizeF(210, 297);
}

int BoardPackWriter::pageCount()
{
    layOut();
    return int(m_layout->pages.size());
}

int BoardPackWriter::bodyPageCount()
{
    layOut();
    return m_layout->bodyPages();
}

void BoardPackWriter::layOut()
{
    if (m_layout)
        return;
    auto layout = std::make_unique<Layout>();
    const int dotsPerMetre = qRound(kDpi / 0.0254);
    layout->device.setDotsPerMeterX(dotsPerMetre);
    layout->device.setDotsPerMeterY(dotsPerMetre);
    const QSizeF paper = pageSizeMillimetres();
    layout->page = QSizeF(mm(paper.width()), mm(paper.height()));
    layout->body = QRectF(mm(18), mm(22), layout->page.width() - mm(36), layout->page.height() - mm(42));

    Layout *state = layout.get();
    const BoardPackContent *content = &m_content;
    auto paintCover = [state, content](QPainter *painter, const QPointF &topLeft) {
        const BoardPackContent &c = *content;
        QPaintDevice *device = &state->device;
        const qreal width = state->body.width();
        QPointF at = topLeft + QPointF(0, mm(14));
        auto draw = [&](const QString &words, const QFont &font, const QColor &colour, qreal after) {
            const TextBox box(words, font, width, device, colour);
            box.draw(painter, at);
            at.ry() += box.height() + after;
        };
        draw(QStringLiteral("Cyber governance board pack"), packFont(12, true), kMuted, mm(3));
        draw(c.organisation, packFont(24, true), kNavy, mm(10));
        draw(c.reviewLabel(), packFont(18, true), kInk, mm(2));
        draw(c.isReview ? QStringLiteral("Board meeting of %1").arg(longDate(c.meetingDate))
                        : QStringLiteral("As at %1").arg(longDate(c.meetingDate)),
             packFont(12), kInk, mm(9));

        if (!c.marking.isEmpty()) {
            const TextBox marking(c.marking, packFont(13, true), width - mm(10), device, kInk, Qt::AlignLeft);
            const qreal boxWidth = std::min(width, marking.naturalWidth() + mm(10));
            const QRectF frame(at, QSizeF(boxWidth, marking.height() + mm(5)));
            painter->save();
            painter->setPen(QPen(kInk, pt(1.2)));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(frame);
            painter->restore();
            marking.draw(painter, frame.topLeft() + QPointF(mm(5), mm(2.5)));
            at.ry() += frame.height() + mm(9);
        }

        // Facts, as label and value. The page count is the body's: Annex A is extra, however long.
        const int pages = state->bodyPages();
        QString pageFact = QStringLiteral("%1, including this cover").arg(pages);
        if (state->annexSection >= 0) {
            const int total = int(state->pages.size());
            pageFact += total == pages + 1
                            ? QStringLiteral("; then Annex A, the commentary in full, on page %1").arg(total)
                            : QStringLiteral("; then Annex A, the commentary in full, on pages %1 "
                                             "to %2")
                                  .arg(pages + 1)
                                  .arg(total);
        }
        QString status;
        if (!c.isReview)
            status = QStringLiteral("Not a board review: the live record, which cannot be signed off.");
        else if (c.isSigned)
            status = QStringLiteral("Signed off by %1 on %2%3.")
                         .arg(c.signedBy, longDate(c.signedAt.date()),
                              c.minuteRef.isEmpty() ? QString() : QStringLiteral(" (minute %1)").arg(c.minuteRef));
        else
            status = QStringLiteral("Awaiting the board\u2019s sign-off.");
        int actions = 0;
        for (const BoardPackPrinciple &principle : c.principles)
            actions += int(principle.actions.size());
        // Every framework the pack covers, the Code first, each with its own count of groups and items.
        QString frameworksFact = QStringLiteral("Cyber Governance Code of Practice (DSIT and NCSC): %1 principles, "
                                                "%2 actions")
                                     .arg(c.principles.size())
                                     .arg(actions);
        for (const BoardPackFramework &framework : c.frameworks)
            frameworksFact += QStringLiteral("; %1: %2 %3s, %4 %5s")
                                  .arg(framework.title, QString::number(framework.groups.size()), framework.groupNoun,
                                       QString::number(framework.itemCount), framework.itemNoun);
        const QList<QPair<QString, QString>> facts{
            {QStringLiteral("Pages"), pageFact},
            {QStringLiteral("Status"), status},
            {c.frameworks.isEmpty() ? QStringLiteral("Framework") : QStringLiteral("Frameworks"), frameworksFact},
            {QStringLiteral("Created"), QStringLiteral("%1 with Quorum %2").arg(stamp(c.createdAt), c.version)},
        };
        const qreal labelWidth = mm(28);
        for (const auto &[label, value] : facts) {
            const TextBox left(label, packFont(9, true), labelWidth, device, kMuted);
            const TextBox right(value, packFont(9), width - labelWidth, device, kInk);
            left.draw(painter, at);
            right.draw(painter, at + QPointF(labelWidth, 0));
            at.ry() += std::max(left.height(), right.height()) + mm(1.5);
        }

        // Contents, with the page each section starts on.
        at.ry() += mm(8);
        draw(QStringLiteral("Contents"), packFont(12, true), kNavy, mm(2));
        const qreal numberWidth = mm(14);
        state->contentsLines.clear();
        for (qsizetype i = 0; i < state->sections.size(); ++i) {
            const TextBox name(state->sections[i], packFont(9.5), width - numberWidth, device, kInk);
            const TextBox page(QString::number(state->sectionPages.value(int(i)) + 1), packFont(9.5), numberWidth,
                               device, kInk, Qt::AlignRight);
            name.draw(painter, at);
            page.draw(painter, at + QPointF(width - numberWidth, 0));
            // The whole line, title to page number, is the link to the section (see pdf()).
            state->contentsLines << QRectF(topLeft.x(), at.y() - mm(0.6), width, name.height() + mm(1.4));
            at.ry() += name.height() + mm(0.8);
            painter->save();
            painter->setPen(QPen(kRule, pt(0.4)));
            painter->drawLine(QPointF(topLeft.x(), at.y()), QPointF(topLeft.x() + width, at.y()));
            painter->restore();
            at.ry() += mm(1.2);
        }
    };

    PackBuilder builder(m_content, &layout->device, layout->body.width(), layout->body.height());
    const QList<Slice> slices = builder.build(paintCover, &layout->sections);
    layout->outline = builder.outline();
    layout->annexSection = builder.annexSection();
    const Progress progress = m_progress;
    layout->pages = report::paginate(slices, layout->body.height(), &layout->sectionPages, [&progress](int pages) {
        if (progress)
            progress(pages, 0);
    });
    m_layout = std::move(layout);
}

namespace {

/** Header and footer: organisation, marking, review; creation, marking, page x of y. */
void paintFurniture(QPainter *painter, QPaintDevice *device, const BoardPackContent &content, const QSizeF &page,
                    const QRectF &body, int index, int count)
{
    const qreal third = body.width() / 3;
    auto line = [&](const QString &words, const QFont &font, const QColor &colour, Qt::Alignment alignment, qreal x,
                    qreal top, bool fromBottom) {
        TextBox box(words, font, third - mm(2), device, colour, alignment);
        if (box.lineCount() > 2) {
            // Header space is limited: keep two lines and say that the rest is left out.
            const QFontMetricsF metrics(font, device);
            box = TextBox(metrics.elidedText(words, Qt::ElideRight, 2 * (third - mm(4))), font, third - mm(2), device,
                          colour, alignment);
        }
        box.draw(painter, QPointF(x, fromBottom ? top - box.rangeHeight(0, std::min(2, box.lineCount())) : top), 0, 2);
    };
    const QFont small = packFont(7.5);
    const QFont smallBold = packFont(7.5, true);
    const QFont marking = packFont(8, true);
    const qreal headerBottom = mm(16);
    line(content.organisation, smallBold, kNavy, Qt::AlignLeft, body.left(), headerBottom - mm(1.2), true);
    line(content.marking, marking, kInk, Qt::AlignHCenter, body.left() + third + mm(1), headerBottom - mm(1.2), true);
    line(content.reviewLabel(), small, kMuted, Qt::AlignRight, body.right() - third + mm(2), headerBottom - mm(1.2),
         true);
    const qreal footerTop = page.height() - mm(16);
    line(QStringLiteral("Created %1").arg(stamp(content.createdAt)), small, kMuted, Qt::AlignLeft, body.left(),
         footerTop + mm(1.5), false);
    line(content.marking, marking, kInk, Qt::AlignHCenter, body.left() + third + mm(1), footerTop + mm(1.5), false);
    line(QStringLiteral("Page %1 of %2").arg(index + 1).arg(count), smallBold, kInk, Qt::AlignRight,
         body.right() - third + mm(2), footerTop + mm(1.5), false);
    painter->save();
    painter->setPen(QPen(kRule, pt(0.6)));
    painter->drawLine(QPointF(body.left(), headerBottom), QPointF(body.right(), headerBottom));
    painter->drawLine(QPointF(body.left(), footerTop), QPointF(body.right(), footerTop));
    painter->restore();
}

void paintPage(QPainter *painter, QPaintDevice *device, const BoardPackContent &content, const QSizeF &page,
               const QRectF &body, const Page &slices, int index, int count)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    paintFurniture(painter, device, content, page, body, index, count);
    for (const report::Placed &placed : slices.slices)
        placed.slice.paint(painter, QPointF(body.left(), body.top() + placed.y));
    painter->restore();
}

} // namespace

QImage BoardPackWriter::renderPage(int index, int widthPixels)
{
    layOut();
    if (index < 0 || index >= m_layout->pages.size() || widthPixels <= 0)
        return {};
    const qreal scale = widthPixels / m_layout->page.width();
    QImage image(QSize(widthPixels, qRound(m_layout->page.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintPage(&painter, &m_layout->device, m_content, m_layout->page, m_layout->body, m_layout->pages[index], index,
              int(m_layout->pages.size()));
    painter.end();
    return image;
}

QByteArray BoardPackWriter::pdf()
{
    layOut();
    const int count = int(m_layout->pages.size());
    const QString creator = QStringLiteral("Quorum %1").arg(m_content.version);
    const QString producer = QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()));
    const QString created = m_content.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    const QByteArray xmp =
        QStringLiteral("<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
                       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                       "  <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                       "    <rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" rdf:about=\"\">\n"
                       "      <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
                       "      <dc:creator><rdf:Seq><rdf:li>%2</rdf:li></rdf:Seq></dc:creator>\n"
                       "      <dc:description><rdf:Alt><rdf:li "
                       "xml:lang=\"x-default\">%3</rdf:li></rdf:Alt></dc:description>\n"
                       "    </rdf:Description>\n"
                       "    <rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" rdf:about=\"\" "
                       "xmp:CreatorTool=\"%4\" "
                       "xmp:CreateDate=\"%5\" xmp:ModifyDate=\"%5\"/>\n"
                       "    <rdf:Description xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" rdf:about=\"\" "
                       "pdf:Producer=\"%6\"/>\n"
                       "    <rdf:Description xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" rdf:about=\"\" "
                       "pdfaid:part=\"1\" "
                       "pdfaid:conformance=\"B\"/>\n"
                       "  </rdf:RDF>\n"
                       "</x:xmpmeta>\n"
                       "<?xpacket end='w'?>")
            .arg(xmlText(m_content.documentTitle()), xmlText(m_content.organisation), xmlText(m_content.subject()),
                 xmlText(creator), created, xmlText(producer))
            .toUtf8();
    const QByteArray date =
        "(D:" + m_content.createdAt.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + "Z)";
    const QByteArray info = "<<\n/Title " + pdfText(m_content.documentTitle()) + "\n/Author "
                            + pdfText(m_content.organisation) + "\n/Subject " + pdfText(m_content.subject())
                            + "\n/Creator " + pdfText(creator) + "\n/Producer " + pdfText(producer) + "\n/CreationDate "
                            + date + "\n/ModDate " + date + "\n>>";

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
        writer.setResolution(kDpi);
        writer.setPageSize(
            QPageSize(m_content.pageSize == BoardPackPageSize::Letter ? QPageSize::Letter : QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(m_content.documentTitle());
        writer.setCreator(creator);
        writer.setDocumentXmpMetadata(xmp);
        QPainter painter;
        if (!painter.begin(&writer))
            throw Error(Error::Kind::Storage, QStringLiteral("Could not start the PDF of the board pack."));
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                writer.newPage();
            paintPage(&painter, &m_layout->device, m_content, m_layout->page, m_layout->body, m_layout->pages[i], i,
                      count);
            if (m_progress && !m_progress(i + 1, count)) {
                painter.end();
                return {};
            }
        }
        painter.end();
    }
    QByteArray bytes = buffer.data();
    finishPdf(bytes, info);

    // Bookmarks and the contents' links, which QPdfWriter cannot write (see docs/design.md).
    QList<report::PdfBookmark> bookmarks{{QStringLiteral("Cover"), 0, {}}};
    for (const OutlineEntry &entry : std::as_const(m_layout->outline)) {
        const report::PdfBookmark bookmark{entry.title, m_layout->sectionPages.value(entry.anchor), {}};
        if (entry.level == 0 || bookmarks.size() == 1)
            bookmarks << bookmark;
        else
            bookmarks.last().children << bookmark;
    }
    QList<report::PdfPageLink> links;
    constexpr qreal pointsPerUnit = 72.0 / kDpi;
    for (qsizetype i = 0; i < m_layout->contentsLines.size(); ++i) {
        const QRectF line = m_layout->contentsLines[i];
        links << report::PdfPageLink{0, QRectF(line.topLeft() * pointsPerUnit, line.size() * pointsPerUnit),
                                     m_layout->sectionPages.value(int(i))};
    }
    return report::addPdfNavigation(bytes, bookmarks, links);
}

bool BoardPackWriter::write(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo target(path);
    if (target.isDir())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 is a folder; give a file name.").arg(shown));
    if (!target.absoluteDir().exists())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The folder %1 does not exist; choose another folder.")
                                                   .arg(QDir::toNativeSeparators(target.absolutePath())));
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("overwritten by the board pack"));
    // Open first, so an unwritable folder is reported before any work is done.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(
            Error::Kind::ReadOnly,
            QStringLiteral("Could not write %1: %2. Choose a folder you can write to.").arg(shown, file.errorString()));
    const QByteArray bytes = pdf();
    if (bytes.isEmpty()) {
        file.cancelWriting();
        return false;
    }
    if (file.write(bytes) != bytes.size() || !file.commit())
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("Could not write %1: %2. Check the free space and that you can write to the folder.")
                        .arg(shown, file.errorString()));
    return true;
}

} // namespace quorum
