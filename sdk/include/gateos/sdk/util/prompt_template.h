#pragma once
// Prompt templates: a named, versioned text with `{{variables}}` that is placed
// into the system prompt or the last user message of a chat request. One
// implementation shared by the kernel (validation when an admin saves a
// template, preview) and stages.prompt_templates (per request), so a template
// the kernel accepted renders exactly the same way in the pipeline.
//
// Definition (JSON; the admin API's body and an item of the plugin's config):
//   {"name": "house-style", "workspace": "default", "version": 3,   identity
//    "body": "You help the {{team}} team. Today is {{date}}.",       required
//    "placement": "system_prepend",   system_prepend | system_append |
//                                     system_replace | user_append | user_wrap
//    "order": 100,                    stacking order (ascending, then name)
//    "enabled": true,
//    "description": "…",
//    "variables": {"team": "payments"},   custom variables (literal values)
//    "match": {"models": [...], "clients": [...], "filetypes": [...]}}
// Built-in variables: workspace, client, model, filetypes, date, and message
// (user_wrap only: the last user message's text; must occur exactly once).
// Unknown keys, unknown variables and bad syntax are refused by compile().
//
// Thread-safety: compiled templates and sets are immutable.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/status.h"
#include "gateos/sdk/util/text_template.h"

namespace gateos::sdk::util {

enum class TemplatePlacement { kSystemPrepend, kSystemAppend, kSystemReplace, kUserAppend, kUserWrap };

std::string_view toString(TemplatePlacement placement) noexcept;
std::optional<TemplatePlacement> placementFromString(std::string_view name) noexcept;

// The built-in variables in the order TextTemplate values are passed; custom
// variables follow them.
inline constexpr std::array<std::string_view, 6> kBuiltinTemplateVariables = {"workspace", "client",    "model",
                                                                              "filetypes", "date",      "message"};
enum BuiltinTemplateVariable : std::size_t { kVarWorkspace, kVarClient, kVarModel, kVarFiletypes, kVarDate, kVarMessage };

// Per-request values of the built-in variables (message excepted).
struct TemplateValues {
  std::string workspace;
  std::string client;     // integration id, "unknown" when not detected
  std::string model;      // the model as the client asked for it
  std::string filetypes;  // "python, markdown"; "none" when the request names no file
  std::string date;       // YYYY-MM-DD (UTC)

  static TemplateValues from(const RequestContext& context, std::string_view model, std::string date);
};

// Today's date in UTC as YYYY-MM-DD.
std::string utcDate();

// The request's files reduced once to what file-type filters compare (views
// into the RequestContext, which must outlive it): matching 100 templates
// then costs no path parsing per template.
struct RequestFileTypes {
  struct File {
    std::string_view extension;  // ".py", empty when none
    std::string_view baseName;   // "Dockerfile"
    std::string_view language;
  };
  explicit RequestFileTypes(const RequestContext& context);
  std::vector<File> files;
};

class PromptTemplate {
 public:
  // Validates and compiles a definition (see above). Errors are
  // kInvalidArgument naming the field: `body: line 1, column 9: unknown
  // variable "tema" (known: …)`, `placement: expected one of …`.
  static Result<std::shared_ptr<const PromptTemplate>> compile(const Json& definition);

  const std::string& name() const noexcept { return name_; }
  const std::string& workspace() const noexcept { return workspace_; }
  std::int64_t version() const noexcept { return version_; }
  int order() const noexcept { return order_; }
  bool enabled() const noexcept { return enabled_; }
  TemplatePlacement placement() const noexcept { return placement_; }

  // Whether the template applies to the request with `model` (as the client
  // asked for it): its match filters; the workspace is the caller's business.
  bool matches(const RequestContext& context, std::string_view model) const noexcept;
  // Same, with the request's file types computed once for many templates;
  // allocation-free.
  bool matches(const RequestContext& context, std::string_view model, const RequestFileTypes& files) const noexcept;

  // The rendered text (user_wrap: the part before {{message}}).
  void render(const TemplateValues& values, std::string& out) const;
  // user_wrap only: the part after {{message}}.
  void renderSuffix(const TemplateValues& values, std::string& out) const;

 private:
  void renderWith(const TextTemplate& text, const TemplateValues& values, std::string& out) const;
  static bool listMatches(const std::vector<std::string>& list, std::string_view value) noexcept;
  bool filetypeMatches(const RequestFileTypes& files) const noexcept;

  std::string name_;
  std::string workspace_;
  std::int64_t version_ = 0;
  int order_ = 100;
  bool enabled_ = true;
  TemplatePlacement placement_ = TemplatePlacement::kSystemPrepend;
  TextTemplate text_;    // whole body, or the part before {{message}} for user_wrap
  TextTemplate suffix_;  // user_wrap: the part after {{message}}
  std::vector<std::string> customValues_;  // in the order of the custom variables
  std::vector<std::string> models_, clients_, filetypes_;  // empty: any
};

// The active templates of every workspace, each workspace's in stacking order.
class PromptTemplateSet {
 public:
  using TemplatePtr = std::shared_ptr<const PromptTemplate>;

  // From an array of definitions (each with "workspace" and "name"); a
  // duplicate (workspace, name) is refused. Errors name the item:
  // `templates[2] (default/house-style): body: …`.
  static Result<PromptTemplateSet> build(const Json& definitions);
  // From compiled templates (the kernel's preview of a draft).
  static PromptTemplateSet fromTemplates(std::vector<TemplatePtr> templates);

  bool empty() const noexcept { return byWorkspace_.empty(); }
  std::size_t size() const noexcept;

  // The enabled templates of the context's workspace that match it, in order.
  std::vector<const PromptTemplate*> matching(const RequestContext& context, std::string_view model) const;
  // Cheap check for Stage::wantsRequest: does any template apply?
  bool anyMatches(const RequestContext& context, std::string_view model) const noexcept;

 private:
  std::unordered_map<std::string, std::vector<TemplatePtr>> byWorkspace_;
};

// Places the rendered templates (in stacking order) into the request:
//   system_replace  the leading system/developer messages become one system
//                   message with the replace texts;
//   system_prepend  before the system prompt (a system message is created at
//                   the front when there is none);
//   system_append   after the system prompt;
//   user_wrap       prefix before the first text of the last user message,
//                   suffix after its last text (the first template outermost);
//   user_append     after the last user message's text.
// Stacked texts and the existing text are separated by a blank line (except
// user_wrap, whose body says where the message goes). A request without a
// user message is left alone by the user placements.
void applyPromptTemplates(ChatRequest& request, const std::vector<const PromptTemplate*>& templates,
                          const TemplateValues& values);

}  // namespace gateos::sdk::util
