#include "store/embedding_backfill.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "common/log.hpp"
#include "json/writer.hpp"
#include "store/pg_vector.hpp"

namespace ai_memory::store {
namespace {

const std::string kBacklogSql =
    "SELECT b.id, b.input, b.input_md5 FROM ai_memory.embedding_backlog(model => $1, after_id => $2,"
    " batch => $3::int) b";
const std::string kStoreSql =
    "SELECT ai_memory.set_embedding_if_unchanged(id => $1, input_md5 => $2, vector => $3::real[], model => $4)::text";

// Batches failing in a row before serve's pass stops: the service is away.
constexpr std::size_t kGiveUpAfter = 2;

// Texts per request to the service within a batch (a stop waits for one).
constexpr std::size_t kEmbedChunk = 16;

struct Row {
  std::string id;
  std::string input;
  std::string input_md5;
};

}  // namespace

std::string BackfillCounts::ToJson(const std::string& model) const {
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "embedded");
    writer.Uint64(embedded);
    json::WriteKey(writer, "changed");
    writer.Uint64(changed);
    json::WriteKey(writer, "failed");
    writer.Uint64(failed);
    json::WriteKey(writer, "batches");
    writer.Uint64(batches);
    json::WriteKey(writer, "model");
    json::WriteString(writer, model);
    writer.EndObject();
  });
}

BackfillCounts BackfillPass(MemoryStore& store, embed::Embedder& embedder, std::size_t batch,
                            std::size_t give_up_after, const std::function<bool()>& keep_going) {
  const std::string model = embedder.name();
  BackfillCounts counts;
  std::size_t failures_in_a_row = 0;
  std::optional<std::string> after;
  while (!keep_going || keep_going()) {
    const PgResult result = store.CallRows(kBacklogSql, {model, after, std::to_string(batch)});
    if (result.rows() == 0) break;
    ++counts.batches;
    std::vector<Row> rows;
    std::vector<std::string> inputs;
    for (int r = 0; r < result.rows(); ++r) {
      rows.push_back({std::string(result.Text(r, 0)), std::string(result.Text(r, 1)), std::string(result.Text(r, 2))});
      inputs.push_back(rows.back().input);
    }
    after = rows.back().id;
    // The service is asked kEmbedChunk texts at a time, with keep_going
    // checked before each request: a stop waits for one request at most.
    for (std::size_t first = 0; first < rows.size(); first += kEmbedChunk) {
      if (keep_going && !keep_going()) return counts;
      const std::size_t last = std::min(rows.size(), first + kEmbedChunk);
      std::vector<std::vector<float>> vectors;
      try {
        vectors = embedder.EmbedBatch(std::vector<std::string>(inputs.begin() + first, inputs.begin() + last));
      } catch (const embed::EmbedError& error) {
        counts.failed += rows.size() - first;  // the rest of the batch waits for the next pass
        counts.last_error = error.what();
        if (give_up_after > 0 && ++failures_in_a_row >= give_up_after) throw;  // the service is away
        break;
      }
      failures_in_a_row = 0;
      for (std::size_t i = first; i < last; ++i) {
        const std::string stored =
            store.CallJson(kStoreSql, {rows[i].id, rows[i].input_md5, ToPgRealArray(vectors[i - first]), model});
        ++(stored == "true" ? counts.embedded : counts.changed);
      }
    }
    if (rows.size() < batch) break;
  }
  return counts;
}

BackfillWorker::BackfillWorker(MemoryStore& store, embed::Embedder& embedder, std::size_t batch,
                               std::chrono::milliseconds interval)
    : store_(store), embedder_(embedder), batch_(batch), interval_(interval), thread_([this] { Run(); }) {}

BackfillWorker::~BackfillWorker() { Stop(); }

void BackfillWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

BackfillCounts BackfillWorker::totals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return totals_;
}

void BackfillWorker::Run() {
  const auto keep_going = [this] {
    std::lock_guard<std::mutex> lock(mutex_);
    return !stopping_;
  };
  std::string last_error;  // logged once until something else happens
  while (keep_going()) {
    bool stored = false;
    try {
      const BackfillCounts pass = BackfillPass(store_, embedder_, batch_, kGiveUpAfter, keep_going);
      stored = pass.embedded > 0;
      std::lock_guard<std::mutex> lock(mutex_);
      totals_.embedded += pass.embedded;
      totals_.changed += pass.changed;
      totals_.batches += pass.batches;
      totals_.failed += pass.failed;
      if (pass.embedded > 0 || pass.failed > 0) {
        common::LogError("backfill: stored " + std::to_string(pass.embedded) + " " + embedder_.name() +
                         " vector(s)" +
                         (pass.failed > 0 ? "; " + std::to_string(pass.failed) + " failed: " + pass.last_error : ""));
      }
      last_error.clear();
    } catch (const std::exception& error) {
      // The embedder or the database is away: the next pass tries again.
      const std::string message = error.what();
      std::lock_guard<std::mutex> lock(mutex_);
      if (message != last_error) common::LogError("backfill: " + message + " (retrying every " +
                                                  std::to_string(interval_.count()) + " ms)");
      last_error = message;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    // A pass that stored vectors may have stopped early (new rows keep
    // coming): look again soon; otherwise wait the interval.
    const auto pause = stored ? std::min(interval_, std::chrono::milliseconds(200)) : interval_;
    wake_.wait_for(lock, pause, [this] { return stopping_; });
  }
}

}  // namespace ai_memory::store
