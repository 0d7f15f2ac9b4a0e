import { Form } from "antd";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { type KindFieldsProps, useRequiredRules } from "./changeParts.tsx";

/** A dissolution: the unit that closes and, optionally, the units that carry its duties on. */
export function DissolveFields({ name, unitsOn }: KindFieldsProps) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <>
      <Form.Item name={[name, "unit"]} label={t("restructuring.unitClosed")} rules={required}>
        <UnitTreeSelect asOf={unitsOn} />
      </Form.Item>
      <Form.Item
        name={[name, "successors"]}
        label={t("restructuring.carriers")}
        extra={t("restructuring.carriersHelp")}
      >
        <UnitTreeSelect asOf={unitsOn} multiple />
      </Form.Item>
    </>
  );
}
