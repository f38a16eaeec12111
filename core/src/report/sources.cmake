# Report writers: json, jsonl, csv, md, html, xlsx (owned by the report work).
target_sources(itaku_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/csv_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/due_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/finding_ids.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jsonl_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markdown_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_labels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_digest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/result_spool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spool_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wording.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_writer.cpp
)
