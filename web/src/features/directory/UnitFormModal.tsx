import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_TYPES } from "../../../../common/enums.ts";
import type { Unit, UnitTreeNode } from "../../../../common/schemas/units.ts";
import { ApiError, isConflict } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { DateField } from "../../components/DateField.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { formatDate } from "../../lib/dates.ts";
import { createUnit, unitDetailQuery, unitKeys, updateUnit } from "./api.ts";
import { findNode } from "./tree.ts";
import {
  buildUpdate,
  changedFields,
  conflictRows,
  formToCreate,
  UNIT_FIELDS,
  type UnitField,
  type UnitFormValues,
  unitToForm,
} from "./unitForm.ts";

export type UnitFormMode = "create" | "edit" | "move";

type Props = {
  mode: UnitFormMode;
  unit?: Unit; // the unit as read, for edit and move
  parentId?: string | null; // where a new unit goes
  asOf: string;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
};

const BLANK: UnitFormValues = {
  type: "department",
  parentId: null,
  name: "",
  shortName: "",
  code: "",
  aliases: [],
  validFrom: null,
  validTo: null,
};

export function UnitFormModal({ mode, unit, parentId, asOf, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UnitFormValues>();
  const initial = unit ? unitToForm(unit) : { ...BLANK, parentId: parentId ?? null };
  // What the user started from: an update names its version and sends only what changed since.
  const [base, setBase] = useState({ values: initial, version: unit?.version ?? 0 });
  const [conflict, setConflict] = useState<(ConflictView & { mine: UnitFormValues; current: Unit }) | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // antd does not announce field errors; a server refusal tied to a field is read out here.
  const [announcement, setAnnouncement] = useState("");

  const label = (field: UnitField) => t(`directory.field.${field}`);
  const show = (field: UnitField, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "";
    if (field === "type") return t(`unitType.${String(v)}`);
    if (field === "aliases") return (v as string[]).join(", ");
    if (field === "validFrom" || field === "validTo") return formatDate(String(v));
    if (field === "parentId") {
      const tree = queryClient.getQueryData<UnitTreeNode[]>(unitKeys.tree(asOf));
      return (tree && findNode(tree, String(v))?.name) ?? String(v);
    }
    return String(v);
  };

  function afterSave(saved: Unit) {
    void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    message.success(mode === "create" ? t("directory.created", { name: saved.name }) : t("directory.saved"));
    onSaved(saved);
  }

  function showError(e: unknown) {
    if (e instanceof ApiError && e.field && (UNIT_FIELDS as readonly string[]).includes(e.field)) {
      showFieldErrors(form, [{ name: e.field as UnitField, errors: [e.message] }]);
      setAnnouncement(e.message);
      return;
    }
    setError(e instanceof Error ? e.message : String(e));
  }

  async function save(values: UnitFormValues, from = base) {
    setError(null);
    setBusy(true);
    try {
      if (mode === "create") {
        afterSave(await createUnit(formToCreate(values)));
        return;
      }
      if (!unit) return;
      const body = buildUpdate(from.version, from.values, values);
      if (Object.keys(body).length === 1) {
        message.info(t("directory.noChange"));
        onClose();
        return;
      }
      afterSave(await updateUnit(unit.id, body));
    } catch (e) {
      if (isConflict(e) && unit) {
        const current = await queryClient.fetchQuery({ ...unitDetailQuery(unit.id), staleTime: 0 });
        const rows = conflictRows(from.values, values, unitToForm(current));
        setConflict({
          message: e.message,
          mine: values,
          current,
          rows: rows.map((r) => ({
            field: r.field,
            label: label(r.field),
            mine: show(r.field, r.mine),
            theirs: show(r.field, r.theirs),
            otherChanged: r.otherChanged,
          })),
        });
      } else {
        showError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  // Apply the user's own edits (relative to what they first read) on top of the newer version.
  async function reapply() {
    if (!conflict || !unit) return;
    const mineOnly = changedFields(base.values, conflict.mine);
    const currentValues = unitToForm(conflict.current);
    const merged = { ...currentValues, ...mineOnly } as UnitFormValues;
    const next = { values: currentValues, version: conflict.current.version };
    setBase(next);
    setConflict(null);
    form.setFieldsValue(merged);
    await save(merged, next);
  }

  function takeTheirs() {
    if (!conflict) return;
    const values = unitToForm(conflict.current);
    setBase({ values, version: conflict.current.version });
    form.setFieldsValue(values);
    setConflict(null);
  }

  const title =
    mode === "create"
      ? t("directory.createTitle")
      : mode === "move"
        ? t("directory.moveTitle", { name: unit?.name })
        : t("directory.editTitle", { name: unit?.name });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: !!conflict }}
      destroyOnHidden
      width={640}
    >
      <div aria-live="assertive" className="visually-hidden">
        {announcement}
      </div>
      {conflict && (
        <ConflictNotice conflict={conflict} onReapply={reapply} onTakeTheirs={takeTheirs} busy={busy} />
      )}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      <AppForm<UnitFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save({ ...base.values, ...v })}
      >
        {mode !== "move" && (
          <>
            <Form.Item
              label={label("name")}
              name="name"
              rules={[{ required: true, whitespace: true, message: t("form.required") }]}
            >
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item
              label={label("type")}
              name="type"
              rules={[{ required: true, message: t("form.required") }]}
            >
              <Select options={UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          label={label("parentId")}
          name="parentId"
          extra={mode === "move" ? t("directory.moveHelp") : undefined}
        >
          <UnitTreeSelect asOf={asOf} disabledId={unit?.id} allowClear />
        </Form.Item>
        {mode !== "move" && (
          <>
            <Form.Item label={label("shortName")} name="shortName">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label={label("code")} name="code">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label={label("aliases")} name="aliases" extra={t("directory.aliasesHelp")}>
              <Select mode="tags" tokenSeparators={[";"]} open={false} suffixIcon={null} />
            </Form.Item>
            <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
              <Form.Item label={label("validFrom")} name="validFrom" style={{ flex: "1 1 200px" }}>
                <DateField />
              </Form.Item>
              <Form.Item label={label("validTo")} name="validTo" style={{ flex: "1 1 200px" }}>
                <DateField />
              </Form.Item>
            </div>
          </>
        )}
      </AppForm>
    </Modal>
  );
}
