import { Form, Input, Radio, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUTHOR_KINDS, type AuthorKind, type Section } from "../../../../common/schemas/consultations.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { FormModal } from "../dialogues/FormModal.tsx";

type Values = { sectionId: string; authorKind: AuthorKind; authorName: string; text: string };

type Props = {
  open: boolean;
  sections: Section[];
  onCancel: () => void;
  onSubmit: (body: Values) => Promise<unknown>;
};

/** The written comment of a unit or of the Front (or a citizen's letter), entered by staff. */
export function StaffCommentModal({ open, sections, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <FormModal
      open={open}
      title={t("consultations.addComment")}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      width={640}
    >
      <AppForm<Values>
        form={form}
        layout="vertical"
        initialValues={{ authorKind: "unit" }}
        onFinish={async (values) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit(values);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="sectionId" label={t("consultations.section")} rules={[{ required: true }]}>
          <Select options={sections.map((s) => ({ value: s.id, label: s.heading }))} />
        </Form.Item>
        <Form.Item name="authorKind" label={t("consultations.authorKind")}>
          <Radio.Group
            options={AUTHOR_KINDS.map((k) => ({ value: k, label: t(`consultations.authorKindName.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="authorName"
          label={t("consultations.authorName")}
          rules={[{ required: true, whitespace: true, min: 2, max: 300 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="text"
          label={t("consultations.commentText")}
          rules={[{ required: true, whitespace: true, min: 5, max: 10_000 }]}
        >
          <Input.TextArea rows={5} />
        </Form.Item>
      </AppForm>
    </FormModal>
  );
}
