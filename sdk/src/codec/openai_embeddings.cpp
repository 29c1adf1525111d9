// OpenAI Embeddings: request decode/encode, response decode/encode.
#include "gateos/sdk/codec/openai_embeddings.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "gateos/sdk/util/base64.h"
#include "json_text.h"

namespace gateos::sdk::codec::openai_embeddings {
namespace {

// One text input (designated initializers would warn about the other fields).
EmbeddingInput textInput(std::string text) {
  EmbeddingInput in;
  in.text = std::move(text);
  return in;
}

Status invalid(std::string field, std::string message) {
  return Status(StatusCode::kInvalidArgument, field + ": " + std::move(message)).withReason("invalid_type").withParam(std::move(field));
}

Status upstreamInvalid(std::string message) {
  return Status(StatusCode::kUpstreamError, "invalid embeddings answer: " + std::move(message)).withHttpStatus(502);
}

bool isTokenArray(const Json& j) {
  return j.is_array() && std::all_of(j.begin(), j.end(), [](const Json& t) { return t.is_number_integer(); });
}

EmbeddingInput tokensInput(const Json& j) {
  EmbeddingInput in;
  in.isTokens = true;
  in.tokens.reserve(j.size());
  for (const auto& t : j) in.tokens.push_back(t.get<int64_t>());
  return in;
}

uint32_t toLittleEndian(uint32_t v) {
  if constexpr (std::endian::native == std::endian::big) return __builtin_bswap32(v);
  return v;
}

}  // namespace

Result<EmbeddingRequest> decodeRequest(std::string_view body) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return Status(StatusCode::kInvalidArgument, "invalid JSON: the body is not a JSON document").withReason("invalid_json");
  if (!doc.is_object()) return Status(StatusCode::kInvalidArgument, "request body: expected a JSON object");
  EmbeddingRequest request;
  auto model = doc.find("model");
  if (model == doc.end()) return Status(StatusCode::kInvalidArgument, "model: required").withReason("missing_field").withParam("model");
  if (!model->is_string()) return invalid("model", "expected a string");
  request.model = model->get<std::string>();

  auto input = doc.find("input");
  if (input == doc.end()) return Status(StatusCode::kInvalidArgument, "input: required").withReason("missing_field").withParam("input");
  if (input->is_string()) {
    request.singleInput = true;
    request.inputs.push_back(textInput(input->get<std::string>()));
  } else if (input->is_array() && !input->empty() && isTokenArray(*input)) {
    request.singleInput = true;
    request.inputs.push_back(tokensInput(*input));
  } else if (input->is_array() && !input->empty()) {
    for (std::size_t i = 0; i < input->size(); ++i) {
      const Json& item = (*input)[i];
      if (item.is_string()) request.inputs.push_back(textInput(item.get<std::string>()));
      else if (isTokenArray(item) && !item.empty()) request.inputs.push_back(tokensInput(item));
      else return invalid("input[" + std::to_string(i) + "]", "expected a string or an array of token ids");
    }
  } else if (input->is_array()) {
    return invalid("input", "must not be empty");
  } else {
    return invalid("input", "expected a string, an array of strings or token arrays");
  }

  if (auto f = doc.find("encoding_format"); f != doc.end() && !f->is_null()) {
    if (*f == "float") request.encoding = EmbeddingEncoding::kFloat;
    else if (*f == "base64") request.encoding = EmbeddingEncoding::kBase64;
    else return invalid("encoding_format", "expected \"float\" or \"base64\"");
  }
  if (auto d = doc.find("dimensions"); d != doc.end() && !d->is_null()) {
    if (!d->is_number_integer() || d->get<int64_t>() < 1) return invalid("dimensions", "expected an integer >= 1");
    request.dimensions = d->get<int64_t>();
  }
  if (auto u = doc.find("user"); u != doc.end() && !u->is_null()) {
    if (!u->is_string()) return invalid("user", "expected a string");
    request.user = u->get<std::string>();
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const auto& k = it.key();
    if (k != "model" && k != "input" && k != "encoding_format" && k != "dimensions" && k != "user")
      request.extra[k] = std::move(it.value());
  }
  return request;
}

