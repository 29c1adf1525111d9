#include "extract/import_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "extract/text_util.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using Set = std::unordered_set<std::string_view>;
using Map = std::unordered_map<std::string_view, std::string_view>;

const Set& pythonStdlib() {
  static const Set set = {
      "__future__", "abc", "argparse", "array", "ast", "asyncio", "atexit", "base64", "binascii", "bisect",
      "builtins", "bz2", "calendar", "cmath", "cmd", "code", "codecs", "collections", "colorsys", "concurrent",
      "configparser", "contextlib", "contextvars", "copy", "copyreg", "cProfile", "csv", "ctypes", "curses",
      "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis", "doctest", "email", "encodings", "enum",
      "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools",
      "gc", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
      "html", "http", "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools", "json", "keyword",
      "linecache", "locale", "logging", "lzma", "mailbox", "marshal", "math", "mimetypes", "mmap",
      "multiprocessing", "netrc", "numbers", "operator", "optparse", "os", "pathlib", "pdb", "pickle",
      "pkgutil", "platform", "plistlib", "poplib", "posix", "pprint", "profile", "pstats", "pty", "pwd",
      "py_compile", "queue", "quopri", "random", "re", "readline", "reprlib", "resource", "rlcompleter",
      "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site",
      "smtplib", "socket", "socketserver", "sqlite3", "ssl", "stat", "statistics", "string", "stringprep",
      "struct", "subprocess", "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "tempfile",
      "termios", "textwrap", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace",
      "traceback", "tracemalloc", "tty", "turtle", "types", "typing", "unicodedata", "unittest", "urllib",
      "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg", "wsgiref", "xml", "xmlrpc",
      "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo", "_thread"};
  return set;
}

const Map& pythonRenames() {
  static const Map map = {{"yaml", "PyYAML"},
                          {"cv2", "opencv-python"},
                          {"PIL", "Pillow"},
                          {"sklearn", "scikit-learn"},
                          {"skimage", "scikit-image"},
                          {"bs4", "beautifulsoup4"},
                          {"dateutil", "python-dateutil"},
                          {"dotenv", "python-dotenv"},
                          {"jwt", "PyJWT"},
                          {"Crypto", "pycryptodome"},
                          {"Cryptodome", "pycryptodomex"},
                          {"OpenSSL", "pyOpenSSL"},
                          {"serial", "pyserial"},
                          {"usb", "pyusb"},
                          {"git", "GitPython"},
                          {"magic", "python-magic"},
                          {"docx", "python-docx"},
                          {"pptx", "python-pptx"},
                          {"attr", "attrs"},
                          {"MySQLdb", "mysqlclient"},
                          {"fitz", "PyMuPDF"},
                          {"telegram", "python-telegram-bot"},
                          {"discord", "discord.py"},
                          {"gi", "PyGObject"},
                          {"wx", "wxPython"},
                          {"Levenshtein", "python-Levenshtein"},
                          {"jose", "python-jose"},
                          {"multipart", "python-multipart"},
                          {"slugify", "python-slugify"},
                          {"zmq", "pyzmq"},
                          {"ldap", "python-ldap"},
                          {"nacl", "PyNaCl"},
                          {"win32api", "pywin32"},
                          {"win32con", "pywin32"},
                          {"kafka", "kafka-python"},
                          {"google", "protobuf"},
                          {"sentry_sdk", "sentry-sdk"},
                          {"dns", "dnspython"},
                          {"socks", "PySocks"},
                          {"Bio", "biopython"},
                          {"psycopg2", "psycopg2-binary"},
                          {"pkg_resources", "setuptools"},
                          {"websocket", "websocket-client"},
                          {"markdown", "Markdown"},
                          {"lxml", "lxml"}};
  return map;
}

const Set& nodeBuiltins() {
  static const Set set = {"assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
                          "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2",
                          "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
                          "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls",
                          "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib"};
  return set;
}

