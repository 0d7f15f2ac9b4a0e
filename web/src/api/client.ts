import { noteServerTime } from "../lib/dates.ts";

// The one way the web app talks to the API: it adds the UI language, the CSRF token
// and JSON headers, turns the server's error shape into ApiError, and sends a user
// whose session ended back to the sign-in page.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, field?: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export const CSRF_COOKIE = "dt_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SESSION_END_CODES = new Set(["unauthenticated", "session_expired"]);

export function readCookie(name: string, cookieString: string): string | null {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

type FallbackMessages = { network: () => string; unexpected: (status: number) => string };

/**
 * Reads `{error: {code, message, field?}}`. A proxy or a crash can answer with HTML
 * or nothing, so anything else still becomes an ApiError with a readable message.
 */
export function errorFromBody(status: number, body: unknown, fallback: FallbackMessages): ApiError {
  if (body && typeof body === "object" && "error" in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === "object") {
      const { code, message, field, details } = e as Record<string, unknown>;
      if (typeof code === "string" && typeof message === "string") {
        return new ApiError(status, code, message, typeof field === "string" ? field : undefined, details);
      }
    }
  }
  return new ApiError(status, `http_${status}`, fallback.unexpected(status));
}

export type SessionEndHandler = (info: { code: string; message: string }) => void;

type ClientConfig = {
  getLanguage: () => string;
  onSessionEnd: SessionEndHandler;
  fallback: FallbackMessages;
  getCookies: () => string;
};

const config: ClientConfig = {
  getLanguage: () => "vi",
  onSessionEnd: () => {
    const here = window.location.pathname + window.location.search;
    if (window.location.pathname !== "/login") {
      window.location.assign(`/login?next=${encodeURIComponent(here)}&reason=expired`);
    }
  },
  fallback: {
    network: () => "Không kết nối được máy chủ.",
    unexpected: (status) => `Máy chủ trả lời bất thường (HTTP ${status}).`,
  },
  getCookies: () => (typeof document === "undefined" ? "" : document.cookie),
};

export function configureApiClient(patch: Partial<ClientConfig>): void {
  Object.assign(config, patch);
}

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls where 401 is an expected answer (the first /api/me, sign-in). */
  handleSessionEnd?: boolean;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

export function buildHeaders(method: string, body: unknown): Headers {
  const headers = new Headers({ Accept: "application/json", "Accept-Language": config.getLanguage() });
  if (body !== undefined && !(body instanceof FormData)) headers.set("Content-Type", "application/json");
  if (method !== "GET") {
    const token = readCookie(CSRF_COOKIE, config.getCookies());
    if (token) headers.set(CSRF_HEADER, token);
  }
  return headers;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers: buildHeaders(method, options.body),
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network", config.fallback.network());
  }

  noteServerTime(response.headers.get("x-server-time"));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (response.ok) return body as T;

  const error = errorFromBody(response.status, body, config.fallback);
  if (response.status === 401 && SESSION_END_CODES.has(error.code) && options.handleSessionEnd !== false) {
    config.onSessionEnd({ code: error.code, message: error.message });
  }
  throw error;
}

/** True when the error is the server refusing a stale `version`. */
export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === "conflict";
}

/** The file name a Content-Disposition header gives, preferring the UTF-8 form (RFC 6266). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/**
 * Downloads a file the API makes (exports). Fetched rather than linked so that a refusal
 * shows the server's message instead of saving the error as a file.
 */
export async function download(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<void> {
  const response = await fetch(buildUrl(path, query), {
    headers: { "Accept-Language": config.getLanguage() },
    credentials: "same-origin",
  }).catch(() => {
    throw new ApiError(0, "network", config.fallback.network());
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const error = errorFromBody(response.status, body, config.fallback);
    if (response.status === 401 && SESSION_END_CODES.has(error.code)) {
      config.onSessionEnd({ code: error.code, message: error.message });
    }
    throw error;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filenameFromDisposition(response.headers.get("content-disposition"), fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
