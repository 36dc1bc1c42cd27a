// GoogleTest main for tests of the widgets layer, offscreen.
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include "core/storage/sql.h"
#include "testsupport.h"

int main(int argc, char **argv)
{
    quorum::test::takeEngineArgument(argc, argv);
    quorum::leaveOutDriverNotes();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
