#include "json_fast.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "gateos/sdk/util/json_scan.h"

namespace gateos::sdk::codec::detail {
namespace {

namespace dom = simdjson::dom;

// Parsers keep their buffers (sized to the largest body seen) between calls.
class ParserPool {
 public:
  std::unique_ptr<dom::parser> acquire() {
    std::lock_guard lock(mutex_);
    if (idle_.empty()) return std::make_unique<dom::parser>();
    auto p = std::move(idle_.back());
    idle_.pop_back();
    return p;
  }
  void release(std::unique_ptr<dom::parser> p) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(p));
  }

 private:
  static constexpr std::size_t kMaxIdle = 8;
  std::mutex mutex_;
  std::vector<std::unique_ptr<dom::parser>> idle_;
};

ParserPool& pool() {
  static ParserPool instance;
  return instance;
}

Json toJson(dom::element e) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      Json out = Json::object();
      auto& map = out.get_ref<Json::object_t&>();
      for (dom::key_value_pair field : dom::object(e)) map[std::string(field.key)] = toJson(field.value);
      return out;
    }
    case dom::element_type::ARRAY: {
      Json out = Json::array();
      auto& vec = out.get_ref<Json::array_t&>();
      dom::array array(e);
      vec.reserve(array.size());
      for (dom::element item : array) vec.push_back(toJson(item));
      return out;
    }
    case dom::element_type::STRING:
      return Json(std::string(e.get_string().value_unsafe()));
    case dom::element_type::INT64: {
      std::int64_t v = e.get_int64().value_unsafe();
      // nlohmann reads a non-negative integer as unsigned.
      return v >= 0 ? Json(static_cast<std::uint64_t>(v)) : Json(v);
    }
    case dom::element_type::UINT64:
      return Json(e.get_uint64().value_unsafe());
    case dom::element_type::DOUBLE:
      return Json(e.get_double().value_unsafe());
    case dom::element_type::BOOL:
      return Json(e.get_bool().value_unsafe());
    case dom::element_type::NULL_VALUE:
      return Json(nullptr);
  }
  return Json(nullptr);
}

constexpr std::uint64_t kRawJsonSubtype = 0x6a72;  // "jr"

// `o` as a tree, except that an object value of `rawKey` becomes a raw node
// (simdjson's minified writing of it: the DOM keeps no source offsets).
Json objectWithRawKey(dom::object o, std::string_view rawKey) {
  Json out = Json::object();
  auto& map = out.get_ref<Json::object_t&>();
  for (dom::key_value_pair field : o) {
    if (field.key == rawKey && field.value.type() == dom::element_type::OBJECT)
      map[std::string(field.key)] = rawJsonNode(simdjson::to_string(field.value));
    else
      map[std::string(field.key)] = toJson(field.value);
  }
  return out;
}

// The tool's "type" member: "" when absent, "\0" when not a string.
std::string_view toolType(dom::object tool) {
  dom::element type;
  if (tool["type"].get(type)) return {};
  if (type.is_null()) return {};
  std::string_view s;
  if (type.get(s)) return std::string_view("\0", 1);
  return s;
}

Json toolWithRawSchema(dom::element e, RawSchemas mode) {
  if (e.type() != dom::element_type::OBJECT) return toJson(e);
  dom::object tool(e);
  std::string_view type = toolType(tool);
  switch (mode) {
    case RawSchemas::kAnthropic:
      if (type.empty() || type == "custom") return objectWithRawKey(tool, "input_schema");
      break;
    case RawSchemas::kChat:
      if (type == "function") {
        Json out = Json::object();
        auto& map = out.get_ref<Json::object_t&>();
        for (dom::key_value_pair field : tool)
          map[std::string(field.key)] =
              field.key == "function" && field.value.type() == dom::element_type::OBJECT
                  ? objectWithRawKey(dom::object(field.value), "parameters")
                  : toJson(field.value);
        return out;
      }
      break;
    case RawSchemas::kResponses:
      if (type == "function") return objectWithRawKey(tool, "parameters");
      break;
    case RawSchemas::kNone: break;
  }
  return toJson(e);
}

