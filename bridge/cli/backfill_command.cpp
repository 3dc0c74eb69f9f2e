#include "cli/backfill_command.hpp"

#include <iostream>

#include "cli/embedder_flags.hpp"
#include "embed/embedder_factory.hpp"
#include "store/embedding_backfill.hpp"

namespace ai_memory::cli {
namespace {

constexpr long long kDefaultBatch = 64;
constexpr long long kMaxBatch = 10000;
// Failing requests in a row before the pass stops: the service is away.
constexpr std::size_t kGiveUpAfter = 2;

}  // namespace

int RunBackfillCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, WithEmbedderOptions({{"batch", '\0'}}));
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  const long long batch = options.Integer("batch").value_or(kDefaultBatch);
  if (batch < 1 || batch > kMaxBatch) throw UsageError("--batch must be between 1 and " + std::to_string(kMaxBatch));
  const embed::EmbedderSettings settings = ResolveEmbedder(options);
  const std::unique_ptr<embed::Embedder> embedder = embed::MakeEmbedder(settings.options);
  return WithStore(flags, [&](store::MemoryStore& memories) {
    const store::BackfillCounts counts =
        store::BackfillPass(memories, *embedder, static_cast<std::size_t>(batch), kGiveUpAfter);
    if (flags.json) {
      std::cout << counts.ToJson(embedder->name()) << "\n";
    } else {
      std::cout << "embedded: " << counts.embedded << " (" << embedder->name() << ")\n"
                << "changed meanwhile: " << counts.changed << "\n"
                << "failed: " << counts.failed << "\n";
    }
    if (counts.failed > 0) {
      std::cerr << "error: " << counts.failed << " memories could not be embedded (" << counts.last_error
                << "); run backfill again\n";
      return 1;
    }
    return 0;
  });
}

}  // namespace ai_memory::cli
