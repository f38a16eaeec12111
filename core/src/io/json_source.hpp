// A JSON document holding one record (an object) or an array of records. Unlike JSON Lines it
// is parsed whole: a .json file is for a handful of records, not for bulk input.
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "itaku/io/record_source.hpp"

namespace itaku::detail {

// Reads and parses all of `in` now. Throws itaku::Error (kInvalidArgument) when the document is
// not JSON, not UTF-8, or neither an object nor an array (the message does not repeat the file
// name: the caller knows it); kUnavailable on a read error.
std::unique_ptr<RecordSource> make_json_document_source(std::istream& in, std::string name);

}  // namespace itaku::detail
