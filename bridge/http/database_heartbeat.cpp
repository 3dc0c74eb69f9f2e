#include "http/database_heartbeat.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>

#include "http/connection_thread_stop.hpp"

namespace ai_memory::http {
namespace {

// How long the destructor waits for the thread after cancelling its ping.
constexpr std::chrono::seconds kStopWait{2};

}  // namespace

struct DatabaseHeartbeat::State {
  State(std::string conninfo, store::SessionLimits session, Hooks heartbeat_hooks, Options heartbeat_options)
      : connection(std::move(conninfo), session), hooks(std::move(heartbeat_hooks)), options(heartbeat_options) {}

  store::PgConnection connection;  // used by the thread only (and RequestCancel)
  const Hooks hooks;
  const Options options;
  std::mutex mutex;
  std::condition_variable cv;
  bool stop = false;
  bool exited = false;
};

DatabaseHeartbeat::DatabaseHeartbeat(std::string conninfo, store::SessionLimits session, Hooks hooks,
                                     Options options)
    : state_(std::make_shared<State>(std::move(conninfo), session, std::move(hooks), options)),
      thread_(Run, state_) {}

DatabaseHeartbeat::~DatabaseHeartbeat() {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->stop = true;
  state_->cv.notify_all();
  lock.unlock();
  JoinOrLeave(thread_, state_->mutex, state_->cv, state_->exited, state_->connection, kStopWait);
}

void DatabaseHeartbeat::Run(const std::shared_ptr<State>& shared) {
  State& state = *shared;
  std::unique_lock<std::mutex> lock(state.mutex);
  while (!state.cv.wait_for(lock, state.options.check, [&] { return state.stop; })) {
    if (state.hooks.answered_within(state.options.idle)) continue;
    lock.unlock();
    std::optional<store::StoreError> failure;
    bool answered = false;
    try {
      state.connection.Exec("SELECT 1", {});
      answered = true;
    } catch (const store::StoreError& error) {
      failure = error;  // an outage or a schema mismatch: health's own ping then reports it
    } catch (...) {
      // Anything else (out of memory) says nothing about the database.
    }
    lock.lock();
    // Never after stop: the hooks reach into the server, which may be gone
    // once a thread stuck connecting was left behind.
    if (state.stop) break;
    if (answered) state.hooks.record(nullptr);
    if (failure) state.hooks.record(&*failure);
  }
  state.exited = true;
  state.cv.notify_all();
}

}  // namespace ai_memory::http
