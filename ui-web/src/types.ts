// Shapes of the admin API's answers (docs/openapi/admin.yaml). Fields a newer
// kernel adds are optional here so the UI works with older and newer kernels.

export interface Status {
  version?: string;
  uptime_seconds?: number;
  providers?: number;
  plugins?: number;
  open_connections?: number;
  active_requests?: number;
  active_streams?: number;
  draining?: boolean;
}

export interface Window {
  requests: number;
  errors: number;
  input_tokens?: number;
  output_tokens?: number;
}
export interface Stats extends Status {
  last_hour?: Window;
  last_day?: Window;
}

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  writeOnly?: boolean;
  "x-secret"?: boolean;
  additionalProperties?: boolean | JsonSchema;
};

export interface Plugin {
  id: string;
  version: string;
  kind?: string;
  name?: string;
  description?: string;
  enabled: boolean;
  state?: "active" | "failed" | "disabled" | string;
  error?: string;
  config_schema?: JsonSchema;
  provider_schema?: JsonSchema;
  config?: Record<string, unknown>;
  available_version?: string;
  upgrade_available?: boolean;
}

export interface RegistryPackage {
  id: string;
  version: string;
  kind?: string;
  description?: string;
  publisher?: string;
  registry?: string;
  installed?: string;
  signed?: boolean;
  trusted?: boolean;
}

export interface Registry {
  name: string;
  location: string;
  priority?: number;
}

export interface Provider {
  name: string;
  driver: string;
  options?: Record<string, unknown>;
  has_credential?: boolean;
  source?: "config" | "api" | string;
  models?: string[];
  status?: "active" | "error" | string;
  error?: string;
}

export interface Alias {
  alias: string;
  target: string;
}

export interface GatewayKey {
  id: string;
  name?: string;
  prefix?: string;
  workspace?: string;
  created_at?: number;
  last_used_at?: number;
  revoked?: boolean;
}

export interface Workspace {
  name: string;
  description?: string;
  created_at?: number;
}

export interface Stage {
  id: string;
  name?: string;
  description?: string;
  enabled: boolean;
  position?: number;
  inherited?: boolean;
  settings?: Record<string, unknown> | null;
  settings_schema?: JsonSchema | null;
}

export interface FileTypeRule {
  name?: string;
  glob?: string | string[];
  language?: string | string[];
  kind?: "any" | "chat" | "autocomplete" | string;
  model: string;
  override_explicit?: boolean;
}

export interface FileTypeRules {
  workspace?: string;
  rules: FileTypeRule[];
  default_model?: string;
  routable_models?: string[];
}

export interface Template {
  name: string;
  version?: number;
  body: string;
  placement?: string;
  description?: string;
  order?: number;
  enabled?: boolean;
  variables?: Record<string, string>;
  updated_at?: number;
}

export interface TemplateVersion {
  version: number;
  body: string;
  placement?: string;
  created_at?: number;
  rolled_back_from?: number | null;
}

export interface Alert {
  id: number;
  ts: number;
  severity: "info" | "warning" | "critical" | string;
  kind: string;
  message: string;
  detail?: Record<string, unknown>;
  request_id?: string;
  workspace?: string;
}
