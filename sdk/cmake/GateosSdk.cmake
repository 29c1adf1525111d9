# Entry point for plugins built OUT OF TREE against this SDK:
#
#   set(GATEOS_SDK_DIR <gateos>/sdk CACHE PATH "GateOS SDK")
#   include(${GATEOS_SDK_DIR}/cmake/GateosSdk.cmake)
#   gateos_add_plugin(my_plugin MANIFEST plugin.json SOURCES ...)
#
# Defines the header-only target gateos::sdk (the same as the in-tree one, from
# the same Debian packages) and gateos_add_plugin. A plugin must be built with
# the same compiler, standard library and sanitizer flags as the gateos binary
# that loads it (the build signature, sdk/include/gateos/sdk/build_signature.h):
# configure with -DGATEOS_SANITIZE=ON for a sanitized gateos.
include_guard(GLOBAL)

get_filename_component(_gateos_sdk_root ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)

if(NOT TARGET gateos::sdk)
  find_package(Boost 1.74 REQUIRED)
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(fmt REQUIRED)
  find_package(spdlog REQUIRED)
  add_library(gateos_sdk INTERFACE)
  add_library(gateos::sdk ALIAS gateos_sdk)
  target_include_directories(gateos_sdk INTERFACE ${_gateos_sdk_root}/include)
  target_link_libraries(gateos_sdk INTERFACE nlohmann_json::nlohmann_json fmt::fmt Boost::headers)
  target_compile_features(gateos_sdk INTERFACE cxx_std_20)
  # spdlog's version header only (build signature); plugins do not link spdlog.
  get_target_property(_spdlog_inc spdlog::spdlog INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(gateos_sdk INTERFACE ${_spdlog_inc})

  option(GATEOS_SANITIZE "Match a gateos built with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
  if(GATEOS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
    add_compile_definitions(GATEOS_UBSAN=1)
  endif()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/GateosPlugin.cmake)
