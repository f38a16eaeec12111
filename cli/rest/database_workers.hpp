// The threads that run the database part of requests, in two lanes with their own threads and
// queues: reads (GET, and the stateless review) and writes. A write waiting for a lock (SQLite
// lets one writer at a time; another process may hold it for seconds) occupies a write thread
// only, so reads, the public /verify among them, go on being answered meanwhile.
#pragma once

#include <cstddef>
#include <functional>

#include "rest/router.hpp"
#include "rest/work_queue.hpp"

namespace itaku::rest {

class DatabaseWorkers {
 public:
  // `threads` per lane, each lane queueing at most `queue` requests.
  DatabaseWorkers(std::size_t threads, std::size_t queue) : reads_(threads, queue), writes_(threads, queue) {}
  // The database sessions the workers need: one per thread (ServicePool::open's size).
  static std::size_t sessions_for(std::size_t threads) { return 2 * threads; }

  // Queues `task` in `lane` (kRead or kWrite); false when that lane's queue is full or stopped.
  bool try_submit(Lane lane, std::function<void()> task) {
    return (lane == Lane::kWrite ? writes_ : reads_).try_submit(std::move(task));
  }
  // Runs what is queued, then ends the threads: before the sessions they use are closed.
  void stop() {
    reads_.stop();
    writes_.stop();
  }

 private:
  WorkQueue reads_;
  WorkQueue writes_;
};

}  // namespace itaku::rest
