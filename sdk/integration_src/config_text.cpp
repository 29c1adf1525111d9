#include "gateos/sdk/integration/config_text.h"

#include <fmt/format.h>
#include <yaml.h>

#include "gateos/sdk/integration/line_diff.h"

namespace gateos::sdk::integration {

namespace {

// A cursor over JSON(C) text that was checked to parse: it skips values
// without building them and reports byte offsets.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : t_(text) {}

  std::size_t pos() const { return p_; }
  void seek(std::size_t p) { p_ = p; }
  char peek() {
    skipSpace();
    return p_ < t_.size() ? t_[p_] : '\0';
  }
  void skipSpace() {
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++p_;
      } else if (c == '/' && p_ + 1 < t_.size() && t_[p_ + 1] == '/') {
        auto nl = t_.find('\n', p_);
        p_ = nl == std::string_view::npos ? t_.size() : nl;
      } else if (c == '/' && p_ + 1 < t_.size() && t_[p_ + 1] == '*') {
        auto end = t_.find("*/", p_ + 2);
        p_ = end == std::string_view::npos ? t_.size() : end + 2;
      } else {
        break;
      }
    }
  }
  // A string literal at the cursor, unescaped only for plain characters.
  std::string readString() {
    std::string out;
    ++p_;  // opening quote
    while (p_ < t_.size() && t_[p_] != '"') {
      if (t_[p_] == '\\' && p_ + 1 < t_.size()) {
        out += t_[p_ + 1];
        p_ += 2;
      } else {
        out += t_[p_++];
      }
    }
    ++p_;
    return out;
  }
  void skipValue() {
    char c = peek();
    if (c == '"') {
      readString();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (p_ < t_.size()) {
        skipSpace();
        char d = t_[p_];
        if (d == '"') {
          readString();
          continue;
        }
        ++p_;
        if (d == '{' || d == '[') ++depth;
        if ((d == '}' || d == ']') && --depth == 0) return;
      }
      return;
    }
    while (p_ < t_.size() && t_[p_] != ',' && t_[p_] != '}' && t_[p_] != ']' && t_[p_] != ' ' && t_[p_] != '\n' &&
           t_[p_] != '\r' && t_[p_] != '\t' && t_[p_] != '/')
      ++p_;
  }

 private:
  std::string_view t_;
  std::size_t p_ = 0;
};

struct Member {
  std::string key;
  std::size_t keyBegin = 0, valueBegin = 0, valueEnd = 0;
};

// Members of the object whose '{' is at `open`; `close` receives the '}' offset.
std::vector<Member> objectMembers(std::string_view text, std::size_t open, std::size_t& close) {
  JsonCursor c(text);
  c.seek(open + 1);
  std::vector<Member> members;
  while (true) {
    char ch = c.peek();
    if (ch == '}' || ch == '\0') break;
    if (ch == ',') {
      c.seek(c.pos() + 1);
      continue;
    }
    Member m;
    m.keyBegin = c.pos();
    m.key = c.readString();
    c.peek();
    c.seek(c.pos() + 1);  // ':'
    m.valueBegin = (c.peek(), c.pos());
    c.skipValue();
    m.valueEnd = c.pos();
    members.push_back(std::move(m));
  }
  close = c.pos();
  return members;
}

std::string_view lineIndentAt(std::string_view text, std::size_t offset) {
  auto lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  std::size_t end = lineStart;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(lineStart, end - lineStart);
}

// A value as JSON text; objects spread over lines indented below `indent`.
std::string render(const Json& value, const std::string& indent) {
  if (!value.is_object() || value.empty()) return value.dump();
  std::string out = "{\n";
  std::size_t i = 0;
  for (const auto& [k, v] : value.items()) {
    out += indent + "  " + Json(k).dump() + ": " + render(v, indent + "  ");
    out += ++i < value.size() ? ",\n" : "\n";
  }
  return out + indent + "}";
}

Json nest(const std::vector<std::string>& path, std::size_t from, const std::vector<std::pair<std::string, Json>>& members) {
  Json leaf = Json::object();
  for (const auto& [k, v] : members) leaf[k] = v;
  for (std::size_t i = path.size(); i-- > from;) leaf = Json{{path[i], leaf}};
  return leaf;
}

}  // namespace

