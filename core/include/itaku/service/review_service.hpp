// The review: validate each record, derive tier and verification state, run the core rules
// and the kind's plugin, decide. The CLI, the registry and the REST API all review through here.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "itaku/domain/engagement.hpp"
#include "itaku/error.hpp"
#include "itaku/plugin/host.hpp"
#include "itaku/io/record_source.hpp"
#include "itaku/schema/record_validator.hpp"
#include "itaku/report/report_sink.hpp"
#include "itaku/domain/review_result.hpp"

namespace itaku {

namespace detail {
struct RecordOutcome;
}

// Finding ID used when a plugin fails on a record: the record was not assessed, so it can
// never be approved.
inline constexpr const char* kPluginErrorFindingId = "PLUGIN-ERROR";

// Not thread-safe: review_all() on one service from two threads at once races on its
// validator. Use one service per thread (it shares the plugins, which are thread-safe).
class ReviewService {
 public:
  // `plugins` must outlive the service. The validator is compiled when first needed (see
  // validator()), so a broken plugin schema shows when records are first validated.
  static Result<ReviewService> create(const PluginHost& plugins);

  // Reviews one valid engagement on `as_of`. Never throws for a plugin's failure: that becomes a
  // critical PLUGIN-ERROR finding naming the plugin.
  ReviewResult review(const Engagement& engagement, Date as_of) const;

  using Progress = std::function<void(std::size_t records_done)>;
  struct RunOptions {
    // Worker threads that parse, validate and review; 1 reviews on the calling thread. The
    // sink always receives records in input order, whatever the number of workers.
    unsigned jobs = 1;
    Progress progress;  // called on the calling thread every few thousand records
  };

  // Streams every record of every source through validation and review into `sink`, keeping
  // input order; invalid records go to the sink as errors and do not stop the others.
  // A source that fails part-way (I/O error, malformed as a whole) is reported to the sink as an
  // error, counted invalid, and the remaining sources are still reviewed. Memory stays bounded
  // by a fixed number of batches in flight, however many records pass through.
  ReviewSummary review_all(const std::vector<std::unique_ptr<RecordSource>>& sources, ReportSink& sink, Date as_of,
                           const RunOptions& options) const;
  ReviewSummary review_all(const std::vector<std::unique_ptr<RecordSource>>& sources, ReportSink& sink,
                           Date as_of) const {
    return review_all(sources, sink, as_of, RunOptions{});
  }

  // Compiled on first use: reviewing stored engagements never needs it, and compiling every
  // schema is most of a short command's start-up. Throws itaku::Error (kInternal, naming the
  // plugin) when a plugin's schema is not valid JSON Schema.
  const RecordValidator& validator() const;
  const PluginHost& plugins() const { return *plugins_; }

 private:
  // Parses (if deferred), validates with `validator` and reviews one record. Never throws.
  detail::RecordOutcome review_record(SourceRecord& record, const std::string& source_name,
                                      const RecordValidator& validator, Date as_of) const;

  explicit ReviewService(const PluginHost& plugins) : plugins_(&plugins) {}
  const PluginHost* plugins_;
  mutable std::optional<RecordValidator> validator_;
};

}  // namespace itaku
