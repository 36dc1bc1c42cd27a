# Fails when a C++ source of Quorum is not formatted with the repository's .clang-format (clang-format 14,
# as Debian 12 ships it). Fix with: clang-format -i $(git ls-files '*.cpp' '*.h')
file(GLOB_RECURSE sources
    "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
    "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h")
list(FILTER sources EXCLUDE REGEX "/tests/fuzz/corpus/")
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${sources}
                RESULT_VARIABLE result ERROR_VARIABLE errors OUTPUT_QUIET)
list(LENGTH sources count)
if(NOT result EQUAL 0)
    string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted[^\n]*" offenders "${errors}")
    list(REMOVE_DUPLICATES offenders)
    string(REPLACE ";" "\n" offenders "${offenders}")
    message(FATAL_ERROR "Not formatted with .clang-format (run clang-format -i on them):\n${offenders}")
endif()
message(STATUS "${count} C++ files formatted with .clang-format")
