#include "gateos/sdk/util/prompt_template.h"

#include <algorithm>
#include <ctime>

#include "gateos/sdk/headers.h"

namespace gateos::sdk::util {
namespace {

constexpr std::size_t kMaxBodyBytes = 64 * 1024;
constexpr std::size_t kMaxVariableValueBytes = 16 * 1024;
constexpr std::size_t kMaxMatchEntries = 256;
constexpr int kMinOrder = 0;
constexpr int kMaxOrder = 10000;

constexpr std::pair<TemplatePlacement, std::string_view> kPlacements[] = {
    {TemplatePlacement::kSystemPrepend, "system_prepend"}, {TemplatePlacement::kSystemAppend, "system_append"},
    {TemplatePlacement::kSystemReplace, "system_replace"}, {TemplatePlacement::kUserAppend, "user_append"},
    {TemplatePlacement::kUserWrap, "user_wrap"}};

Status invalid(std::string message, std::string reason = "invalid_value") {
  return Status(StatusCode::kInvalidArgument, std::move(message)).withReason(std::move(reason));
}

bool validTemplateName(std::string_view name) noexcept {
  if (name.empty() || name.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front())) return false;
  for (char c : name)
    if (!alnum(c) && c != '_' && c != '-' && c != '.') return false;
  return true;
}

Status readStringList(const Json& value, const std::string& field, std::vector<std::string>& out) {
  if (!value.is_array()) return invalid(field + ": expected an array of strings", "invalid_type");
  if (value.size() > kMaxMatchEntries) return invalid(field + ": at most " + std::to_string(kMaxMatchEntries) + " entries");
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& item = value[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty())
      return invalid(field + "[" + std::to_string(i) + "]: expected a non-empty string", "invalid_type");
    out.push_back(item.get<std::string>());
  }
  return {};
}

// One backwards pass (find_last_of with a set scans with memchr per character).
std::string_view baseNameOf(std::string_view path) noexcept {
  std::size_t i = path.size();
  while (i > 0 && path[i - 1] != '/' && path[i - 1] != '\\') --i;
  return path.substr(i);
}

std::string_view extensionOf(std::string_view path) noexcept {
  std::string_view base = baseNameOf(path);
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return base.substr(dot);  // ".py"
}

}  // namespace

std::string_view toString(TemplatePlacement placement) noexcept {
  for (const auto& [p, name] : kPlacements)
    if (p == placement) return name;
  return "system_prepend";
}

std::optional<TemplatePlacement> placementFromString(std::string_view name) noexcept {
  for (const auto& [p, n] : kPlacements)
    if (n == name) return p;
  return std::nullopt;
}

std::string utcDate() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

TemplateValues TemplateValues::from(const RequestContext& context, std::string_view model, std::string date) {
  TemplateValues v;
  v.workspace = context.workspace;
  v.client = context.client.id.empty() ? "unknown" : context.client.id;
  v.model = std::string(model);
  // Distinct file types, primary file first: the language, else the extension
  // without its dot, else the file name (Dockerfile).
  std::vector<std::string> types;
  auto add = [&](const FileRef& f) {
    std::string type = f.language;
    if (type.empty()) {
      auto ext = extensionOf(f.path);
      type = std::string(ext.empty() ? baseNameOf(f.path) : ext.substr(1));
    }
    if (!type.empty() && std::find(types.begin(), types.end(), type) == types.end()) types.push_back(std::move(type));
  };
  for (const auto& f : context.client.files)
    if (f.primary) add(f);
  for (const auto& f : context.client.files)
    if (!f.primary) add(f);
  for (const auto& t : types) {
    if (!v.filetypes.empty()) v.filetypes += ", ";
    v.filetypes += t;
  }
  if (v.filetypes.empty()) v.filetypes = "none";
  v.date = std::move(date);
  return v;
}

