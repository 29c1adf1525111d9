#include "anthropic_summary.h"

#include <simdjson.h>

#include <string>

namespace gateos::plugins::adapters::anthropic_messages {
namespace {

using sdk::Status;
using sdk::StatusCode;
namespace dom = simdjson::dom;

constexpr std::int64_t kTokensPerImage = 1600;
constexpr std::int64_t kTokensPerMessage = 3;

const char* typeName(dom::element_type t) {
  using T = dom::element_type;
  switch (t) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "number";
    case T::STRING: return "string";
    case T::BOOL: return "boolean";
    case T::NULL_VALUE: return "null";
  }
  return "value";
}

Status wrongType(const std::string& field, const char* expected, dom::element e) {
  return Status(StatusCode::kInvalidArgument, field + ": expected " + expected + ", got " + typeName(e.type()))
      .withReason("invalid_type");
}

Status missing(const std::string& field) {
  return Status(StatusCode::kInvalidArgument, field + ": required").withReason("missing_field");
}

// A pooled parser, returned to the pool when the lease ends.
class Lease {
 public:
  explicit Lease(ParserPool& pool) : pool_(pool), parser_(pool.acquire()) {}
  ~Lease() { pool_.release(std::move(parser_)); }
  dom::parser& operator*() { return *parser_; }

 private:
  ParserPool& pool_;
  std::unique_ptr<dom::parser> parser_;
};

// The document lives in `parser`; the object is valid while the lease is.
sdk::Result<dom::object> parseObject(dom::parser& parser, std::string_view body) {
  dom::element root;
  if (auto error = parser.parse(body.data(), body.size()).get(root); error)
    return Status(StatusCode::kInvalidArgument, std::string("invalid JSON: ") + simdjson::error_message(error))
        .withReason("invalid_json");
  dom::object object;
  if (root.get(object)) return wrongType("request body", "object", root);
  return object;
}

struct Estimate {
  std::int64_t chars = 0;
  std::int64_t images = 0;
};

// Sums string lengths; a base64 source counts as one image instead of its bytes.
void walk(dom::element e, Estimate& est) {
  switch (e.type()) {
    case dom::element_type::STRING:
      est.chars += static_cast<std::int64_t>(e.get_string().value_unsafe().size());
      return;
    case dom::element_type::ARRAY: {
      dom::array array = e.get_array().value_unsafe();  // a copy: value_unsafe() refers into a temporary
      for (dom::element child : array) walk(child, est);
      return;
    }
    case dom::element_type::OBJECT: {
      dom::object o = e.get_object().value_unsafe();
      std::string_view type;
      bool base64 = !o["type"].get(type) && type == "base64";
      if (base64) ++est.images;
      for (auto field : o) {
        if (base64 && field.key == "data") continue;
        // Structure, not prompt: roles are covered by the per-message overhead.
        if (field.key == "type" || field.key == "role" || field.key == "cache_control" || field.key == "signature")
          continue;
        walk(field.value, est);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace

ParserPool::ParserPool() { idle_.reserve(kMaxIdle); }
ParserPool::~ParserPool() = default;

std::unique_ptr<dom::parser> ParserPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto parser = std::move(idle_.back());
      idle_.pop_back();
      return parser;
    }
  }
  return std::make_unique<dom::parser>();
}

void ParserPool::release(std::unique_ptr<dom::parser> parser) noexcept {
  if (!parser) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(parser));  // reserved: cannot throw; else freed here
}

sdk::Result<sdk::RequestSummary> summarizeMessages(ParserPool& pool, std::string_view body) noexcept {
  try {
    Lease parser(pool);
    auto parsed = parseObject(*parser, body);
    if (!parsed) return parsed.status();
    dom::object object = parsed.value();
    sdk::RequestSummary summary;
    dom::element e;
    if (object["model"].get(e)) return missing("model");
    std::string_view model;
    if (e.get(model)) return wrongType("model", "string", e);
    summary.model.assign(model);

    if (object["messages"].get(e)) return missing("messages");
    dom::array messages;
    if (e.get(messages)) return wrongType("messages", "array", e);
    std::size_t index = 0;
    for (dom::element message : messages) {
      std::string field = "messages[" + std::to_string(index++) + "]";
      dom::object m;
      if (message.get(m)) return wrongType(field, "object", message);
      dom::element role;
      if (m["role"].get(role)) return missing(field + ".role");
      if (!role.is_string()) return wrongType(field + ".role", "string", role);
    }

    if (!object["stream"].get(e) && !e.is_null()) {
      if (!e.is_bool()) return wrongType("stream", "boolean", e);
      summary.stream = e.get_bool().value_unsafe();
    }
    summary.includeUsage = summary.stream;  // Anthropic streams always carry usage
    if (!object["max_tokens"].get(e) && !e.is_null() && !e.is_int64() && !e.is_uint64())
      return wrongType("max_tokens", "integer", e);
    for (const char* field : {"temperature", "top_p"})
      if (!object[field].get(e) && !e.is_null() && !e.is_int64() && !e.is_uint64() && !e.is_double())
        return wrongType(field, "number", e);
    if (!object["system"].get(e) && !e.is_null() && !e.is_string() && !e.is_array())
      return wrongType("system", "string or array", e);
    if (!object["tools"].get(e) && !e.is_null() && !e.is_array()) return wrongType("tools", "array", e);
    return summary;
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("summarize: ") + e.what());
  }
}

sdk::Result<std::int64_t> estimateInputTokens(ParserPool& pool, std::string_view body) noexcept {
  try {
    Lease parser(pool);
    auto parsed = parseObject(*parser, body);
    if (!parsed) return parsed.status();
    dom::object object = parsed.value();
    Estimate est;
    std::int64_t messageCount = 0;
    dom::element e;
    if (!object["system"].get(e)) walk(e, est);
    if (!object["messages"].get(e)) {
      walk(e, est);
      if (e.is_array()) messageCount = static_cast<std::int64_t>(e.get_array().value_unsafe().size());
    }
    if (!object["tool_choice"].get(e)) walk(e, est);
    if (!object["tools"].get(e)) est.chars += static_cast<std::int64_t>(simdjson::minify(e).size());
    return (est.chars + 3) / 4 + est.images * kTokensPerImage + messageCount * kTokensPerMessage;
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("count tokens: ") + e.what());
  }
}

}  // namespace gateos::plugins::adapters::anthropic_messages
