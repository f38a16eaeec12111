# ITAKU_FUZZ: the libFuzzer build (tests/fuzz, scripts/fuzz.sh). libFuzzer ships with clang only,
# so this mode needs clang++ (Debian: clang and libclang-rt-14-dev). It builds core, the plugins
# and the fuzz targets, nothing else (the top-level CMakeLists.txt skips cli, tests and bench).
#
# Instrumentation is applied per target, by itaku_fuzz_instrument(<target>), not globally: the
# plugins stay uninstrumented because they are linked with -z defs, and the sanitizer and
# coverage runtimes live in the fuzz executable, which a plugin cannot name at link time.
if(NOT ITAKU_FUZZ)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR
    "ITAKU_FUZZ=ON needs clang++ (libFuzzer is part of clang), but the C++ compiler is "
    "${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER}). Configure a fresh build directory with "
    "CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DITAKU_FUZZ=ON, or run scripts/fuzz.sh; "
    "on Debian install the packages clang and libclang-rt-14-dev (scripts/setup.sh).")
endif()
if(ITAKU_SANITIZE)
  message(FATAL_ERROR "ITAKU_FUZZ=ON brings its own sanitizers: leave ITAKU_SANITIZE empty")
endif()

# The sanitizers intercept malloc; jemalloc would take it from them.
set(ITAKU_USE_JEMALLOC OFF)

# A UBSan finding aborts, so libFuzzer records it as a crash with its input.
set(ITAKU_FUZZ_SANITIZERS address,undefined)
set(ITAKU_FUZZ_COMPILE_OPTIONS
  -fsanitize=fuzzer-no-link,${ITAKU_FUZZ_SANITIZERS}
  -fno-sanitize-recover=undefined
  -fno-omit-frame-pointer)