Result<std::shared_ptr<const PromptTemplate>> PromptTemplate::compile(const Json& def) {
  if (!def.is_object()) return invalid("template: expected a JSON object", "invalid_type");
  static constexpr std::string_view kKeys[] = {"name",    "workspace",   "version",   "body", "placement", "order",
                                               "enabled", "description", "variables", "match"};
  for (const auto& [key, _] : def.items())
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      return invalid("unknown key '" + key + "'", "unknown_field");

  auto t = std::make_shared<PromptTemplate>();
  if (auto it = def.find("name"); it != def.end()) {
    if (!it->is_string() || !validTemplateName(it->get_ref<const std::string&>()))
      return invalid("name: use 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
    t->name_ = it->get<std::string>();
  }
  if (auto it = def.find("workspace"); it != def.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) return invalid("workspace: expected a non-empty string");
    t->workspace_ = it->get<std::string>();
  }
  if (auto it = def.find("version"); it != def.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1) return invalid("version: expected an integer >= 1");
    t->version_ = it->get<std::int64_t>();
  }
  if (auto it = def.find("placement"); it != def.end()) {
    auto placement = it->is_string() ? placementFromString(it->get_ref<const std::string&>()) : std::nullopt;
    if (!placement)
      return invalid("placement: expected one of system_prepend, system_append, system_replace, user_append, user_wrap");
    t->placement_ = *placement;
  }
  if (auto it = def.find("order"); it != def.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < kMinOrder || it->get<std::int64_t>() > kMaxOrder)
      return invalid("order: expected an integer from 0 to 10000");
    t->order_ = it->get<int>();
  }
  if (auto it = def.find("enabled"); it != def.end()) {
    if (!it->is_boolean()) return invalid("enabled: expected true or false", "invalid_type");
    t->enabled_ = it->get<bool>();
  }
  if (auto it = def.find("description"); it != def.end() && !it->is_string())
    return invalid("description: expected a string", "invalid_type");

  // Custom variables: literal values, names distinct from the built-ins.
  if (auto it = def.find("variables"); it != def.end()) {
    if (!it->is_object()) return invalid("variables: expected an object of strings", "invalid_type");
    for (const auto& [name, value] : it->items()) {
      if (!TextTemplate::isValidName(name))
        return invalid("variables: invalid name \"" + name + "\" (a letter or '_', then letters, digits, '_' or '-')");
      if (std::find(kBuiltinTemplateVariables.begin(), kBuiltinTemplateVariables.end(), name) !=
          kBuiltinTemplateVariables.end())
        return invalid("variables." + name + ": \"" + name + "\" is a built-in variable");
      if (!value.is_string()) return invalid("variables." + name + ": expected a string", "invalid_type");
      if (value.get_ref<const std::string&>().size() > kMaxVariableValueBytes)
        return invalid("variables." + name + ": longer than 16 KiB");
      t->customValues_.push_back(value.get<std::string>());
    }
  }
  // Names must outlive parse() only; the values are indexed by position.
  std::vector<std::string> customNames;
  if (auto it = def.find("variables"); it != def.end())
    for (const auto& [name, _] : it->items()) customNames.push_back(name);
  std::vector<std::string_view> known(kBuiltinTemplateVariables.begin(), kBuiltinTemplateVariables.end());
  if (t->placement_ != TemplatePlacement::kUserWrap) known[kVarMessage] = "";  // keeps indexes; never matches
  for (const auto& n : customNames) known.push_back(n);

  auto body = def.find("body");
  if (body == def.end()) return invalid("body: required", "missing_field");
  if (!body->is_string()) return invalid("body: expected a string", "invalid_type");
  const auto& text = body->get_ref<const std::string&>();
  if (text.size() > kMaxBodyBytes) return invalid("body: longer than 64 KiB");
  auto parsed = TextTemplate::parse(text, known);
  if (!parsed) {
    // List only the names a user can write in this placement.
    Status s = parsed.status();
    std::string message = s.message();
    if (auto pos = message.find("(known: "); pos != std::string::npos) {
      std::string list;
      for (auto n : known)
        if (!n.empty()) list += (list.empty() ? "" : ", ") + std::string(n);
      message = message.substr(0, pos) + "(known: " + list + ")";
    }
    return Status(StatusCode::kInvalidArgument, "body: " + message).withReason(s.reason());
  }
  if (t->placement_ == TemplatePlacement::kUserWrap) {
    if (parsed.value().occurrences(kVarMessage) != 1)
      return invalid("body: a user_wrap template must contain {{message}} exactly once", "template_syntax");
    auto [before, after] = parsed.value().splitAt(kVarMessage);
    t->text_ = std::move(before);
    t->suffix_ = std::move(after);
  } else {
    t->text_ = std::move(parsed.value());
  }

  if (auto it = def.find("match"); it != def.end() && !it->is_null()) {
    if (!it->is_object()) return invalid("match: expected an object", "invalid_type");
    for (const auto& [key, value] : it->items()) {
      std::vector<std::string>* list = key == "models" ? &t->models_
                                       : key == "clients" ? &t->clients_
                                       : key == "filetypes" ? &t->filetypes_
                                                            : nullptr;
      if (!list) return invalid("match: unknown key '" + key + "' (models, clients, filetypes)", "unknown_field");
      if (auto s = readStringList(value, "match." + key, *list); !s) return s;
    }
  }
  return std::shared_ptr<const PromptTemplate>(std::move(t));
}

bool PromptTemplate::listMatches(const std::vector<std::string>& list, std::string_view value) noexcept {
  if (value.empty()) return false;
  for (const auto& entry : list)
    if (entry == value) return true;
  return false;
}

RequestFileTypes::RequestFileTypes(const RequestContext& context) {
  files.reserve(context.client.files.size());
  for (const auto& file : context.client.files)
    files.push_back(File{extensionOf(file.path), baseNameOf(file.path), file.language});
}

bool PromptTemplate::filetypeMatches(const RequestFileTypes& request) const noexcept {
  for (const auto& file : request.files) {
    for (const auto& entry : filetypes_) {
      if (entry.front() == '.') {
        if (!file.extension.empty() && Headers::equalsIgnoreCase(file.extension, entry)) return true;
      } else if ((!file.language.empty() && Headers::equalsIgnoreCase(file.language, entry)) || file.baseName == entry) {
        return true;
      }
    }
  }
  return false;
}

bool PromptTemplate::matches(const RequestContext& context, std::string_view model) const noexcept {
  return matches(context, model, RequestFileTypes(context));
}

bool PromptTemplate::matches(const RequestContext& context, std::string_view model,
                             const RequestFileTypes& files) const noexcept {
  if (!models_.empty() && !listMatches(models_, model)) return false;
  if (!clients_.empty() && !listMatches(clients_, context.client.id)) return false;
  if (!filetypes_.empty() && !filetypeMatches(files)) return false;
  return true;
}

void PromptTemplate::renderWith(const TextTemplate& text, const TemplateValues& values, std::string& out) const {
  // Built-ins first, then the custom values, as parse() was told.
  std::vector<std::string_view> all;
  all.reserve(kBuiltinTemplateVariables.size() + customValues_.size());
  all.insert(all.end(), {values.workspace, values.client, values.model, values.filetypes, values.date, {}});
  for (const auto& v : customValues_) all.push_back(v);
  text.render(all, out);
}

void PromptTemplate::render(const TemplateValues& values, std::string& out) const { renderWith(text_, values, out); }

void PromptTemplate::renderSuffix(const TemplateValues& values, std::string& out) const {
  renderWith(suffix_, values, out);
}

}  // namespace gateos::sdk::util
