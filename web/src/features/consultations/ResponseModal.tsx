import { Form, Input, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RESPONSE_RESULTS } from "../../../../common/schemas/consultations.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { FormModal } from "../dialogues/FormModal.tsx";
import type { Comment, ResponseResult } from "./api.ts";

type Props = {
  comment: Comment | null;
  onCancel: () => void;
  onSubmit: (body: { result: ResponseResult; explanation: string }) => Promise<unknown>;
};

/** Tiếp thu, giải trình: the result and the explanation for one comment. */
export function ResponseModal({ comment, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ result: ResponseResult; explanation: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <FormModal
      open={comment !== null}
      title={t("consultations.answer")}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      width={640}
      lead={<blockquote className="civic-quote">{comment?.text}</blockquote>}
    >
      <AppForm
        form={form}
        layout="vertical"
        initialValues={{
          result: comment?.response?.result,
          explanation: comment?.response?.explanation ?? "",
        }}
        onFinish={async (values) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit({ result: values.result, explanation: values.explanation.trim() });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="result"
          label={t("consultations.result")}
          rules={[{ required: true, message: t("consultations.resultRequired") }]}
        >
          <Radio.Group
            options={RESPONSE_RESULTS.map((r) => ({ value: r, label: t(`consultations.resultName.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="explanation"
          label={t("consultations.explanation")}
          rules={[{ required: true, whitespace: true, min: 5, max: 10_000 }]}
        >
          <Input.TextArea rows={5} maxLength={10_000} />
        </Form.Item>
      </AppForm>
    </FormModal>
  );
}
