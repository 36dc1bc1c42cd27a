# Builds the .deb with CPack into a scratch folder, checks its control fields and contents, unpacks it
# with dpkg -x into a scratch root and runs the installed programs from there.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err
                    WORKING_DIRECTORY "${WORK}")
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "failed (${result}): ${ARGN}\n${out}\n${err}")
    endif()
    set(out "${out}" PARENT_SCOPE)
endfunction()

function(expect text what)
    string(FIND "${text}" "${what}" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "expected '${what}' in:\n${text}")
    endif()
endfunction()

string(TIMESTAMP started "%s")
run(${CPACK} -G DEB -B "${WORK}/out" --config "${CONFIG}")
file(GLOB debs "${WORK}/out/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${WORK}/out, found: ${debs}")
endif()
set(deb "${debs}")
message(STATUS "built ${deb}")

get_filename_component(dpkg_dir "${DPKG}" DIRECTORY)
run(${dpkg_dir}/dpkg-deb --field "${deb}" Package Version Section Maintainer Depends Description)
set(fields "${out}")
expect("${fields}" "Package: quorum")
expect("${fields}" "Version: ${VERSION}")
expect("${fields}" "Section: utils")
expect("${fields}" "Maintainer: ")
foreach(dependency libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libpq5 qt6-qpa-plugins libxlsxwriter libqpdf libsqlite3 libc6)
    expect("${fields}" "${dependency}")
endforeach()

run(${dpkg_dir}/dpkg-deb --contents "${deb}")
set(contents "${out}")
foreach(path ./usr/bin/quorum ./usr/bin/quorum-cli ./usr/share/applications/org.quorum.Quorum.desktop
             ./usr/share/metainfo/org.quorum.Quorum.metainfo.xml
             ./usr/share/icons/hicolor/scalable/apps/org.quorum.Quorum.svg
             ./usr/share/icons/hicolor/16x16/apps/org.quorum.Quorum.png
             ./usr/share/icons/hicolor/48x48/apps/org.quorum.Quorum.png
             ./usr/share/icons/hicolor/512x512/apps/org.quorum.Quorum.png
             ./usr/share/man/man1/quorum-cli.1.gz ./usr/share/doc/quorum/cli.md)
    expect("${contents}" "${path}")
endforeach()

run(${DPKG} -x "${deb}" "${WORK}/root")
set(cli "${WORK}/root/usr/bin/quorum-cli")
run(${cli} --version)
expect("${out}" "quorum-cli ${VERSION}")
run(${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen "${WORK}/root/usr/bin/quorum" --version)
expect("${out}" "${VERSION}")
run(${CMAKE_COMMAND} -E env QUORUM_NOW=2026-06-15 ${cli} --db "${WORK}/demo.quorum" init --demo)
run(${CMAKE_COMMAND} -E env QUORUM_NOW=2026-06-15 ${cli} --db "${WORK}/demo.quorum" export "${WORK}/demo.csv")
expect("${out}" "Exported 36 actions")
file(READ "${WORK}/demo.csv" csv)
expect("${csv}" "ID,Principle,Short title,Owner,Director,Rating,Target,RAG")
expect("${csv}" "A1,A: Risk management,")
run(${CMAKE_COMMAND} -E env QUORUM_NOW=2026-06-15 ${cli} --db "${WORK}/demo.quorum" verify)
string(TIMESTAMP finished "%s")
math(EXPR seconds "${finished} - ${started}")
message(STATUS "the package installs and runs (${seconds} s)")
file(REMOVE_RECURSE "${WORK}")
