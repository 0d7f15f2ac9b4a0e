/**
 * Splits the pasted text of a draft into sections at its headings, so that each can be
 * commented on: "Điều 1. …", "Chương I …", "Mục 2 …", "I. …", "1. …", "Phần thứ nhất …".
 * The strongest kind of heading present decides where to cut: a draft decree splits at its
 * articles (Điều), a draft plan at its Roman-numbered parts, not at every numbered paragraph.
 * Text before the first heading becomes an opening section ("Phần mở đầu"). Pure: the web app
 * previews the split with it, the server uses the same rule.
 */

export interface DraftSection {
  heading: string;
  text: string;
}

const KINDS: { name: string; pattern: RegExp }[] = [
  { name: "article", pattern: /^Điều\s+\d+[a-zđ]?\s*[.:]/iu },
  { name: "chapter", pattern: /^(Chương|Phần thứ|Phần)\s+[IVXLC\d]+\b|^Phần thứ\s+\p{L}+/iu },
  { name: "roman", pattern: /^[IVXLC]{1,6}\s*[.:)]\s*\S/u },
  { name: "number", pattern: /^\d{1,3}\s*[.)]\s+\S/u },
];

export const OPENING_HEADING = "Phần mở đầu";

export function splitSections(input: string): DraftSection[] {
  const lines = input
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim());
  const kind = KINDS.find(({ pattern }) => lines.some((line) => pattern.test(line)));
  const sections: DraftSection[] = [];
  let current: { heading: string; body: string[] } | null = null;
  const opening: string[] = [];
  const flush = () => {
    if (current) sections.push({ heading: current.heading, text: current.body.join("\n").trim() });
  };
  for (const line of lines) {
    if (kind?.pattern.test(line)) {
      flush();
      current = { heading: line.slice(0, 500), body: [] };
    } else if (current) current.body.push(line);
    else opening.push(line);
  }
  flush();
  const before = opening.join("\n").trim();
  if (before) sections.unshift({ heading: OPENING_HEADING, text: before });
  return sections.map((section) => ({ ...section, text: section.text.replace(/\n{3,}/g, "\n\n") }));
}
