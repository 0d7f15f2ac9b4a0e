import type { Locale } from "../../common/enums.ts";
import { ERROR_MESSAGES } from "../../common/i18n/errors.ts";
import { inLocale, isLocalized, type Localized } from "../../common/localized.ts";

export type { Localized } from "../../common/localized.ts";

/** A message parameter: a number, a text that reads the same in both languages, or one per language. */
export type MessageParam = string | number | Localized;
export type MessageParams = Record<string, MessageParam>;

/** A parameter in both languages: `notFound(both("đơn vị", "unit"))`. Never glue them into one string. */
export const both = (vi: string, en: string): Localized => ({ vi, en });

/**
 * An error meant for the user: an HTTP status, a stable code, parameters for the
 * message, and optionally the field it is about. Services throw it; the app's error
 * handler renders it in the request's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: MessageParams = {},
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(renderMessage(code, params, "en"));
    this.name = "AppError";
  }
}

const paramText = (value: MessageParam | undefined, locale: Locale) =>
  value === undefined ? "" : typeof value === "number" ? String(value) : inLocale(value, locale);

/**
 * The message of a code in one language, each parameter in that language. A message that opens
 * with a parameter given in both languages ("{what} not found.") starts with a capital letter,
 * whatever the words' own case ("unit" → "Unit not found."); a plain string there (an id, a
 * quoted name) is left as it is.
 */
export function renderMessage(code: string, params: MessageParams, locale: Locale): string {
  const template = ERROR_MESSAGES[code]?.[locale] ?? code;
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => paramText(params[key], locale));
  const opening = /^\{(\w+)\}/.exec(template)?.[1];
  return opening && isLocalized(params[opening])
    ? text.charAt(0).toLocaleUpperCase(locale) + text.slice(1)
    : text;
}

/** 404 for something the reader may not see or that does not exist, named in both languages. */
export const notFound = (what: string | Localized) => new AppError(404, "not_found", { what });
export const forbidden = () => new AppError(403, "forbidden");
export const conflict = (current: number, yours: number) =>
  new AppError(409, "conflict", { current, yours }, undefined, { currentVersion: current });
