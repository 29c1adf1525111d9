#include "core/notice_injector.h"

namespace gateos::kernel::core {

std::string NoticeInjector::takeText(const std::vector<sdk::Notice>& notices, bool beforeOnly) {
  rendered_.resize(notices.size(), false);
  std::string text;
  for (std::size_t i = 0; i < notices.size(); ++i) {
    if (rendered_[i] || (beforeOnly && !notices[i].beforeAnswer)) continue;
    rendered_[i] = true;
    if (!text.empty()) text.append("\n");
    // A Markdown quote: set apart from the answer in every client that renders Markdown, plain text elsewhere.
    text.append("> GateOS: ").append(notices[i].text);
  }
  return text;
}

}  // namespace gateos::kernel::core
