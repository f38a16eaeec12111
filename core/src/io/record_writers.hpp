// What the record writers (JSON Lines, CSV) share: how a refused record is named in a message,
// and the check that turns a failed output stream into the itaku::Error RecordWriter promises.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "itaku/io/record_writer.hpp"

namespace itaku::detail {

// A piece of a message in both languages; messages put the Japanese first.
struct BilingualText {
  std::string ja;
  std::string en;
};

// "レコード 3（ref 'R7-001'）" / "record 3 (ref 'R7-001')": `number` is the 1-based position of
// the record among those given to the writer. A missing, non-text or non-UTF-8 ref reads
// "ref なし" / "no ref"; a long one is cut, so the message stays short and valid UTF-8.
BilingualText record_label(std::size_t number, const nlohmann::json& record);

// Throws itaku::Error (kUnavailable) if anything written to `out` has failed.
void check_record_output(const std::ostream& out);

std::unique_ptr<RecordWriter> make_jsonl_record_writer(std::ostream& out);

}  // namespace itaku::detail
