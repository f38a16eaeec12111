# Record sources: JSON Lines, JSON, CSV and stdin (owned by the input-reading work); record
# writers (JSON Lines, CSV, xlsx), their inverse, for export.
target_sources(itaku_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/field_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/record_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_parse_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_numbers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jsonl_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_positions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/record_writers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jsonl_record_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_record_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_record_writer.cpp
  # Office ledgers (docs/ledger.md): values as offices write them, CSV in any encoding, .xlsx.
  ${CMAKE_CURRENT_LIST_DIR}/office_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ledger_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ledger_mapping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ledger_source.cpp
  # The register as a workbook (docs/records.md).
  ${CMAKE_CURRENT_LIST_DIR}/field_labels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_record_writer.cpp
)
