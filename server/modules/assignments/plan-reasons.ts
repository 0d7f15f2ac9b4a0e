import type { Locale } from "../../../common/enums.ts";
import { label } from "../../lib/labels.ts";

/**
 * Publishing a version of a plan cancels the assignments of the tasks it drops and reopens those
 * it brings back. The reason of such a status change is stored as data, "plan-version:removed:3",
 * and read in the reader's language (`assignments.planReason.*` in the message files). Reasons
 * stored before glued both languages into one sentence: they are read the same way.
 */
export type PlanReason = "removed" | "back";

export const planReason = (kind: PlanReason, version: number) => `plan-version:${kind}:${version}`;

const CODED = /^plan-version:(removed|back):(\d+)$/;
const GLUED: [PlanReason, RegExp][] = [
  ["removed", /^Nhiệm vụ \S+ không còn trong phiên bản (\d+) của kế hoạch \/ no longer in version \1$/],
  ["back", /^Nhiệm vụ có lại trong phiên bản (\d+) \/ back in version \1$/],
];

/** An update's reason as shown: a publishing's in the reader's language, a person's as written. */
export function shownReason(
  update: { reason: string | null; statusFrom: string | null; statusTo: string | null },
  locale: Locale,
): string | null {
  const { reason } = update;
  // Only publishing cancels an assignment or reopens a cancelled one: a person's reason is never read as a code.
  if (!reason || (update.statusTo !== "cancelled" && update.statusFrom !== "cancelled")) return reason;
  let kind: PlanReason | undefined;
  let version: string | undefined;
  const coded = CODED.exec(reason);
  if (coded) [, kind, version] = coded as unknown as [string, PlanReason, string];
  for (const [glued, pattern] of GLUED) {
    const match = !kind && pattern.exec(reason);
    if (match) [kind, version] = [glued, match[1]];
  }
  return kind ? label(locale, `assignments.planReason.${kind}`).replace("{{version}}", version!) : reason;
}
