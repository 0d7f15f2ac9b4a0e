import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../../../common/enums.ts";
import type { UserSummary } from "../../../../common/schemas/auth.ts";
import { ApiError, isConflict } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { createUser, updateUser, usersQuery } from "./api.ts";

type Grant = { role: Role; unitId: string };
type Values = { username: string; displayName: string; email: string; password: string; grants: Grant[] };
const EDIT_FIELDS = ["displayName", "email", "grants"] as const;

function toValues(u?: UserSummary): Values {
  return {
    username: u?.username ?? "",
    displayName: u?.displayName ?? "",
    email: u?.email ?? "",
    password: "",
    grants: u?.grants.map((g) => ({ role: g.role, unitId: g.unitId })) ?? [],
  };
}

function editable(v: Values) {
  return {
    displayName: v.displayName.trim(),
    email: v.email?.trim() ? v.email.trim() : null,
    grants: (v.grants ?? [])
      .filter((g) => g?.role && g?.unitId)
      .map((g) => ({ role: g.role, unitId: g.unitId })),
  };
}

function changed(base: Values, next: Values) {
  const a = editable(base);
  const b = editable(next);
  return Object.fromEntries(
    EDIT_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => [f, b[f]]),
  );
}

type Props = {
  user?: UserSummary;
  onClose: () => void;
  onCreated: (username: string, password?: string) => void;
};

export function UserFormModal({ user, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState({ values: toValues(user), version: user?.version ?? 0 });
  const [conflict, setConflict] = useState<(ConflictView & { mine: Values; current: UserSummary }) | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // antd does not announce field errors; a server refusal tied to a field is read out here.
  const [announcement, setAnnouncement] = useState("");

  const grantsText = (v: Values, names: Map<string, string>) =>
    editable(v)
      .grants.map((g) => `${t(`role.${g.role}`)} · ${names.get(g.unitId) ?? g.unitId}`)
      .join("; ");

  async function save(values: Values, from = base) {
    setBusy(true);
    setError(null);
    try {
      if (!user) {
        const e = editable(values);
        const created = await createUser({
          username: values.username.trim(),
          displayName: e.displayName,
          email: e.email,
          grants: e.grants,
          ...(values.password ? { password: values.password } : {}),
        });
        onCreated(created.user.username, created.temporaryPassword);
      } else {
        await updateUser(user.id, { version: from.version, ...changed(from.values, values) });
        message.success(t("users.saved"));
        onClose();
      }
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    } catch (e) {
      if (isConflict(e) && user) {
        const fresh = await queryClient.fetchQuery({ ...usersQuery(user.username), staleTime: 0 });
        const current = fresh.items.find((u) => u.id === user.id);
        if (!current) return setError(e.message);
        const theirs = toValues(current);
        const names = new Map([...user.grants, ...current.grants].map((g) => [g.unitId, g.unitName]));
        const touched = new Set([
          ...Object.keys(changed(from.values, values)),
          ...Object.keys(changed(from.values, theirs)),
        ]);
        const show = (f: (typeof EDIT_FIELDS)[number], v: Values) =>
          f === "grants" ? grantsText(v, names) : (editable(v)[f] ?? "");
        setConflict({
          message: e.message,
          mine: values,
          current,
          rows: EDIT_FIELDS.filter((f) => touched.has(f)).map((f) => ({
            field: f,
            label: t(`users.field.${f}`),
            mine: show(f, values),
            theirs: show(f, theirs),
            otherChanged: f in changed(from.values, theirs),
          })),
        });
      } else if (
        e instanceof ApiError &&
        e.field &&
        ["username", "displayName", "email", "password"].includes(e.field)
      ) {
        showFieldErrors(form, [{ name: e.field as keyof Values, errors: [e.message] }]);
        setAnnouncement(e.message);
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
    form.setFieldsValue({ ...merged, email: merged.email ?? "" });
    await save({ ...merged, email: merged.email ?? "" }, next);
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
      title={user ? t("users.editTitle", { username: user.username }) : t("users.createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? t("common.save") : t("users.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: !!conflict }}
      destroyOnHidden
      width={720}
    >
      <div aria-live="assertive" className="visually-hidden">
        {announcement}
      </div>
      {conflict && (
        <ConflictNotice conflict={conflict} onReapply={reapply} onTakeTheirs={takeTheirs} busy={busy} />
      )}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      <AppForm<Values>
        form={form}
        layout="vertical"
        initialValues={base.values}
        onFinish={(v) => save({ ...base.values, ...v })}
      >
        {!user && (
          <Form.Item
            label={t("users.field.username")}
            name="username"
            extra={t("users.usernameHelp")}
            rules={[{ required: true, pattern: /^[a-z0-9._-]{3,100}$/, message: t("users.usernameRule") }]}
          >
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item
          label={t("users.field.displayName")}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t("form.required") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t("users.field.email")}
          name="email"
          rules={[{ type: "email", message: t("form.email") }]}
        >
          <Input type="email" autoComplete="off" maxLength={200} />
        </Form.Item>
        {!user && (
          <Form.Item
            label={t("users.field.password")}
            name="password"
            extra={t("users.passwordHelp")}
            rules={[{ min: 10, message: t("account.passwordMin") }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>
            {t("users.field.grants")}
          </legend>
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap style={{ display: "flex", marginBottom: 8 }}>
                    <Form.Item
                      name={[field.name, "role"]}
                      label={t("users.grantRole", { n: index + 1 })}
                      rules={[{ required: true, message: t("form.required") }]}
                      style={{ minWidth: 200, marginBottom: 0 }}
                    >
                      <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "unitId"]}
                      label={t("users.grantUnit", { n: index + 1 })}
                      rules={[{ required: true, message: t("form.required") }]}
                      style={{ minWidth: 280, flex: 1, marginBottom: 0 }}
                    >
                      <UnitTreeSelect />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={t("users.removeGrant", { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ role: "unit_officer" })}
                >
                  {t("users.addGrant")}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </AppForm>
    </Modal>
  );
}
