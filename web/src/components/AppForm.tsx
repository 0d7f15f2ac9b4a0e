import { Form, type FormInstance, type FormProps } from "antd";
import { type ReactNode, useEffect, useRef } from "react";
import { useFormErrorSummary } from "./FormErrorSummary.tsx";

type FieldErrors = { name: (string | number)[] | string | number; errors: string[] }[];
type Announce = (fields: { name: (string | number)[]; errors: string[] }[]) => void;

/** Each mounted form's summary, by its form instance, for refusals the server puts on fields. */
const summaries = new WeakMap<object, Announce>();

const path = (name: FieldErrors[number]["name"]) => (Array.isArray(name) ? name : [name]);

/**
 * The staff app's form: antd's Form with the error summary (FormErrorSummary.tsx) as its first
 * child. A failed submit is announced (role="alert") and focused, each problem a link to its
 * field; the caller's onFinish, onFinishFailed and onFieldsChange still run. Same props as antd's
 * Form; Form.Item, Form.List and Form.useForm can stay imported from antd.
 *
 *   <AppForm form={form} layout="vertical" onFinish={save}>…</AppForm>
 *
 * A refusal the server puts on a field goes through showFieldErrors(form, …) instead of
 * form.setFields(…), so that it is announced the same way.
 */
function AppFormOf<Values = unknown>(
  props: Omit<FormProps<Values>, "children"> & { children?: ReactNode },
): ReactNode {
  const [own] = Form.useForm<Values>();
  const form = props.form ?? own;
  const errors = useFormErrorSummary(form, typeof props.name === "string" ? props.name : undefined);
  const { onFinish, onFinishFailed, onFieldsChange, children, ...rest } = props;

  // The latest summary's handler, for showFieldErrors (registered once per form instance).
  const latest = useRef(errors.onFinishFailed);
  latest.current = errors.onFinishFailed;
  useEffect(() => {
    const announce: Announce = (fields) => latest.current({ errorFields: fields });
    summaries.set(form, announce);
    return () => {
      if (summaries.get(form) === announce) summaries.delete(form);
    };
  }, [form]);

  return (
    <Form<Values>
      {...rest}
      form={form}
      onFinish={(values) => {
        errors.clear();
        return onFinish?.(values);
      }}
      onFinishFailed={(info) => {
        errors.onFinishFailed(info);
        onFinishFailed?.(info);
      }}
      onFieldsChange={(changed, all) => {
        errors.onFieldsChange();
        onFieldsChange?.(changed, all);
      }}
    >
      {errors.summary}
      {children}
    </Form>
  );
}

/**
 * Puts the server's refusals on their fields (as form.setFields does) and, when the form is an
 * AppForm, lists them in its summary, announced and focused like a failed submit. Returns how many
 * of them are fields of the form (0: the caller shows the refusal some other way).
 */
// biome-ignore lint/suspicious/noExplicitAny: any form's instance, whatever its values.
export function showFieldErrors(form: FormInstance<any>, fields: FieldErrors): number {
  form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
  // Only the fields the form has: a link must lead somewhere.
  const key = (name: (string | number)[]) => name.join("\u0000");
  const known = new Set(form.getFieldsError().map((f) => key(f.name)));
  const listed = fields
    .map((f) => ({ name: path(f.name), errors: f.errors }))
    .filter((f) => known.has(key(f.name)));
  if (listed.length > 0) summaries.get(form)?.(listed);
  return listed.length;
}

export const AppForm = Object.assign(AppFormOf, {
  Item: Form.Item,
  List: Form.List,
  ErrorList: Form.ErrorList,
  Provider: Form.Provider,
  useForm: Form.useForm,
  useFormInstance: Form.useFormInstance,
  useWatch: Form.useWatch,
});
