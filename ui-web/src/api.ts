// The admin API client. The browser holds the session in an HttpOnly cookie;
// this module keeps the CSRF token the kernel gave at sign-in and sends it on
// every change. Errors become ApiError with a message fit to show a person.

export const API = "/admin/api/v1";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
  // A route this kernel does not have (its feature is not built in yet).
  get missingRoute(): boolean {
    return this.status === 404 && /no admin route/i.test(this.message);
  }
}

let csrfToken = "";
let onSignedOut: () => void = () => {};

export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function whenSignedOut(fn: () => void) {
  onSignedOut = fn;
}

function plainMessage(status: number, type: string, message: string): string {
  if (message) return message.charAt(0).toUpperCase() + message.slice(1);
  if (status === 0) return "The GateOS kernel cannot be reached. Is it still running?";
  if (status >= 500) return `The kernel failed to answer (HTTP ${status}).`;
  return `The request failed (HTTP ${status}${type ? ", " + type : ""}).`;
}

export async function request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network", plainMessage(0, "", ""));
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { type?: string; message?: string } } | undefined)?.error;
    const apiError = new ApiError(response.status, err?.type ?? "", plainMessage(response.status, err?.type ?? "", err?.message ?? ""));
    if (response.status === 401 && path !== "/session") onSignedOut();
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  del: <T>(path: string) => request<T>("DELETE", path),
};

export const enc = encodeURIComponent;

export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? "?" + parts.join("&") : "";
}
