import { Form, Input, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MODERATION_REASONS, type ModerationBody } from "../../../../common/schemas/civic.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { FormModal } from "./FormModal.tsx";

type Props = {
  open: boolean;
  /** The question or comment, shown as text (never as markup). */
  text: string;
  onCancel: () => void;
  onSubmit: (body: ModerationBody) => Promise<unknown>;
};

/** Reject a question or comment with a reason from the list ("other" needs the reason written). */
export function RejectModal({ open, text, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: ModerationBody["reason"]; note?: string }>();
  const reason = Form.useWatch("reason", form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <FormModal
      open={open}
      title={t("civic.reject")}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      okText={t("civic.reject")}
      danger
      lead={<blockquote className="civic-quote">{text}</blockquote>}
    >
      <AppForm
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit({
              decision: "reject",
              reason: values.reason,
              note: values.note?.trim() || undefined,
            });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t("civic.reason")}
          rules={[{ required: true, message: t("civic.reasonRequired") }]}
        >
          <Radio.Group
            options={MODERATION_REASONS.map((r) => ({ value: r, label: t(`civic.reasonName.${r}`) }))}
            style={{ display: "flex", flexDirection: "column", gap: 4 }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("civic.note")}
          rules={[{ required: reason === "other", whitespace: true, message: t("civic.noteRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </AppForm>
    </FormModal>
  );
}
