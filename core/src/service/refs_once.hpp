// Each engagement once per run: a second record with a ref already seen in the same import or
// review is invalid, with an error naming where the first was. An import would otherwise write
// the record twice over itself, and a review would count and print it twice.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "service/ordered_pipeline.hpp"

namespace itaku::detail {

class RefsOnce {
 public:
  // `run_ja` / `run_en` name the run in the message: 取込み / import, 審査 / review.
  RefsOnce(std::string run_ja, std::string run_en) : run_ja_(std::move(run_ja)), run_en_(std::move(run_en)) {}

  // Adds the error to `outcome` when its ref (of the record, or of its first error) came
  // before in this run; tells whether it did.
  bool check(RecordOutcome& outcome);

 private:
  struct Place {
    const std::string* source = nullptr;  // sources outlive the run
    std::size_t record = 0;
  };
  std::string run_ja_;
  std::string run_en_;
  std::unordered_map<std::string, Place> first_seen_;
};

}  // namespace itaku::detail
