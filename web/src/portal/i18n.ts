// The portal's own small message lookup: only the portal's area files (common/i18n/areas/portal.*),
// never the staff app's full set and never i18next, to keep the first load light.
import { useSyncExternalStore } from "react";
import { formatDate } from "../../../common/dates.ts";
import en from "../../../common/i18n/areas/portal.en.json";
import vi from "../../../common/i18n/areas/portal.vi.json";

export type Locale = "vi" | "en";
type Tree = { [key: string]: string | Tree };

const messages: Record<Locale, Tree> = { vi: vi as Tree, en: en as Tree };
// Shared with the staff app, so that a person's choice holds on both.
const STORAGE_KEY = "dongthuan.locale";

function stored(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

let locale: Locale = typeof window === "undefined" ? "vi" : stored();
const listeners = new Set<() => void>();

export function currentLocale(): Locale {
  return locale;
}

export function setLocale(next: Locale): void {
  locale = next;
  document.documentElement.lang = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // the choice then lasts only for this page
  }
  for (const listener of listeners) listener();
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The message in the current language ({{name}} filled in), Vietnamese when English lacks it. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = lookup(messages[locale], key) ?? lookup(messages.vi, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** Re-renders the calling component when the language changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => locale,
    () => "vi",
  );
}

/** dd/MM/yyyy in Vietnam's time zone, for an ISO date or a timestamp (common/dates.ts). */
export { formatDate };

/** A plan's partial date ("2024", "2024-03", "2024-03-05") as written in Vietnam. */
export function formatPartialDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return [day, month, year].filter(Boolean).join("/");
}

/** "dd/MM/yyyy, HH:mm" in Vietnam's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
  return `${formatDate(iso)}, ${time}`;
}
