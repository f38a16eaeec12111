# Called by itaku_embed_text at build time: INPUT, OUTPUT, SYMBOL.
file(READ "${INPUT}" content)
string(FIND "${content}" ")itaku_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )itaku_embed\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT}; edit that file instead.\n#pragma once\n#include <string_view>\ninline constexpr std::string_view ${SYMBOL} = R\"itaku_embed(${content})itaku_embed\";\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
