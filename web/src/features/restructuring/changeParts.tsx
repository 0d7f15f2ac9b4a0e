import { Col, Form, Input, Row, Select } from "antd";
import type { FormInstance } from "antd/es/form";
import { useTranslation } from "react-i18next";
import { UNIT_TYPES } from "../../../../common/enums.ts";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";

/** What every kind's fields receive: the change's place in the list and the day the units are read on. */
export type KindFieldsProps = {
  name: number;
  unitsOn: string;
  getFieldValue: FormInstance["getFieldValue"];
};

/** The rules every change's fields share: required, and required with more than blanks. */
export function useRequiredRules() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t("restructuring.required") }];
  const requiredText = [{ ...required[0], whitespace: true }];
  return { required, requiredText };
}

/** A unit the event creates: its name, type and parent (a merge's or a split's new unit, a creation). */
export function NewUnitFields({
  prefix,
  label,
  unitsOn,
}: {
  prefix: (string | number)[];
  label: string;
  unitsOn: string;
}) {
  const { t } = useTranslation();
  const { required, requiredText } = useRequiredRules();
  const typeOptions = UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }));
  return (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item name={[...prefix, "name"]} label={label} rules={requiredText}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...prefix, "type"]} label={t("restructuring.unitType")} rules={required}>
          <Select options={typeOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={[...prefix, "parent"]} label={t("restructuring.parent")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      </Col>
    </Row>
  );
}
