#pragma once
// The build signature compiled into the kernel and into every plugin. Two
// binaries may exchange C++ objects only when these strings are identical.

#include <boost/version.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/version.h>

#define GATEOS_STR_(x) #x
#define GATEOS_STR(x) GATEOS_STR_(x)

#if defined(__clang__)
#define GATEOS_SIG_COMPILER "clang-" GATEOS_STR(__clang_major__) "." GATEOS_STR(__clang_minor__)
#elif defined(__GNUC__)
#define GATEOS_SIG_COMPILER "gcc-" GATEOS_STR(__GNUC__) "." GATEOS_STR(__GNUC_MINOR__)
#else
#define GATEOS_SIG_COMPILER "unknown"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define GATEOS_SIG_STDLIB "libstdc++-cxx11abi" GATEOS_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define GATEOS_SIG_STDLIB "libc++" GATEOS_STR(_LIBCPP_VERSION)
#else
#define GATEOS_SIG_STDLIB "stdlib-unknown"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define GATEOS_SIG_ASAN "asan"
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GATEOS_SIG_ASAN "asan"
#endif
#endif
#ifndef GATEOS_SIG_ASAN
#define GATEOS_SIG_ASAN "noasan"
#endif

// Set by CMake when UndefinedBehaviorSanitizer is on (no compiler macro exists).
#if defined(GATEOS_UBSAN)
#define GATEOS_SIG_UBSAN "ubsan"
#else
#define GATEOS_SIG_UBSAN "noubsan"
#endif

#define GATEOS_BUILD_SIGNATURE                                                                 \
  GATEOS_SIG_COMPILER ";" GATEOS_SIG_STDLIB ";cxx" GATEOS_STR(__cplusplus) ";boost" GATEOS_STR( \
      BOOST_VERSION) ";json" GATEOS_STR(NLOHMANN_JSON_VERSION_MAJOR) "." GATEOS_STR(             \
      NLOHMANN_JSON_VERSION_MINOR) ";spdlog" GATEOS_STR(SPDLOG_VER_MAJOR) "." GATEOS_STR(SPDLOG_VER_MINOR) ";fmt" GATEOS_STR(FMT_VERSION) \
      ";" GATEOS_SIG_ASAN ";" GATEOS_SIG_UBSAN
