import type { z } from "zod";

/**
 * Checking a form's field with the schema the server checks the request with (common/schemas/),
 * so that the browser refuses what the server would refuse, by the same rule. Kept apart from
 * zodRule.ts so that the citizens' portal, which has no antd, can use it too.
 */

export type SchemaIssue = z.core.$ZodIssue;

/**
 * Blank is "not given": the forms leave a blank optional field out of the request, and a
 * required field says it is missing with its own message.
 */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** The schema's first refusal of a value, or null when it takes it. */
export function schemaIssue(schema: z.ZodType, value: unknown): SchemaIssue | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0] ?? null);
}

/** The most characters (or items) a "too big" refusal allows, for its message. */
export function maximumOf(issue: SchemaIssue): number | undefined {
  return issue.code === "too_big" ? Number(issue.maximum) : undefined;
}
