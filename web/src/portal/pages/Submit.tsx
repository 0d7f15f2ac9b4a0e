import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { type Commune, PortalApiError, request } from "../api.ts";
import { CommunePicker } from "../CommunePicker.tsx";
import { LoadError, PageHeading, usePageTitle } from "../components.tsx";
import {
  ContactCodeField,
  ContactFields,
  contactBody,
  EMPTY_CONTACT,
  Honeypot,
  sendContactCode,
  submissionError,
  useIdempotencyKey,
} from "../contact.tsx";
import { t, useLocale } from "../i18n.ts";
import { CATEGORY_CODES, PORTAL_KINDS } from "../kinds.ts";
import { navigate } from "../router.tsx";
import { useLoad } from "../useLoad.ts";

type Field =
  | "kind"
  | "category"
  | "commune"
  | "title"
  | "text"
  | "attachments"
  | "name"
  | "phone"
  | "email"
  | "code";
type Errors = Partial<Record<Field, string>>;

interface Attachment {
  uploadId: string;
  name: string;
}

/** Which input an API error names ("communeName", "contact.phone", "contactCode" …). */
function fieldOf(apiField: string | null): Field | null {
  if (!apiField) return null;
  if (apiField.startsWith("commune")) return "commune";
  if (apiField === "contact.phone" || apiField === "phone") return "phone";
  if (apiField === "contact.email" || apiField === "email") return "email";
  if (apiField === "contact.name" || apiField === "contact") return "name";
  if (apiField === "contactCode") return "code";
  if (apiField.startsWith("attachments")) return "attachments";
  if (["kind", "category", "title", "text"].includes(apiField)) return apiField as Field;
  return null;
}

