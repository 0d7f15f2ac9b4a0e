import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Radio, Space } from "antd";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { type KindFieldsProps, NewUnitFields, useRequiredRules } from "./changeParts.tsx";

/** A split: the unit that closes and its successors (two at least), each existing or new. */
export function SplitFields({ name, unitsOn, getFieldValue }: KindFieldsProps) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <>
      <Form.Item name={[name, "unit"]} label={t("restructuring.unitClosed")} rules={required}>
        <UnitTreeSelect asOf={unitsOn} />
      </Form.Item>
      <Form.List name={[name, "targets"]} initialValue={[{ mode: "new" }, { mode: "new" }]}>
        {(targets, { add, remove }) => (
          <fieldset className="rs-fieldset">
            <legend>{t("restructuring.splitInto")}</legend>
            {targets.map((target, j) => {
              const mode = getFieldValue(["changes", name, "targets", target.name, "mode"]);
              return (
                <div key={target.key} className="rs-target">
                  <Space align="center" wrap>
                    <strong>{t("restructuring.successorN", { n: j + 1 })}</strong>
                    <Form.Item name={[target.name, "mode"]} noStyle initialValue="new">
                      <Radio.Group
                        aria-label={t("restructuring.successorN", { n: j + 1 })}
                        options={[
                          { value: "existing", label: t("restructuring.existingUnit") },
                          { value: "new", label: t("restructuring.newUnit") },
                        ]}
                      />
                    </Form.Item>
                    {targets.length > 2 && (
                      <Button
                        size="small"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t("restructuring.removeSuccessor", { n: j + 1 })}
                        onClick={() => remove(target.name)}
                      />
                    )}
                  </Space>
                  {mode === "existing" ? (
                    <Form.Item name={[target.name, "unit"]} label={t("restructuring.unit")} rules={required}>
                      <UnitTreeSelect asOf={unitsOn} />
                    </Form.Item>
                  ) : (
                    <NewUnitFields
                      prefix={[target.name]}
                      label={t("restructuring.newUnitName")}
                      unitsOn={unitsOn}
                    />
                  )}
                </div>
              );
            })}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ mode: "new" })}>
              {t("restructuring.addSuccessor")}
            </Button>
          </fieldset>
        )}
      </Form.List>
    </>
  );
}
