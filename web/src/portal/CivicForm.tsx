import { type FormEvent, useId, useRef, useState } from "react";
import { NetworkError, PortalApiError, request } from "./api.ts";
import { t } from "./i18n.ts";
import { newKey } from "./keys.ts";

type Field = "text" | "organisation" | "name" | "phone" | "email" | "section";

function fieldOf(apiField: string | null): Field | null {
  if (!apiField) return null;
  if (apiField === "contact.phone" || apiField === "contact") return "phone";
  if (apiField === "contact.email") return "email";
  if (apiField === "contact.name") return "name";
  if (apiField === "sectionId") return "section";
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
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [website, setWebsite] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (text.trim().length < minText) found.text = t("portal.civic.needText", { min: minText });
    if (!name.trim()) found.name = t("portal.submit.needName");
    if (!phone.trim() && !email.trim()) found.phone = t("portal.submit.needContact");
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    const body = {
      ...extra,
      text: text.trim(),
      ...(withOrganisation && organisation.trim() ? { organisation: organisation.trim() } : {}),
      contact: {
        name: name.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
      },
      ...(website ? { website } : {}),
    };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { key: newKey(), body: serialized };
    setBusy(true);
    try {
      const result = await request<{ trackingCode: string }>(url, {
        body,
        headers: { "idempotency-key": attempt.current.key },
      });
      attempt.current = null;
      setSent(result.trackingCode);
      setText("");
    } catch (error) {
      if (error instanceof PortalApiError) {
        const field = error.status === 400 ? fieldOf(error.field) : null;
        if (field) setErrors({ [field]: error.message });
        else if (error.status === 429) {
          const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 3600) / 60));
          setGeneral(`${error.message} ${t("portal.submit.retryAfter", { minutes })}`);
        } else setGeneral(error.message);
      } else setGeneral(error instanceof NetworkError ? t("portal.submit.networkError") : String(error));
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
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={described("name")}
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
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={described("phone")}
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
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={described("email")}
        />
        {fieldError("email")}
      </div>
      <div className="trap" aria-hidden="true">
        <label htmlFor={`${ids}-website`}>{t("portal.submit.honeypot")}</label>
        <input
          id={`${ids}-website`}
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={website}
          onChange={(event) => setWebsite(event.target.value)}
        />
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t("portal.civic.sending") : t("portal.civic.send")}
      </button>
    </form>
  );
}
