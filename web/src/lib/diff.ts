// Field-by-field comparison of an audit entry's `before` and `after` snapshots.

export type DiffRow = {
  path: string;
  before: unknown;
  after: unknown;
  kind: "added" | "removed" | "changed" | "same";
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Flattens nested objects to dotted paths ("settings.locale"); arrays are compared whole,
 * since a list of aliases or grants reads best as one value.
 */
export function diffObjects(before: unknown, after: unknown, prefix = ""): DiffRow[] {
  if (!isPlainObject(before) && !isPlainObject(after)) {
    if (prefix === "") {
      if (before === undefined && after === undefined) return [];
      return [{ path: "", before, after, kind: kindOf(before, after) }];
    }
    return [{ path: prefix, before, after, kind: kindOf(before, after) }];
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.flatMap((key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(b[key]) || isPlainObject(a[key])) return diffObjects(b[key], a[key], path);
    return [{ path, before: b[key], after: a[key], kind: kindOf(b[key], a[key], key in b, key in a) }];
  });
}

function kindOf(
  before: unknown,
  after: unknown,
  hadBefore = before !== undefined,
  hasAfter = after !== undefined,
): DiffRow["kind"] {
  if (!hadBefore && hasAfter) return "added";
  if (hadBefore && !hasAfter) return "removed";
  return JSON.stringify(before) === JSON.stringify(after) ? "same" : "changed";
}

/** A value as one line of text for the diff table. */
export function showValue(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "∅";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
