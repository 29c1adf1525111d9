#include "core/prompt_templates/template_section.h"

#include <spdlog/spdlog.h>

namespace gateos::kernel::core {

void PromptTemplatesSection::publish() {
  if (auto s = service_.publish(); !s) spdlog::error("prompt templates: {}", s.message());
}

}  // namespace gateos::kernel::core
