import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

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
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText ?? t("dialogues.save")}
      cancelText={t("dialogues.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      {quote && <blockquote className="civic-quote">{quote}</blockquote>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
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
      </Form>
    </Modal>
  );
}