const Set& rubyStdlib() {
  static const Set set = {"json", "set", "date", "time", "fileutils", "net", "uri", "open-uri", "yaml", "psych",
                          "securerandom", "digest", "optparse", "csv", "erb", "logger", "pp", "socket", "tempfile",
                          "benchmark", "ostruct", "English", "stringio", "base64", "open3", "pathname", "zlib",
                          "openssl", "bigdecimal", "singleton", "forwardable", "observer", "timeout", "tmpdir",
                          "shellwords", "io", "etc", "find", "monitor", "thread", "weakref", "delegate", "ripper",
                          "coverage", "objspace", "fiddle", "readline", "matrix", "prime", "racc", "rbconfig",
                          "resolv", "ipaddr", "cgi", "webrick", "abbrev", "getoptlong", "mkmf", "pstore"};
  return set;
}

const Map& rubyRenames() {
  static const Map map = {{"active_support", "activesupport"}, {"active_record", "activerecord"},
                          {"action_controller", "actionpack"}, {"action_view", "actionview"},
                          {"action_mailer", "actionmailer"},   {"active_model", "activemodel"},
                          {"active_job", "activejob"},         {"rspec", "rspec"},
                          {"nokogiri", "nokogiri"}};
  return map;
}

struct Prefix {
  std::string_view prefix;
  std::string_view artifact;
};

// Longest prefix wins (the table is searched in order; longer prefixes first).
constexpr std::array<Prefix, 22> kMavenPrefixes = {{
    {"org.apache.logging.log4j", "org.apache.logging.log4j:log4j-core"},
    {"org.apache.commons.lang3", "org.apache.commons:commons-lang3"},
    {"org.apache.commons.text", "org.apache.commons:commons-text"},
    {"org.apache.commons.io", "commons-io:commons-io"},
    {"org.apache.commons.collections4", "org.apache.commons:commons-collections4"},
    {"org.apache.commons.collections", "commons-collections:commons-collections"},
    {"org.apache.http", "org.apache.httpcomponents:httpclient"},
    {"org.apache.struts2", "org.apache.struts:struts2-core"},
    {"org.apache.log4j", "log4j:log4j"},
    {"com.fasterxml.jackson.databind", "com.fasterxml.jackson.core:jackson-databind"},
    {"com.fasterxml.jackson.core", "com.fasterxml.jackson.core:jackson-core"},
    {"com.google.gson", "com.google.code.gson:gson"},
    {"com.google.common", "com.google.guava:guava"},
    {"com.alibaba.fastjson", "com.alibaba:fastjson"},
    {"org.yaml.snakeyaml", "org.yaml:snakeyaml"},
    {"org.springframework.web", "org.springframework:spring-web"},
    {"org.springframework.core", "org.springframework:spring-core"},
    {"org.springframework.beans", "org.springframework:spring-beans"},
    {"org.slf4j", "org.slf4j:slf4j-api"},
    {"okhttp3", "com.squareup.okhttp3:okhttp"},
    {"io.netty", "io.netty:netty-all"},
    {"org.h2", "com.h2database:h2"},
}};

constexpr std::array<Prefix, 14> kComposerRoots = {{
    {"Monolog", "monolog/monolog"},
    {"GuzzleHttp", "guzzlehttp/guzzle"},
    {"Illuminate", "laravel/framework"},
    {"PHPUnit", "phpunit/phpunit"},
    {"Twig", "twig/twig"},
    {"Carbon", "nesbot/carbon"},
    {"Firebase", "firebase/php-jwt"},
    {"PhpParser", "nikic/php-parser"},
    {"Psr", ""},  // interfaces: psr/log, psr/http-message … (resolved below)
    {"Dotenv", "vlucas/phpdotenv"},
    {"PHPMailer", "phpmailer/phpmailer"},
    {"Predis", "predis/predis"},
    {"Faker", "fakerphp/faker"},
    {"Smarty", "smarty/smarty"},
}};

