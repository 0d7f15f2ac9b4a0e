import { Alert, type FormInstance } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type Problem = { id: string; label: string; message: string };
type Failed = { errorFields: { name: (string | number)[]; errors: string[] }[] };

/**
 * What an antd form does not do by itself: say that sending failed. antd ties each field to its
 * message (aria-invalid, aria-describedby → "<field>_help"), but the message appears silently
 * and nothing tells a screen-reader user that the form was not sent. On a failed submit this
 * shows a summary above the form, announced (role="alert") and focused, listing each problem
 * as a link to its field; Tab goes on from it into the form.
 *
 * AppForm (AppForm.tsx) wires it into every form of the staff app; by hand it would be:
 *
 *   const errors = useFormErrorSummary(form);
 *   <Form form={form} onFinishFailed={errors.onFinishFailed} …>{errors.summary}…</Form>
 */
export function useFormErrorSummary<Values>(form: FormInstance<Values>, formName?: string) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [shown, setShown] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // antd's id for a field: the form's name (if any) and the field's path, joined by "_".
  const idOf = (name: (string | number)[]) => [...(formName ? [formName] : []), ...name].join("_");

  // Focus the summary each time a submit fails, once it is on the page.
  useEffect(() => {
    if (shown > 0) box.current?.focus();
  }, [shown]);

  const onFinishFailed = ({ errorFields }: Failed) => {
    const found = errorFields
      .filter((f) => f.errors.length > 0)
      .map((f) => {
        const id = idOf(f.name);
        const label = document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent?.trim();
        return { id, label: label || String(f.name.at(-1)), message: f.errors[0] };
      });
    setProblems(found);
    if (found.length > 0) setShown((n) => n + 1);
  };

  // Correcting every field takes the summary away; one still wrong keeps it up to date.
  const onFieldsChange = () => {
    if (problems.length === 0) return;
    const still = problems.filter((p) => {
      const field = form.getFieldsError().find((f) => idOf(f.name) === p.id);
      return (field?.errors.length ?? 0) > 0;
    });
    if (still.length !== problems.length) setProblems(still);
  };

  const summary =
    problems.length > 0 ? (
      <div ref={box} tabIndex={-1} className="form-error-summary" style={{ marginBottom: 16 }}>
        <Alert
          role="alert"
          type="error"
          showIcon
          title={t("formErrors.title", { count: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={p.id}>
                  <a
                    href={`#${p.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(p.id)?.focus();
                    }}
                  >
                    {t("formErrors.item", { label: p.label, message: p.message })}
                  </a>
                </li>
              ))}
            </ul>
          }
        />
      </div>
    ) : null;

  return { summary, onFinishFailed, onFieldsChange, clear: () => setProblems([]) };
}
