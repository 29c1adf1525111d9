// PromptTemplateSet (selection per request) and applyPromptTemplates
// (placement into the canonical request).
#include <algorithm>
#include <set>

#include "gateos/sdk/util/prompt_template.h"

namespace gateos::sdk::util {
namespace {

constexpr std::string_view kSeparator = "\n\n";

bool isSystemRole(Role role) noexcept { return role == Role::kSystem || role == Role::kDeveloper; }

void joinInto(std::string& out, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty()) out += kSeparator;
  out += text;
}

// The first / last text block of a message, appending an empty one when it has
// none (e.g. only images or tool results; Anthropic wants tool results first).
ContentBlock& firstText(Message& m) {
  for (auto& b : m.content)
    if (b.type == ContentBlock::Type::kText) return b;
  m.content.push_back(ContentBlock::makeText(""));
  return m.content.back();
}

ContentBlock& lastText(Message& m) {
  for (auto it = m.content.rbegin(); it != m.content.rend(); ++it)
    if (it->type == ContentBlock::Type::kText) return *it;
  m.content.push_back(ContentBlock::makeText(""));
  return m.content.back();
}

void prependText(ContentBlock& block, std::string_view text, std::string_view separator) {
  if (text.empty()) return;
  std::string joined(text);
  if (!block.text.empty()) joined += separator;
  block.text.insert(0, joined);
}

void appendText(ContentBlock& block, std::string_view text, std::string_view separator) {
  if (text.empty()) return;
  if (!block.text.empty()) block.text += separator;
  block.text += text;
}

// End of the leading run of system/developer messages: the system prompt.
std::size_t systemPromptEnd(const ChatRequest& request) noexcept {
  std::size_t end = 0;
  while (end < request.messages.size() && isSystemRole(request.messages[end].role)) ++end;
  return end;
}

Message systemMessage(std::string text) {
  Message m;
  m.role = Role::kSystem;
  m.content.push_back(ContentBlock::makeText(std::move(text)));
  return m;
}

}  // namespace

Result<PromptTemplateSet> PromptTemplateSet::build(const Json& definitions) {
  if (!definitions.is_array())
    return Status(StatusCode::kInvalidArgument, "templates: expected an array").withReason("invalid_type");
  std::vector<TemplatePtr> templates;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    const auto& def = definitions[i];
    std::string label = "templates[" + std::to_string(i) + "]";
    if (def.is_object() && def.contains("workspace") && def.contains("name") && def["workspace"].is_string() &&
        def["name"].is_string())
      label += " (" + def["workspace"].get<std::string>() + "/" + def["name"].get<std::string>() + ")";
    auto compiled = PromptTemplate::compile(def);
    if (!compiled) return compiled.status().prefixed(label);
    const auto& t = *compiled.value();
    if (t.workspace().empty() || t.name().empty())
      return Status(StatusCode::kInvalidArgument, label + ": workspace and name are required").withReason("missing_field");
    if (!seen.emplace(t.workspace(), t.name()).second)
      return Status(StatusCode::kInvalidArgument, label + ": duplicate template").withReason("invalid_value");
    templates.push_back(std::move(compiled.value()));
  }
  return fromTemplates(std::move(templates));
}

PromptTemplateSet PromptTemplateSet::fromTemplates(std::vector<TemplatePtr> templates) {
  PromptTemplateSet set;
  for (auto& t : templates)
    if (t->enabled()) set.byWorkspace_[t->workspace()].push_back(std::move(t));
  for (auto& [_, list] : set.byWorkspace_)
    std::stable_sort(list.begin(), list.end(), [](const TemplatePtr& a, const TemplatePtr& b) {
      return a->order() != b->order() ? a->order() < b->order() : a->name() < b->name();
    });
  return set;
}

std::size_t PromptTemplateSet::size() const noexcept {
  std::size_t n = 0;
  for (const auto& [_, list] : byWorkspace_) n += list.size();
  return n;
}

std::vector<const PromptTemplate*> PromptTemplateSet::matching(const RequestContext& context,
                                                                std::string_view model) const {
  std::vector<const PromptTemplate*> out;
  auto it = byWorkspace_.find(context.workspace);
  if (it == byWorkspace_.end()) return out;
  const RequestFileTypes files(context);
  for (const auto& t : it->second)
    if (t->matches(context, model, files)) out.push_back(t.get());
  return out;
}

bool PromptTemplateSet::anyMatches(const RequestContext& context, std::string_view model) const noexcept {
  auto it = byWorkspace_.find(context.workspace);
  if (it == byWorkspace_.end()) return false;
  const RequestFileTypes files(context);
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const TemplatePtr& t) { return t->matches(context, model, files); });
}

void applyPromptTemplates(ChatRequest& request, const std::vector<const PromptTemplate*>& templates,
                          const TemplateValues& values) {
  std::string replace, prepend, append, userAppend, wrapPrefix, wrapSuffix;
  bool hasReplace = false;
  std::string rendered;
  for (const auto* t : templates) {
    rendered.clear();
    t->render(values, rendered);
    switch (t->placement()) {
      case TemplatePlacement::kSystemReplace:
        hasReplace = true;
        joinInto(replace, rendered);
        break;
      case TemplatePlacement::kSystemPrepend: joinInto(prepend, rendered); break;
      case TemplatePlacement::kSystemAppend: joinInto(append, rendered); break;
      case TemplatePlacement::kUserAppend: joinInto(userAppend, rendered); break;
      case TemplatePlacement::kUserWrap: {
        // The first template is outermost: prefixes in order, suffixes reversed.
        wrapPrefix += rendered;
        std::string suffix;
        t->renderSuffix(values, suffix);
        wrapSuffix.insert(0, suffix);
        break;
      }
    }
  }

  std::size_t systemEnd = systemPromptEnd(request);
  if (hasReplace) {
    if (systemEnd == 0) {
      request.messages.insert(request.messages.begin(), systemMessage(std::move(replace)));
    } else {
      // The first system message keeps its role and extras (a dialect's marker
      // such as Responses `instructions`); only its content is replaced.
      Message& first = request.messages.front();
      first.content.clear();
      first.content.push_back(ContentBlock::makeText(std::move(replace)));
      request.messages.erase(request.messages.begin() + 1,
                             request.messages.begin() + static_cast<std::ptrdiff_t>(systemEnd));
    }
    systemEnd = 1;
  }
  if (!prepend.empty()) {
    if (systemEnd == 0) {
      request.messages.insert(request.messages.begin(), systemMessage(std::move(prepend)));
      systemEnd = 1;
    } else {
      prependText(firstText(request.messages.front()), prepend, kSeparator);
    }
  }
  if (!append.empty()) {
    if (systemEnd == 0)
      request.messages.insert(request.messages.begin(), systemMessage(std::move(append)));
    else
      appendText(lastText(request.messages[systemEnd - 1]), append, kSeparator);
  }

  if (wrapPrefix.empty() && wrapSuffix.empty() && userAppend.empty()) return;
  auto user = std::find_if(request.messages.rbegin(), request.messages.rend(),
                           [](const Message& m) { return m.role == Role::kUser; });
  if (user == request.messages.rend()) return;
  if (!wrapPrefix.empty()) prependText(firstText(*user), wrapPrefix, "");
  if (!wrapSuffix.empty()) appendText(lastText(*user), wrapSuffix, "");
  if (!userAppend.empty()) appendText(lastText(*user), userAppend, kSeparator);
}

}  // namespace gateos::sdk::util