Json toolsWithRawSchemas(dom::element e, RawSchemas mode) {
  if (e.type() != dom::element_type::ARRAY) return toJson(e);
  Json out = Json::array();
  auto& vec = out.get_ref<Json::array_t&>();
  dom::array array(e);
  vec.reserve(array.size());
  for (dom::element item : array) vec.push_back(toolWithRawSchema(item, mode));
  return out;
}

// The body as a tree, with the tool schemas `mode` names as raw nodes.
Json rootWithRawSchemas(dom::element root, RawSchemas mode) {
  if (mode == RawSchemas::kNone || root.type() != dom::element_type::OBJECT) return toJson(root);
  Json out = Json::object();
  auto& map = out.get_ref<Json::object_t&>();
  for (dom::key_value_pair field : dom::object(root))
    map[std::string(field.key)] =
        field.key == "tools" ? toolsWithRawSchemas(field.value, mode) : toJson(field.value);
  return out;
}

// True when `s` is well-formed UTF-8 (ASCII runs checked 8 bytes at a time).
bool validUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) extra = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3, cp = c & 0x07;
    else return false;
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += extra + 1;
  }
  return true;
}

// Writes `v` compactly; false when a string (or key) is not valid UTF-8.
bool write(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : v.get_ref<const Json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        if (!validUtf8(key)) return false;
        util::appendJsonString(out, key);
        out.push_back(':');
        if (!write(value, out)) return false;
      }
      out.push_back('}');
      return true;
    }
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v.get_ref<const Json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        if (!write(item, out)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (!validUtf8(s)) return false;
      util::appendJsonString(out, s);
      return true;
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char buf[24];
      auto r = v.is_number_unsigned() ? std::to_chars(buf, buf + sizeof buf, v.get<std::uint64_t>())
                                      : std::to_chars(buf, buf + sizeof buf, v.get<std::int64_t>());
      out.append(buf, r.ptr);
      return true;
    }
    case Json::value_t::number_float:
      out += v.dump();  // nlohmann's shortest round-trip form, as dump() writes it
      return true;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return true;
    case Json::value_t::null:
    case Json::value_t::discarded:
      out += "null";
      return true;
    case Json::value_t::binary:
      if (isRawJsonNode(v)) out += rawJsonText(v);  // valid UTF-8: simdjson checked it
      else out += v.dump();
      return true;
  }
  return true;
}

}  // namespace

namespace {

// simdjson's parse converted to nlohmann; false (out untouched) on any error.
bool fastParse(std::string_view body, Json& out, RawSchemas raw = RawSchemas::kNone) {
  auto parser = pool().acquire();
  dom::element root;
  bool ok = false;
  if (!parser->parse(body.data(), body.size()).get(root)) {
    out = rootWithRawSchemas(root, raw);
    ok = true;
  }
  pool().release(std::move(parser));
  return ok;
}

}  // namespace

Json parseJson(std::string_view body, RawSchemas raw) {
  Json out;
  if (fastParse(body, out, raw)) return out;
  return Json::parse(body);  // the error nlohmann reports
}

Json parseJsonOrDiscarded(std::string_view body) {
  Json out;
  if (fastParse(body, out)) return out;
  return Json::parse(body, nullptr, false);
}

Json rawJsonNode(std::string_view json) {
  Json::binary_t::container_type bytes(json.size());
  if (!json.empty()) std::memcpy(bytes.data(), json.data(), json.size());  // not an element-wise char -> byte copy
  return Json::binary(std::move(bytes), kRawJsonSubtype);
}

bool isRawJsonNode(const Json& value) noexcept {
  if (!value.is_binary()) return false;
  const auto& b = value.get_binary();
  return b.has_subtype() && b.subtype() == kRawJsonSubtype;
}

std::string_view rawJsonText(const Json& value) noexcept {
  const auto& b = value.get_binary();
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

namespace {

// A copy of `value` with raw nodes parsed back into trees (for nlohmann's dump).
Json withoutRawNodes(const Json& value) {
  if (isRawJsonNode(value)) return Json::parse(rawJsonText(value));
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = withoutRawNodes(it.value());
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& item : value) out.push_back(withoutRawNodes(item));
    return out;
  }
  return value;
}

}  // namespace

std::string dumpJson(const Json& value, std::size_t sizeHint) {
  std::string out;
  out.reserve(sizeHint);
  if (write(value, out)) return out;
  return withoutRawNodes(value).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace gateos::sdk::codec::detail
