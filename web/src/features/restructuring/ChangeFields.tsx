import { Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { NewUnitFields, useRequiredRules } from "./changeParts.tsx";
import { DissolveFields } from "./DissolveFields.tsx";
import { MergeFields } from "./MergeFields.tsx";
import { MoveFields } from "./MoveFields.tsx";
import { RenameFields } from "./RenameFields.tsx";
import { SplitFields } from "./SplitFields.tsx";

const KINDS = ["rename", "merge", "split", "dissolve", "move", "create"] as const;

/** The fields of one change: its kind, then what that kind needs. */
export function ChangeFields({ name, index, unitsOn }: { name: number; index: number; unitsOn: string }) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <>
      <Form.Item
        name={[name, "kind"]}
        label={t("restructuring.kindLabel")}
        rules={required}
        style={{ maxWidth: 320 }}
      >
        <Select options={KINDS.map((k) => ({ value: k, label: t(`restructuring.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const kind = getFieldValue(["changes", name, "kind"]) as (typeof KINDS)[number];
          const props = { name, unitsOn, getFieldValue };
          switch (kind) {
            case "rename":
              return <RenameFields {...props} />;
            case "move":
              return <MoveFields {...props} />;
            case "dissolve":
              return <DissolveFields {...props} />;
            case "merge":
              return <MergeFields {...props} />;
            case "split":
              return <SplitFields {...props} />;
            case "create":
              return (
                <NewUnitFields prefix={[name]} label={t("restructuring.newUnitName")} unitsOn={unitsOn} />
              );
            default:
              return <p className="rs-muted">{t("restructuring.pickKind", { n: index + 1 })}</p>;
          }
        }}
      </Form.Item>
    </>
  );
}
