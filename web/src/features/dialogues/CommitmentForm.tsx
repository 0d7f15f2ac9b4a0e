import { Form, Input, InputNumber, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppForm } from "../../components/AppForm.tsx";
import { DateField } from "../../components/DateField.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { FormModal } from "./FormModal.tsx";

type Values = {
  text: string;
  ownerUnitId: string;
  due: "date" | "days";
  dueDate?: string;
  dueInWorkingDays?: number;
};

type Props = {
  open: boolean;
  /** The answer it comes from, when made from a question. */
  quote?: string;
  initialText?: string;
  onCancel: () => void;
  onSubmit: (body: {
    text: string;
    ownerUnitId: string;
    dueDate?: string;
    dueInWorkingDays?: number;
  }) => Promise<unknown>;
};

/** Turns an answer into a commitment: what, which unit owns it, due on a date or in N working days. */
export function CommitmentForm({ open, quote, initialText, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const due = Form.useWatch("due", form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <FormModal
      open={open}
      title={t("dialogues.addCommitment")}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      width={640}
      lead={quote && <blockquote className="civic-quote">{quote}</blockquote>}
    >
      <AppForm<Values>
        form={form}
        layout="vertical"
        initialValues={{ text: initialText ?? "", due: "date" }}
        onFinish={async (values) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit({
              text: values.text.trim(),
              ownerUnitId: values.ownerUnitId,
              ...(values.due === "date"
                ? { dueDate: values.dueDate }
                : { dueInWorkingDays: values.dueInWorkingDays }),
            });
            form.resetFields();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="text"
          label={t("dialogues.fields.commitment")}
          rules={[{ required: true, whitespace: true, min: 5, max: 4000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t("dialogues.fields.owner")} rules={[{ required: true }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="due" label={t("dialogues.fields.due")}>
          <Radio.Group
            options={[
              { value: "date", label: t("dialogues.dueOnDate") },
              { value: "days", label: t("dialogues.dueInDays") },
            ]}
          />
        </Form.Item>
        {due === "days" ? (
          <Form.Item
            name="dueInWorkingDays"
            label={t("dialogues.fields.workingDays")}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={750} style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <Form.Item name="dueDate" label={t("dialogues.fields.dueDate")} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
        )}
      </AppForm>
    </FormModal>
  );
}
