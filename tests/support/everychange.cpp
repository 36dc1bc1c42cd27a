#include "everychange.h"

#include "core/domain/boardrecords.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

namespace quorum::test {

namespace {

qint64 personId(Workspace &workspace, const QString &name)
{
    return workspace.store().personByName(name).id;
}

qint64 evidenceId(Workspace &workspace, const QString &title)
{
    for (const Evidence &item : workspace.store().evidence())
        if (item.title == title)
            return item.id;
    return 0;
}

qint64 eventId(Workspace &workspace, const QString &title)
{
    for (const BoardEvent &event : workspace.store().events())
        if (event.title == title)
            return event.id;
    return 0;
}

EvidenceInput fileEvidence(const QString &folder, const QString &fileName, const QByteArray &bytes,
                           const QStringList &actions)
{
    const QString path = QDir(folder).filePath(fileName);
    writeFile(path, bytes);
    EvidenceInput input = evidenceInputFromFile(path);
    input.actionIds = actions;
    input.type = EvidenceType::Report;
    input.effective = QDate(2026, 1, 31);
    input.reviewBy = QDate(2027, 1, 31);
    return input;
}

} // namespace

QList<WorkspaceStep> everyKindOfChange(const QString &folder)
{
    // Binary bytes with NULs and every byte value, a one-byte file, text with markup and non-Latin script:
    // the edge cases a stored value must survive through undo and redo.
    QByteArray binary;
    for (int round = 0; round < 3; ++round)
        for (int value = 0; value < 256; ++value)
            binary.append(static_cast<char>(value));
    const QString hostile = QStringLiteral("<b>Tom & Jerry</b> 'quoted' \"twice\"; DROP TABLE person; -- Ünïcödé 漢字");
    QList<WorkspaceStep> steps;
    const auto step = [&steps](const char *name, std::function<void(Workspace &)> apply) {
        steps.append({QString::fromUtf8(name), std::move(apply)});
    };

    step("add a person", [](Workspace &w) { w.addPerson({0, u"Ada Owner"_qs, u"CISO"_qs, false, true}); });
    step("add a director", [](Workspace &w) { w.addPerson({0, u"Bea Chair"_qs, u"Chair"_qs, true, true}); });
    step("add a person with hostile text", [hostile](Workspace &w) {
        w.addPerson({0, hostile, hostile, false, true});
    });
    step("edit a person", [](Workspace &w) {
        Person person = w.store().personByName(u"Ada Owner"_qs);
        person.role = u"Chief Information Security Officer"_qs;
        w.updatePerson(person);
    });
    step("change the organisation", [hostile](Workspace &w) {
        w.setOrganisation({hostile, u"OFFICIAL-SENSITIVE"_qs});
    });
    step("set an owner, director and rating", [](Workspace &w) {
        w.changeAssessment(u"A1"_qs, {{AssessmentField::Owner, personId(w, u"Ada Owner"_qs)},
                                      {AssessmentField::Director, personId(w, u"Bea Chair"_qs)},
                                      {AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    });
    step("set hostile commentary", [hostile](Workspace &w) {
        w.changeAssessment(u"A1"_qs, {{AssessmentField::Commentary, hostile}});
    });
    step("clear the commentary", [](Workspace &w) {
        w.changeAssessment(u"A1"_qs, {{AssessmentField::Commentary, QString()}});
    });
    step("set dates", [](Workspace &w) {
        w.changeAssessment(u"A2"_qs, {{AssessmentField::TargetDate, QDate(2027, 3, 31)},
                                      {AssessmentField::NextReview, QDate(2026, 12, 31)}});
    });
    step("clear a date", [](Workspace &w) { w.changeAssessment(u"A2"_qs, {{AssessmentField::TargetDate, QDate()}}); });
    step("rate not applicable",
         [](Workspace &w) { w.setRating(u"A3"_qs, Rating::NotApplicable, u"Outsourced to the group"_qs); });
    step("add a binary evidence file", [folder, binary](Workspace &w) {
        w.addEvidence(fileEvidence(folder, u"binary.bin"_qs, binary, {u"A1"_qs, u"B2"_qs}));
    });
    step("add a one-byte evidence file", [folder](Workspace &w) {
        w.addEvidence(fileEvidence(folder, u"one-byte.txt"_qs, QByteArray("x"), {u"A1"_qs}));
    });
    step("add a second evidence item with the same bytes", [folder, binary](Workspace &w) {
        w.addEvidence(fileEvidence(folder, u"binary copy.bin"_qs, binary, {u"C1"_qs}));
    });
    step("add a link", [](Workspace &w) {
        EvidenceInput link;
        link.title = u"Policy on the intranet"_qs;
        link.url = u"https://intranet.example/policy?a=1&b=2"_qs;
        link.actionIds = {u"A4"_qs};
        w.addEvidence(link);
    });
    step("edit evidence", [hostile](Workspace &w) {
        Evidence item = *w.store().evidenceItem(evidenceId(w, u"one-byte"_qs));
        item.title = hostile;
        item.reviewBy = QDate(2026, 2, 1);
        w.updateEvidence(item);
    });
    step("relink evidence", [](Workspace &w) {
        w.setEvidenceActions(evidenceId(w, u"binary"_qs), {u"B2"_qs, u"E5"_qs});
    });
    step("replace an evidence file", [](Workspace &w) {
        w.replaceEvidenceFile(evidenceId(w, u"binary"_qs), u"binary-v2.bin"_qs, QByteArray("second version\0x", 16));
    });
    steps.last().appendsRevisions = true;
    step("remove a file with revisions", [](Workspace &w) { w.removeEvidence(evidenceId(w, u"binary"_qs)); });
    step("remove a file whose bytes another item shares",
         [](Workspace &w) { w.removeEvidence(evidenceId(w, u"binary copy"_qs)); });
    step("remove a link", [](Workspace &w) { w.removeEvidence(evidenceId(w, u"Policy on the intranet"_qs)); });
    step("add training", [](Workspace &w) {
        w.addTraining(
            {0, personId(w, u"Bea Chair"_qs), u"NCSC board toolkit"_qs, QDate(2026, 3, 1), QDate(2027, 3, 1)});
    });
    step("edit training", [](Workspace &w) {
        TrainingRecord record = w.store().training(personId(w, u"Bea Chair"_qs)).constFirst();
        record.validUntil = QDate();
        w.updateTraining(record);
    });
    step("remove training",
         [](Workspace &w) { w.removeTraining(w.store().training(personId(w, u"Bea Chair"_qs)).constFirst().id); });
    step("create a review", [hostile](Workspace &w) { w.createReview(u"Board June"_qs, QDate(2026, 6, 1), hostile); });
    step("change the decisions sought",
         [](Workspace &w) { w.setReviewDecisions(w.store().reviewNamed(u"Board June"_qs).id, QString()); });
    step("correct a review's meeting date",
         [](Workspace &w) { w.setReviewMeetingDate(w.store().reviewNamed(u"Board June"_qs).id, QDate(2026, 6, 2)); });
    step("create a second review", [](Workspace &w) { w.createReview(u"Board draft"_qs, QDate(2026, 5, 1)); });
    step("remove a review", [](Workspace &w) { w.removeReview(w.store().reviewNamed(u"Board draft"_qs).id); });
    step("add a metric", [](Workspace &w) {
        w.addMetric({0, u"Patch latency"_qs, u"days"_qs, false, 14, 30, {u"E2"_qs}});
    });
    step("edit a metric", [](Workspace &w) {
        Metric metric = w.store().metricByName(u"Patch latency"_qs);
        metric.amberThreshold = 28.5;
        w.updateMetric(metric);
    });
    step("add a reading", [hostile](Workspace &w) {
        w.addReading({0, w.store().metricByName(u"Patch latency"_qs).id, QDate(2026, 5, 31), 21.25, hostile});
    });
    step("add a second reading", [](Workspace &w) {
        w.addReading({0, w.store().metricByName(u"Patch latency"_qs).id, QDate(2026, 6, 10), 0, QString()});
    });
    step("remove a reading", [](Workspace &w) {
        const Metric metric = w.store().metricByName(u"Patch latency"_qs);
        w.removeReading(w.store().readings(metric.id).constLast().id);
    });
    step("remove a metric with readings",
         [](Workspace &w) { w.removeMetric(w.store().metricByName(u"Patch latency"_qs).id); });
    step("add an exercise", [hostile](Workspace &w) {
        BoardEvent event;
        event.kind = BoardEvent::Kind::Exercise;
        event.occurredOn = QDate(2026, 4, 20);
        event.title = u"Ransomware table-top"_qs;
        event.summary = hostile;
        event.actionIds = {u"D2"_qs};
        w.addEvent(event);
    });
    step("edit an exercise", [](Workspace &w) {
        BoardEvent event = *w.store().event(eventId(w, u"Ransomware table-top"_qs));
        event.lessons = u"Call trees were out of date."_qs;
        event.actionIds = {u"D1"_qs, u"D2"_qs};
        w.updateEvent(event);
    });
    step("remove an exercise", [](Workspace &w) { w.removeEvent(eventId(w, u"Ransomware table-top"_qs)); });
    step("remove a person", [hostile](Workspace &w) { w.removePerson(personId(w, hostile)); });
    return steps;
}

QStringList withoutRevisionHistory(const QStringList &state)
{
    static const QRegularExpression revision(QStringLiteral(", revision=\\d+"));
    QStringList kept;
    for (const QString &line : state) {
        if (line.startsWith(u"evidence_revision: ") || line.startsWith(u"blob: "))
            continue;
        kept << (line.startsWith(u"evidence: ") ? QString(line).remove(revision) : line);
    }
    return kept;
}

QStringList recordState(const QSqlDatabase &db)
{
    QStringList lines;
    QSqlQuery tables(db);
    // The same tables on both engines (PostgreSQL's quorum_schema holds what SQLite's user_version does).
    tables.exec(db.driverName() == QLatin1String("QPSQL")
                    ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                     "current_schema() AND table_name NOT IN ('audit', 'quorum_schema') "
                                     "ORDER BY table_name COLLATE \"C\"")
                    : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                     "'sqlite_%' AND name <> 'audit' ORDER BY name"));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    for (const QString &table : std::as_const(names)) {
        QSqlQuery rows(db);
        rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        QStringList tableLines;
        while (rows.next()) {
            const QSqlRecord record = rows.record();
            QStringList fields;
            for (int column = 0; column < record.count(); ++column) {
                // When the assessment last changed, and how many times any record did: an undo is a change too,
                // made now, and the trail says so.
                if ((table == u"assessment" && record.fieldName(column) == u"updated_at")
                    || record.fieldName(column) == u"row_version")
                    continue;
                const QVariant value = record.value(column);
                QString shown;
                if (value.isNull())
                    shown = QStringLiteral("NULL");
                else if (value.typeId() == QMetaType::QByteArray)
                    shown = QStringLiteral("x'%1'").arg(QString::fromLatin1(value.toByteArray().toHex()));
                else
                    shown = value.toString();
                fields << record.fieldName(column) + QLatin1Char('=') + shown;
            }
            tableLines << table + QLatin1String(": ") + fields.join(QLatin1String(", "));
        }
        tableLines.sort();
        lines << tableLines;
    }
    return lines;
}

} // namespace quorum::test
