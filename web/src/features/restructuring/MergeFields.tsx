import { Form, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { type KindFieldsProps, NewUnitFields, useRequiredRules } from "./changeParts.tsx";

/** A merge: the units that merge, into one of them or into a new unit. */
export function MergeFields({ name, unitsOn, getFieldValue }: KindFieldsProps) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const mergeMode = getFieldValue(["changes", name, "into", "mode"]);
  return (
    <>
      <Form.Item name={[name, "units"]} label={t("restructuring.mergeFrom")} rules={required}>
        <UnitTreeSelect asOf={unitsOn} multiple />
      </Form.Item>
      <Form.Item name={[name, "into", "mode"]} label={t("restructuring.mergeInto")} initialValue="existing">
        <Radio.Group
          options={[
            { value: "existing", label: t("restructuring.existingUnit") },
            { value: "new", label: t("restructuring.newUnit") },
          ]}
        />
      </Form.Item>
      {mergeMode === "new" ? (
        <NewUnitFields prefix={[name, "into"]} label={t("restructuring.newUnitName")} unitsOn={unitsOn} />
      ) : (
        <Form.Item name={[name, "into", "unit"]} label={t("restructuring.intoUnit")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      )}
    </>
  );
}
