// JSON Lines: one record per line, streamed, so memory stays constant however long the input.
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "itaku/io/record_source.hpp"

namespace itaku::detail {

// One line of JSON Lines as a record: a JSON object, or why not (line_number names the line).
Result<nlohmann::json> parse_json_line(const std::string& line, std::size_t line_number);

// Reads from `owned_stream` (a file the source keeps open until it is destroyed).
std::unique_ptr<RecordSource> make_owning_jsonl_source(std::unique_ptr<std::istream> owned_stream,
                                                       std::string name);

}  // namespace itaku::detail
