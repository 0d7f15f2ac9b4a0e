import type { Rule } from "antd/es/form";
import type { z } from "zod";
import { isBlank, type SchemaIssue, schemaIssue } from "./schemaIssue.ts";

/**
 * An antd Form rule from one field of a shared request schema (`StaffPetitionCreate.shape.text`):
 * the form refuses what the server would, with the form's own message in the reader's language
 * (a text, or one chosen by the refusal). A blank value passes: it is left out of the request,
 * and a required field has a `required` rule of its own that says so.
 */
export function zodRule(schema: z.ZodType, message: string | ((issue: SchemaIssue) => string)): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (isBlank(value)) return;
      const issue = schemaIssue(schema, value);
      if (issue) throw new Error(typeof message === "string" ? message : message(issue));
    },
  };
}
