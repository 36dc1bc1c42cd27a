// GoogleTest main for tests of core (Qt Gui is needed for fonts in models and reports; no widgets).
#include <QGuiApplication>
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
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
