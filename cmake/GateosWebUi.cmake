# The web UI (ui-web/, React + Vite) built by npm as part of the normal build:
# `npm ci` when package-lock.json changed, `npm run build` when a source changed.
# Output: <build>/share/gateos/ui — the same place relative to bin/gateos as an
# installed share/gateos/ui, so the kernel finds it in both (docs/web-ui.md).
#
# GATEOS_BUILD_UI=OFF skips it (the kernel then serves a page saying how to build it).

option(GATEOS_BUILD_UI "Build the web UI with npm (needs Node.js >= 20.19)" ON)

set(GATEOS_UI_SOURCE_DIR ${PROJECT_SOURCE_DIR}/ui-web)
set(GATEOS_UI_OUTPUT_DIR ${CMAKE_BINARY_DIR}/share/gateos/ui)

if(GATEOS_BUILD_UI)
  find_program(GATEOS_NPM npm)
  find_program(GATEOS_NODE node)
  if(GATEOS_NODE)
    execute_process(COMMAND ${GATEOS_NODE} --version OUTPUT_VARIABLE _node_version OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX REPLACE "^v" "" _node_version "${_node_version}")
  endif()
  if(NOT GATEOS_NPM OR NOT GATEOS_NODE OR _node_version VERSION_LESS 20.19)
    message(WARNING "web UI not built: needs node >= 20.19 and npm (found node '${_node_version}'); "
                    "`make` installs them, or configure with -DGATEOS_BUILD_UI=OFF")
    set(GATEOS_BUILD_UI OFF)
  endif()
endif()

if(GATEOS_BUILD_UI)
  file(GLOB_RECURSE _ui_sources CONFIGURE_DEPENDS
    ${GATEOS_UI_SOURCE_DIR}/src/*
    ${GATEOS_UI_SOURCE_DIR}/public/*)
  set(_ui_installed ${GATEOS_UI_SOURCE_DIR}/node_modules/.package-lock.json)
  add_custom_command(
    OUTPUT ${_ui_installed}
    COMMAND ${GATEOS_NPM} ci --no-audit --no-fund --loglevel=error
    DEPENDS ${GATEOS_UI_SOURCE_DIR}/package.json ${GATEOS_UI_SOURCE_DIR}/package-lock.json
    WORKING_DIRECTORY ${GATEOS_UI_SOURCE_DIR}
    COMMENT "web UI: npm ci"
    VERBATIM)
  add_custom_command(
    OUTPUT ${GATEOS_UI_OUTPUT_DIR}/index.html
    COMMAND ${CMAKE_COMMAND} -E env GATEOS_UI_OUT=${GATEOS_UI_OUTPUT_DIR} ${GATEOS_NPM} run build --silent
    DEPENDS ${_ui_installed} ${_ui_sources}
      ${GATEOS_UI_SOURCE_DIR}/index.html ${GATEOS_UI_SOURCE_DIR}/vite.config.ts ${GATEOS_UI_SOURCE_DIR}/tsconfig.json
    WORKING_DIRECTORY ${GATEOS_UI_SOURCE_DIR}
    COMMENT "web UI: npm run build"
    VERBATIM)
  add_custom_target(gateos_ui ALL DEPENDS ${GATEOS_UI_OUTPUT_DIR}/index.html)
  include(GNUInstallDirs)
  install(DIRECTORY ${GATEOS_UI_OUTPUT_DIR}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/gateos/ui)
endif()
