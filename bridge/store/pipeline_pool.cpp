#include "store/pipeline_pool.hpp"

namespace ai_memory::store {
namespace {

// A session whose first statement has run this long is stuck on it (a lock
// wait, a slow plan): statements queued behind it would wait as long, so it
// gets no more until it moves. Stores take about a millisecond.
constexpr std::chrono::milliseconds kStuckAfter{50};

}  // namespace

PipelinePool::PipelinePool(const std::vector<boost::asio::any_io_executor>& lanes,
                           boost::asio::thread_pool& connector, const PoolOptions& pool, PipelineOptions options,
                           Observer observe)
    : options_(options), observe_(std::move(observe)) {
  for (const auto& lane : lanes) {
    for (std::size_t i = 0; i < options_.sessions; ++i) {
      sessions_.push_back(LaneSession{&boost::asio::query(lane, boost::asio::execution::context),
                                      std::make_shared<PipelinedConnection>(lane, connector, pool.conninfo,
                                                                            pool.session)});
    }
  }
}

void PipelinePool::Submit(const boost::asio::execution_context& lane, Statement statement,
                          PipelinedConnection::Callback done) {
  PipelinedConnection* best = nullptr;
  for (const auto& [session_lane, session] : sessions_) {
    if (session_lane != &lane) continue;
    if (!session->ready()) {
      session->ConnectSoon();
      continue;
    }
    if (session->in_flight() >= options_.max_in_flight || session->FrontAge() > kStuckAfter) continue;
    if (best == nullptr || session->in_flight() < best->in_flight()) {
      best = session.get();
    }
  }
  if (best == nullptr) return done(StatementOutcome{});  // kNotSent
  best->Submit(std::move(statement), [this, done = std::move(done)](StatementOutcome outcome) {
    if (observe_ && outcome.kind != StatementOutcome::Kind::kNotSent) observe_(outcome.error ? &*outcome.error : nullptr);
    done(std::move(outcome));
  });
}

void PipelinePool::ConnectSoon() {
  for (const auto& entry : sessions_) entry.session->ConnectSoon();
}

void PipelinePool::CancelRunningStatements() {
  for (const auto& entry : sessions_) entry.session->RequestCancel();
}

PipelinePool::Stats PipelinePool::stats() const {
  Stats stats;
  stats.sessions = sessions_.size();
  for (const auto& entry : sessions_) {
    if (entry.session->ready()) ++stats.ready;
    stats.in_flight += entry.session->in_flight();
  }
  return stats;
}

void PipelinePool::Close(std::chrono::milliseconds wait) {
  for (const auto& entry : sessions_) entry.session->Close(wait);
}

}  // namespace ai_memory::store
