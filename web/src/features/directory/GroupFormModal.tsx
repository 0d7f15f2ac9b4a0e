import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_TYPES } from "../../../../common/enums.ts";
import type { UnitGroup } from "../../../../common/schemas/units.ts";
import { ApiError, isConflict } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { createGroup, type GroupInput, groupsQuery, unitKeys, updateGroup } from "./api.ts";

type Values = {
  name: string;
  aliases: string[];
  unitTypes: GroupInput["unitTypes"];
  memberIds: string[];
  description: string;
};
const FIELDS = ["name", "aliases", "unitTypes", "memberIds", "description"] as const;

function toValues(g?: UnitGroup): Values {
  return {
    name: g?.name ?? "",
    aliases: g?.aliases ?? [],
    unitTypes: g?.unitTypes ?? [],
    memberIds: g?.memberIds ?? [],
    description: g?.description ?? "",
  };
}

function toInput(v: Values): GroupInput {
  return {
    name: v.name.trim(),
    aliases: v.aliases.map((a) => a.trim()).filter(Boolean),
    unitTypes: v.unitTypes ?? [],
    memberIds: v.memberIds ?? [],
    description: v.description?.trim() ? v.description.trim() : null,
  };
}

function changed(base: Values, next: Values): Partial<GroupInput> {
  const a = toInput(base);
  const b = toInput(next);
  return Object.fromEntries(
    FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => [f, b[f]]),
  );
}

export function GroupFormModal({
  group,
  asOf,
  onClose,
}: {
  group?: UnitGroup;
  asOf: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState({ values: toValues(group), version: group?.version ?? 0 });
  const [conflict, setConflict] = useState<(ConflictView & { mine: Values; current: UnitGroup }) | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (f: (typeof FIELDS)[number], v: GroupInput): string => {
    const value = v[f];
    if (f === "unitTypes") return (value as string[]).map((x) => t(`unitType.${x}`)).join(", ");
    if (f === "memberIds") return t("groups.memberCount", { count: (value as string[]).length });
    if (Array.isArray(value)) return value.join(", ");
    return value ?? "";
  };

  async function save(values: Values, from = base) {
    setBusy(true);
    setError(null);
    try {
      if (!group) await createGroup(toInput(values));
      else await updateGroup(group.id, { version: from.version, ...changed(from.values, values) });
      await queryClient.invalidateQueries({ queryKey: unitKeys.groups });
      message.success(t("groups.saved"));
      onClose();
    } catch (e) {
      if (isConflict(e) && group) {
        const fresh = await queryClient.fetchQuery({ ...groupsQuery, staleTime: 0 });
        const current = fresh.items.find((g) => g.id === group.id);
        if (!current) {
          setError(e.message);
          return;
        }
        const mine = toInput(values);
        const theirs = toInput(toValues(current));
        const touched = new Set([
          ...Object.keys(changed(from.values, values)),
          ...Object.keys(changed(from.values, toValues(current))),
        ]);
        setConflict({
          message: e.message,
          mine: values,
          current,
          rows: FIELDS.filter((f) => touched.has(f)).map((f) => ({
            field: f,
            label: t(`groups.field.${f}`),
            mine: show(f, mine),
            theirs: show(f, theirs),
            otherChanged: f in changed(from.values, toValues(current)),
          })),
        });
      } else if (e instanceof ApiError && e.field && (FIELDS as readonly string[]).includes(e.field)) {
        showFieldErrors(form, [{ name: e.field as (typeof FIELDS)[number], errors: [e.message] }]);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  async function reapply() {
    if (!conflict) return;
    const next = { values: toValues(conflict.current), version: conflict.current.version };
    const merged = { ...next.values, ...changed(base.values, conflict.mine) } as Values;
    setBase(next);
    setConflict(null);
    form.setFieldsValue({ ...merged, description: merged.description ?? "" });
    await save(merged, next);
  }

  function takeTheirs() {
    if (!conflict) return;
    const values = toValues(conflict.current);
    setBase({ values, version: conflict.current.version });
    form.setFieldsValue(values);
    setConflict(null);
  }

  return (
    <Modal
      open
      title={group ? t("groups.editTitle", { name: group.name }) : t("groups.createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: !!conflict }}
      destroyOnHidden
      width={640}
    >
      {conflict && (
        <ConflictNotice conflict={conflict} onReapply={reapply} onTakeTheirs={takeTheirs} busy={busy} />
      )}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      <AppForm<Values> form={form} layout="vertical" initialValues={base.values} onFinish={(v) => save(v)}>
        <Form.Item
          label={t("groups.field.name")}
          name="name"
          rules={[{ required: true, whitespace: true, message: t("form.required") }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t("groups.field.aliases")} name="aliases" extra={t("directory.aliasesHelp")}>
          <Select mode="tags" tokenSeparators={[";"]} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={t("groups.field.unitTypes")} name="unitTypes" extra={t("groups.unitTypesHelp")}>
          <Select
            mode="multiple"
            options={UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))}
          />
        </Form.Item>
        <Form.Item label={t("groups.field.memberIds")} name="memberIds">
          <UnitTreeSelect multiple asOf={asOf} />
        </Form.Item>
        <Form.Item label={t("groups.field.description")} name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </AppForm>
    </Modal>
  );
}
