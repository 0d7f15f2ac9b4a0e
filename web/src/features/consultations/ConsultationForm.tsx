import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Input, Row, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConsultationInput } from "../../../../common/schemas/consultations.ts";
import { splitSections } from "../../../../common/sections.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { DateField } from "../../components/DateField.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { FormModal } from "../dialogues/FormModal.tsx";

type Props = {
  open: boolean;
  title: string;
  initial?: Partial<ConsultationInput>;
  onCancel: () => void;
  onSubmit: (input: ConsultationInput) => Promise<unknown>;
};

/**
 * A draft for consultation: title, drafting unit, the period, and its sections — pasted whole
 * and split at the headings ("Điều 1.", "I.", "1."), or written one by one.
 */
export function ConsultationForm({ open, title, initial, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ConsultationInput>();
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const split = () => {
    const sections = splitSections(pasted);
    if (sections.length === 0) {
      setError(t("consultations.nothingToSplit"));
      return;
    }
    setError(null);
    form.setFieldValue("sections", sections);
  };

  return (
    <FormModal
      open={open}
      title={title}
      onCancel={onCancel}
      form={form}
      saving={saving}
      error={error}
      width={900}
    >
      <AppForm<ConsultationInput>
        form={form}
        layout="vertical"
        initialValues={{ summary: "", sections: [{ heading: "", text: "" }], ...initial }}
        onFinish={async (values) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit(values);
            form.resetFields();
            setPasted("");
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="title"
          label={t("consultations.fields.title")}
          rules={[{ required: true, min: 5, max: 500 }]}
        >
          <Input placeholder={t("consultations.fields.titleHint")} />
        </Form.Item>
        <Form.Item name="summary" label={t("consultations.fields.summary")}>
          <Input.TextArea rows={2} maxLength={10_000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="draftingUnitId"
              label={t("consultations.fields.draftingUnit")}
              rules={[{ required: true }]}
            >
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="opensOn" label={t("consultations.fields.opensOn")} rules={[{ required: true }]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="closesOn"
              label={t("consultations.fields.closesOn")}
              rules={[{ required: true }]}
            >
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t("consultations.pasteTitle")} style={{ marginBottom: 16 }}>
          <label htmlFor="consultation-paste" className="visually-hidden">
            {t("consultations.pasteTitle")}
          </label>
          <Input.TextArea
            id="consultation-paste"
            rows={5}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={t("consultations.pasteHint")}
          />
          <Button style={{ marginTop: 8 }} onClick={split} disabled={!pasted.trim()}>
            {t("consultations.split")}
          </Button>
        </Card>
        <Form.List name="sections">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={t("consultations.sectionNumber", { n: index + 1 })}
                  extra={
                    fields.length > 1 && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t("consultations.removeSection", { n: index + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    )
                  }
                >
                  <Form.Item
                    name={[field.name, "heading"]}
                    label={t("consultations.fields.heading")}
                    rules={[{ required: true, whitespace: true, max: 500 }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, "text"]} label={t("consultations.fields.sectionText")}>
                    <Input.TextArea rows={4} maxLength={50_000} />
                  </Form.Item>
                </Card>
              ))}
              <Space>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ heading: "", text: "" })}>
                  {t("consultations.addSection")}
                </Button>
              </Space>
            </div>
          )}
        </Form.List>
      </AppForm>
    </FormModal>
  );
}
