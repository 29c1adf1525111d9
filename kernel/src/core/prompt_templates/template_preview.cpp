// PromptTemplateService::preview: the workspace's templates (or a draft in
// place of the saved template of the same name) rendered into a sample
// request exactly as stages.prompt_templates would, re-encoded in the
// sample's dialect. No model is called and nothing is saved.
#include "core/prompt_templates/template_service.h"

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/util/prompt_template.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

Status invalid(std::string message) { return Status(StatusCode::kInvalidArgument, std::move(message)); }

sdk::Result<sdk::ChatRequest> decodeSample(std::string_view dialect, const Json& sample) {
  if (!sample.is_object()) return invalid("request: expected the JSON body of a chat request");
  const std::string text = sample.dump();
  sdk::Result<sdk::ChatRequest> decoded = Status(StatusCode::kInternal, "not decoded");
  if (dialect == sdk::codec::openai_chat::kDialect)
    decoded = sdk::codec::openai_chat::decodeRequest(text);
  else if (dialect == sdk::codec::anthropic_messages::kDialect)
    decoded = sdk::codec::anthropic_messages::decodeRequest(text);
  else
    return invalid("dialect: expected openai.chat or anthropic.messages");
  if (!decoded) return decoded.status().prefixed("request");
  return decoded;
}

sdk::Result<Json> encodeSample(std::string_view dialect, const sdk::ChatRequest& request) {
  if (dialect == sdk::codec::openai_chat::kDialect)
    return Json::parse(sdk::codec::openai_chat::encodeRequest(request, request.model));
  sdk::codec::anthropic_messages::EncodeOptions options;
  options.sameDialect = true;
  auto encoded = sdk::codec::anthropic_messages::encodeRequest(request, request.model, options);
  if (!encoded) return encoded.status();
  return Json::parse(encoded.value());
}

Status readContext(const Json& body, sdk::RequestContext& context) {
  if (auto it = body.find("client"); it != body.end()) {
    if (!it->is_string()) return invalid("client: expected a string");
    context.client.id = it->get<std::string>();
  }
  if (auto it = body.find("files"); it != body.end()) {
    if (!it->is_array()) return invalid("files: expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& f = (*it)[i];
      const std::string field = "files[" + std::to_string(i) + "]";
      if (!f.is_object() || !f.contains("path") || !f["path"].is_string()) return invalid(field + ".path: required");
      sdk::FileRef ref;
      ref.path = f["path"].get<std::string>();
      if (f.contains("language")) {
        if (!f["language"].is_string()) return invalid(field + ".language: expected a string");
        ref.language = f["language"].get<std::string>();
      }
      if (f.contains("primary")) {
        if (!f["primary"].is_boolean()) return invalid(field + ".primary: expected a boolean");
        ref.primary = f["primary"].get<bool>();
      }
      context.client.files.push_back(std::move(ref));
    }
  }
  return {};
}

std::string systemText(const sdk::ChatRequest& request) {
  std::string out;
  for (const auto& m : request.messages) {
    if (m.role != sdk::Role::kSystem && m.role != sdk::Role::kDeveloper) break;
    if (!out.empty()) out += "\n\n";
    out += m.text();
  }
  return out;
}

}  // namespace

sdk::Result<Json> PromptTemplateService::preview(const std::string& workspace, const Json& body) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  if (!body.is_object()) return invalid("expected a JSON object");
  static constexpr std::string_view kKeys[] = {"request", "dialect", "client", "files", "template"};
  for (const auto& [key, _] : body.items())
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) return invalid("unknown key '" + key + "'");
  std::string dialect = std::string(sdk::codec::openai_chat::kDialect);
  if (auto it = body.find("dialect"); it != body.end()) {
    if (!it->is_string()) return invalid("dialect: expected a string");
    dialect = it->get<std::string>();
  }
  auto it = body.find("request");
  if (it == body.end()) return invalid("request: required (a sample chat request in the dialect's format)");
  auto request = decodeSample(dialect, *it);
  if (!request) return request.status();

  sdk::RequestContext context;
  context.workspace = workspace;
  context.inboundDialect = dialect;
  if (auto s = readContext(body, context); !s) return s;

  // The saved templates of the workspace, with the draft in place of its namesake.
  std::vector<std::shared_ptr<const sdk::util::PromptTemplate>> templates;
  std::string draftName;
  if (auto draft = body.find("template"); draft != body.end()) {
    if (!draft->is_object()) return invalid("template: expected a template definition");
    draftName = draft->value("name", std::string("draft"));
    auto definition = checkDefinition(workspace, draftName, *draft);
    if (!definition) return definition.status().prefixed("template");
    (*definition)["workspace"] = workspace;
    (*definition)["name"] = draftName;
    auto compiled = sdk::util::PromptTemplate::compile(definition.value());
    if (!compiled) return compiled.status().prefixed("template");
    templates.push_back(std::move(compiled.value()));
  }
  auto saved = store_.list(workspace);
  if (!saved) return saved.status();
  for (const auto& r : saved.value()) {
    if (r.name == draftName) continue;
    Json definition = r.definition;
    definition["workspace"] = r.workspace;
    definition["name"] = r.name;
    definition["version"] = r.version;
    auto compiled = sdk::util::PromptTemplate::compile(definition);
    if (!compiled) return compiled.status().prefixed("template " + r.name);
    templates.push_back(std::move(compiled.value()));
  }
  auto set = sdk::util::PromptTemplateSet::fromTemplates(std::move(templates));
  const std::string model = request.value().model;
  auto matching = set.matching(context, model);
  sdk::util::applyPromptTemplates(request.value(), matching,
                                  sdk::util::TemplateValues::from(context, model, sdk::util::utcDate()));

  Json applied = Json::array();
  for (const auto* t : matching)
    applied.push_back(Json{{"name", t->name()},
                           {"version", t->name() == draftName ? Json() : Json(t->version())},
                           {"placement", std::string(sdk::util::toString(t->placement()))}});
  auto encoded = encodeSample(dialect, request.value());
  if (!encoded) return encoded.status().prefixed("request");
  return Json{{"workspace", workspace},
              {"dialect", dialect},
              {"applied", std::move(applied)},
              {"system", systemText(request.value())},
              {"last_user_message", request.value().lastUserText()},
              {"request", std::move(encoded.value())}};
}

}  // namespace gateos::kernel::core
