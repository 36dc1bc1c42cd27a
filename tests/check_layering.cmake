# Fails when a file includes a header from a layer above its own (docs/design.md, "Layers").
#
#   cmake -DSOURCE_DIR=<repository> -P check_layering.cmake
#
# Every project header is included by its path from the top of the repository ("core/storage/store.h"),
# or by its bare name from the same folder. A file may include its own folder and any lower layer; folders
# of the same rank are peers and do not include each other. Lowest first:
set(layer_order
    "core/domain:0"
    "core/storage:1"
    "core/rules:2"
    "core/workspace:3"
    "core/models:4" "core/report:4" "core/interchange:4" "core/samples:4"
    "ui/widgets:5"
    "ui/charts:6"
    "ui/report:7"
    "ui/pages:8"
    "ui/window:9"
    "app/gui:10" "app/cli:10")

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "check_layering.cmake needs -DSOURCE_DIR=<repository>")
endif()

# The layer folder a path (relative to the repository) lies in, or "" for none.
function(layer_of path out_folder out_rank)
    set(${out_folder} "" PARENT_SCOPE)
    set(${out_rank} -1 PARENT_SCOPE)
    foreach(entry IN LISTS layer_order)
        string(REPLACE ":" ";" pair "${entry}")
        list(GET pair 0 folder)
        list(GET pair 1 rank)
        string(LENGTH "${folder}/" length)
        string(SUBSTRING "${path}" 0 ${length} head)
        if(head STREQUAL "${folder}/")
            set(${out_folder} "${folder}" PARENT_SCOPE)
            set(${out_rank} ${rank} PARENT_SCOPE)
            return()
        endif()
    endforeach()
endfunction()

file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp"
     "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp"
     "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp")
set(offences "")
set(checked 0)
foreach(source IN LISTS sources)
    layer_of("${source}" folder rank)
    if(folder STREQUAL "")
        list(APPEND offences "${source}: lies in no layer folder (move it into one of: ${layer_order})")
        continue()
    endif()
    get_filename_component(own_dir "${source}" DIRECTORY)
    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*$" "\\1" included "${line}")
        math(EXPR checked "${checked} + 1")
        if(NOT included MATCHES "/")
            if(NOT EXISTS "${SOURCE_DIR}/${own_dir}/${included}")
                list(APPEND offences
                     "${source}: includes \"${included}\", which is not beside it: include it by its path from the top of the repository")
            endif()
            continue()
        endif()
        if(NOT EXISTS "${SOURCE_DIR}/${included}")
            list(APPEND offences "${source}: includes \"${included}\", which is no file of the repository")
            continue()
        endif()
        layer_of("${included}" included_folder included_rank)
        if(included_folder STREQUAL folder)
            continue()
        endif()
        if(included_folder STREQUAL "")
            list(APPEND offences "${source} (${folder}): includes \"${included}\", which lies in no layer folder")
        elseif(included_rank GREATER rank)
            list(APPEND offences
                 "${source} (${folder}): includes \"${included}\" from ${included_folder}, a layer above its own")
        elseif(included_rank EQUAL rank)
            list(APPEND offences
                 "${source} (${folder}): includes \"${included}\" from ${included_folder}, a peer of its own layer")
        endif()
    endforeach()
endforeach()

list(LENGTH sources count)
if(offences)
    list(JOIN offences "\n" text)
    message(FATAL_ERROR "Includes against the layer order (docs/design.md, \"Layers\"):\n${text}")
endif()
message(STATUS "${count} files, ${checked} project includes, each from its own layer or one below")
