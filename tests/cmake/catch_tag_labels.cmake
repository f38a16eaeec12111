# Run at build time (cmake -P) after a test executable is linked: gives each CTest test, as
# catch_discover_tests named it, a label for each of its Catch tags in LABEL_TAGS, so that
# `ctest -L concurrency` runs every TEST_CASE tagged [concurrency]. Catch2 v2's
# catch_discover_tests cannot do this itself.
# Variables: TEST_EXECUTABLE, TEST_WORKING_DIR, LABEL_TAGS (a list), CTEST_FILE (written).
set(script "")
set(labelled_names "")
foreach(tag IN LISTS LABEL_TAGS)
  execute_process(
    COMMAND "${TEST_EXECUTABLE}" "[${tag}]" --list-test-names-only
    OUTPUT_VARIABLE output
    RESULT_VARIABLE result
    WORKING_DIRECTORY "${TEST_WORKING_DIR}")
  # Catch v2 exits with the number of tests listed; only a negative value or text is a failure.
  if(NOT result MATCHES "^[0-9]+$")
    message(FATAL_ERROR "${TEST_EXECUTABLE} could not list its [${tag}] tests: ${result}\n${output}")
  endif()
  string(REPLACE "\n" ";" names "${output}")
  foreach(name IN LISTS names)
    if(name STREQUAL "")
      continue()
    endif()
    string(SHA1 key "${name}")
    if(NOT DEFINED labels_${key})
      list(APPEND labelled_names "${key}")
      set(name_${key} "${name}")
    endif()
    list(APPEND labels_${key} "${tag}")
  endforeach()
endforeach()

foreach(key IN LISTS labelled_names)
  string(APPEND script "set_tests_properties([==[${name_${key}}]==] PROPERTIES LABELS \"${labels_${key}}\")\n")
endforeach()
file(WRITE "${CTEST_FILE}" "${script}")
