#include "core/interchange/actionimport.h"

#include "core/domain/catalogue.h"

#include "core/domain/paths.h"
#include "core/interchange/csv.h"
#include "core/interchange/workbookreader.h"
#include "core/storage/database.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <cmath>

namespace quorum {

namespace {

enum class Field {
    Id,
    Owner,
    Director,
    Rating,
    Target,
    Commentary,
    Justification,
    TargetDate,
    NextReview,
    Maturity,
    MaturityTarget,
    MaturityAssessed,
    MaturityAssessor,
};

/** The columns of maturity (issue 18), imported only while the organisation tracks it. */
bool isMaturity(Field field)
{
    return field == Field::Maturity || field == Field::MaturityTarget || field == Field::MaturityAssessed
           || field == Field::MaturityAssessor;
}

QString normalised(const QString &heading)
{
    QString text = fromSpreadsheetText(heading).toLower();
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return text.simplified();
}

std::optional<Field> fieldFor(const QString &heading)
{
    static const QHash<QString, Field> names{
        {QStringLiteral("id"), Field::Id},
        {QStringLiteral("action"), Field::Id},
        {QStringLiteral("action id"), Field::Id},
        {QStringLiteral("owner"), Field::Owner},
        {QStringLiteral("action owner"), Field::Owner},
        {QStringLiteral("director"), Field::Director},
        {QStringLiteral("accountable director"), Field::Director},
        {QStringLiteral("rating"), Field::Rating},
        {QStringLiteral("assurance rating"), Field::Rating},
        {QStringLiteral("target"), Field::Target},
        {QStringLiteral("target rating"), Field::Target},
        {QStringLiteral("commentary"), Field::Commentary},
        {QStringLiteral("comment"), Field::Commentary},
        {QStringLiteral("comments"), Field::Commentary},
        {QStringLiteral("justification"), Field::Justification},
        {QStringLiteral("target date"), Field::TargetDate},
        {QStringLiteral("due"), Field::TargetDate},
        {QStringLiteral("due date"), Field::TargetDate},
        {QStringLiteral("next review"), Field::NextReview},
        {QStringLiteral("next review date"), Field::NextReview},
        {QStringLiteral("maturity"), Field::Maturity},
        {QStringLiteral("maturity level"), Field::Maturity},
        {QStringLiteral("current maturity"), Field::Maturity},
        {QStringLiteral("target maturity"), Field::MaturityTarget},
        {QStringLiteral("maturity target"), Field::MaturityTarget},
        {QStringLiteral("target maturity level"), Field::MaturityTarget},
        {QStringLiteral("maturity assessed"), Field::MaturityAssessed},
        {QStringLiteral("maturity assessed on"), Field::MaturityAssessed},
        {QStringLiteral("maturity assessment date"), Field::MaturityAssessed},
        {QStringLiteral("maturity assessor"), Field::MaturityAssessor},
        {QStringLiteral("maturity assessed by"), Field::MaturityAssessor},
    };
    const auto found = names.constFind(normalised(heading));
    if (found == names.constEnd())
        return std::nullopt;
    return *found;
}

/** Columns the exports write that are worked out, not recorded: skipped without a warning. */
bool isDerived(const QString &heading)
{
    static const QSet<QString> derived{
        QStringLiteral("principle"),
        QStringLiteral("short title"),
        QStringLiteral("title"),
        QStringLiteral("rag"),
        QStringLiteral("unsupported claim"),
        QStringLiteral("current evidence"),
        QStringLiteral("expiring evidence"),
        QStringLiteral("expired evidence"),
    };
    return derived.contains(normalised(heading));
}

std::optional<QDate> parseDateText(QString text)
{
    text = text.trimmed();
    if (text.size() > 10 && text[10] == u'T')
        text.truncate(10);
    if (const auto iso = parseIsoDate(text))
        return iso;
    // Spreadsheets saved in a UK locale write dates day first.
    const QDate uk = QDate::fromString(text, QStringLiteral("dd/MM/yyyy"));
    if (uk.isValid())
        return uk;
    const QDate ukShort = QDate::fromString(text, QStringLiteral("d/M/yyyy"));
    if (ukShort.isValid())
        return ukShort;
    return std::nullopt;
}

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

/**
 * A maturity level as a cell holds it: a whole number (as the register exports it), or a level of @p scale by its
 * name or label ("Defined", "3 Defined"). Nothing for text that is neither; a number may still be off the scale.
 */
std::optional<int> levelFromCell(const ReadTable::Cell &cell, const QString &text, const MaturityScale &scale)
{
    if (cell.number) {
        const double number = *cell.number;
        // A fraction is no level, and a number far off every scale is refused before it could overflow an int.
        if (number != std::floor(number) || std::abs(number) > MaturityScale::kMaxScore * 10.0)
            return std::nullopt;
        return int(number);
    }
    bool whole = false;
    const int number = text.toInt(&whole);
    if (whole)
        return number;
    for (const MaturityLevel &level : scale.levels()) {
        if (text.compare(level.name, Qt::CaseInsensitive) == 0
            || text.compare(scale.label(level.score), Qt::CaseInsensitive) == 0)
            return level.score;
    }
    return std::nullopt;
}

/** A name to look people up by. */
QString nameKey(const QString &name)
{
    return name.trimmed().toCaseFolded();
}

struct UnknownName {
    QString name;
    QString location;
    QString column;
    bool asDirector = false;
};

} // namespace

QString ImportIssue::text() const
{
    QString where = location;
    if (!column.isEmpty())
        where += (where.isEmpty() ? QStringLiteral("column %1") : QStringLiteral(", column %1")).arg(column);
    return where.isEmpty() ? message : QStringLiteral("%1: %2").arg(where, message);
}

ActionImportPlan ActionImport::check(const Store &store, const QString &path, const Options &options)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists())
        throw Error(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(shown));
    if (!info.isFile() || !info.isReadable())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 cannot be read.").arg(shown));
    if (info.size() > kMaxSpreadsheetBytes)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 is %2 MB; Quorum imports spreadsheets up to %3 MB.")
                                                   .arg(shown)
                                                   .arg(info.size() / (1024 * 1024))
                                                   .arg(kMaxSpreadsheetBytes / (1024 * 1024)));
    HeldDatabaseFiles::refuseIfHeld(path, QStringLiteral("imported"));
    const QString suffix = info.suffix().toLower();
    ReadTable table;
    if (suffix == u"csv" || suffix == u"txt" || suffix == u"tsv") {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(Error::Kind::InvalidInput,
                        QStringLiteral("%1 cannot be read: %2").arg(shown, file.errorString()));
        table = Csv::read(file.readAll(), info.fileName());
    } else if (suffix == u"xlsx" || suffix == u"xlsm") {
        table = WorkbookReader::read(path, options.sheet);
    } else if (suffix == u"xls") {
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is in the old Excel 97-2003 format; save it as \"Excel Workbook (.xlsx)\" or "
                                   "as \"CSV UTF-8\" and import that.")
                        .arg(shown));
    } else {
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1: Quorum imports actions from .csv and .xlsx files (and a whole database from "
                                   ".json).")
                        .arg(shown));
    }
    return check(store, table, options);
}

