# Excel workbooks (libxlsxwriter), shared by the xlsx review report and the xlsx register export.
target_sources(itaku_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_sheet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xlsx_workbook.cpp
)
