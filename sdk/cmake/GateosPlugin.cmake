# gateos_add_plugin(<target>
#   MANIFEST <path to plugin.json>
#   SOURCES <plugin sources...>
#   [PLUGIN_SOURCE <file with GATEOS_PLUGIN(...)>]   default: plugin.cpp
#   [ASSETS <files or folders...>]
#   [OUTPUT_DIR <dir>])
#
# Builds the plugin twice over the same sources: an object library
# <target>_objects (for plugin unit tests, which link it directly) and the
# loadable module <target>, placed in <OUTPUT_DIR>/<id>/ next to a copy of the
# manifest and the assets — the layout the kernel and the registry expect.
function(gateos_add_plugin target)
  cmake_parse_arguments(ARG "" "MANIFEST;PLUGIN_SOURCE;OUTPUT_DIR" "SOURCES;ASSETS" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "gateos_add_plugin(${target}): MANIFEST is required")
  endif()
  if(NOT ARG_PLUGIN_SOURCE)
    set(ARG_PLUGIN_SOURCE plugin.cpp)
  endif()
  if(NOT ARG_OUTPUT_DIR)
    if(DEFINED GATEOS_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIR ${GATEOS_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
    endif()
  endif()
  file(READ ${ARG_MANIFEST} _manifest)
  string(JSON _id GET "${_manifest}" id)
  set(_dir ${ARG_OUTPUT_DIR}/${_id})

  add_library(${target}_objects OBJECT ${ARG_SOURCES})
  target_link_libraries(${target}_objects PUBLIC gateos::sdk)
  set_target_properties(${target}_objects PROPERTIES POSITION_INDEPENDENT_CODE ON)

  add_library(${target} MODULE ${ARG_PLUGIN_SOURCE} $<TARGET_OBJECTS:${target}_objects>)
  target_link_libraries(${target} PRIVATE gateos::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib" LIBRARY_OUTPUT_DIRECTORY ${_dir}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  # Fail at link time, not at dlopen time, on an unresolved symbol.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  # GNU unique symbols (emitted for some inline statics of libstdc++) pin a
  # library in memory forever; without them an upgraded plugin's old code can
  # really be unloaded once its last object is gone.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target}_objects PRIVATE -fno-gnu-unique)
    target_compile_options(${target} PRIVATE -fno-gnu-unique)
  endif()

  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ARG_MANIFEST} ${_dir}/plugin.json)
  foreach(_asset IN LISTS ARG_ASSETS)
    if(IS_DIRECTORY ${_asset})
      get_filename_component(_name ${_asset} NAME)
      add_custom_command(TARGET ${target} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E copy_directory ${_asset} ${_dir}/assets/${_name})
    else()
      add_custom_command(TARGET ${target} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}/assets
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_asset} ${_dir}/assets/)
    endif()
  endforeach()
  # Bundled plugins (plugins/CMakeLists.txt turns GATEOS_PUBLISH_PLUGINS on)
  # publish themselves, signed, into the build's local registry once built, so
  # the registry always holds what was built last (registry/CMakeLists.txt).
  if(GATEOS_PUBLISH_PLUGINS)
    add_custom_command(TARGET ${target} POST_BUILD
      # (A sanitized build's tool must not fail the build over an exit-time report.)
      COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
              $<TARGET_FILE:gateos_registry_tool> pack ${_dir} --key ${GATEOS_PUBLISHER_KEY_DIR}/publisher.key
              --registry ${GATEOS_LOCAL_REGISTRY_DIR} --quiet
      VERBATIM)
    add_dependencies(${target} gateos_publisher_key)
  endif()
  set_property(GLOBAL APPEND PROPERTY GATEOS_PLUGIN_TARGETS ${target})
endfunction()
