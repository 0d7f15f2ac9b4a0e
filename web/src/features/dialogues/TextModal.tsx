import { Form, Input } from "antd";
import { useState } from "react";
import { AppForm } from "../../components/AppForm.tsx";
import { FormModal } from "./FormModal.tsx";

type Props = {
  open: boolean;
  title: string;
  label: string;
  quote?: string;
  initial?: string;
  min?: number;
  max: number;
  okText?: string;
  onCancel: () => void;
  onSubmit: (text: string) => Promise<unknown>;
};

/** One text to write (an answer, a closing note, a question raised at the dialogue). */
export function TextModal({
  open,
  title,
  label,
  quote,
  initial,
  min = 2,
  max,
  okText,
  onCancel,
  onSubmit,
}: Props) {
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <FormModal
      open={open}
      title={title}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      okText={okText}
      lead={quote && <blockquote className="civic-quote">{quote}</blockquote>}
    >
      <AppForm
        form={form}
        layout="vertical"
        initialValues={{ text: initial ?? "" }}
        onFinish={async ({ text }) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit(text.trim());
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, min, max }]}>
          <Input.TextArea rows={5} maxLength={max} />
        </Form.Item>
      </AppForm>
    </FormModal>
  );
}
