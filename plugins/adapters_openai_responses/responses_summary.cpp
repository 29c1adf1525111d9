#include "responses_summary.h"

#include <simdjson.h>

#include <string>

namespace gateos::plugins::adapters::openai_responses {
namespace {

using sdk::Status;
using sdk::StatusCode;
namespace dom = simdjson::dom;

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
      .withReason("invalid_type")
      .withParam(field);
}

Status missing(const std::string& field) {
  return Status(StatusCode::kInvalidArgument, field + ": required").withReason("missing_field").withParam(field);
}

class Lease {
 public:
  explicit Lease(ParserPool& pool) : pool_(pool), parser_(pool.acquire()) {}
  ~Lease() { pool_.release(std::move(parser_)); }
  dom::parser& operator*() { return *parser_; }

 private:
  ParserPool& pool_;
  std::unique_ptr<dom::parser> parser_;
};

bool isNumber(dom::element e) { return e.is_int64() || e.is_uint64() || e.is_double(); }

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

sdk::Result<sdk::RequestSummary> summarizeResponses(ParserPool& pool, std::string_view body) noexcept {
  try {
    Lease parser(pool);
    dom::element root;
    if (auto error = (*parser).parse(body.data(), body.size()).get(root); error)
      return Status(StatusCode::kInvalidArgument, std::string("invalid JSON: ") + simdjson::error_message(error))
          .withReason("invalid_json");
    dom::object object;
    if (root.get(object)) return wrongType("request body", "object", root);
    sdk::RequestSummary summary;
    dom::element e;
    if (object["model"].get(e)) return missing("model");
    std::string_view model;
    if (e.get(model)) return wrongType("model", "string", e);
    summary.model.assign(model);

    if (!object["input"].get(e) && !e.is_null()) {
      if (e.is_array()) {
        std::size_t index = 0;
        dom::array items = e.get_array().value_unsafe();  // a copy: value_unsafe() refers into a temporary
        for (dom::element item : items) {
          if (!item.is_object()) return wrongType("input[" + std::to_string(index) + "]", "object", item);
          ++index;
        }
      } else if (!e.is_string()) {
        return wrongType("input", "string or array", e);
      }
    }
    if (!object["stream"].get(e) && !e.is_null()) {
      if (!e.is_bool()) return wrongType("stream", "boolean", e);
      summary.stream = e.get_bool().value_unsafe();
    }
    summary.includeUsage = summary.stream;  // response.completed always carries usage
    if (!object["max_output_tokens"].get(e) && !e.is_null() && !e.is_int64() && !e.is_uint64())
      return wrongType("max_output_tokens", "integer", e);
    for (const char* field : {"temperature", "top_p"})
      if (!object[field].get(e) && !e.is_null() && !isNumber(e)) return wrongType(field, "number", e);
    if (!object["instructions"].get(e) && !e.is_null() && !e.is_string()) return wrongType("instructions", "string", e);
    if (!object["tools"].get(e) && !e.is_null() && !e.is_array()) return wrongType("tools", "array", e);
    return summary;
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("summarize: ") + e.what());
  }
}

}  // namespace gateos::plugins::adapters::openai_responses
