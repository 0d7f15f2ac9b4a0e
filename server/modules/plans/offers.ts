import type { DbOrTx } from "../../db/connection.ts";
import { foldVietnamese } from "../../lib/vi-text.ts";
import { type MentionSuggestion, suggestForMention } from "../orgs/groups.ts";

/**
 * What the review offers a clerk for one mention, from the directory's suggestions:
 *
 * - a collective mention ("các sở, ban, ngành", "UBND cấp huyện, cấp xã", "Giám đốc các sở")
 *   names many units: it is offered groups only, never one unit;
 * - a suggestion scored below ONE_CLICK is not offered: the clerk searches the directory;
 * - an exact name (after folding) of one unit, or of one group, is certain: it is confirmed
 *   without a click (autoConfirm).
 */

/**
 * The lowest score offered as a one-click choice: exact names (1) and aliases (0.95). Below them
 * only name similarity is left, and on the demo plan and the importer's fixtures it was right for
 * 2 of 12 suggestions against 14 of 15 for exact names and aliases (bench/mention-suggestions.ts
 * prints the table by band; docs/plans.md keeps the numbers).
 */
export const ONE_CLICK = 0.95;

const PLURAL = /(^| )(cac|nhung|moi) /;
const LEVELS = /(^| )cap (tinh|huyen|xa|co so)( |,|$)/;
const NOUNS = "so|ban|nganh|doan the|hoi|dia phuong|don vi|co quan|huyen|xa|phuong|thi tran|thanh pho";
const ENUMERATION = new RegExp(`(^| )(${NOUNS}) ?, ?(${NOUNS})( |,|$)`);

/**
 * A mention that names many units: plural ("các …", "những …"), a whole level of government
 * ("cấp huyện", "cấp xã"), or an enumeration of kinds of bodies ("sở, ban, ngành").
 */
export function isCollective(mention: string): boolean {
  const folded = ` ${foldVietnamese(mention).replace(/\s*,\s*/g, ", ")} `;
  return PLURAL.test(folded) || LEVELS.test(folded) || ENUMERATION.test(folded);
}

export interface Offer {
  collective: boolean;
  /** The one-click choices, best first. */
  suggestions: MentionSuggestion[];
  /** The one certain choice (an exact name), confirmed without a click; null when there is none. */
  certain: MentionSuggestion | null;
}

export async function offerFor(db: DbOrTx, tenantId: string, mention: string, asOf?: string): Promise<Offer> {
  const collective = isCollective(mention);
  const all = (await suggestForMention(db, tenantId, mention, asOf)).filter(
    (s) => !collective || s.kind === "group",
  );
  const exact = all.filter((s) => s.confidence === 1);
  return {
    collective,
    suggestions: all.filter((s) => s.confidence >= ONE_CLICK),
    certain: exact.length === 1 ? exact[0] : null,
  };
}
