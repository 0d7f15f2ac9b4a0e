import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { ERROR_MESSAGES } from "../common/i18n/errors.ts";
import { ROOT } from "./routes.ts";

// What a page in one language must not show, from the translation files themselves (the core
// vi.json / en.json, every areas/<area>.<locale>.json, the API's error messages):
//   - a raw message key ("plans.publishTitle"): a key missing in the language or a t() misused;
//   - a fragment of a string of the other language: a message or error in the wrong language;
//   - text glued in both languages by the server ("hệ thống / system").
// The data (unit names, plan text, petitions) is Vietnamese in both languages; the checks look
// for the product's own words only, so that the data never counts.

export type Lang = "vi" | "en";
type Tree = { [key: string]: string | Tree };

/** What a page shows in words, each piece as it was put on the page. */
export interface PageText {
  title: string;
  /** The visible text nodes of the body, in the page's language. */
  texts: string[];
  /** aria-label, placeholder, title and alt: [attribute, value]. */
  attributes: [string, string][];
}

/**
 * The page's words: the title, the text nodes of the body that are shown (hidden ones, in a
 * closed menu or an inactive tab, are not), and the attributes people hear or see. Anything
 * marked with a language of its own (the switch's "English", lang="en") is left out.
 */
export async function pageText(page: Page): Promise<PageText> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang.slice(0, 2);
    const ownLanguage = (el: Element) =>
      (el.closest("[lang]")?.getAttribute("lang") ?? lang).slice(0, 2) === lang;
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      // <code> holds identifiers, words of no language (the audit log's actions: "consolidation.draft").
      if (!text || !parent || parent.closest("script, style, noscript, code")) continue;
      if (parent.checkVisibility() && ownLanguage(parent)) texts.push(text);
    }
    const attributes: [string, string][] = [];
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      if (!el.checkVisibility() || !ownLanguage(el)) continue;
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) attributes.push([name, value]);
      }
    }
    return { title: document.title, texts, attributes };
  });
}

const I18N = join(ROOT, "common/i18n");
const PLURAL = /_(zero|one|two|few|many|other)$/;
// Any run of spaces (non-breaking ones too) is one space, on the page and in the messages alike.
const normalise = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, " ").trim();

function readTree(path: string): Tree {
  return JSON.parse(readFileSync(path, "utf8")) as Tree;
}

