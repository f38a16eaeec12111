#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "plugin_fixture.hpp"
#include "service/ordered_pipeline.hpp"

using namespace itaku;
using detail::OrderedPipeline;
using detail::PipelineBatch;
using detail::RecordOutcome;

namespace {

const RecordValidator& validator() {
  static const RecordValidator instance = RecordValidator::create(test::real_plugins()).value();
  return instance;
}

// Turns each record's number into an outcome carrying it, after a random delay, so that
// batches finish out of order on purpose.
void slow_echo(PipelineBatch& batch, const RecordValidator&) {
  thread_local std::mt19937 random(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
  for (const auto& record : batch.records) {
    RecordOutcome outcome;
    outcome.errors.push_back(RecordError{record.number, std::nullopt, "", "", *batch.source_name, ""});
    batch.outcomes.push_back(std::move(outcome));
  }
}

Result<RecordValidator> make_validator() { return RecordValidator::create(test::real_plugins()); }

}  // namespace

TEST_CASE("the pipeline writes outcomes in input order whatever the number of workers",
          "[service][pipeline][concurrency]") {
  for (unsigned jobs : {1u, 2u, 4u, 7u}) {
    std::vector<std::size_t> written;
    const std::string source = "a.jsonl";
    const std::string other = "b.jsonl";
    {
      OrderedPipeline pipeline(jobs, slow_echo, make_validator, validator(),
                               [&](RecordOutcome& outcome) { written.push_back(outcome.errors[0].record); });
      for (std::size_t n = 1; n <= 5000; ++n) pipeline.add(SourceRecord(n, nlohmann::json::object()), n < 3000 ? source : other);
      RecordOutcome failure;
      failure.errors.push_back(RecordError{5001, std::nullopt, "", "source failed", other, ""});
      pipeline.add_finished(std::move(failure), other);
      pipeline.finish();
    }
    INFO("jobs " << jobs);
    REQUIRE(written.size() == 5001);
    for (std::size_t i = 0; i < written.size(); ++i) REQUIRE(written[i] == i + 1);
  }
}

TEST_CASE("an exception in a worker reaches the caller, in order, and ends nothing else",
          "[service][pipeline][concurrency]") {
  std::size_t written = 0;
  const std::string source = "x.jsonl";
  auto failing = [](PipelineBatch& batch, const RecordValidator& v) {
    if (batch.records.front().number > OrderedPipeline::kBatchSize * 3) throw std::runtime_error("worker failed");
    slow_echo(batch, v);
  };
  OrderedPipeline pipeline(3, failing, make_validator, validator(), [&](RecordOutcome&) { ++written; });
  auto feed = [&] {
    for (std::size_t n = 1; n <= OrderedPipeline::kBatchSize * 10; ++n) pipeline.add(SourceRecord(n, nlohmann::json::object()), source);
    pipeline.finish();
  };
  CHECK_THROWS_WITH(feed(), "worker failed");
  // every batch before the failing one was written, none after it
  CHECK(written == OrderedPipeline::kBatchSize * 3);
}

TEST_CASE("a batch closes at a megabyte of record text, so large records do not pile up in memory",
          "[service][pipeline]") {
  for (unsigned jobs : {1u, 3u}) {
    std::mutex mutex;
    std::size_t largest_batch_bytes = 0;
    std::size_t written = 0;
    const auto measure = [&](PipelineBatch& batch, const RecordValidator& validator) {
      std::size_t bytes = 0;
      for (const auto& record : batch.records) bytes += record.deferred_text ? record.deferred_text->size() : 0;
      {
        std::lock_guard lock(mutex);
        largest_batch_bytes = std::max(largest_batch_bytes, bytes);
      }
      slow_echo(batch, validator);
    };
    const std::string source = "big.jsonl";
    {
      OrderedPipeline pipeline(jobs, measure, make_validator, validator(),
                               [&](RecordOutcome&) { ++written; });
      const std::string text(100 * 1024, 'x');  // 100 KB per record: 256 of them would be 25 MB
      for (std::size_t n = 1; n <= 100; ++n) pipeline.add(SourceRecord::deferred(n, text), source);
      pipeline.finish();
    }
    INFO("jobs " << jobs);
    CHECK(written == 100);
    CHECK(largest_batch_bytes >= OrderedPipeline::kBatchBytes);
    CHECK(largest_batch_bytes < OrderedPipeline::kBatchBytes + 100 * 1024);
  }
}