ActionImportPlan ActionImport::check(const Store &store, const ReadTable &table, const Options &options)
{
    ActionImportPlan plan;
    plan.fileName = table.fileName;
    plan.rows = int(table.rows.size());
    for (const QString &note : table.notes)
        plan.warnings.append({QString(), QString(), note});

    // Columns by heading.
    QHash<Field, int> columns;
    QStringList headings;
    for (int c = 0; c < table.header.cells.size(); ++c) {
        const QString heading = table.header.cells[c].text.trimmed();
        if (heading.isEmpty()) {
            bool used = false;
            for (const ReadTable::Row &row : table.rows)
                used = used || (c < row.cells.size() && !row.cells[c].text.trimmed().isEmpty());
            if (used)
                plan.warnings.append({table.location(table.header, c), QString(),
                                      QStringLiteral("this column has values but no heading; it was ignored")});
            continue;
        }
        headings << heading;
        const auto field = fieldFor(heading);
        if (!field) {
            if (!isDerived(heading))
                plan.warnings.append({table.location(table.header, c), heading,
                                      QStringLiteral("Quorum does not import this column; it was ignored")});
            continue;
        }
        if (columns.contains(*field)) {
            plan.errors.append({table.location(table.header, c), heading,
                                QStringLiteral("this column repeats the column \"%1\" (%2); keep one of them")
                                    .arg(table.header.cells[columns.value(*field)].text.trimmed(),
                                         table.location(table.header, columns.value(*field)))});
            continue;
        }
        columns.insert(*field, c);
    }
    if (!columns.contains(Field::Id)) {
        const QString reads = headings.join(QStringLiteral(", ")).left(200);
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1, %2: there is no id column (the headings read: %3); name the column of action "
                                   "ids (A1 to E5) \"id\"%4.")
                        .arg(table.fileName,
                             table.cellRefs ? QStringLiteral("row %1").arg(table.header.line)
                                            : QStringLiteral("line %1").arg(table.header.line),
                             reads,
                             table.cellRefs ? QString() : QStringLiteral(", and separate the values with commas")));
    }
    // Maturity columns while maturity is not tracked: ignored with a warning, as any column Quorum does not import
    // (a spreadsheet that always had a "Maturity" column still imports), since nothing of maturity shows until the
    // organisation turns it on and a level recorded unseen would surprise the board later.
    const bool trackMaturity = store.organisation().trackMaturity;
    if (!trackMaturity) {
        QStringList maturityHeadings;
        for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
            if (isMaturity(it.key()))
                maturityHeadings << table.header.cells[it.value()].text.trimmed();
        }
        if (!maturityHeadings.isEmpty()) {
            maturityHeadings.sort(Qt::CaseInsensitive);
            plan.warnings.append(
                {QString(), QString(),
                 QStringLiteral("the maturity columns (%1) were ignored: the organisation does not track maturity "
                                "(turn it on with 'quorum-cli organisation --track-maturity on', or File > "
                                "Organisation..., and import again to record them)")
                     .arg(maturityHeadings.join(QStringLiteral(", ")))});
            for (auto it = columns.begin(); it != columns.end();) {
                it = isMaturity(it.key()) ? columns.erase(it) : std::next(it);
            }
        }
    }
    QHash<QString, MaturityScale> scales; // by framework key
    if (trackMaturity) {
        for (const Framework &framework : store.frameworks())
            scales.insert(framework.key, framework.maturityScale);
    }
    const QDate today = store.clock().today();

    if (columns.size() == 1)
        plan.warnings.append(
            {QString(), QString(),
             QStringLiteral("the file has an id column but nothing to import (owner, director, rating, "
                            "target, commentary, justification, target date, next review)")});

    // Who is recorded.
    QHash<QString, Person> people;
    for (const Person &person : store.people())
        people.insert(nameKey(person.name), person);
    QHash<QString, UnknownName> unknown; // by name key, first mention
    QStringList unknownOrder;

    QHash<QString, ActionState> states;
    QStringList actionIds;
    QStringList codeIds; // the Code's come first
    for (const ActionState &state : store.actionStates()) {
        // By upper case: ids are typed in any case ("a1", "SSC:3.2"); the stored id is the state's.
        states.insert(state.id.toUpper(), state);
        actionIds << state.id;
        if (state.framework == Catalogue::codeKey())
            codeIds << state.id;
    }
    QHash<QString, QString> seen; // action id -> location of its row

    for (const ReadTable::Row &row : table.rows) {
        auto cell = [&](Field field) -> const ReadTable::Cell * {
            const int c = columns.value(field, -1);
            return c >= 0 && c < row.cells.size() ? &row.cells[c] : nullptr;
        };
        auto where = [&](Field field) { return table.location(row, columns.value(field)); };
        auto heading = [&](Field field) { return table.header.cells[columns.value(field)].text.trimmed(); };
        auto error = [&](Field field, const QString &message) {
            plan.errors.append({where(field), heading(field), message});
        };
        const int errorsBefore = int(plan.errors.size());

        const QString id = fromSpreadsheetText(cell(Field::Id)->text).trimmed().toUpper();
        if (id.isEmpty()) {
            error(Field::Id, QStringLiteral("the action id is empty; every row needs one (A1 to E5)"));
            continue;
        }
        if (!states.contains(id)) {
            error(Field::Id,
                  QStringLiteral("there is no action \"%1\"; the actions are %2 to %3%4")
                      .arg(cell(Field::Id)->text.trimmed(), codeIds.value(0), codeIds.value(codeIds.size() - 1),
                           codeIds.size() < actionIds.size()
                               ? QStringLiteral(", and another framework's items are KEY:ID (%1)")
                                     .arg(actionIds.value(codeIds.size()))
                               : QString()));
            continue;
        }
        if (seen.contains(id)) {
            error(Field::Id, QStringLiteral("action %1 appears again (first at %2); give each action one row")
                                 .arg(id, seen.value(id)));
            continue;
        }
        seen.insert(id, where(Field::Id));
        const ActionState &state = states[id];
        const Assessment &before = state.assessment;
        Assessment after = before;
        ImportedAction imported;
        imported.actionId = state.id;
        imported.location =
            table.cellRefs ? QStringLiteral("row %1").arg(row.line) : QStringLiteral("line %1").arg(row.line);
        QString ownerAfter = state.ownerName;
        QString directorAfter = state.directorName;

        auto person = [&](Field field, bool director, QString &nameAfter, qint64 &idAfter) {
            const ReadTable::Cell *value = cell(field);
            if (!value)
                return;
            QString name;
            try {
                name =
                    checkedText(fromSpreadsheetText(value->text), QStringLiteral("name"), Store::kMaxNameChars, false);
            } catch (const Error &e) {
                error(field, e.message());
                return;
            }
            if (name.isEmpty()) {
                nameAfter.clear();
                idAfter = 0;
                imported.changes.insert(director ? AssessmentField::Director : AssessmentField::Owner, QString());
                return;
            }
            const auto known = people.constFind(nameKey(name));
            if (known != people.constEnd()) {
                if (director && !known->board) {
                    error(field, QStringLiteral("%1 is recorded as an executive, not a board member; the accountable "
                                                "director must be a director")
                                     .arg(known->name));
                    return;
                }
                nameAfter = known->name;
                idAfter = known->id;
            } else {
                auto &entry = unknown[nameKey(name)];
                if (entry.name.isEmpty()) {
                    entry = {name, where(field), heading(field), director};
                    unknownOrder << nameKey(name);
                }
                entry.asDirector = entry.asDirector || director;
                nameAfter = name;
                idAfter = -1; // someone new: always a change
            }
            imported.changes.insert(director ? AssessmentField::Director : AssessmentField::Owner, nameAfter);
        };
        person(Field::Owner, false, ownerAfter, after.ownerId);
        person(Field::Director, true, directorAfter, after.directorId);

        auto rating = [&](Field field, AssessmentField target, Rating &value) {
            const ReadTable::Cell *c = cell(field);
            if (!c)
                return;
            const QString text = fromSpreadsheetText(c->text).trimmed();
            if (text.isEmpty()) {
                if (field == Field::Target) {
                    error(field, QStringLiteral("the target is empty; give the rating the board wants (%1)")
                                     .arg(ratingKeysList()));
                    return;
                }
                value = Rating::NotAssessed;
            } else {
                const auto parsed = ratingFromKey(text);
                if (!parsed) {
                    error(field, QStringLiteral("\"%1\" is not a rating; use one of %2").arg(text, ratingKeysList()));
                    return;
                }
                if (field == Field::Target && *parsed == Rating::NotAssessed) {
                    error(field, QStringLiteral("\"not assessed\" cannot be a target; a target says what the board "
                                                "wants"));
                    return;
                }
                value = *parsed;
            }
            imported.changes.insert(target, QVariant::fromValue(value));
        };
        rating(Field::Rating, AssessmentField::Rating, after.rating);
        rating(Field::Target, AssessmentField::Target, after.target);

        auto text = [&](Field field, AssessmentField target, const QString &what, QString &value) {
            const ReadTable::Cell *c = cell(field);
            if (!c)
                return;
            // Spreadsheets write a line break in a cell as CRLF or CR; Quorum keeps LF.
            QString written = fromSpreadsheetText(c->text);
            written.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
            written.replace(QLatin1Char('\r'), QLatin1Char('\n'));
            try {
                value = checkedText(written, what, Store::kMaxCommentaryChars, true);
            } catch (const Error &e) {
                error(field, e.message());
                return;
            }
            imported.changes.insert(target, value);
        };
        text(Field::Commentary, AssessmentField::Commentary, QStringLiteral("commentary"), after.commentary);
        text(Field::Justification, AssessmentField::Justification, QStringLiteral("justification"),
             after.justification);

        auto date = [&](Field field, AssessmentField target, QDate &value) {
            const ReadTable::Cell *c = cell(field);
            if (!c)
                return;
            QDate parsed;
            if (c->number) {
                parsed = WorkbookReader::dateFromSerial(*c->number, table.date1904);
                if (!parsed.isValid()) {
                    error(
                        field,
                        QStringLiteral("%1 is not a date; format the cell as a date or write YYYY-MM-DD").arg(c->text));
                    return;
                }
            } else if (!c->text.trimmed().isEmpty()) {
                const auto fromText = parseDateText(fromSpreadsheetText(c->text));
                if (!fromText) {
                    error(field, QStringLiteral("\"%1\" is not a date; write it as YYYY-MM-DD").arg(c->text.trimmed()));
                    return;
                }
                parsed = *fromText;
            }
            value = parsed;
            imported.changes.insert(target, parsed);
        };
        date(Field::TargetDate, AssessmentField::TargetDate, after.targetDate);
        date(Field::NextReview, AssessmentField::NextReview, after.nextReview);

        const MaturityScale scale = scales.value(state.framework, MaturityScale::cmmi());
        auto level = [&](Field field, AssessmentField target, std::optional<int> &value) {
            const ReadTable::Cell *c = cell(field);
            if (!c)
                return;
            const QString written = fromSpreadsheetText(c->text).trimmed();
            if (!c->number && written.isEmpty()) {
                value.reset();
                imported.changes.insert(target, QVariant());
                return;
            }
            const std::optional<int> parsed = levelFromCell(*c, written, scale);
            if (!parsed || !scale.contains(*parsed)) {
                error(field, QStringLiteral("\"%1\" is not a maturity level of %2; its levels are %3")
                                 .arg(c->text.trimmed(), state.id, scale.rangeText()));
                return;
            }
            value = parsed;
            imported.changes.insert(target, *parsed);
        };
        level(Field::Maturity, AssessmentField::Maturity, after.maturity);
        level(Field::MaturityTarget, AssessmentField::MaturityTarget, after.maturityTarget);
        if (cell(Field::MaturityAssessed)) {
            date(Field::MaturityAssessed, AssessmentField::MaturityAssessed, after.maturityAssessed);
            if (after.maturityAssessed.isValid() && after.maturityAssessed > today)
                error(Field::MaturityAssessed,
                      QStringLiteral("the maturity cannot have been assessed on %1, which is after today")
                          .arg(dateText(after.maturityAssessed)));
        }
        if (const ReadTable::Cell *c = cell(Field::MaturityAssessor)) {
            const QString written = fromSpreadsheetText(c->text).trimmed();
            const std::optional<MaturityAssessor> assessor = maturityAssessorFromText(written);
            if (!assessor) {
                error(Field::MaturityAssessor,
                      QStringLiteral("\"%1\" is not an assessor; use internal (%2) or independent (%3), or leave the "
                                     "cell empty")
                          .arg(written, maturityAssessorLabel(MaturityAssessor::Internal),
                               maturityAssessorLabel(MaturityAssessor::Independent)));
            } else {
                after.maturityAssessor = *assessor;
                imported.changes.insert(AssessmentField::MaturityAssessor, QVariant::fromValue(*assessor));
            }
        }

        if (int(plan.errors.size()) > errorsBefore)
            continue;
        if (after.rating == Rating::NotApplicable && after.justification.isEmpty()) {
            const Field field = columns.contains(Field::Justification) ? Field::Justification : Field::Rating;
            error(field, QStringLiteral("action %1 is rated not applicable, which needs a justification; write it in "
                                        "the justification column")
                             .arg(id));
            continue;
        }

        // What changes, as the audit trail will say it.
        auto add = [&](AssessmentField field, const QString &oldText, const QString &newText, bool changed) {
            if (changed)
                imported.fields.append({assessmentFieldKey(field), oldText, newText});
            else
                imported.changes.remove(field);
        };
        add(AssessmentField::Owner, state.ownerName, ownerAfter, after.ownerId != before.ownerId);
        add(AssessmentField::Director, state.directorName, directorAfter, after.directorId != before.directorId);
        add(AssessmentField::Rating, ratingKey(before.rating), ratingKey(after.rating), after.rating != before.rating);
        add(AssessmentField::Target, ratingKey(before.target), ratingKey(after.target), after.target != before.target);
        add(AssessmentField::Commentary, before.commentary, after.commentary, after.commentary != before.commentary);
        add(AssessmentField::Justification, before.justification, after.justification,
            after.justification != before.justification);
        add(AssessmentField::TargetDate, dateText(before.targetDate), dateText(after.targetDate),
            after.targetDate != before.targetDate);
        add(AssessmentField::NextReview, dateText(before.nextReview), dateText(after.nextReview),
            after.nextReview != before.nextReview);
        const auto levelText = [&scale](const std::optional<int> &value) {
            return value ? scale.label(*value) : QString();
        };
        add(AssessmentField::Maturity, levelText(before.maturity), levelText(after.maturity),
            after.maturity != before.maturity);
        add(AssessmentField::MaturityTarget, levelText(before.maturityTarget), levelText(after.maturityTarget),
            after.maturityTarget != before.maturityTarget);
        add(AssessmentField::MaturityAssessed, dateText(before.maturityAssessed), dateText(after.maturityAssessed),
            after.maturityAssessed != before.maturityAssessed);
        add(AssessmentField::MaturityAssessor, maturityAssessorLabel(before.maturityAssessor),
            maturityAssessorLabel(after.maturityAssessor), after.maturityAssessor != before.maturityAssessor);
        if (imported.fields.isEmpty())
            ++plan.unchanged;
        else
            plan.actions.append(imported);
    }

    if (!unknownOrder.isEmpty()) {
        if (options.createPeople) {
            for (const QString &key : std::as_const(unknownOrder)) {
                const UnknownName &name = unknown[key];
                Person person;
                person.name = name.name;
                person.board = name.asDirector;
                person.role = name.asDirector ? QStringLiteral("Director (added by import)")
                                              : QStringLiteral("Executive (added by import)");
                plan.newPeople.append(person);
            }
        } else {
            QStringList listed;
            for (const QString &key : std::as_const(unknownOrder))
                listed << QStringLiteral("\"%1\" (%2)").arg(unknown[key].name, unknown[key].location);
            const UnknownName &first = unknown[unknownOrder.constFirst()];
            plan.errors.append(
                {first.location, first.column,
                 QStringLiteral("%1 not recorded: %2; add them with 'quorum-cli people add', or import with "
                                "--create-people to add them")
                     .arg(unknownOrder.size() == 1 ? QStringLiteral("1 person is")
                                                   : QStringLiteral("%1 people are").arg(unknownOrder.size()),
                          listed.join(QStringLiteral(", ")))});
        }
    }
    return plan;
}

