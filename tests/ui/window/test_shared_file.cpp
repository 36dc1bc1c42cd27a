// The exact sequence a new user hit (issue 13, item 1): the app holds the database, a file dialog lists the
// database's folder, quorum-cli opens and closes the same file, then both write. Qt's own icon provider
// reads every listed file to sniff its type, which released SQLite's locks, after which the CLI deleted the
// -wal file under the app and the app's later changes were lost. quorum::FileDialog reads no file.
#include "core/domain/catalogue.h"
#include "core/storage/database.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"
#include "ui/widgets/filedialog.h"

#include <QFileSystemModel>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

TEST(SharedFileDialog, BrowsingTheDatabaseFolderKeepsTheOpenDatabasesLocks)
{
    TempFolder folder;
    const QString path = folder.path(u"org.quorum"_qs);
    auto workspace = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());
    workspace->addPerson({0, u"App First"_qs, u"CISO"_qs, false, true});
    writeFile(folder.path(u"minutes.pdf"_qs), QByteArray("%PDF-1.4 minutes"));
    const FileIdentity walBefore = FileIdentity::of(path + u"-wal"_qs);
    ASSERT_TRUE(walBefore.exists);

    {
        FileDialog dialog(nullptr, u"Add evidence files"_qs, folder.root());
        dialog.setViewMode(QFileDialog::Detail);
        auto *model = dialog.findChild<QFileSystemModel *>();
        ASSERT_NE(model, nullptr);
        QSignalSpy loaded(model, &QFileSystemModel::directoryLoaded);
        dialog.show();
        ASSERT_TRUE(!loaded.isEmpty() || loaded.wait(30000));
        // The model may announce another folder first (a parent, on a loaded machine): wait for this one's files.
        ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount(model->index(folder.root())) >= 4; }, 30000))
            << "the dialog does not list the database and its working files";
        const QModelIndex root = model->index(folder.root());
        // Everything the view shows for each file: its icon and its type, asked of the model and of the
        // dialog's icon provider directly, as the view and the dialog's background thread do.
        for (int row = 0; row < model->rowCount(root); ++row) {
            const QModelIndex name = model->index(row, 0, root);
            model->data(name, Qt::DecorationRole);
            model->data(model->index(row, 2, root), Qt::DisplayRole);
            dialog.iconProvider()->icon(model->fileInfo(name));
            dialog.iconProvider()->type(model->fileInfo(name));
        }
        dialog.grab();
    } // the dialog's file information thread ends with it

    ASSERT_EQ(runCli({u"--db"_qs, path, u"evidence"_qs, u"list"_qs}).exitCode, 0);
    EXPECT_EQ(FileIdentity::of(path + u"-wal"_qs), walBefore)
        << "the -wal file was deleted or replaced under the open workspace";
    workspace->addPerson({0, u"App Second"_qs, u"Auditor"_qs, false, true});
    ASSERT_EQ(
        runCli({u"--db"_qs, path, u"people"_qs, u"add"_qs, u"CLI Person"_qs, u"--role"_qs, u"Secretary"_qs}).exitCode,
        0);
    workspace.reset();

    auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fixedClock());
    QStringList people;
    for (const Person &person : store.people())
        people << person.name;
    for (const QString &name : {u"App First"_qs, u"App Second"_qs, u"CLI Person"_qs})
        EXPECT_TRUE(people.contains(name))
            << name.toStdString() << " lost; the file has " << people.join(u", "_qs).toStdString();
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST(SharedFileDialog, NoPlatformDialogIsEverBuilt)
{
    // A platform dialog (GTK's, KDE's) runs in this process and reads the type of every file it lists; Qt
    // builds it inside QFileDialog's constructor unless native dialogs are off for the whole program.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs, false);
    const FileDialog dialog(nullptr, u"Open"_qs);
    EXPECT_TRUE(QCoreApplication::testAttribute(Qt::AA_DontUseNativeDialogs));
    EXPECT_TRUE(dialog.testOption(QFileDialog::DontUseNativeDialog));
}

TEST(SharedFileDialog, TypesComeFromTheNameAlone)
{
    TempFolder folder;
    // A PDF by content but not by name: sniffing would call it a PDF document.
    writeFile(folder.path(u"no-extension"_qs), QByteArray("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"));
    writeFile(folder.path(u"report.pdf"_qs), QByteArray("not really a pdf"));
    const NameOnlyIconProvider provider;
    EXPECT_EQ(provider.type(QFileInfo(folder.path(u"no-extension"_qs))), u"File"_qs);
    EXPECT_TRUE(provider.type(QFileInfo(folder.path(u"report.pdf"_qs))).contains(u"PDF"_qs));
    EXPECT_EQ(provider.type(QFileInfo(folder.root())), u"Folder"_qs);
    EXPECT_FALSE(provider.icon(QFileInfo(folder.path(u"report.pdf"_qs))).isNull());
}

} // namespace
