// Reviews batches of records on worker threads and hands the outcomes back in input order.
// The caller's thread reads the sources and writes the report; workers parse, validate and
// review. A bounded number of batches is in flight, so memory does not grow with the input.
//
// Invariants (under mutex_): batches are numbered in the order they are submitted; a batch is
// in `queue_` (waiting), with a worker, or in `done_` (finished, not yet written); the number
// in flight, next_sequence_ - next_to_write_, never exceeds max_in_flight_; only the caller's
// thread writes, in sequence order. `current_` (being filled) is not yet in flight. An
// exception from the work travels with its batch and is rethrown by the writer, in order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "itaku/service/review_service.hpp"

namespace itaku::detail {

// What reviewing (or, for an import, checking) one source record gives: a result or the
// valid engagement, or the record's errors.
struct RecordOutcome {
  std::optional<ReviewResult> result;
  std::optional<Engagement> engagement;  // import: the record, valid and converted
  std::optional<nlohmann::json> given;   // import: the record as given (which fields it leaves out)
  std::size_t record_number = 0;
  const std::string* source_name = nullptr;  // the source outlives the pipeline
  std::vector<RecordError> errors;
  bool internal_error = false;  // the errors come from a failure of Itaku, not of the input
};

struct PipelineBatch {
  const std::string* source_name = nullptr;  // the source outlives the pipeline
  std::vector<SourceRecord> records;
  std::vector<RecordOutcome> outcomes;
  std::exception_ptr failure;  // set when the work threw on a worker thread
};

class OrderedPipeline {
 public:
  // Fills batch.outcomes from batch.records using the given validator (one per thread).
  using Work = std::function<void(PipelineBatch&, const RecordValidator&)>;
  using ValidatorFactory = std::function<Result<RecordValidator>()>;
  // Receives every outcome, in input order, on the caller's thread.
  using Write = std::function<void(RecordOutcome&)>;

  // jobs == 1 works inline with `inline_validator`; otherwise starts `jobs` workers, each with
  // a validator from `make_validator` (throws itaku::Error if one cannot be made).
  OrderedPipeline(unsigned jobs, Work work, const ValidatorFactory& make_validator,
                  const RecordValidator& inline_validator, Write write);
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;
  ~OrderedPipeline();

  // `source_name` must outlive the pipeline: batches keep its address.
  void add(SourceRecord record, const std::string& source_name);
  // An outcome known without review (a source that failed), kept in its place in the order.
  void add_finished(RecordOutcome outcome, const std::string& source_name);
  // Reviews and writes everything still pending, then stops the workers.
  void finish();

  static constexpr std::size_t kBatchSize = 256;
  // A batch also closes at this many bytes of record text, so that the batches in flight hold
  // a bounded amount of memory however large each record is (3,000 records of 120 KB took
  // 746 MB with 8 jobs when only the count bounded them).
  static constexpr std::size_t kBatchBytes = 1 << 20;

 private:
  void submit_current();
  void write_batch(PipelineBatch& batch);
  // Writes finished batches in order; with `wait_for_one`, blocks until at least the next one is.
  void write_finished(bool wait_for_one);
  void worker_loop(std::size_t index);
  void stop_workers();   // lets the workers finish what is queued, then joins them
  void abort_workers();  // drops what is queued, then joins them

  const unsigned jobs_;
  const std::size_t max_in_flight_;
  Work work_;
  Write write_;
  const RecordValidator& inline_validator_;
  std::vector<RecordValidator> validators_;
  std::vector<std::thread> workers_;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable batch_done_;
  std::deque<std::pair<std::size_t, std::unique_ptr<PipelineBatch>>> queue_;
  std::map<std::size_t, std::unique_ptr<PipelineBatch>> done_;
  bool closing_ = false;
  std::size_t next_sequence_ = 0;
  std::size_t next_to_write_ = 0;

  std::unique_ptr<PipelineBatch> current_;
  std::size_t current_bytes_ = 0;  // record text in current_
};

// Parses (if deferred) and validates one record, and converts it when valid (outcome.engagement);
// otherwise outcome.errors says why, each naming the record's ref when it can be read. Never
// throws: a failure of Itaku itself is an error with internal_error set. Safe on a worker thread
// with that thread's validator.
RecordOutcome check_record(SourceRecord& record, const std::string& source_name, const RecordValidator& validator);

// Adds every record of every source to `pipeline`, in order (parsing deferred to the workers
// when `jobs` > 1). A source that fails part-way is one failed outcome at its place, numbered
// after its last record, and the next source is still read. Does not call finish().
void add_sources(OrderedPipeline& pipeline, const std::vector<std::unique_ptr<RecordSource>>& sources, unsigned jobs);

}  // namespace itaku::detail
