import { api, enc, query } from "../api";
import type { JsonSchema, Plugin, RegistryPackage } from "../types";

// Plugin operations of the admin API (docs/openapi/admin.yaml, tag plugins).
interface PluginDetail {
  id: string;
  kind?: string;
  description?: string;
  installed?: { version: string; enabled: boolean; config?: Record<string, unknown>; config_schema?: JsonSchema };
  available?: { version: string; registry?: string; compatible?: boolean; signed?: boolean; publisher?: string }[];
}

export const pluginApi = {
  async get(id: string): Promise<Plugin> {
    const d = await api.get<PluginDetail>(`/plugins/${enc(id)}`);
    return {
      id: d.id,
      kind: d.kind,
      description: d.description,
      version: d.installed?.version ?? "",
      enabled: d.installed?.enabled ?? false,
      config: d.installed?.config,
      config_schema: d.installed?.config_schema,
    };
  },
  search: (q: string) => api.get<{ data: RegistryPackage[]; warnings?: string[] }>("/packages" + query({ q })),
  install: (id: string, version?: string) => api.post(`/plugins`, version ? { id, range: version } : { id }),
  upgrade: (id: string) => api.post(`/plugins/${enc(id)}/upgrade`),
  remove: (id: string) => api.del(`/plugins/${enc(id)}`),
  enable: (id: string) => api.post(`/plugins/${enc(id)}/enable`),
  disable: (id: string) => api.post(`/plugins/${enc(id)}/disable`),
  configure: (id: string, config: Record<string, unknown>) => api.put(`/plugins/${enc(id)}/config`, config),
};