void ActionImport::apply(Store &store, const ActionImportPlan &plan)
{
    if (!plan.isClean())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("%1 has %2 problem(s); nothing was changed. First: %3")
                                                   .arg(plan.fileName)
                                                   .arg(plan.errors.size())
                                                   .arg(plan.errors.constFirst().text()));
    Transaction transaction(store.database());
    QHash<QString, qint64> ids;
    for (const Person &person : store.people())
        ids.insert(nameKey(person.name), person.id);
    for (const Person &person : plan.newPeople)
        ids.insert(nameKey(person.name), store.addPerson(person));
    for (const ImportedAction &action : plan.actions) {
        AssessmentChanges changes = action.changes;
        for (const AssessmentField field : {AssessmentField::Owner, AssessmentField::Director}) {
            if (!changes.contains(field))
                continue;
            const QString name = changes.value(field).toString();
            qint64 id = 0;
            if (!name.isEmpty()) {
                id = ids.value(nameKey(name), 0);
                if (id == 0)
                    throw Error(Error::Kind::NotFound,
                                QStringLiteral("%1: %2 is no longer recorded; nothing was changed.")
                                    .arg(action.location, name));
            }
            changes.insert(field, QVariant::fromValue<qint64>(id));
        }
        try {
            store.updateAssessment(action.actionId, changes);
        } catch (const Error &e) {
            throw Error(e.kind(), QStringLiteral("%1 (action %2): %3 Nothing was changed.")
                                      .arg(action.location, action.actionId, e.message()));
        }
    }
    transaction.commit();
}

} // namespace quorum
