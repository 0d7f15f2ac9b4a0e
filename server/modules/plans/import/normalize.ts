/**
 * One normal form for text from every source: what the parser matches against and
 * what a review screen highlights. Line count is preserved (CRLF and CR become LF),
 * so a line number of the normalized text still points at the same line of the file.
 */

const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]/g;
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const BULLETS = /^[\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf0d8]\s*/;
// *emphasis* and **strong** from Markdown-ish copies; a lone asterisk (a footnote) stays.
const EMPHASIS = /(\*{1,2})(?=\S)([^*\n]*?\S)\1/g;

export function stripEmphasis(text: string): string {
  return text.includes("*") ? text.replace(EMPHASIS, "$2") : text;
}

export function normalizeLine(line: string): string {
  return line
    .normalize("NFC")
    .replace(INVISIBLES, "")
    .replace(SPACES, " ")
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .replace(DASHES, "-")
    .replace(/\u2026/g, "...")
    .replace(BULLETS, "• ")
    .replace(EMPHASIS, "$2")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** NFC, LF line ends, plain spaces and quotes, no emphasis marks, trimmed lines. */
export function normalizeText(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.replace(/\r\n?/g, "\n").split("\n").map(normalizeLine).join("\n");
}
