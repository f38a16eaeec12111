# ITAKU_SANITIZE: build every target (core, executables, plugins, test programs) with GCC's
# sanitizers, as scripts/test.sh does in build-asan and build-tsan:
#   -DITAKU_SANITIZE=address,undefined   ASan + UBSan (+ LeakSanitizer at exit)
#   -DITAKU_SANITIZE=thread              TSan
# Plugins get the same flags: Boost.DLL loads them into the sanitized host, and a plugin built
# with the same compiler and options keeps the same toolchain tag (ITAKU_PLUGIN_TOOLCHAIN).
set(ITAKU_SANITIZE "" CACHE STRING "Sanitizers to build with: empty, address,undefined or thread")

if(ITAKU_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "ITAKU_SANITIZE is set up for g++ (the compiler of the plugin toolchain tag)")
  endif()
  string(REPLACE "," ";" itaku_sanitizers "${ITAKU_SANITIZE}")
  if("thread" IN_LIST itaku_sanitizers AND ("address" IN_LIST itaku_sanitizers OR "leak" IN_LIST itaku_sanitizers))
    message(FATAL_ERROR "ITAKU_SANITIZE: thread cannot be combined with address or leak")
  endif()
  # Frame pointers give readable stacks in every report, including the fast unwinder's.
  add_compile_options(-fsanitize=${ITAKU_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ITAKU_SANITIZE})
  if("undefined" IN_LIST itaku_sanitizers)
    # A UBSan finding aborts the process, so it fails the test instead of scrolling by.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  # jemalloc would replace the allocator the sanitizers intercept.
  if(ITAKU_USE_JEMALLOC)
    message(STATUS "ITAKU_SANITIZE=${ITAKU_SANITIZE}: not linking jemalloc")
  endif()
  set(ITAKU_USE_JEMALLOC OFF)
endif()

# UBSan's vptr check makes each file reference the typeinfo of the polymorphic classes it uses,
# and libsoci_core.so does not export that of soci::details::ref_counted_statement and
# ref_counted_prepare_info, so the files that use SOCI (all in core/src/registry, the one place
# that talks to the database) would not link. They are checked without vptr; all else with it.
function(itaku_sanitizer_exceptions)
  file(GLOB soci_sources "${PROJECT_SOURCE_DIR}/core/src/registry/*.cpp")
  set_source_files_properties(${soci_sources} DIRECTORY "${PROJECT_SOURCE_DIR}/core"
    PROPERTIES COMPILE_OPTIONS -fno-sanitize=vptr)
endfunction()
if(ITAKU_SANITIZE MATCHES "undefined")
  # Once every directory has been added: the property is set in core's directory scope.
  cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL itaku_sanitizer_exceptions)
endif()
