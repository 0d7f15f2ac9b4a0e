import type { DbOrTx } from "../../db/connection.ts";
import { type ProgressNote, progressNotesOf } from "../assignments/public.ts";
import type { ReportDirectory } from "./directory.ts";
import { figureKey, headingOfCode, reportsIndicator } from "./form.ts";
import type { FormHeading, FormIndicator } from "./tables.ts";

/**
 * A new report is pre-filled from the unit's progress updates of the period's data window (and
 * those of the units it succeeded), so nobody types twice: each heading gets the latest text
 * reported on each task under it, each indicator the figures named in its `sources`, aggregated its way.
 * Read-only over the assignments module's records, which are append-only.
 */

export type { ProgressNote };

export interface Prefill {
  sections: Record<string, string>;
  values: Record<string, number | null>;
}

/** Pure: the prefill of a form from the notes of a unit, in date order. */
export function prefillFrom(
  notes: readonly ProgressNote[],
  headings: readonly FormHeading[],
  indicators: readonly FormIndicator[],
  unitType: string,
): Prefill {
  // A task's latest report of the window says where it stands; earlier ones are its history.
  const latest = new Map<string, ProgressNote>();
  for (const note of notes) if (note.text?.trim()) latest.set(note.itemCode, note);
  const texts = new Map<string, string[]>();
  for (const note of latest.values()) {
    const heading = headingOfCode(note.itemCode, headings);
    const text = note.text?.trim();
    if (!heading || !text) continue;
    const list = texts.get(heading) ?? [];
    if (!list.includes(text)) list.push(text);
    texts.set(heading, list);
  }
  const sections: Record<string, string> = {};
  for (const heading of headings) {
    const list = texts.get(heading.code);
    if (list) sections[heading.code] = list.join("\n");
  }
  const values: Record<string, number | null> = {};
  for (const indicator of indicators) {
    if (!reportsIndicator(indicator, unitType) || indicator.sources.length === 0) continue;
    const wanted = new Set(indicator.sources.map(figureKey));
    const found: number[] = [];
    for (const note of notes) {
      for (const [name, value] of Object.entries(note.figures)) {
        if (wanted.has(figureKey(name)) && Number.isFinite(value) && value >= 0) found.push(value);
      }
    }
    if (found.length === 0) continue;
    values[indicator.code] =
      indicator.aggregation === "sum"
        ? found.reduce((a, b) => a + b, 0)
        : indicator.aggregation === "average"
          ? Math.round((found.reduce((a, b) => a + b, 0) / found.length) * 100) / 100
          : found[found.length - 1];
  }
  return { sections, values };
}

/** The unit's (and its predecessors') progress notes on a plan within a window. */
export async function progressNotes(
  db: DbOrTx,
  directory: ReportDirectory,
  input: { tenantId: string; planId: string; unitId: string; from: string; to: string },
): Promise<ProgressNote[]> {
  const units = new Set<string>();
  const back = (id: string) => {
    if (units.has(id) || units.size > 200) return;
    units.add(id);
    for (const predecessor of directory.predecessorsOf(id)) back(predecessor);
  };
  back(input.unitId);
  return progressNotesOf(db, { ...input, unitIds: [...units] });
}
