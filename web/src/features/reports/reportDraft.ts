import type { SaveBody } from "./api.ts";

/** The report's content as the form edits it: every value as typed. */
export type Draft = {
  sections: Record<string, string>;
  values: Record<string, string>;
  difficulties: string;
  proposals: string;
};
/** The report's content as the server stores it. */
export type Stored = {
  sections: Record<string, string>;
  values: Record<string, number | null>;
  difficulties: string;
  proposals: string;
};
/** A 409 report_conflict: the version now stored, the parts that differ and their stored content. */
export type Conflict = { currentVersion: number; differing: string[]; current: Stored };

export const draftOf = (r: Stored): Draft => ({
  sections: { ...r.sections },
  values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v === null ? "" : String(v)])),
  difficulties: r.difficulties,
  proposals: r.proposals,
});

export const bodyOf = (version: number, d: Draft): SaveBody => ({
  version,
  sections: d.sections,
  values: Object.fromEntries(
    Object.entries(d.values).map(([k, v]) => [k, v.trim() === "" ? null : v.trim()]),
  ),
  difficulties: d.difficulties,
  proposals: d.proposals,
});

export const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);
