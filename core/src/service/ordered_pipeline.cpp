#include "service/ordered_pipeline.hpp"

#include <algorithm>

#include "io/json_positions.hpp"
#include "itaku/domain/engagement_json.hpp"

namespace itaku::detail {

OrderedPipeline::OrderedPipeline(unsigned jobs, Work work, const ValidatorFactory& make_validator,
                                 const RecordValidator& inline_validator, Write write)
    : jobs_(jobs),
      max_in_flight_(static_cast<std::size_t>(jobs) * 4),
      work_(std::move(work)),
      write_(std::move(write)),
      inline_validator_(inline_validator) {
  if (jobs_ <= 1) return;
  validators_.reserve(jobs_);
  for (unsigned i = 0; i < jobs_; ++i) {
    auto validator = make_validator();
    if (!validator) throw Error(validator.status());
    validators_.push_back(std::move(validator).value());
  }
  try {
    for (unsigned i = 0; i < jobs_; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
  } catch (...) {
    // No thread may outlive a failed constructor: joinable threads would terminate the process.
    abort_workers();
    throw;
  }
}

OrderedPipeline::~OrderedPipeline() { abort_workers(); }

void OrderedPipeline::abort_workers() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();  // nobody will write these any more
  }
  stop_workers();
}

void OrderedPipeline::stop_workers() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  work_ready_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

void OrderedPipeline::worker_loop(std::size_t index) {
  while (true) {
    std::pair<std::size_t, std::unique_ptr<PipelineBatch>> job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      work_(*job.second, validators_[index]);
    } catch (...) {
      // An exception must not end the process from a worker thread: the caller's thread
      // rethrows it when it reaches this batch.
      job.second->failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      done_.emplace(job.first, std::move(job.second));
    }
    batch_done_.notify_all();
  }
}

void OrderedPipeline::add(SourceRecord record, const std::string& source_name) {
  if (current_ && current_->source_name != &source_name) submit_current();
  if (!current_) {
    current_ = std::make_unique<PipelineBatch>();
    current_->source_name = &source_name;
    current_->records.reserve(kBatchSize);
  }
  if (record.deferred_text) current_bytes_ += record.deferred_text->size();
  current_->records.push_back(std::move(record));
  if (current_->records.size() >= kBatchSize || current_bytes_ >= kBatchBytes) submit_current();
}

void OrderedPipeline::add_finished(RecordOutcome outcome, const std::string& source_name) {
  submit_current();
  auto batch = std::make_unique<PipelineBatch>();
  batch->source_name = &source_name;
  batch->outcomes.push_back(std::move(outcome));
  if (jobs_ <= 1) {
    write_batch(*batch);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    done_.emplace(next_sequence_++, std::move(batch));
  }
  write_finished(false);
}

void OrderedPipeline::submit_current() {
  if (!current_) return;
  current_bytes_ = 0;
  std::unique_ptr<PipelineBatch> batch = std::move(current_);
  if (jobs_ <= 1) {
    work_(*batch, inline_validator_);
    write_batch(*batch);
    return;
  }
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (next_sequence_ - next_to_write_ < max_in_flight_) {
        queue_.emplace_back(next_sequence_++, std::move(batch));
        break;
      }
    }
    write_finished(true);
  }
  work_ready_.notify_one();
  write_finished(false);
}

void OrderedPipeline::write_batch(PipelineBatch& batch) {
  if (batch.failure) std::rethrow_exception(batch.failure);
  for (auto& outcome : batch.outcomes) write_(outcome);
}

void OrderedPipeline::write_finished(bool wait_for_one) {
  while (true) {
    std::unique_ptr<PipelineBatch> batch;
    {
      std::unique_lock lock(mutex_);
      if (wait_for_one) {
        batch_done_.wait(lock, [this] { return done_.count(next_to_write_) > 0; });
        wait_for_one = false;
      }
      auto next = done_.find(next_to_write_);
      if (next == done_.end()) return;
      batch = std::move(next->second);
      done_.erase(next);
    }
    // Written outside the lock: the workers keep going while the report is written.
    write_batch(*batch);
    std::lock_guard lock(mutex_);
    ++next_to_write_;
  }
}

void OrderedPipeline::finish() {
  submit_current();
  if (jobs_ > 1) {
    while (true) {
      {
        std::lock_guard lock(mutex_);
        if (next_to_write_ == next_sequence_) break;
      }
      write_finished(true);
    }
  }
  stop_workers();
}

