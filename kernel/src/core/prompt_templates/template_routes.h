#pragma once
// Admin routes of the prompt templates (docs/openapi/admin.yaml, tag
// "templates"), all below /admin/api/v1/workspaces/{workspace}/templates.

#include "core/admin/admin_router.h"
#include "core/prompt_templates/template_service.h"

namespace gateos::kernel::core {

void registerPromptTemplateRoutes(AdminRouter& router, PromptTemplateService& service);

}  // namespace gateos::kernel::core
