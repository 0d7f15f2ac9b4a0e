import type { ConsolidationIndicator } from "../consolidation-input.ts";
import { cluster, sentenceOf } from "./clusters.ts";
import { summed } from "./figures.ts";
import { UNIT_GROUPS, type UnitGroup, unitGroup } from "./groups.ts";
import { splitSentences } from "./merge.ts";
import { placeOf, shortName } from "./tokens.ts";
import { capitalise, groupLead, lowerFirst, subjectOf, withSubject } from "./wording.ts";

/**
 * The synthesis of one plan heading, the way a specialist writes it: what many units wrote alike
 * ("Trong năm, tổ chức 92 hội nghị …" × 25, each with its own figures) becomes one sentence per
 * kind of unit with the figures summed ("Trong năm, các sở, ban, ngành tổ chức 2.467 hội nghị …"),
 * and each unit's own results follow, attributed to it ("Sở Y tế …").
 *
 * 1. Sentences are cut (`splitSentences`) and tokenised. The writer's own name becomes a name
 *    slot; a count ("92 hội nghị": a number followed by the words it counts) becomes a number
 *    slot that remembers its noun; any other number (a year, "số 43-NQ/TW", "18/11", "95%") stays
 *    a literal word.
 * 2. Two sentences say the same thing when their slots count the same nouns, in the same order,
 *    their literal numbers are the same, and their words (diacritics, case, punctuation set
 *    aside, slots as placeholders) are alike: Jaccard ≥ SIMILARITY. "12 hội nghị" and "12 cuộc
 *    họp" are never the same statement, nor summed.
 * 3. Units are grouped by kind (`unitGroup`): sở, ban, ngành; địa phương; Mặt trận and the
 *    organisations; lực lượng vũ trang; other bodies. Each group is one paragraph led by its kind.
 *    A statement made by several units of the group is written once, its figures summed slot by
 *    slot, its subject the group ("các sở, ban, ngành" when every unit of the group that reported
 *    wrote it, "18/21 sở, ban, ngành" otherwise, the units by name when they are at most
 *    `NAMED_UNITS`). A statement no other unit of the group made keeps its writer's name.
 * 4. A summed figure that is, unit by unit, the figure the units gave for an indicator of the
 *    form (and counts what the indicator counts) is bound to it: its sum is the annex's total of
 *    those units. Only such a figure is ever rounded: from 100.000 up it is written "hơn" and the
 *    total rounded down to ten thousands ("hơn 240.000"); the exact figure is in the annex.
 *
 * Pure and deterministic: the same reports in the same order give the same text.
 */

export { ROUND_FROM } from "./figures.ts";
export { GROUP_TITLES, UNIT_GROUPS, type UnitGroup, unitGroup } from "./groups.ts";
export { formatCount, parseCount, shortName } from "./tokens.ts";
export { NAMED_UNITS } from "./wording.ts";

export type SynthesisUnit = {
  unitName: string;
  unitType: string;
  /** the unit's indicator figures, to bind summed figures to the annex */
  values?: Record<string, number | null>;
};
export type SynthesisNarrative = SynthesisUnit & { text: string };

/** A figure the text states that is the sum of an indicator over named units. */
export type StatedFigure = {
  indicator: string;
  group: UnitGroup;
  units: string[];
  value: number;
  /** as printed: "2.467", "hơn 240.000" */
  text: string;
};

export type SynthesisParagraph = { group: UnitGroup; text: string; units: string[] };
export type Synthesis = { paragraphs: SynthesisParagraph[]; figures: StatedFigure[] };

/**
 * The synthesis of one heading. `units` are all the units whose reports are consolidated (with
 * their kind), to count "N/M" against; `narratives` what they wrote under the heading, in the
 * reports' order; `indicators` the form's indicators, to bind summed figures to the annex.
 */
export function synthesise(
  narratives: SynthesisNarrative[],
  units: SynthesisUnit[],
  indicators: ConsolidationIndicator[] = [],
): Synthesis {
  const sentences = narratives.flatMap((unit) =>
    splitSentences(unit.text).flatMap((s) => {
      const sentence = sentenceOf(unit, s);
      return sentence ? [sentence] : [];
    }),
  );
  const clusters = cluster(sentences);
  const figures: StatedFigure[] = [];
  const paragraphs: SynthesisParagraph[] = [];
  const groupOfUnit = new Map(units.map((u) => [u.unitName, unitGroup(u.unitType)]));
  for (const n of narratives)
    if (!groupOfUnit.has(n.unitName)) groupOfUnit.set(n.unitName, unitGroup(n.unitType));
  for (const group of UNIT_GROUPS) {
    const all = [...new Set([...groupOfUnit].filter(([, g]) => g === group).map(([name]) => name))];
    const parts: { text: string; named: boolean; units: string[]; size: number; order: number }[] = [];
    const own = new Map<string, string[]>();
    for (const c of clusters) {
      // one sentence per unit and statement: a unit that wrote it twice counts once, first wording
      const seen = new Set<string>();
      const members = c.members.filter((m) => {
        if (groupOfUnit.get(m.unit.unitName) !== group || seen.has(m.unit.unitName)) return false;
        seen.add(m.unit.unitName);
        return true;
      });
      if (members.length === 0) continue;
      if (members.length === 1) {
        const m = members[0];
        const subject = {
          full: shortName(m.unit.unitName),
          place: placeOf(m.unit.unitName) ?? shortName(m.unit.unitName),
        };
        const list = own.get(m.unit.unitName) ?? [];
        const tokens = summed(members, group, indicators, figures);
        list.push(withSubject(tokens, subject).text);
        own.set(m.unit.unitName, list);
        continue;
      }
      const names = members.map((m) => m.unit.unitName);
      const subject = subjectOf(group, names, all);
      parts.push({
        ...withSubject(summed(members, group, indicators, figures), subject),
        units: names,
        size: members.length,
        order: c.order,
      });
    }
    parts.sort((a, b) => b.size - a.size || a.order - b.order);
    const sentencesOfGroup = parts.map((p) => `${p.text}.`);
    const attributed = [...own].map(([, list]) => list.map((s) => `${capitalise(s)}.`).join(" "));
    const text = [...sentencesOfGroup, ...attributed].join(" ");
    if (!text) continue;
    // the paragraph opens with its kind of unit: the first statement's subject, or a lead
    const lead = parts.length > 0 && !parts[0].named && all.length > 1 ? `${groupLead(group, all)}: ` : "";
    paragraphs.push({
      group,
      text: lead ? `${lead}${lowerFirst(text)}` : text,
      units: [...new Set([...parts.flatMap((p) => p.units), ...own.keys()])],
    });
  }
  return { paragraphs, figures };
}
