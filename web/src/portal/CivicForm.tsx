import { type FormEvent, useId, useState } from "react";
import { PortalApiError, request } from "./api.ts";
import {
  ContactCodeField,
  ContactFields,
  contactBody,
  contactProblems,
  EMPTY_CONTACT,
  Honeypot,
  sendContactCode,
  submissionError,
  useIdempotencyKey,
} from "./contact.tsx";
import { t } from "./i18n.ts";
import { useLoad } from "./useLoad.ts";

type Field = "text" | "organisation" | "name" | "phone" | "email" | "section" | "code";

function fieldOf(apiField: string | null): Field | null {
  if (!apiField) return null;
  if (apiField === "contact.phone" || apiField === "contact") return "phone";
  if (apiField === "contact.email") return "email";
  if (apiField === "contact.name") return "name";
  if (apiField === "sectionId") return "section";
  if (apiField === "contactCode") return "code";
  if (apiField === "phone" || apiField === "email") return apiField; // from the code request
  if (apiField === "text" || apiField === "organisation") return apiField;
  return null;
}

/**
 * What a citizen sends to a dialogue (a question) or a draft (a comment): the words, a name and
 * a phone or e-mail (never published), the hidden honeypot, and one Idempotency-Key per content.
 */
export function CivicForm(props: {
  url: string;
  title: string;
  minText: number;
  maxText: number;
  extra?: Record<string, unknown>;
  withOrganisation?: boolean;
}) {
  const { url, title, minText, maxText, extra, withOrganisation } = props;
  const ids = useId();
  const [text, setText] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [contact, setContact] = useState(EMPTY_CONTACT);
  const [website, setWebsite] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  // Where the province requires it, the phone or e-mail is confirmed by a one-time code.
  const confirmation = useLoad<{ required: boolean; minutes: number }>("/api/public/contact-confirmation");
  const required = confirmation.data?.required === true;
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState<string | null>(null);

  const sendCode = async () => {
    setCodeSent(null);
    const { phone } = contactProblems(contact); // a code needs a phone or an e-mail to go to
    if (phone) {
      setErrors({ phone });
      return;
    }
    try {
      setCodeSent(await sendContactCode(contact));
      setErrors(({ code: _, ...rest }) => rest);
    } catch (error) {
      const refused = submissionError(error, fieldOf);
      if (error instanceof PortalApiError || refused.field)
        setErrors({ [refused.field ?? "code"]: refused.message });
      else setGeneral(refused.message);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (text.trim().length < minText) found.text = t("portal.civic.needText", { min: minText });
    Object.assign(found, contactProblems(contact));
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    const body = {
      ...extra,
      text: text.trim(),
      ...(withOrganisation && organisation.trim() ? { organisation: organisation.trim() } : {}),
      contact: contactBody(contact),
      ...(required ? { contactCode: code } : {}),
      ...(website ? { website } : {}),
    };
    const key = idempotency.keyFor(body);
    setBusy(true);
    try {
      const result = await request<{ trackingCode: string }>(url, {
        body,
        headers: { "idempotency-key": key },
      });
      idempotency.done();
      setSent(result.trackingCode);
      setText("");
      setCode("");
      setCodeSent(null);
    } catch (error) {
      const refused = submissionError(error, fieldOf);
      if (refused.field) setErrors({ [refused.field]: refused.message });
      else setGeneral(refused.message);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${ids}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const described = (field: Field, hint?: string) =>
    [hint, errors[field] ? `${ids}-${field}-error` : null].filter(Boolean).join(" ") || undefined;
  const messages = [general, ...Object.values(errors)].filter(Boolean);

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{title}</h2>
      <p className="hint">{t("portal.civic.privacy")}</p>
      {sent && (
        <p className="success" role="status">
          {t("portal.civic.sent", { code: sent })}
        </p>
      )}
      {messages.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t("portal.submit.errorsTitle")}</strong>
          </p>
          <ul>
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      {errors.section && fieldError("section")}
      <div className="field">
        <label htmlFor={`${ids}-text`}>
          {t("portal.civic.text")} <span aria-hidden="true">*</span>
        </label>
        <p className="hint" id={`${ids}-text-hint`}>
          {t("portal.civic.textHint", { min: minText })}
        </p>
        <textarea
          id={`${ids}-text`}
          rows={5}
          maxLength={maxText}
          aria-required="true"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={described("text", `${ids}-text-hint`)}
        />
        {fieldError("text")}
      </div>
      {withOrganisation && (
        <div className="field">
          <label htmlFor={`${ids}-organisation`}>{t("portal.civic.organisation")}</label>
          <input
            id={`${ids}-organisation`}
            type="text"
            maxLength={300}
            value={organisation}
            onChange={(event) => setOrganisation(event.target.value)}
            aria-invalid={errors.organisation ? true : undefined}
            aria-describedby={described("organisation")}
          />
          {fieldError("organisation")}
        </div>
      )}
      <ContactFields
        ids={ids}
        value={contact}
        onChange={setContact}
        errors={errors}
        describedBy={(field) => described(field)}
        fieldError={fieldError}
      />
      {required && (
        <ContactCodeField
          id={`${ids}-code`}
          code={code}
          onCode={setCode}
          onSend={() => void sendCode()}
          sentMessage={codeSent}
          invalid={Boolean(errors.code)}
          describedBy={(hint) => described("code", hint)}
          error={fieldError("code")}
        />
      )}
      <Honeypot id={`${ids}-website`} value={website} onChange={setWebsite} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t("portal.civic.sending") : t("portal.civic.send")}
      </button>
    </form>
  );
}
