#pragma once

#include "core/domain/catalogue.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"

#include <QUndoStack>

#include <gtest/gtest.h>

#include <memory>

namespace quorum::test {

/** A test on a new, empty workspace (a file in a fresh folder, or a server database), on the fixed test clock. */
class WorkspaceTestBase : public ::testing::Test {
protected:
    TestLocation place{QStringLiteral("workspace.quorum")};
    TempFolder &folder = place.folder;
    std::unique_ptr<Workspace> workspace = Workspace::open(place.location(), true, Catalogue::builtIn(), fixedClock());
    Store &store = workspace->store();
    QUndoStack &stack = *workspace->undoStack();
};

} // namespace quorum::test