function flatten(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === "string" ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`),
  );
}

/** Every message of a language, key and text: the core file and the areas (as web/src/app/messages.ts merges them). */
function messages(lang: Lang): [string, string][] {
  const areas = readdirSync(join(I18N, "areas")).filter((f) => f.endsWith(`.${lang}.json`));
  return [
    ...flatten(readTree(join(I18N, `${lang}.json`))),
    ...areas.flatMap((f) => flatten(readTree(join(I18N, "areas", f)))),
  ];
}

/**
 * A piece of one string between its placeholders ({{name}} in messages, {name} in error
 * messages) and line breaks, long enough to be a phrase of its language (MIN_FRAGMENT, with a
 * space) and found in no string of the other language (a name, a code, an example). `starts`
 * and `ends`: whether the string starts or ends there rather than at a placeholder.
 */
interface Fragment {
  text: string;
  starts: boolean;
  ends: boolean;
}

const MIN_FRAGMENT = 14;
const PLACEHOLDER = /\{\{[^}]*\}\}|\{[^}]*\}/;

function fragmentsOf(strings: string[], other: string[]): Fragment[] {
  const otherText = other.map(normalise).join("\n");
  const fragments = new Map<string, Fragment>();
  for (const s of strings) {
    for (const line of s.split("\n")) {
      const pieces = line.split(PLACEHOLDER);
      pieces.forEach((raw, i) => {
        const text = normalise(raw);
        if (text.length < MIN_FRAGMENT || !text.includes(" ") || otherText.includes(text)) return;
        const starts = i === 0;
        const ends = i === pieces.length - 1;
        // The same words used both ways (whole here, the start of a sentence there) are held to the looser.
        const known = fragments.get(text);
        fragments.set(text, {
          text,
          starts: starts && (known?.starts ?? true),
          ends: ends && (known?.ends ?? true),
        });
      });
    }
  }
  return [...fragments.values()];
}

const LETTER = /[\p{L}\p{N}]/u;
// What may stand around a message in a text node besides it: punctuation and spaces.
const EDGE = /^[\s\p{P}\p{S}]*$/u;

/**
 * Whether `fragment` is in `text` as whole words; when `anchored`, also where it was in its
 * string: a string's start at the text's start, its end at the text's end (punctuation aside).
 */
function occursIn(text: string, fragment: Fragment, anchored: boolean): boolean {
  let at = text.indexOf(fragment.text);
  while (at >= 0) {
    const end = at + fragment.text.length;
    const before = text.slice(0, at);
    const after = text.slice(end);
    const wordStart = !(LETTER.test(before.at(-1) ?? " ") && LETTER.test(fragment.text[0]));
    const wordEnd = !(LETTER.test(after[0] ?? " ") && LETTER.test(fragment.text.at(-1) ?? " "));
    const inPlace =
      !anchored || ((!fragment.starts || EDGE.test(before)) && (!fragment.ends || EDGE.test(after)));
    if (wordStart && wordEnd && inPlace) return true;
    at = text.indexOf(fragment.text, at + 1);
  }
  return false;
}

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
// A Vietnamese syllable written without its marks ("sau", "tin", "theo"): not English.
const UNMARKED_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;
// "<Vietnamese> / <English>": a slash between two words; before it, among the last three words,
// one with a Vietnamese letter ("(cổng thông tin) / citizen (portal)"); after it English: the
// next words ASCII only, one of them a lower-case word of three letters or more that no
// Vietnamese syllable spells. Neither "Sở Tài chính / UBND", nor "trước/sau", nor a document
// number ("43-NQ/TW"), a date or an address counts.
function gluedIn(text: string): string | undefined {
  for (let at = text.indexOf("/"); at >= 0; at = text.indexOf("/", at + 1)) {
    const before = text.slice(0, at).trimEnd().split(/\s+/).slice(-3);
    const after = (text.slice(at + 1).split(/[/\n]/)[0] ?? "").trimStart();
    if (!/^\p{L}+\)?$/u.test(before.at(-1) ?? "") || !/^\(?[A-Za-z]/.test(after)) continue;
    if (!before.some((w) => VIETNAMESE_LETTER.test(w))) continue;
    const words = after
      .split(/[\s,.;:()“”"]+/)
      .filter(Boolean)
      .slice(0, 4);
    if (words.some((w) => VIETNAMESE_LETTER.test(w))) continue;
    if (words.some((w) => /^[a-z]{3,}$/.test(w) && !UNMARKED_SYLLABLE.test(w)))
      return `${before.join(" ")} /${text.slice(at + 1, at + 1 + after.length + 1).trimEnd()}`.slice(0, 80);
  }
  return undefined;
}

export interface LanguageChecker {
  keys: Set<string>;
  fragments: Record<Lang, Fragment[]>;
  /** What is wrong with a page shown in `lang`, one line per finding. */
  check(page: PageText, lang: Lang): string[];
}

/**
 * `data`: texts the page shows as data although a message has the same words, skipped when a
 * text is exactly one of them (the demo administrator's name is "Quản trị hệ thống", the
 * Vietnamese of the role "Administrator").
 */
export function languageChecker(data: string[] = []): LanguageChecker {
  const dataTexts = new Set(data.map(normalise));
  const vi = messages("vi");
  const en = messages("en");
  const keys = new Set<string>();
  for (const [key] of [...vi, ...en]) {
    keys.add(key);
    keys.add(key.replace(PLURAL, ""));
  }
  const errors = Object.values(ERROR_MESSAGES);
  const viStrings = [...vi.map(([, s]) => s), ...errors.map((e) => e.vi)];
  const enStrings = [...en.map(([, s]) => s), ...errors.map((e) => e.en)];
  const fragments = { vi: fragmentsOf(viStrings, enStrings), en: fragmentsOf(enStrings, viStrings) };

  const check = (page: PageText, lang: Lang): string[] => {
    const other: Lang = lang === "vi" ? "en" : "vi";
    // The data is Vietnamese in both languages and names the same bodies the messages do ("Mặt
    // trận Tổ quốc", "Đối thoại với Nhân dân ..." as a dialogue's title): on an English page a
    // Vietnamese fragment counts only where its string put it, alone in its text or at the
    // start or end its string gave it. A message shown in the wrong language is a text of its
    // own, so this still finds it. English fragments count wherever they are.
    const anchored = other === "vi";
    const findings = new Set<string>();
    const pieces = [
      ...page.title.split(" · ").map((t) => ["title", t]),
      ...page.texts.map((t) => ["text", t]),
      ...page.attributes,
    ].map(([where, text]) => [where, normalise(text)]);
    for (const [where, piece] of pieces) {
      const quote = `${where} “${piece.length > 140 ? `${piece.slice(0, 140)}…` : piece}”`;
      for (const m of piece.matchAll(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g))
        if (keys.has(m[0])) findings.add(`raw key “${m[0]}” in ${quote}`);
      for (const fragment of dataTexts.has(piece) ? [] : fragments[other])
        if (piece.includes(fragment.text) && occursIn(piece, fragment, anchored))
          findings.add(`${other === "vi" ? "Vietnamese" : "English"} “${fragment.text}” in ${quote}`);
      const glued = gluedIn(piece);
      if (glued) findings.add(`glued “${glued}” in ${quote}`);
    }
    return [...findings];
  };
  return { keys, fragments, check };
}
