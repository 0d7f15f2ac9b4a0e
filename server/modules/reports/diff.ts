import { diffArrays } from "diff";
import type { FormHeading, FormIndicator } from "./tables.ts";

/**
 * The differences between two revisions of a report (or a save and the current text), pure:
 * per section a line diff, per indicator the two values. What a returned report's reviewer and
 * a conflicting writer are shown.
 */

export interface LineChange {
  op: "same" | "added" | "removed";
  text: string;
}

/**
 * Beyond this many lines added and removed, two texts are shown as one removed and the other
 * added: a diff costs time in proportion to the texts times their difference, and a report's
 * section is rarely rewritten line by line on this scale.
 */
export const MAX_EDIT_LINES = 2000;

/** A line diff (Myers's algorithm, the `diff` package), bounded by MAX_EDIT_LINES. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before ? before.split("\n") : [];
  const b = after ? after.split("\n") : [];
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LINES });
  if (!changes) {
    return [
      ...a.map((text) => ({ op: "removed" as const, text })),
      ...b.map((text) => ({ op: "added" as const, text })),
    ];
  }
  return changes.flatMap((change) =>
    change.value.map((text) => ({
      op: change.added ? ("added" as const) : change.removed ? ("removed" as const) : ("same" as const),
      text,
    })),
  );
}

export interface ReportContent {
  sections: Record<string, string>;
  values: Record<string, number | null>;
  difficulties: string;
  proposals: string;
}

export interface ReportDiff {
  sections: { code: string; title: string; changed: boolean; lines: LineChange[] }[];
  values: { code: string; name: string; before: number | null; after: number | null; changed: boolean }[];
  difficulties: { changed: boolean; lines: LineChange[] };
  proposals: { changed: boolean; lines: LineChange[] };
  /** Codes of the sections (and "values", "difficulties", "proposals") that differ. */
  changed: string[];
}

const norm = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trim();

export function diffReports(
  before: ReportContent,
  after: ReportContent,
  headings: readonly FormHeading[],
  indicators: readonly Pick<FormIndicator, "code" | "name">[],
): ReportDiff {
  const changed: string[] = [];
  const codes = [...headings.map((h) => ({ code: h.code, title: h.title }))];
  for (const code of new Set([...Object.keys(before.sections), ...Object.keys(after.sections)])) {
    if (!codes.some((c) => c.code === code)) codes.push({ code, title: code });
  }
  const sections = codes.map(({ code, title }) => {
    const a = norm(before.sections[code]);
    const b = norm(after.sections[code]);
    if (a !== b) changed.push(code);
    return { code, title, changed: a !== b, lines: diffLines(a, b) };
  });
  const values = indicators.map((indicator) => {
    const a = before.values[indicator.code] ?? null;
    const b = after.values[indicator.code] ?? null;
    return { code: indicator.code, name: indicator.name, before: a, after: b, changed: a !== b };
  });
  if (values.some((v) => v.changed)) changed.push("values");
  const text = (key: "difficulties" | "proposals") => {
    const a = norm(before[key]);
    const b = norm(after[key]);
    if (a !== b) changed.push(key);
    return { changed: a !== b, lines: diffLines(a, b) };
  };
  return { sections, values, difficulties: text("difficulties"), proposals: text("proposals"), changed };
}
