import { api, enc } from "../api";
import type { Plugin } from "../types";

// Plugin operations of the admin API (the registry issue's routes).
export const pluginApi = {
  get: (id: string) => api.get<Plugin>(`/plugins/${enc(id)}`),
  install: (id: string, version?: string) => api.post(`/plugins`, { id, version }),
  upgrade: (id: string) => api.post(`/plugins/${enc(id)}/upgrade`),
  remove: (id: string) => api.del(`/plugins/${enc(id)}`),
  enable: (id: string) => api.post(`/plugins/${enc(id)}/enable`),
  disable: (id: string) => api.post(`/plugins/${enc(id)}/disable`),
  configure: (id: string, config: Record<string, unknown>) => api.put(`/plugins/${enc(id)}/config`, config),
};
