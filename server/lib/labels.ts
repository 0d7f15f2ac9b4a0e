import { readdirSync, readFileSync } from "node:fs";
import type { Locale } from "../../common/enums.ts";
import { areasFor, type MessageTree, mergeMessages } from "../../common/i18n/merge.ts";

// The web app's message files are the one source of labels (unit types, roles …); the server
// reads the same files for what it writes itself: home page items, documents, e-mails.
const cache = new Map<Locale, Record<string, unknown>>();

function messages(locale: Locale): Record<string, unknown> {
  let loaded = cache.get(locale);
  if (!loaded) {
    const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
    const areaDir = new URL("../../common/i18n/areas/", import.meta.url);
    const files: Record<string, MessageTree> = {};
    for (const name of readdirSync(areaDir).filter((n) => n.endsWith(".json"))) {
      files[name] = read(`../../common/i18n/areas/${name}`);
    }
    loaded = mergeMessages(read(`../../common/i18n/${locale}.json`), areasFor(locale, files));
    cache.set(locale, loaded!);
  }
  return loaded!;
}

/** The label under a dotted key ("unitType.department"), or the key itself when none exists. */
export function label(locale: Locale, key: string): string {
  let node: unknown = messages(locale);
  for (const part of key.split(".")) {
    if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  return typeof node === "string" ? node : key;
}
