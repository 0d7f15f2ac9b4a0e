import { foldVietnamese } from "../../../lib/vi-text.ts";
import type { ConsolidationIndicator } from "../consolidation-input.ts";
import type { Sentence } from "./clusters.ts";
import type { UnitGroup } from "./groups.ts";
import type { StatedFigure } from "./synthesis.ts";
import { APPROXIMATE, formatCount, type Token } from "./tokens.ts";

/** Summed figures: one statement's counts added slot by slot, bound to the form's indicators. */

/** A summed total from this size up, when its exact figure is in the annex, is written "hơn …". */
export const ROUND_FROM = 100_000;
const ROUND_TO = 10_000;

const describedCache = new WeakMap<ConsolidationIndicator, Set<string>>();
function describedWords(indicator: ConsolidationIndicator): Set<string> {
  let words = describedCache.get(indicator);
  if (!words) {
    words = new Set(foldVietnamese(`${indicator.name} ${indicator.unit}`).split(/[^a-z0-9]+/));
    describedCache.set(indicator, words);
  }
  return words;
}

/** The indicator a summed slot states, when every unit's figure is that unit's indicator value. */
function bindIndicator(
  members: Sentence[],
  slot: number,
  indicators: ConsolidationIndicator[],
  skeleton: Set<string>,
): ConsolidationIndicator | null {
  const counts = members.map(
    (m) => m.tokens.filter((t) => t.kind === "count")[slot] as { value: number; noun: string },
  );
  const noun = new Set(counts[0].noun.split(" "));
  let best: ConsolidationIndicator | null = null;
  let bestScore = -1;
  for (const indicator of indicators) {
    if (indicator.aggregation !== "sum") continue;
    const described = describedWords(indicator);
    if (![...noun].some((w) => described.has(w))) continue;
    if (!members.every((m, i) => m.unit.values?.[indicator.code] === counts[i].value)) continue;
    const score = [...described].filter((w) => skeleton.has(w)).length;
    if (score > bestScore) {
      best = indicator;
      bestScore = score;
    }
  }
  return best;
}

function figureText(total: number, bound: boolean, approximate: boolean): string {
  if (bound && !approximate && total >= ROUND_FROM && total % ROUND_TO !== 0)
    return `hơn ${formatCount(Math.floor(total / ROUND_TO) * ROUND_TO)}`;
  return formatCount(total);
}

/** One statement for several units: the first wording, its counts summed slot by slot. */
export function summed(
  members: Sentence[],
  group: UnitGroup,
  indicators: ConsolidationIndicator[],
  figures: StatedFigure[],
): Token[] {
  const first = members[0];
  const skeleton = first.words;
  let slot = 0;
  return first.tokens.map((token, position) => {
    if (token.kind !== "count") return token;
    const index = slot++;
    const values = members.map(
      (m) => (m.tokens.filter((t) => t.kind === "count")[index] as { value: number }).value,
    );
    const total = values.reduce((a, b) => a + b, 0);
    const before = first.tokens[position - 1];
    const approximate = before?.kind === "word" && APPROXIMATE.has(before.fold);
    const indicator = bindIndicator(members, index, indicators, skeleton);
    const text = figureText(total, indicator !== null, approximate);
    if (indicator)
      figures.push({
        indicator: indicator.code,
        group,
        units: members.map((m) => m.unit.unitName),
        value: total,
        text,
      });
    return { ...token, text };
  });
}
