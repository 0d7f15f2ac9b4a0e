import type { UnitType } from "../../../../common/enums.ts";
import type {
  DirectoryChange,
  DirectoryEvent,
  EventOutcome,
} from "../../../../common/schemas/restructure.ts";

/** The event form's values, as antd's Form holds them; `buildEvent` turns them into the API's event. */
export type NewUnitValues = { name?: string; type?: UnitType; parent?: string | null };
export type TargetValues = NewUnitValues & { mode?: "existing" | "new"; unit?: string | null };
export type ChangeValues = {
  kind?: DirectoryChange["kind"];
  unit?: string | null;
  units?: string[];
  name?: string;
  type?: UnitType;
  parent?: string | null;
  into?: TargetValues;
  targets?: TargetValues[];
  successors?: string[];
  note?: string;
};
export type EventValues = {
  title?: string;
  effectiveDate?: string | null;
  legalBasis?: string;
  changes?: ChangeValues[];
};

const trimmed = (s: string | undefined) => (s ?? "").trim();

/** A new unit gets a key ("u2-1": change 2, successor 1) so that a split's mapping can name it. */
function target(t: TargetValues | undefined, key: string): string | NewUnitSpec {
  if (t?.mode !== "new") return t?.unit ?? "";
  return { key, name: trimmed(t.name), type: t.type ?? "other", parent: t.parent ?? null };
}
type NewUnitSpec = { key: string; name: string; type: UnitType; parent: string | null };

export function buildEvent(values: EventValues): DirectoryEvent {
  const changes = (values.changes ?? []).map((c, i): DirectoryChange => {
    const n = i + 1;
    const note = trimmed(c.note) || undefined;
    switch (c.kind) {
      case "rename":
        return { kind: "rename", unit: c.unit ?? "", name: trimmed(c.name) };
      case "move":
        return { kind: "move", unit: c.unit ?? "", parent: c.parent ?? "" };
      case "merge":
        return {
          kind: "merge",
          from: c.units ?? [],
          into: target(c.into, `u${n}`),
          ...(note ? { note } : {}),
        };
      case "split":
        return {
          kind: "split",
          from: c.unit ?? "",
          into: (c.targets ?? []).map((t, j) => target(t, `u${n}-${j + 1}`)),
          ...(note ? { note } : {}),
        };
      case "dissolve":
        return {
          kind: "dissolve",
          unit: c.unit ?? "",
          successors: c.successors ?? [],
          ...(note ? { note } : {}),
        };
      default:
        return {
          kind: "create",
          unit: { key: `u${n}`, name: trimmed(c.name), type: c.type ?? "other", parent: c.parent ?? null },
        };
    }
  });
  return {
    title: trimmed(values.title),
    effectiveDate: values.effectiveDate ?? "",
    legalBasis: trimmed(values.legalBasis),
    changes,
  };
}

/** Who takes each open assignment of a split, as the coordinator left it: assignment id → refs. */
export type MappingChoice = Record<string, string[]>;

/** The dry run's proposal, or the mapping the event already carries, for each open assignment. */
export function initialMapping(outcome: EventOutcome): MappingChoice {
  const result: MappingChoice = {};
  for (const split of outcome.splits ?? []) {
    for (const item of split.items) result[item.assignmentId] = item.mapped ?? item.proposed;
  }
  return result;
}

/** The event with each split's mapping replaced by the confirmed choice (one entry per assignment). */
export function withMapping(
  event: DirectoryEvent,
  outcome: EventOutcome,
  choice: MappingChoice,
): DirectoryEvent {
  const byChange = new Map((outcome.splits ?? []).map((s) => [s.changeIndex, s]));
  return {
    ...event,
    changes: event.changes.map((change, index) => {
      const split = byChange.get(index);
      if (change.kind !== "split" || !split) return change;
      return {
        ...change,
        mapping: split.items
          .filter((item) => (choice[item.assignmentId] ?? []).length > 0)
          .map((item) => ({ assignmentId: item.assignmentId, to: choice[item.assignmentId] })),
      };
    }),
  };
}

/** Assignments the choice leaves with no successor. */
export function unmappedItems(outcome: EventOutcome, choice: MappingChoice) {
  return (outcome.splits ?? []).flatMap((s) =>
    s.items.filter((i) => (choice[i.assignmentId] ?? []).length === 0),
  );
}
