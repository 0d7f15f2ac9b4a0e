import { PetitionContact, PublicPetitionCreate } from "../../../common/schemas/petitions.ts";
import { isBlank, maximumOf, type SchemaIssue, schemaIssue } from "../lib/schemaIssue.ts";
import { type Contact, contactProblems } from "./contact.tsx";
import { t } from "./i18n.ts";

/**
 * What the petition form says before sending, by the rules the server checks the petition with
 * (`PublicPetitionCreate` in common/schemas/petitions.ts): the same input is refused in the
 * browser and on the server. The form loads this module when the citizen first sends, so the
 * schema library reaches neither the portal's first load nor the form's page.
 */

export type CheckedField = "commune" | "title" | "text" | "name" | "phone" | "email";

export interface PetitionDraft {
  text: string;
  title: string;
  /** The commune as typed, when none was picked from the list (null when one was). */
  communeName: string | null;
  contact: Contact;
}

/** A refusal other than a missing or malformed value: in practice a text over its length. */
const limitText = (issue: SchemaIssue) => {
  const max = maximumOf(issue);
  return max === undefined ? t("portal.submit.fieldInvalid") : t("portal.submit.tooLong", { max });
};

/** The problems found, one message per field, in the order the fields are on the form. */
export function petitionProblems(draft: PetitionDraft): Partial<Record<CheckedField, string>> {
  const found: Partial<Record<CheckedField, string>> = {};
  const { shape } = PublicPetitionCreate;
  // An optional field is checked only when filled: a blank one is left out of the request.
  const optional = (schema: Parameters<typeof schemaIssue>[0], value: string) =>
    isBlank(value) ? null : schemaIssue(schema, value);

  const commune = draft.communeName === null ? null : optional(shape.communeName, draft.communeName);
  if (commune) found.commune = limitText(commune);
  const title = optional(shape.title, draft.title);
  if (title) found.title = limitText(title);
  const text = schemaIssue(shape.text, draft.text);
  if (text) found.text = text.code === "too_big" ? limitText(text) : t("portal.submit.needText");

  const missing = contactProblems(draft.contact);
  const name = optional(PetitionContact.shape.name, draft.contact.name);
  if (missing.name) found.name = missing.name;
  else if (name) found.name = limitText(name);
  const phone = optional(PetitionContact.shape.phone, draft.contact.phone);
  if (missing.phone) found.phone = missing.phone;
  else if (phone) found.phone = t("portal.submit.phoneInvalid");
  if (optional(PetitionContact.shape.email, draft.contact.email))
    found.email = t("portal.submit.emailInvalid");
  return found;
}
