// Ollama inbound: embeddings, /api/tags, /api/show and /api/version answers.
#include <string>

#include "gateos/sdk/codec/ollama_encode_response.h"
#include "gateos/sdk/codec/openai_embeddings.h"
#include "json_text.h"

namespace gateos::sdk::codec::ollama {
namespace {

void appendVector(std::string& out, const std::vector<float>& vector) {
  out += '[';
  for (std::size_t i = 0; i < vector.size(); ++i) {
    if (i > 0) out += ',';
    openai_embeddings::appendFloat(out, vector[i]);
  }
  out += ']';
}

// A stable pseudo digest, so clients that key their caches by digest see the
// same value for the same name (not a content hash: there is no local file).
std::string digestFor(std::string_view name) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  std::string hex(buffer);
  return hex + hex + hex + hex;  // 64 hex digits, the length of a sha256
}

Json details(const ModelListing& model) {
  return Json{{"parent_model", model.target},
              {"format", "gateos"},
              {"family", model.provider},
              {"families", Json::array({model.provider})},
              {"parameter_size", ""},
              {"quantization_level", ""}};
}

}  // namespace

std::string encodeEmbedResponse(const EmbeddingResponse& response, std::string_view model) {
  std::string out = R"({"model":)";
  detail::appendJsonString(out, model);
  out += R"(,"embeddings":[)";
  for (std::size_t i = 0; i < response.vectors.size(); ++i) {
    if (i > 0) out += ',';
    appendVector(out, response.vectors[i]);
  }
  out += R"(],"total_duration":0,"load_duration":0,"prompt_eval_count":)";
  out += std::to_string(response.usage.inputTokens);
  out += '}';
  return out;
}

std::string encodeLegacyEmbeddingsResponse(const EmbeddingResponse& response) {
  std::string out = R"({"embedding":)";
  appendVector(out, response.vectors.empty() ? std::vector<float>{} : response.vectors.front());
  out += '}';
  return out;
}

std::string encodeTags(const std::vector<ModelListing>& models) {
  Json list = Json::array();
  std::string now = formatTimestamp(std::chrono::system_clock::now());
  for (const auto& m : models)
    list.push_back({{"name", m.name},
                    {"model", m.name},
                    {"modified_at", now},
                    {"size", 0},
                    {"digest", digestFor(m.name)},
                    {"details", details(m)}});
  return Json{{"models", std::move(list)}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encodeShow(const ModelListing& model) {
  Json body{{"modelfile", "# served by GateOS: " + (model.target.empty() ? model.name : model.target) + "\n"},
            {"parameters", ""},
            {"template", "{{ .Prompt }}"},
            {"details", details(model)},
            {"model_info", Json{{"general.architecture", model.provider}}},
            {"capabilities", Json::array({"completion", "tools"})},
            {"modified_at", formatTimestamp(std::chrono::system_clock::now())}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encodeVersion() { return std::string(R"({"version":")") + std::string(kVersion) + "\"}"; }

}  // namespace gateos::sdk::codec::ollama
