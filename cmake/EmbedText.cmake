# itaku_embed_text(<target> <symbol> <file>): makes the text of <file> available to <target>
# as `inline constexpr std::string_view <symbol>` in the generated header "<symbol>.hpp".
# The file stays the single source of truth (e.g. schemas/*.json); the build re-embeds it
# whenever it changes, so a binary never depends on finding data files at run time.
set(ITAKU_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_text_script.cmake")

function(itaku_embed_text target symbol file)
  get_filename_component(source "${file}" ABSOLUTE)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/embedded")
  set(header "${out_dir}/${symbol}.hpp")
  add_custom_command(
    OUTPUT "${header}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${source} -DOUTPUT=${header} -DSYMBOL=${symbol} -P "${ITAKU_EMBED_SCRIPT}"
    DEPENDS "${source}" "${ITAKU_EMBED_SCRIPT}"
    COMMENT "Embedding ${file}"
    VERBATIM)
  target_sources(${target} PRIVATE "${header}")
  target_include_directories(${target} PRIVATE "${out_dir}")
endfunction()
