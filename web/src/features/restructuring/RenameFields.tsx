import { Col, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { type KindFieldsProps, useRequiredRules } from "./changeParts.tsx";

/** A rename: the unit and its new name. */
export function RenameFields({ name, unitsOn }: KindFieldsProps) {
  const { t } = useTranslation();
  const { required, requiredText } = useRequiredRules();
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={[name, "unit"]} label={t("restructuring.unit")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, "name"]} label={t("restructuring.newName")} rules={requiredText}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
    </Row>
  );
}