Status checkJson(std::string_view text, bool allowComments) {
  try {
    auto doc = Json::parse(text, nullptr, true, allowComments);
    if (!doc.is_object()) return Status(StatusCode::kInvalidArgument, "the top level is not a JSON object");
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidArgument, e.what());
  }
  return {};
}

Status checkYaml(std::string_view text) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return Status(StatusCode::kInternal, "yaml parser: out of memory");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Status result;
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      result = Status(StatusCode::kInvalidArgument,
                      fmt::format("line {} column {}: {}", parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                                  parser.problem ? parser.problem : "invalid YAML"));
      break;
    }
    bool done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (done) break;
  }
  yaml_parser_delete(&parser);
  return result;
}

Result<std::string> setJsonMembers(std::string_view text, const std::vector<std::string>& objectPath,
                                   const std::vector<std::pair<std::string, Json>>& members) {
  JsonCursor cursor(text);
  if (cursor.peek() == '\0') return render(nest(objectPath, 0, members), "") + "\n";
  if (cursor.peek() != '{') return Status(StatusCode::kInvalidArgument, "the top level is not a JSON object");
  std::string out(text);
  std::size_t open = cursor.pos();
  for (std::size_t depth = 0; depth <= objectPath.size(); ++depth) {
    std::size_t close = 0;
    auto list = objectMembers(out, open, close);
    std::vector<std::pair<std::string, Json>> missing;
    if (depth < objectPath.size()) {
      auto it = std::find_if(list.begin(), list.end(), [&](const Member& m) { return m.key == objectPath[depth]; });
      if (it != list.end()) {
        if (out[it->valueBegin] != '{')
          return Status(StatusCode::kInvalidArgument, fmt::format("\"{}\" is not an object", objectPath[depth]));
        open = it->valueBegin;
        continue;
      }
      missing.emplace_back(objectPath[depth], nest(objectPath, depth + 1, members));
    } else {
      // Replace existing values in place, back to front so offsets stay valid.
      for (auto m = list.rbegin(); m != list.rend(); ++m)
        for (const auto& [k, v] : members)
          if (k == m->key)
            out.replace(m->valueBegin, m->valueEnd - m->valueBegin, render(v, std::string(lineIndentAt(out, m->keyBegin))));
      for (const auto& [k, v] : members)
        if (std::none_of(list.begin(), list.end(), [&](const Member& m) { return m.key == k; })) missing.emplace_back(k, v);
      if (!missing.empty()) list = objectMembers(out, open, close);
    }
    if (missing.empty()) return out;
    const std::string outer(lineIndentAt(out, open));
    const std::string indent = list.empty() ? outer + "  " : std::string(lineIndentAt(out, list.front().keyBegin));
    std::string block;
    for (std::size_t i = 0; i < missing.size(); ++i) {
      block += "\n" + indent + Json(missing[i].first).dump() + ": " + render(missing[i].second, indent);
      if (i + 1 < missing.size() || !list.empty()) block += ",";
    }
    if (list.empty())
      out.replace(open, close + 1 - open, "{" + block + "\n" + outer + "}");
    else
      out.insert(open + 1, block);
    return out;
  }
  return out;
}

std::size_t findKeyLine(const std::vector<std::string_view>& lines, std::string_view key, char separator,
                        std::size_t from, std::size_t end) {
  end = std::min(end, lines.size());
  for (std::size_t i = from; i < end; ++i) {
    std::string_view l = lines[i];
    if (!l.starts_with(key)) continue;
    std::size_t p = key.size();
    while (p < l.size() && (l[p] == ' ' || l[p] == '\t')) ++p;
    if (p < l.size() && l[p] == separator) return i;
  }
  return std::string_view::npos;
}

std::string setYamlTopLevel(std::string_view text, const std::vector<std::pair<std::string, std::string>>& keyValues) {
  auto lines = splitLines(text);
  std::vector<std::string> out(lines.begin(), lines.end());
  std::string appended;
  for (const auto& [key, value] : keyValues) {
    std::string line = key + ": " + value + "\n";
    auto at = findKeyLine(lines, key, ':');
    if (at != std::string_view::npos)
      out[at] = line;
    else
      appended += line;
  }
  std::string result;
  for (const auto& l : out) result += l;
  if (!appended.empty() && !result.empty() && result.back() != '\n') result += '\n';
  return result + appended;
}

std::string quoted(std::string_view value) { return Json(std::string(value)).dump(); }

}  // namespace gateos::sdk::integration
