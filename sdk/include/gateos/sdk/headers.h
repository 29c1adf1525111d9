#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gateos::sdk {

// HTTP header list preserving order and duplicates; lookups ignore case.
class Headers {
 public:
  using Entry = std::pair<std::string, std::string>;

  void add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }

  // Replaces every header of that name with one value.
  void set(std::string_view name, std::string value) {
    remove(name);
    entries_.emplace_back(std::string(name), std::move(value));
  }

  void remove(std::string_view name) {
    std::erase_if(entries_, [&](const Entry& e) { return equalsIgnoreCase(e.first, name); });
  }

  // The first value of that name, or empty.
  std::string_view get(std::string_view name) const noexcept {
    for (const auto& e : entries_)
      if (equalsIgnoreCase(e.first, name)) return e.second;
    return {};
  }
  bool has(std::string_view name) const noexcept {
    for (const auto& e : entries_)
      if (equalsIgnoreCase(e.first, name)) return true;
    return false;
  }

  const std::vector<Entry>& entries() const noexcept { return entries_; }
  auto begin() const noexcept { return entries_.begin(); }
  auto end() const noexcept { return entries_.end(); }
  bool empty() const noexcept { return entries_.empty(); }

  static bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
      if (x != y) return false;
    }
    return true;
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace gateos::sdk