export default function Submit() {
  useLocale();
  usePageTitle(t("portal.submit.title"));
  const ids = useId();
  const communes = useLoad<{ items: Commune[] }>("/api/public/communes");
  const confirmation = useLoad<{ required: boolean; minutes: number }>("/api/public/contact-confirmation");
  const [kind, setKind] = useState("phan-anh");
  const [category, setCategory] = useState("");
  const [commune, setCommune] = useState<Commune | null>(null);
  const [communeText, setCommuneText] = useState("");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [contact, setContact] = useState(EMPTY_CONTACT);
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState<string | null>(null);
  const [website, setWebsite] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const idempotency = useIdempotencyKey();

  const required = confirmation.data?.required ?? false;
  const errorId = (field: Field) => `${ids}-${field}-error`;
  const describedBy = (field: Field, hint?: string) =>
    [hint, errors[field] ? errorId(field) : null].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    if (general || Object.keys(errors).length > 0) summaryRef.current?.focus();
  }, [errors, general]);

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const room = 5 - attachments.length;
    if (files.length > room) {
      setErrors((e) => ({ ...e, attachments: t("portal.submit.tooManyFiles") }));
      return;
    }
    setErrors(({ attachments: _, ...rest }) => rest);
    for (const file of Array.from(files)) {
      setUploading(file.name);
      const form = new FormData();
      form.append("file", file);
      try {
        const { uploadId } = await request<{ uploadId: string }>("/api/public/uploads", {
          method: "POST",
          form,
        });
        setAttachments((list) => [...list, { uploadId, name: file.name }]);
      } catch (error) {
        const message =
          error instanceof PortalApiError
            ? `${file.name}: ${error.message}`
            : t("portal.submit.networkError");
        setErrors((e) => ({ ...e, attachments: message }));
      }
    }
    setUploading(null);
  };

  const sendCode = async () => {
    setCodeSent(null);
    try {
      setCodeSent(await sendContactCode(contact));
      setErrors(({ code: _, ...rest }) => rest);
    } catch (error) {
      if (error instanceof PortalApiError) {
        const field = fieldOf(error.field) ?? "code";
        setErrors((e) => ({ ...e, [field]: error.message }));
      } else setGeneral(t("portal.submit.networkError"));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    // The server's own rules (zod) load when the citizen first sends, not with the page: the form
    // opens fast on mobile data, and the check costs one small download, once.
    const { petitionProblems } = await import("../petitionCheck.ts");
    const found: Errors = petitionProblems({
      text,
      title,
      communeName: commune ? null : communeText,
      contact,
    });
    setGeneral(null);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const body = {
      kind,
      text: text.trim(),
      ...(commune
        ? { communeId: commune.id }
        : communeText.trim()
          ? { communeName: communeText.trim() }
          : {}),
      ...(category ? { category } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(attachments.length ? { attachments: attachments.map((a) => a.uploadId) } : {}),
      contact: contactBody(contact),
      ...(required ? { contactCode: code.trim() } : {}),
      ...(website ? { website } : {}),
    };
    const key = idempotency.keyFor(body);
    setSending(true);
    setErrors({});
    try {
      const { trackingCode } = await request<{ trackingCode: string }>("/api/public/petitions", {
        body,
        headers: { "idempotency-key": key },
      });
      idempotency.done();
      navigate(`/da-gui/${encodeURIComponent(trackingCode)}`);
    } catch (error) {
      const refused = submissionError(error, fieldOf);
      if (refused.field) setErrors({ [refused.field]: refused.message });
      else setGeneral(refused.message);
    } finally {
      setSending(false);
    }
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={errorId(field)}>
        {errors[field]}
      </p>
    ) : null;
  const hasErrors = general !== null || Object.keys(errors).length > 0;

  return (
    <>
      <PageHeading>{t("portal.submit.title")}</PageHeading>
      <p className="lead">{t("portal.submit.intro")}</p>
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
        {hasErrors && (
          <div className="alert alert-error" role="alert">
            <p>
              <strong>{t("portal.submit.errorsTitle")}</strong>
            </p>
            <ul>
              {general && <li>{general}</li>}
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <a href={`#${ids}-${field}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {communes.error !== null && <LoadError retry={communes.reload} />}
      <form className="card form" onSubmit={submit} noValidate>
        <fieldset className="field" id={`${ids}-kind`}>
          <legend>
            {t("portal.submit.kind")} <span aria-hidden="true">*</span>
          </legend>
          {PORTAL_KINDS.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />
              <span>
                <strong>{t(`portal.kinds.${value}`)}</strong>
                <span className="hint">{t(`portal.kindHints.${value}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-category`}>{t("portal.submit.category")}</label>
          <select
            id={`${ids}-category`}
            value={category}
            onChange={(event) => setCategory(event.target.value)}
            aria-describedby={describedBy("category")}
          >
            <option value="">{t("portal.submit.categoryNone")}</option>
            {CATEGORY_CODES.map((value) => (
              <option key={value} value={value}>
                {t(`portal.categories.${value}`)}
              </option>
            ))}
          </select>
          {fieldError("category")}
        </div>

        <CommunePicker
          inputId={`${ids}-commune`}
          communes={communes.data?.items ?? []}
          value={commune}
          onChange={setCommune}
          onText={setCommuneText}
          error={errors.commune ?? null}
          errorId={errorId("commune")}
        />

        <div className="field">
          <label htmlFor={`${ids}-title`}>{t("portal.submit.titleField")}</label>
          <input
            id={`${ids}-title`}
            type="text"
            maxLength={300}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy("title")}
          />
          {fieldError("title")}
        </div>

        <div className="field">
          <label htmlFor={`${ids}-text`}>
            {t("portal.submit.text")} <span aria-hidden="true">*</span>
          </label>
          <p className="hint" id={`${ids}-text-hint`}>
            {t("portal.submit.textHint")}
          </p>
          <textarea
            id={`${ids}-text`}
            rows={7}
            maxLength={10_000}
            aria-required="true"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={describedBy("text", `${ids}-text-hint`)}
          />
          <p className="hint counter">{t("portal.submit.textCount", { count: text.length })}</p>
          {fieldError("text")}
        </div>

        <div className="field">
          <label htmlFor={`${ids}-attachments`}>{t("portal.submit.attachments")}</label>
          <p className="hint" id={`${ids}-attachments-hint`}>
            {t("portal.submit.attachmentsHint")}
          </p>
          <input
            id={`${ids}-attachments`}
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,image/*,application/pdf"
            disabled={attachments.length >= 5 || uploading !== null}
            aria-describedby={describedBy("attachments", `${ids}-attachments-hint`)}
            onChange={(event) => {
              void upload(event.target.files);
              event.target.value = "";
            }}
          />
          {uploading && (
            <p className="hint" role="status">
              {t("portal.submit.uploading", { name: uploading })}
            </p>
          )}
          {attachments.length > 0 && (
            <ul className="files">
              {attachments.map((file) => (
                <li key={file.uploadId}>
                  <span>{file.name}</span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setAttachments((list) => list.filter((a) => a.uploadId !== file.uploadId))}
                  >
                    {t("portal.submit.remove", { name: file.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {fieldError("attachments")}
        </div>

        <fieldset className="field">
          <legend>{t("portal.submit.contactTitle")}</legend>
          <p className="hint">{t("portal.submit.contactHint")}</p>
          <ContactFields
            ids={ids}
            value={contact}
            onChange={setContact}
            errors={errors}
            describedBy={(field) => describedBy(field)}
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
              describedBy={(hint) => describedBy("code", hint)}
              error={fieldError("code")}
            />
          )}
        </fieldset>

        <Honeypot id={`${ids}-website`} value={website} onChange={setWebsite} />

        <button type="submit" className="button primary" disabled={sending} aria-busy={sending}>
          {sending ? t("portal.submit.sending") : t("portal.submit.send")}
        </button>
      </form>
    </>
  );
}
