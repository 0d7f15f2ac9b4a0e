import { type ReactNode, useMemo, useRef } from "react";
import { NetworkError, PortalApiError, request } from "./api.ts";
import { t } from "./i18n.ts";
import { newKey } from "./keys.ts";

/**
 * The parts every citizen's form on the portal shares — a petition, a dialogue question, a
 * draft comment: the contact fields (a name and a phone or e-mail, never published), the hidden
 * honeypot, one Idempotency-Key per content, and the reading of the server's refusal.
 */

export type ContactField = "name" | "phone" | "email";
export interface Contact {
  name: string;
  phone: string;
  email: string;
}
export const EMPTY_CONTACT: Contact = { name: "", phone: "", email: "" };

/** What is missing before sending: a name, and a phone or an e-mail (shown on the phone field). */
export function contactProblems(contact: Contact): Partial<Record<ContactField, string>> {
  const found: Partial<Record<ContactField, string>> = {};
  if (!contact.name.trim()) found.name = t("portal.submit.needName");
  if (!contact.phone.trim() && !contact.email.trim()) found.phone = t("portal.submit.needContact");
  return found;
}

/** The `contact` object the API takes: trimmed, without the empty channel. */
export function contactBody(contact: Contact) {
  return {
    name: contact.name.trim(),
    ...(contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
    ...(contact.email.trim() ? { email: contact.email.trim() } : {}),
  };
}

/** Name, phone and e-mail inputs; the form keeps the values, errors and descriptions. */
export function ContactFields(props: {
  ids: string;
  value: Contact;
  onChange(value: Contact): void;
  errors: Partial<Record<ContactField, string>>;
  describedBy(field: ContactField): string | undefined;
  fieldError(field: ContactField): ReactNode;
}) {
  const { ids, value, onChange, errors, describedBy, fieldError } = props;
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-name`}>
          {t("portal.submit.name")} <span aria-hidden="true">*</span>
        </label>
        <input
          id={`${ids}-name`}
          type="text"
          autoComplete="name"
          aria-required="true"
          maxLength={200}
          value={value.name}
          onChange={(event) => onChange({ ...value, name: event.target.value })}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name")}
        />
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-phone`}>{t("portal.submit.phone")}</label>
        <input
          id={`${ids}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={30}
          value={value.phone}
          onChange={(event) => onChange({ ...value, phone: event.target.value })}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy("phone")}
        />
        {fieldError("phone")}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-email`}>{t("portal.submit.email")}</label>
        <input
          id={`${ids}-email`}
          type="email"
          autoComplete="email"
          maxLength={200}
          value={value.email}
          onChange={(event) => onChange({ ...value, email: event.target.value })}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email")}
        />
        {fieldError("email")}
      </div>
    </>
  );
}

/** People never see this field; form-filling robots do, and the server ignores what they send. */
export function Honeypot({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <div className="trap" aria-hidden="true">
      <label htmlFor={id}>{t("portal.submit.honeypot")}</label>
      <input
        id={id}
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/**
 * One key per submission: a retry of the same content (a lost answer, a double tap) is
 * recognised by the server and not received twice; changed content gets a new key.
 */
export function useIdempotencyKey() {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(body: unknown): string {
        const serialized = JSON.stringify(body);
        if (attempt.current?.body !== serialized) attempt.current = { key: newKey(), body: serialized };
        return attempt.current.key;
      },
      done() {
        attempt.current = null;
      },
    }),
    [],
  );
}

/**
 * A refused submission, read: a 400 naming a known input goes to that input; a 429 says when to
 * try again; anything else is one general message.
 */
export function submissionError<F extends string>(
  error: unknown,
  fieldOf: (apiField: string | null) => F | null,
): { field: F; message: string } | { field: null; message: string } {
  if (error instanceof PortalApiError) {
    const field = error.status === 400 ? fieldOf(error.field) : null;
    if (field) return { field, message: error.message };
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 3600) / 60));
      return { field: null, message: `${error.message} ${t("portal.submit.retryAfter", { minutes })}` };
    }
    return { field: null, message: error.message };
  }
  return {
    field: null,
    message: error instanceof NetworkError ? t("portal.submit.networkError") : String(error),
  };
}

/** Asks the server to send a one-time code to the phone (or else the e-mail); says where it went. */
export async function sendContactCode(contact: Contact): Promise<string> {
  const sent = await request<{ sentTo: string; expiresInMinutes: number }>("/api/public/contact-codes", {
    body: contact.phone.trim() ? { phone: contact.phone.trim() } : { email: contact.email.trim() },
  });
  return t("portal.submit.codeSent", { to: sent.sentTo, minutes: sent.expiresInMinutes });
}

/**
 * The one-time code, where the province requires one: the input, the button that sends a code,
 * where it was sent and the field's error. Every form that writes for a citizen shows it.
 */
export function ContactCodeField(props: {
  id: string;
  code: string;
  onCode: (code: string) => void;
  onSend: () => void;
  sentMessage: string | null;
  invalid: boolean;
  describedBy: (hintId: string) => string | undefined;
  error: ReactNode;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {t("portal.submit.code")} <span aria-hidden="true">*</span>
      </label>
      <p className="hint" id={hintId}>
        {t("portal.submit.codeHint")}
      </p>
      <div className="inline">
        <input
          id={props.id}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={props.code}
          onChange={(event) => props.onCode(event.target.value.replace(/\D/g, "").slice(0, 6))}
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={props.describedBy(hintId)}
        />
        <button type="button" className="button secondary" onClick={props.onSend}>
          {t("portal.submit.sendCode")}
        </button>
      </div>
      {props.sentMessage && (
        <p className="hint" role="status">
          {props.sentMessage}
        </p>
      )}
      {props.error}
    </div>
  );
}
