import { Col, Form, Row } from "antd";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { type KindFieldsProps, useRequiredRules } from "./changeParts.tsx";

/** A move: the unit and its new parent. */
export function MoveFields({ name, unitsOn }: KindFieldsProps) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={[name, "unit"]} label={t("restructuring.unit")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, "parent"]} label={t("restructuring.newParent")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      </Col>
    </Row>
  );
}
