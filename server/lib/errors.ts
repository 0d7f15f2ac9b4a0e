import type { Locale } from "../../common/enums.ts";
import { ERROR_MESSAGES } from "../../common/i18n/errors.ts";

/**
 * An error meant for the user: an HTTP status, a stable code, parameters for the
 * message, and optionally the field it is about. Services throw it; the app's error
 * handler renders it in the request's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(renderMessage(code, params, "en"));
    this.name = "AppError";
  }
}

export function renderMessage(code: string, params: Record<string, string | number>, locale: Locale): string {
  const template = ERROR_MESSAGES[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

export const notFound = (what: string) => new AppError(404, "not_found", { what });
export const forbidden = () => new AppError(403, "forbidden");
export const conflict = (current: number, yours: number) =>
  new AppError(409, "conflict", { current, yours }, undefined, { currentVersion: current });
