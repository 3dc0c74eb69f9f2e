// ai_memory._index_memory(): the BEFORE INSERT/UPDATE trigger that keeps a
// memory's search index in step with its text (sql/62_search_index.sql):
// fts = title (weight A) || tags (B) || content (C) under the configured
// text-search configuration, and the local embedding of title + content.
// It runs on every store, so it is C++ rather than PL/pgSQL (whose SET
// clauses and SQL helper calls cost about 110 µs a row).
#include "pg/postgres.hpp"  // first, before any standard header

extern "C" {
#include "commands/trigger.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
}

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/embedding_local.hpp"
#include "core/error.hpp"
#include "pg/args.hpp"
#include "pg/float4_array.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"

namespace {

using namespace ai_memory;
using pg::PgCall;

constexpr const char* kLocalModel = "local-lexical-v1";
// PostgreSQL skips longer words with a NOTICE; text that may hold one takes
// the quiet (slower) path.
constexpr std::size_t kMaxIndexedWordBytes = 2047;

enum Column { kTitle, kContent, kTags, kFts, kEmbedding, kEmbeddingModel, kColumnCount };
constexpr const char* kColumnNames[kColumnCount] = {"title", "content", "tags", "fts", "embedding",
                                                    "embedding_model"};

struct Attributes {
  int number[kColumnCount];
};

struct RowValues {
  Datum value[kColumnCount];
  bool null[kColumnCount];
};

struct Bytes {
  const char* data;
  std::size_t size;
};

Attributes FindAttributes(TupleDesc desc) {
  Attributes attributes{};
  for (int c = 0; c < kColumnCount; ++c) {
    attributes.number[c] = PgCall([&] { return SPI_fnumber(desc, kColumnNames[c]); });
    if (attributes.number[c] <= 0)
      throw core::Error(core::ErrorKind::kInternal, std::string("memories has no column ") + kColumnNames[c]);
  }
  return attributes;
}

RowValues ReadRow(HeapTuple tuple, TupleDesc desc, const Attributes& attributes) {
  RowValues row{};
  for (int c = 0; c < kColumnCount; ++c)
    row.value[c] = PgCall([&] { return heap_getattr(tuple, attributes.number[c], desc, &row.null[c]); });
  return row;
}

std::string TextOf(Datum value) {
  const Bytes bytes = PgCall([&] {
    text* detoasted = DatumGetTextPP(value);
    return Bytes{VARDATA_ANY(detoasted), VARSIZE_ANY_EXHDR(detoasted)};
  });
  return std::string(bytes.data, bytes.size);
}

// The tags joined by spaces: one document for the B weight.
std::string TagsText(Datum tags) {
  struct Elements {
    Datum* values;
    bool* nulls;
    int count;
  };
  const Elements elements = PgCall([&] {
    Elements e{nullptr, nullptr, 0};
    deconstruct_array(DatumGetArrayTypeP(tags), TEXTOID, -1, false, TYPALIGN_INT, &e.values, &e.nulls, &e.count);
    return e;
  });
  std::string joined;
  for (int i = 0; i < elements.count; ++i) {
    if (elements.nulls[i]) continue;
    if (!joined.empty()) joined += ' ';
    joined += TextOf(elements.values[i]);
  }
  return joined;
}

bool SameDatum(const RowValues& a, const RowValues& b, Column c) {
  if (a.null[c] || b.null[c]) return a.null[c] == b.null[c];
  // Raw bytes: an unchanged value is the same (inline or TOAST pointer);
  // a false "changed" only costs a recomputation.
  return PgCall([&] { return datumIsEqual(a.value[c], b.value[c], false, -1); });
}

bool MayHoldUnindexableWord(const std::string& text) {
  std::size_t run = 0;
  for (const char c : text) {
    run = (c == ' ' || c == '\n' || c == '\t') ? 0 : run + 1;
    if (run > kMaxIndexedWordBytes) return true;
  }
  return false;
}

// The configured text-search configuration, resolved once per setting value.
Oid SearchConfigOid() {
  static char resolved_name[NAMEDATALEN * 2 + 2] = "";
  static Oid resolved_oid = InvalidOid;
  const char* name = pg::TextSearchConfig();
  if (resolved_oid == InvalidOid || std::strcmp(name, resolved_name) != 0) {
    resolved_oid = PgCall([&] { return DatumGetObjectId(DirectFunctionCall1(regconfigin, CStringGetDatum(name))); });
    std::snprintf(resolved_name, sizeof resolved_name, "%s", name);
  }
  return resolved_oid;
}

Datum WeightedDocument(const std::string& title, const RowValues& row, const std::string& content) {
  const std::string tags = row.null[kTags] ? "" : TagsText(row.value[kTags]);
  if (MayHoldUnindexableWord(title) || MayHoldUnindexableWord(tags) || MayHoldUnindexableWord(content)) {
    // ai_memory._fts_weighted builds the same document with
    // client_min_messages = warning, so skipped words raise no NOTICE.
    return PgCall([&] {
      const Oid quiet = DatumGetObjectId(
          DirectFunctionCall1(regprocedurein, CStringGetDatum("ai_memory._fts_weighted(text,text[],text)")));
      const Datum tag_array = row.null[kTags] ? PointerGetDatum(construct_empty_array(TEXTOID)) : row.value[kTags];
      return OidFunctionCall3(quiet, PointerGetDatum(cstring_to_text_with_len(title.data(), title.size())), tag_array,
                              PointerGetDatum(cstring_to_text_with_len(content.data(), content.size())));
    });
  }
  const Oid config = SearchConfigOid();
  return PgCall([&] {
    auto weighted = [&](const std::string& text, char weight) {
      const Datum vector = DirectFunctionCall2(to_tsvector_byid, ObjectIdGetDatum(config),
                                               PointerGetDatum(cstring_to_text_with_len(text.data(), text.size())));
      return DirectFunctionCall2(tsvector_setweight, vector, CharGetDatum(weight));
    };
    const Datum title_and_tags = DirectFunctionCall2(tsvector_concat, weighted(title, 'A'), weighted(tags, 'B'));
    return DirectFunctionCall2(tsvector_concat, title_and_tags, weighted(content, 'C'));
  });
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_index_memory) {
  if (!CALLED_AS_TRIGGER(fcinfo)) throw core::Error(core::ErrorKind::kInternal, "_index_memory is a trigger");
  TriggerData* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
  const TriggerEvent event = trigger->tg_event;
  const bool is_update = TRIGGER_FIRED_BY_UPDATE(event);
  if (!TRIGGER_FIRED_BEFORE(event) || !TRIGGER_FIRED_FOR_ROW(event) || !(is_update || TRIGGER_FIRED_BY_INSERT(event)))
    throw core::Error(core::ErrorKind::kInternal, "_index_memory must run BEFORE INSERT OR UPDATE FOR EACH ROW");

  const TupleDesc desc = trigger->tg_relation->rd_att;
  const Attributes attributes = FindAttributes(desc);
  HeapTuple tuple = is_update ? trigger->tg_newtuple : trigger->tg_trigtuple;
  const RowValues row = ReadRow(tuple, desc, attributes);
  bool text_changed = !is_update;
  bool tags_changed = false;
  if (is_update) {
    const RowValues old = ReadRow(trigger->tg_trigtuple, desc, attributes);
    text_changed = !SameDatum(old, row, kTitle) || !SameDatum(old, row, kContent);
    tags_changed = !SameDatum(old, row, kTags);
  }

  Datum values[kColumnCount] = {};
  bool nulls[kColumnCount] = {};
  int columns[kColumnCount] = {};
  int replaced = 0;
  const auto replace = [&](Column c, Datum value, bool is_null) {
    columns[replaced] = attributes.number[c];
    values[replaced] = value;
    nulls[replaced] = is_null;
    ++replaced;
  };

  const bool need_document = text_changed || tags_changed || row.null[kFts];
  const bool need_embedding = text_changed && (is_update || row.null[kEmbedding]);
  if (need_document || need_embedding) {
    const std::string title = row.null[kTitle] ? "" : TextOf(row.value[kTitle]);
    const std::string content = row.null[kContent] ? "" : TextOf(row.value[kContent]);
    if (need_document) replace(kFts, WeightedDocument(title, row, content), false);
    if (need_embedding && pg::LocalEmbeddingsEnabled()) {
      replace(kEmbedding, pg::Float4ArrayDatum(core::EmbedLocal(core::EmbeddingInput(title, content))), false);
      replace(kEmbeddingModel, pg::TextDatum(kLocalModel), false);
    } else if (need_embedding) {  // a vector for the old text would mislead
      replace(kEmbedding, static_cast<Datum>(0), true);
      replace(kEmbeddingModel, static_cast<Datum>(0), true);
    }
  }
  if (replaced == 0) return PointerGetDatum(tuple);
  return PgCall([&] {
    return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, replaced, columns, values, nulls));
  });
}
