import type { Locale } from "./enums.ts";

/**
 * A text in both languages, for whatever is shown to a person whose language is known only
 * when the text is read: an error's parameter, a line of a restructuring plan. Never glue the
 * two into one string ("đơn vị / unit"): each reader gets one language.
 */
export interface Localized {
  vi: string;
  en: string;
}

export function isLocalized(value: unknown): value is Localized {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Localized).vi === "string" &&
    typeof (value as Localized).en === "string"
  );
}

/** The text in the language asked for; a plain string is the same in both. */
export function inLocale(value: string | Localized, locale: Locale): string {
  return typeof value === "string" ? value : value[locale];
}

/**
 * Rows written before texts were kept per language glued both together, Vietnamese first:
 * "hệ thống / system". The two halves of such a text, or null when it is not one (no " / ", or
 * more than one, or an empty side).
 */
export function splitGlued(text: string): Localized | null {
  const parts = text.split(" / ");
  if (parts.length !== 2) return null;
  const [vi, en] = parts.map((part) => part.trim());
  return vi && en ? { vi, en } : null;
}
