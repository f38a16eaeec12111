// Review results kept on disk until the end of a report, then given back in the order people
// read them: by decision (reject, conditional, approve), then by ref in natural order (CFA-2
// before CFA-10), then by position in the input. Only a small index entry per result stays in
// memory; the results themselves are encoded into a SpoolFile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "itaku/domain/review_result.hpp"
#include "report/spool_file.hpp"

namespace itaku::detail {

// The order of the decision groups in the human-readable reports: what needs action first.
inline constexpr std::array<Decision, 3> kDecisionOrder = {Decision::kReject, Decision::kConditional,
                                                           Decision::kApprove};

class ResultSpool {
 public:
  void add(const ReviewResult& result);

  std::size_t count(Decision decision) const noexcept { return counts_[static_cast<std::size_t>(decision)]; }
  std::size_t size() const noexcept { return entries_.size(); }

  // Calls `visit` for every result of `decision`, in natural ref order. Throws itaku::Error
  // (kUnavailable) when the spool cannot be read back.
  void for_each(Decision decision, const std::function<void(const ReviewResult&)>& visit);

 private:
  struct Entry {
    std::string ref;
    std::size_t record = 0;
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
    Decision decision = Decision::kApprove;
  };

  SpoolFile file_;
  std::vector<Entry> entries_;
  std::array<std::size_t, 3> counts_{};  // by Decision value
  bool sorted_ = true;
  std::string buffer_;  // one encoded result
};

}  // namespace itaku::detail