namespace {

// The sources write their messages "日本語 / English": the English half for `message`, the
// Japanese for `message_ja`. A message with no Japanese half is English alone.
std::pair<std::string, std::string> split_languages(const std::string& message) {
  const std::size_t split = message.find(" / ");
  if (split == std::string::npos) return {message, std::string()};
  const std::string before = message.substr(0, split);
  const bool japanese = std::any_of(before.begin(), before.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (!japanese) return {message, std::string()};
  return {message.substr(split + 3), before};
}

// Where `pointer` of a record of a .json document is, as an editor counts.
std::optional<TextPlace> place_in_document(const SourceRecord& record, const std::string& pointer) {
  TextPlace start;
  start.offset = record.document_offset;
  start.line = record.line;
  start.column = record.column;
  return place_of_pointer(*record.document, start, pointer);
}

// The ledger cell a problem at `pointer` is about: the field's own origin, else the origin of
// the nearest enclosing field, else the one field under it ("/period" missing its start names
// the column mapped to /period/start).
const SourceRecord::CellOrigin* origin_of(const SourceRecord& record, const std::string& pointer) {
  const SourceRecord::CellOrigin* enclosing = nullptr;
  const SourceRecord::CellOrigin* inside = nullptr;
  std::size_t inside_count = 0;
  for (const auto& origin : record.origins) {
    if (origin.pointer == pointer) return &origin;
    const bool encloses = pointer.size() > origin.pointer.size() && pointer.compare(0, origin.pointer.size(), origin.pointer) == 0 &&
                          pointer[origin.pointer.size()] == '/';
    if (encloses && (!enclosing || origin.pointer.size() > enclosing->pointer.size())) enclosing = &origin;
    if (origin.pointer.size() > pointer.size() && origin.pointer.compare(0, pointer.size(), pointer) == 0 &&
        origin.pointer[pointer.size()] == '/') {
      inside = &origin;
      ++inside_count;
    }
  }
  if (enclosing) return enclosing;
  return inside_count == 1 ? inside : nullptr;
}

// True when `issue` is only the echo of a cell that could not be read: that field, or the object
// holding it, called missing because the bad cell was left out of the record.
bool echoes_bad_cell(const ValidationIssue& issue, const nlohmann::json& record, const std::vector<Status>& cell_problems) {
  for (const Status& problem : cell_problems) {
    const std::string& bad = problem.path();
    if (issue.path == bad) return true;
    const bool encloses = bad.size() > issue.path.size() && bad.compare(0, issue.path.size(), issue.path) == 0 &&
                          bad[issue.path.size()] == '/';
    if (!encloses) continue;
    try {
      if (!record.contains(nlohmann::json::json_pointer(issue.path))) return true;
    } catch (const nlohmann::json::exception&) {
      continue;  // not a pointer into this record: a real problem, reported
    }
  }
  return false;
}

// A ledger row with cells that could not be read: those problems, then whatever else the schemas
// find in the rest of the row, so that the clerk fixes the row once.
template <typename AddError>
void add_cell_problems(const SourceRecord& record, const RecordValidator& validator, AddError& add_error) {
  const nlohmann::json& json = *record.json;
  const auto ref = json.is_object() && json.contains("ref") && json["ref"].is_string()
                       ? std::optional(json["ref"].get<std::string>())
                       : record.ref;
  for (const Status& problem : record.further_errors) {
    const auto [english, japanese] = split_languages(problem.message());
    add_error(ref, problem.path(), english, japanese);
  }
  for (auto& issue : validator.validate(json)) {
    if (echoes_bad_cell(issue, json, record.further_errors)) continue;
    add_error(ref, std::move(issue.path), std::move(issue.message), std::move(issue.message_ja));
  }
}

}  // namespace

RecordOutcome check_record(SourceRecord& record, const std::string& source_name, const RecordValidator& validator) {
  RecordOutcome outcome;
  outcome.record_number = record.number;
  outcome.source_name = &source_name;
  auto add_error = [&](std::optional<std::string> ref, std::string path, std::string message, std::string message_ja = {}) {
    const SourceRecord::CellOrigin* origin = record.origins.empty() ? nullptr : origin_of(record, path);
    outcome.errors.push_back(
        RecordError{record.number, std::move(ref), std::move(path), std::move(message), source_name, std::move(message_ja)});
    if (origin) {
      outcome.errors.back().ledger_column = origin->column;
      outcome.errors.back().cell = origin->text;
    }
  };
  try {
    parse_deferred(record);
    if (!record.json) {
      const auto [english, japanese] = split_languages(record.json.status().message());
      add_error(record.ref, record.json.status().path(), english, japanese);
      for (const Status& further : record.further_errors) {
        const auto [further_english, further_japanese] = split_languages(further.message());
        add_error(record.ref, further.path(), further_english, further_japanese);
      }
      return outcome;
    }
    const nlohmann::json& json = *record.json;
    if (!record.further_errors.empty()) {
      add_cell_problems(record, validator, add_error);
      return outcome;
    }
    if (auto issues = validator.validate(json); !issues.empty()) {
      const auto ref_field = json.is_object() ? json.find("ref") : json.end();
      const std::optional<std::string> ref =
          ref_field != json.end() && ref_field->is_string() ? std::optional(ref_field->get<std::string>()) : std::nullopt;
      for (auto& issue : issues) {
        const auto place = record.document ? place_in_document(record, issue.path) : std::nullopt;
        add_error(ref, std::move(issue.path), std::move(issue.message), std::move(issue.message_ja));
        if (place) {
          outcome.errors.back().line = place->line;
          outcome.errors.back().column = place->column;
        }
      }
      return outcome;
    }
    outcome.engagement = engagement_from_json(json);
    outcome.given = std::move(*record.json);
  } catch (const std::exception& error) {
    outcome.engagement.reset();
    outcome.internal_error = true;
    add_error(std::nullopt, "", std::string("internal error while reading this record: ") + error.what(),
              std::string("この記録の読み込み中に Itaku の内部エラーが起きました: ") + error.what());
  }
  return outcome;
}

void add_sources(OrderedPipeline& pipeline, const std::vector<std::unique_ptr<RecordSource>>& sources, unsigned jobs) {
  for (const auto& source : sources) {
    if (jobs > 1) source->defer_parsing();
    std::size_t last_number = 0;
    while (true) {
      std::optional<SourceRecord> record;
      try {
        record = source->next();
      } catch (const Error& error) {
        RecordOutcome failure;
        const auto [english, japanese] = split_languages(error.status().message());
        failure.errors.push_back(RecordError{last_number + 1, std::nullopt, error.status().path(), english,
                                             source->name(), japanese});
        pipeline.add_finished(std::move(failure), source->name());
        break;
      }
      if (!record) break;
      last_number = record->number;
      pipeline.add(std::move(*record), source->name());
    }
  }
}

}  // namespace itaku::detail