std::string encodeRequest(const EmbeddingRequest& request, std::string_view upstreamModel, EmbeddingEncoding encoding) {
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request.model) : upstreamModel);
  auto encodeInput = [](const EmbeddingInput& in) -> Json {
    if (in.isTokens) return Json(in.tokens);
    return Json(in.text);
  };
  if (request.singleInput && request.inputs.size() == 1) {
    body["input"] = encodeInput(request.inputs.front());
  } else {
    Json inputs = Json::array();
    for (const auto& in : request.inputs) inputs.push_back(encodeInput(in));
    body["input"] = std::move(inputs);
  }
  body["encoding_format"] = encoding == EmbeddingEncoding::kBase64 ? "base64" : "float";
  if (request.dimensions) body["dimensions"] = *request.dimensions;
  if (!request.user.empty()) body["user"] = request.user;
  if (request.extra.is_object())
    for (auto it = request.extra.begin(); it != request.extra.end(); ++it)
      if (!isPrivateExtraKey(it.key()) && !body.contains(it.key())) body[it.key()] = it.value();
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<EmbeddingResponse> decodeResponse(std::string_view body) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return upstreamInvalid("not a JSON object");
  auto data = doc.find("data");
  if (data == doc.end() || !data->is_array()) return upstreamInvalid("data: expected an array");
  EmbeddingResponse response;
  if (auto m = doc.find("model"); m != doc.end() && m->is_string()) response.model = m->get<std::string>();
  std::vector<std::pair<int64_t, std::vector<float>>> indexed;
  indexed.reserve(data->size());
  for (std::size_t i = 0; i < data->size(); ++i) {
    const Json& item = (*data)[i];
    std::string field = "data[" + std::to_string(i) + "]";
    if (!item.is_object()) return upstreamInvalid(field + ": expected an object");
    int64_t index = static_cast<int64_t>(i);
    if (auto ix = item.find("index"); ix != item.end() && ix->is_number_integer()) index = ix->get<int64_t>();
    auto emb = item.find("embedding");
    if (emb == item.end()) return upstreamInvalid(field + ".embedding: missing");
    std::vector<float> vector;
    if (emb->is_string()) {
      if (!decodeBase64Vector(emb->get_ref<const std::string&>(), vector))
        return upstreamInvalid(field + ".embedding: not base64 float32 data");
    } else if (emb->is_array()) {
      vector.reserve(emb->size());
      for (const auto& v : *emb) {
        if (!v.is_number()) return upstreamInvalid(field + ".embedding: expected numbers");
        vector.push_back(v.get<float>());
      }
    } else {
      return upstreamInvalid(field + ".embedding: expected an array or a base64 string");
    }
    indexed.emplace_back(index, std::move(vector));
  }
  std::stable_sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, vector] : indexed) response.vectors.push_back(std::move(vector));
  if (auto u = doc.find("usage"); u != doc.end() && u->is_object()) {
    if (auto p = u->find("prompt_tokens"); p != u->end() && p->is_number_integer()) response.usage.inputTokens = p->get<int64_t>();
    else if (auto t = u->find("total_tokens"); t != u->end() && t->is_number_integer()) response.usage.inputTokens = t->get<int64_t>();
  }
  return response;
}

void appendFloat(std::string& out, float value) {
  if (!std::isfinite(value)) value = 0;
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) {
    out += '0';
    return;
  }
  out.append(buffer, end);
}

void appendBase64Vector(std::string& out, const std::vector<float>& vector) {
  std::string bytes(vector.size() * 4, '\0');
  for (std::size_t i = 0; i < vector.size(); ++i) {
    uint32_t bits = toLittleEndian(std::bit_cast<uint32_t>(vector[i]));
    std::memcpy(bytes.data() + i * 4, &bits, 4);
  }
  util::appendBase64(out, bytes);
}

bool decodeBase64Vector(std::string_view text, std::vector<float>& out) {
  auto bytes = util::decodeBase64(text);
  if (!bytes || bytes->size() % 4 != 0) return false;
  out.resize(bytes->size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, bytes->data() + i * 4, 4);
    out[i] = std::bit_cast<float>(toLittleEndian(bits));
  }
  return true;
}

std::string encodeResponse(const EmbeddingResponse& response, std::string_view model, EmbeddingEncoding encoding) {
  std::string out;
  std::size_t dims = response.vectors.empty() ? 0 : response.vectors.front().size();
  out.reserve(64 + response.vectors.size() * (64 + dims * (encoding == EmbeddingEncoding::kBase64 ? 6 : 12)));
  out += R"({"object":"list","data":[)";
  for (std::size_t i = 0; i < response.vectors.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"object":"embedding","index":)";
    out += std::to_string(i);
    out += R"(,"embedding":)";
    const auto& vector = response.vectors[i];
    if (encoding == EmbeddingEncoding::kBase64) {
      out += '"';
      appendBase64Vector(out, vector);
      out += '"';
    } else {
      out += '[';
      for (std::size_t j = 0; j < vector.size(); ++j) {
        if (j > 0) out += ',';
        appendFloat(out, vector[j]);
      }
      out += ']';
    }
    out += '}';
  }
  out += R"(],"model":)";
  detail::appendJsonString(out, model);
  out += R"(,"usage":{"prompt_tokens":)";
  out += std::to_string(response.usage.inputTokens);
  out += R"(,"total_tokens":)";
  out += std::to_string(response.usage.inputTokens);
  out += "}}";
  return out;
}

}  // namespace gateos::sdk::codec::openai_embeddings
