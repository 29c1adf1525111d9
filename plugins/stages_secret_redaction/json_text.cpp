#include "json_text.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gateos::plugins::stages::secret_redaction {
namespace {

int hexValue(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool readHex4(std::string_view in, std::size_t at, std::uint32_t& out) noexcept {
  if (at + 4 > in.size()) return false;
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int h = hexValue(in[at + k]);
    if (h < 0) return false;
    v = (v << 4) | std::uint32_t(h);
  }
  out = v;
  return true;
}

void appendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

// Decodes the escape at in[i] == '\\'; returns the bytes consumed (0: copy as is).
std::size_t decodeEscape(std::string_view in, std::size_t i, std::string& out) {
  if (i + 1 >= in.size()) return 0;
  switch (in[i + 1]) {
    case 'n': out.push_back('\n'); return 2;
    case 't': out.push_back('\t'); return 2;
    case 'r': out.push_back('\r'); return 2;
    case 'b': out.push_back('\b'); return 2;
    case 'f': out.push_back('\f'); return 2;
    case '"': out.push_back('"'); return 2;
    case '\\': out.push_back('\\'); return 2;
    case '/': out.push_back('/'); return 2;
    case 'u': {
      std::uint32_t cp = 0;
      if (!readHex4(in, i + 2, cp)) return 0;
      std::size_t used = 6;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= in.size() && in[i + 6] == '\\' && in[i + 7] == 'u') {
        std::uint32_t lo = 0;
        if (readHex4(in, i + 8, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          used = 12;
        }
      }
      appendUtf8(cp, out);
      return used;
    }
    default: return 0;
  }
}

std::size_t putUtf8(std::uint32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = char(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = char(0xC0 | (cp >> 6));
    out[1] = char(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = char(0xE0 | (cp >> 12));
    out[1] = char(0x80 | ((cp >> 6) & 0x3F));
    out[2] = char(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = char(0xF0 | (cp >> 18));
  out[1] = char(0x80 | ((cp >> 12) & 0x3F));
  out[2] = char(0x80 | ((cp >> 6) & 0x3F));
  out[3] = char(0x80 | (cp & 0x3F));
  return 4;
}

template <class OnByte>
void unescapeImpl(std::string_view in, std::string& out, OnByte onBytes) {
  out.clear();
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const void* hit = std::memchr(in.data() + i, '\\', in.size() - i);
    const std::size_t next = hit ? std::size_t(static_cast<const char*>(hit) - in.data()) : in.size();
    if (next > i) {
      const std::size_t before = out.size();
      out.append(in.data() + i, next - i);
      onBytes(before, out.size(), i, true);
      i = next;
      if (i >= in.size()) break;
    }
    const std::size_t before = out.size();
    std::size_t used = decodeEscape(in, i, out);
    if (used == 0) {
      out.push_back(in[i]);
      used = 1;
    }
    onBytes(before, out.size(), i, false);
    i += used;
  }
}

// The first '"' or '\\' in [p, end), or end. Source code in a prompt has an
// escape every few dozen bytes: one pass for both instead of two memchr calls
// per escape.
const char* findQuoteOrBackslash(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
  for (; end - p >= 16; p += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, slash)));
    if (mask != 0) return p + __builtin_ctz(unsigned(mask));
  }
#endif
  for (; p < end; ++p)
    if (*p == '"' || *p == '\\') return p;
  return end;
}

// The escape at *p == '\\' written to o (the same decoding as decodeEscape());
// returns the input bytes consumed.
std::size_t putEscape(std::string_view in, const char* p, char*& o, bool& backslash) noexcept {
  const char* const end = in.data() + in.size();
  std::size_t used = 2;
  switch (p + 1 < end ? p[1] : '\0') {
    case 'n': *o++ = '\n'; break;
    case 't': *o++ = '\t'; break;
    case 'r': *o++ = '\r'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; backslash = true; break;
    case '/': *o++ = '/'; break;
    case 'u': {
      const std::size_t i = std::size_t(p - in.data());
      std::uint32_t cp = 0;
      if (!readHex4(in, i + 2, cp)) {
        used = 0;
        break;
      }
      used = 6;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= in.size() && in[i + 6] == '\\' && in[i + 7] == 'u') {
        std::uint32_t lo = 0;
        if (readHex4(in, i + 8, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          used = 12;
        }
      }
      if (cp == '\\') backslash = true;
      o += putUtf8(cp, o);
      break;
    }
    default: used = 0;
  }
  if (used == 0) {  // unknown or cut escape: copied as is
    *o++ = '\\';
    backslash = true;
    used = 1;
  }
  return used;
}

}  // namespace

std::size_t unescapeJsonInto(std::string_view in, char* out, bool* sawBackslash) noexcept {
  char* o = out;
  const char* p = in.data();
  const char* const end = p + in.size();
  bool backslash = false;
  while (p < end) {
    const auto* hit = static_cast<const char*>(std::memchr(p, '\\', std::size_t(end - p)));
    const char* next = hit ? hit : end;
    std::memcpy(o, p, std::size_t(next - p));
    o += next - p;
    p = next;
    if (p == end) break;
    p += putEscape(in, p, o, backslash);
  }
  if (sawBackslash) *sawBackslash = backslash;
  return std::size_t(o - out);
}

std::size_t unescapeJsonDocumentInto(std::string_view in, char* out, std::vector<TextSpan>& strings,
                                     bool* sawBackslash) {
  strings.clear();
  char* o = out;
  const char* p = in.data();
  const char* const end = p + in.size();
  bool backslash = false;
  bool inString = false;
  std::size_t stringStart = 0;
  while (p < end) {
    const char* next = findQuoteOrBackslash(p, end);
    if (inString) {
      std::memcpy(o, p, std::size_t(next - p));
      o += next - p;
    } else {
      // Structure between strings is copied without its white space: the
      // document then reads like the compact JSON onRequest scans for
      // structured tool inputs (`"key":"value"` however the client laid it
      // out), so this check never misses what onRequest would find.
      for (const char* c = p; c < next; ++c)
        if (*c != ' ' && *c != '\n' && *c != '\r' && *c != '\t') *o++ = *c;
    }
    p = next;
    if (p == end) break;
    if (*p == '"') {
      if (inString) strings.push_back({std::uint32_t(stringStart), std::uint32_t(o - out)});
      else stringStart = std::size_t(o - out) + 1;
      inString = !inString;
      *o++ = '"';
      ++p;
    } else {
      p += putEscape(in, p, o, backslash);
    }
  }
  if (sawBackslash) *sawBackslash = backslash;
  return std::size_t(o - out);
}

void unescapeJson(std::string_view in, std::string& out) {
  out.resize(in.size());
  out.resize(unescapeJsonInto(in, out.data(), nullptr));
}

void unescapeJsonWithOffsets(std::string_view in, std::string& out, std::vector<std::uint32_t>& offsets) {
  offsets.clear();
  offsets.reserve(in.size() + 1);
  unescapeImpl(in, out, [&](std::size_t from, std::size_t to, std::size_t src, bool literal) {
    for (std::size_t k = from; k < to; ++k) offsets.push_back(std::uint32_t(literal ? src + (k - from) : src));
  });
  offsets.push_back(std::uint32_t(in.size()));
}

void appendJsonEscaped(std::string_view value, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(char(c));
        }
    }
  }
}

}  // namespace gateos::plugins::stages::secret_redaction
