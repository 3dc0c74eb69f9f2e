// `ai-memory export` and `ai-memory import [--trust-source]` (reference §6).
// export prints ai_memory.export()'s document as pretty JSON (always, as the
// reference does). import reads such a document from stdin, checks that it is
// JSON before touching the database, and sends its memories to
// ai_memory.import() in batches of at most 1000 (the links with the last
// batch, once both ends can exist), all in one transaction. By default every memory is restamped to
// the caller's agent id, the old one kept as metadata.imported_from_agent_id;
// --trust-source keeps agent ids as they are.
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/identity.hpp"
#include "cli/options.hpp"
#include "json/safe_parse.hpp"
#include "store/transfer_api.hpp"

namespace ai_memory::cli {
namespace {

using Args = std::vector<std::string>;

// A PrettyWriter that writes numbers read as text verbatim (the base class
// would quote them), so that no number is re-rounded on the way through.
class VerbatimNumberWriter : public rapidjson::PrettyWriter<rapidjson::StringBuffer> {
 public:
  using PrettyWriter::PrettyWriter;
  bool RawNumber(const Ch* text, rapidjson::SizeType length, bool /*copy*/) {
    return RawValue(text, length, rapidjson::kNumberType);
  }
};

// Re-indents JSON text with two spaces (serde's to_string_pretty), streaming:
// member order and number text are kept, no tree is built.
std::string PrettyJson(const std::string& compact) {
  rapidjson::StringBuffer buffer;
  VerbatimNumberWriter writer(buffer);
  writer.SetIndent(' ', 2);
  rapidjson::Reader reader;
  rapidjson::StringStream input(compact.c_str());
  if (!reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag>(input, writer)) {
    throw std::runtime_error("export returned invalid JSON");
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ToJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// {"memories":[items first..last), "links":links?} as JSON text.
std::string BatchJson(const rapidjson::Value& memories, rapidjson::SizeType first, rapidjson::SizeType last,
                      const rapidjson::Value* links) {
  std::string text = "{\"memories\":[";
  for (rapidjson::SizeType i = first; i < last; ++i) {
    if (i != first) text += ',';
    text += ToJson(memories[i]);
  }
  text += ']';
  if (links != nullptr) text += ",\"links\":" + ToJson(*links);
  text += '}';
  return text;
}

struct ImportTotals {
  long long imported = 0;
  long long restamped = 0;
  std::vector<std::string> errors;

  void Add(const std::string& batch_result) {
    const rapidjson::Document result = json::ParseJson(batch_result);
    imported += result["imported"].GetInt64();
    restamped += result["restamped"].GetInt64();
    for (const auto& error : result["errors"].GetArray()) errors.emplace_back(error.GetString(), error.GetStringLength());
  }

  std::string Json(bool trusted_source) const {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("imported");
    writer.Int64(imported);
    writer.Key("restamped");
    writer.Int64(restamped);
    writer.Key("trusted_source");
    writer.Bool(trusted_source);
    writer.Key("errors");
    writer.StartArray();
    for (const auto& error : errors) writer.String(error.data(), static_cast<rapidjson::SizeType>(error.size()));
    writer.EndArray();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
  }
};

}  // namespace

int RunExportCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  return WithStore(flags, [&](store::MemoryStore& memories) {
    std::cout << PrettyJson(store::ExportJson(memories)) << "\n";
    return 0;
  });
}

int RunImportCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"trust-source", '\0', false}});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  const bool trust_source = options.Flag("trust-source");

  // The whole document is checked before the database is reached: invalid
  // input writes nothing.
  const std::string input(std::istreambuf_iterator<char>(std::cin), {});
  json::ParseLimits limits;
  limits.max_bytes = std::max(input.size(), limits.max_bytes);
  rapidjson::Document data;
  try {
    data = json::ParseJson(input, limits);
  } catch (const json::JsonError& error) {
    throw std::runtime_error(std::string("invalid JSON on stdin: ") + error.what());
  }
  if (!data.IsObject() || !data.HasMember("memories") || !data["memories"].IsArray()) {
    throw std::runtime_error("import expects {\"memories\": [...], \"links\": [...]} (the output of ai-memory export)");
  }
  const rapidjson::Value& memories = data["memories"];
  const auto links = data.FindMember("links");
  const rapidjson::Value* links_value = links != data.MemberEnd() && !links->value.IsNull() ? &links->value : nullptr;
  if (links_value != nullptr && !links_value->IsArray()) throw std::runtime_error("links must be an array");
  const std::optional<std::string> restamp_agent =
      trust_source ? std::nullopt : std::optional<std::string>(ResolveCliAgentId(flags.agent_id));

  return WithStore(flags, [&](store::MemoryStore& store) {
    // One transaction for the whole document (the CLI's store has a single
    // connection, cli/context.cpp): a failure part-way (the database went
    // away, a lock wait timed out) leaves nothing of it behind.
    store.CallRows("BEGIN", {});
    ImportTotals totals;
    const rapidjson::SizeType count = memories.Size();
    const auto batch = static_cast<rapidjson::SizeType>(store::kMaxTransferItems);
    rapidjson::SizeType first = 0;
    do {
      const rapidjson::SizeType last = std::min(count, first + batch);
      const bool final_batch = last == count;
      totals.Add(store::ImportRestampJson(
          store, BatchJson(memories, first, last, final_batch ? links_value : nullptr), restamp_agent));
      first = last;
    } while (first < count);
    store.CallRows("COMMIT", {});

    if (flags.json) {
      std::cout << totals.Json(trust_source) << "\n";
    } else {
      std::cout << "imported " << totals.imported << " memories";
      if (!trust_source) std::cout << " (" << totals.restamped << " restamped to " << *restamp_agent << ")";
      std::cout << "\n";
      for (const auto& error : totals.errors) std::cerr << "warning: " << error << "\n";
    }
    return 0;
  });
}

}  // namespace ai_memory::cli