// "HttpFoundation" → "http-foundation" (Symfony's package naming).
std::string kebab(std::string_view camel) {
  std::string out;
  for (std::size_t i = 0; i < camel.size(); ++i) {
    const char c = camel[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 && !std::isupper(static_cast<unsigned char>(camel[i - 1])))
      out.push_back('-');
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string lowerCopy(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string pythonPackage(std::string_view module) {
  module = module.substr(0, module.find('.'));
  if (module.empty() || pythonStdlib().count(module)) return {};
  if (auto it = pythonRenames().find(module); it != pythonRenames().end()) return std::string(it->second);
  return std::string(module);
}

std::string npmPackage(std::string_view spec) {
  if (spec.empty() || spec.front() == '.' || spec.front() == '/' || spec.front() == '#' || spec.front() == '~') return {};
  if (text::startsWith(spec, "node:") || spec.find("://") != std::string_view::npos || text::startsWith(spec, "data:") ||
      text::startsWith(spec, "virtual:"))
    return {};
  std::size_t end = spec.find('/');
  if (spec.front() == '@') {
    if (end == std::string_view::npos) return {};
    end = spec.find('/', end + 1);
  }
  std::string_view name = spec.substr(0, end);
  if (name.size() > 214 || nodeBuiltins().count(name)) return {};
  for (char c : name)
    if (!text::isAlnum(c) && c != '-' && c != '_' && c != '.' && c != '@' && c != '/' && c != '~') return {};
  return std::string(name);
}

std::string rubyGem(std::string_view path) {
  std::string_view root = path.substr(0, path.find('/'));
  if (root.empty() || root.front() == '.' || rubyStdlib().count(root)) return {};
  if (auto it = rubyRenames().find(root); it != rubyRenames().end()) return std::string(it->second);
  return std::string(root);
}

std::string rustCrate(std::string_view root) {
  static const Set reserved = {"std", "core", "alloc", "crate", "self", "super", "proc_macro", "test"};
  if (root.empty() || reserved.count(root)) return {};
  for (char c : root)
    if (!text::isAlnum(c) && c != '_' && c != '-') return {};
  return std::string(root);
}

std::string mavenArtifact(std::string_view importPath) {
  for (const auto& p : kMavenPrefixes)
    if (text::startsWith(importPath, p.prefix) &&
        (importPath.size() == p.prefix.size() || importPath[p.prefix.size()] == '.'))
      return std::string(p.artifact);
  return {};
}

std::string composerPackage(std::string_view name) {
  while (!name.empty() && name.front() == '\\') name.remove_prefix(1);
  const auto first = name.find('\\');
  if (first == std::string_view::npos) return {};
  const std::string_view root = name.substr(0, first);
  std::string_view rest = name.substr(first + 1);
  const std::string_view second = rest.substr(0, rest.find('\\'));
  if (root == "Symfony" && text::startsWith(rest, "Component\\")) {
    rest.remove_prefix(10);
    return "symfony/" + kebab(rest.substr(0, rest.find('\\')));
  }
  if (root == "Psr") return second.empty() ? std::string() : "psr/" + kebab(second == "Http" ? "HttpMessage" : second);
  for (const auto& p : kComposerRoots)
    if (p.prefix == root) return std::string(p.artifact);
  // Most Composer packages follow Vendor\Package → vendor/package.
  if (second.empty() || second.find('\\') != std::string_view::npos) return {};
  return lowerCopy(root) + "/" + kebab(second);
}

std::string goModule(std::string_view path) {
  const auto slash = path.find('/');
  const std::string_view first = path.substr(0, slash);
  if (first.find('.') == std::string_view::npos) return {};  // standard library
  // Hosts with owner/repo module paths: keep three elements.
  if (first == "github.com" || first == "gitlab.com" || first == "bitbucket.org") {
    std::size_t end = slash;
    for (int i = 0; i < 2 && end != std::string_view::npos; ++i) end = path.find('/', end + 1);
    std::string_view module = path.substr(0, end);
    // Major-version suffix: github.com/a/b/v2.
    if (end != std::string_view::npos) {
      const auto next = path.find('/', end + 1);
      const std::string_view element = path.substr(end + 1, next == std::string_view::npos ? next : next - end - 1);
      if (element.size() >= 2 && element[0] == 'v' && std::all_of(element.begin() + 1, element.end(), text::isDigit))
        module = path.substr(0, next);
    }
    return std::string(module);
  }
  return std::string(path);
}

}  // namespace gateos::plugins::stages::dependency_insight
