#pragma once

#include "core/domain/catalogue.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"

#include <QUndoStack>

#include <gtest/gtest.h>

#include <memory>

namespace quorum::test {

/** A test on a new, empty workspace in a fresh folder, on the fixed test clock. */
class WorkspaceTestBase : public ::testing::Test {
protected:
    TempFolder folder;
    std::unique_ptr<Workspace> workspace =
        Workspace::open(folder.path(QStringLiteral("workspace.quorum")), true, Catalogue::builtIn(), fixedClock());
    Store &store = workspace->store();
    QUndoStack &stack = *workspace->undoStack();
};

} // namespace quorum::test
