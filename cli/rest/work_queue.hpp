// A fixed set of threads taking tasks from a bounded queue. The server runs the database part of
// each request on one (rest/database_workers.hpp), so that cpprestsdk's threads, which read
// requests and send answers, never wait on a database; a full queue is refused at once rather
// than letting waiting requests pile up without bound.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace itaku::rest {

class WorkQueue {
 public:
  // `threads` run the tasks; at most `capacity` tasks wait for one (both at least 1: a task
  // reaches an idle thread through the queue too).
  WorkQueue(std::size_t threads, std::size_t capacity);
  // stop().
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `task`; false (and `task` dropped) when `capacity` tasks are waiting already, or after
  // stop(). A task must not throw.
  bool try_submit(std::function<void()> task);
  // Runs the tasks still waiting, then ends the threads. Refuses new tasks from the start.
  void stop();

 private:
  void work();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace itaku::rest
