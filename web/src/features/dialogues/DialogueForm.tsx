import { DatePicker, Form, Input } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DialogueInput } from "../../../../common/schemas/dialogues.ts";
import { ApiError } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { FormModal } from "./FormModal.tsx";

type Values = Omit<DialogueInput, "startsAt"> & { startsAt: Dayjs };

type Props = {
  open: boolean;
  title: string;
  initial?: Partial<DialogueInput>;
  onCancel: () => void;
  onSubmit: (input: DialogueInput) => Promise<unknown>;
};

/** Schedules a dialogue or edits one: leader, place, time, topic, host unit, communes concerned. */
export function DialogueForm({ open, title, initial, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await onSubmit({
        ...values,
        communeIds: values.communeIds ?? [],
        startsAt: values.startsAt.toISOString(),
      });
      form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.field)
        showFieldErrors(form, [{ name: e.field.split(".")[0] as "title", errors: [e.message] }]);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal
      open={open}
      title={title}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      width={720}
    >
      <AppForm<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          ...initial,
          communeIds: initial?.communeIds ?? [],
          startsAt: initial?.startsAt ? dayjs(initial.startsAt) : undefined,
        }}
      >
        <Form.Item
          name="title"
          label={t("dialogues.fields.title")}
          rules={[{ required: true, min: 3, max: 300 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="topic"
          label={t("dialogues.fields.topic")}
          rules={[{ required: true, min: 3, max: 4000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="leader"
          label={t("dialogues.fields.leader")}
          rules={[{ required: true, min: 2, max: 300 }]}
        >
          <Input placeholder={t("dialogues.fields.leaderHint")} />
        </Form.Item>
        <Form.Item
          name="place"
          label={t("dialogues.fields.place")}
          rules={[{ required: true, min: 2, max: 300 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="startsAt" label={t("dialogues.fields.startsAt")} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="DD/MM/YYYY HH:mm" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="hostUnitId" label={t("dialogues.fields.hostUnit")} rules={[{ required: true }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="communeIds" label={t("dialogues.fields.communes")}>
          <UnitTreeSelect multiple allowClear />
        </Form.Item>
      </AppForm>
    </FormModal>
  );
}
