import {
  CheckCircleOutlined,
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  UnlockOutlined,
} from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Input, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserSummary } from "../../../../common/schemas/auth.ts";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../app/session.ts";
import { ForbiddenPage } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime, isFuture } from "../../lib/dates.ts";
import { resetPassword, resetSecondFactor, unlockUser, updateUser, usersQuery } from "./api.ts";
import { MoveToSuccessorModal } from "./MoveToSuccessorModal.tsx";
import { TemporaryPasswordModal } from "./TemporaryPasswordModal.tsx";
import { UserFormModal } from "./UserFormModal.tsx";

function StatusTags({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {user.disabled ? (
        <Tag style={{ color: "#9b1c1c", background: "#fdeaea", borderColor: "#e39a9a" }}>
          {t("users.status.disabled")}
        </Tag>
      ) : (
        <Tag style={{ color: "#1e5e2b", background: "#e7f5ea", borderColor: "#8cc79a" }}>
          {t("users.status.active")}
        </Tag>
      )}
      {isFuture(user.lockedUntil) && (
        <Tag style={{ color: "#7a4a00", background: "#fff4d6", borderColor: "#e0b24c" }}>
          {t("users.status.locked", { until: formatDateTime(user.lockedUntil) })}
        </Tag>
      )}
      {user.totpEnabled && <Tag>{t("users.status.totp")}</Tag>}
    </Space>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t("nav.users"));
  const me = useMe();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [closedOnly, setClosedOnly] = useState(false);
  const users = useQuery({ ...usersQuery(q, closedOnly), enabled: me.permissions.users.manage });
  const [moving, setMoving] = useState<{
    user: UserSummary;
    unit: UserSummary["closedUnits"][number];
  } | null>(null);
  const [editing, setEditing] = useState<{ user?: UserSummary } | null>(null);
  const [temp, setTemp] = useState<{ username: string; password: string } | null>(null);

  if (!me.permissions.users.manage) return <ForbiddenPage />;

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const fail = (e: unknown) =>
    modal.error({ title: t("errors.actionFailed"), content: e instanceof ApiError ? e.message : String(e) });

  const reset = (u: UserSummary) =>
    modal.confirm({
      title: t("users.resetTitle", { username: u.username }),
      content: t("users.resetText"),
      okText: t("users.reset"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const r = await resetPassword(u.id);
          setTemp({ username: u.username, password: r.temporaryPassword });
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    });

  const resetTotp = (u: UserSummary) =>
    modal.confirm({
      title: t("users.resetTotpTitle", { username: u.username }),
      content: t("users.resetTotpText"),
      okText: t("users.resetTotp"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await resetSecondFactor(u.id);
          message.success(t("users.totpResetDone", { username: u.username }));
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    });

  const unlock = async (u: UserSummary) => {
    try {
      await unlockUser(u.id);
      message.success(t("users.unlocked", { username: u.username }));
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  const toggleDisabled = (u: UserSummary) =>
    modal.confirm({
      title: u.disabled
        ? t("users.enableTitle", { username: u.username })
        : t("users.disableTitle", { username: u.username }),
      content: u.disabled ? undefined : t("users.disableText"),
      okText: u.disabled ? t("users.enable") : t("users.disable"),
      okButtonProps: { danger: !u.disabled },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await updateUser(u.id, { version: u.version, disabled: !u.disabled });
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    });

  return (
    <>
      <h1 className="page-title">{t("nav.users")}</h1>
      <p className="page-lead">{t("users.lead")}</p>
      <Card>
        <Space wrap style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}>
          <search>
            <label htmlFor="user-search" className="visually-hidden">
              {t("users.searchLabel")}
            </label>
            <Input.Search
              id="user-search"
              allowClear
              placeholder={t("users.searchLabel")}
              enterButton={t("common.search")}
              onSearch={(v) => setQ(v.trim())}
              style={{ maxWidth: 360 }}
            />
          </search>
          <Checkbox checked={closedOnly} onChange={(e) => setClosedOnly(e.target.checked)}>
            {t("accounts.closedOnly")}
          </Checkbox>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({})}>
            {t("users.create")}
          </Button>
        </Space>
        {users.isError && (
          <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 12 }} />
        )}
        <Table<UserSummary>
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t("users.field.username"),
              dataIndex: "username",
              render: (v: string) => <code>{v}</code>,
            },
            { title: t("users.field.displayName"), dataIndex: "displayName" },
            {
              title: t("users.field.grants"),
              dataIndex: "grants",
              render: (grants: UserSummary["grants"], u) =>
                grants.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {grants.map((g) => {
                      const closed = u.closedUnits.find((c) => c.unitId === g.unitId);
                      return (
                        <li key={`${g.role}-${g.unitId}`}>
                          {t(`role.${g.role}`)} · {g.unitName}{" "}
                          {closed && (
                            <Tag style={{ color: "#9b1c1c", background: "#fdeaea", borderColor: "#e39a9a" }}>
                              {t("accounts.closedTag", { date: formatDate(closed.closedOn) })}
                            </Tag>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <em>{t("role.none")}</em>
                ),
            },
            { title: t("users.field.status"), key: "status", render: (_, u) => <StatusTags user={u} /> },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, u) => (
                <Space wrap size={4}>
                  {u.closedUnits.map((unit) => (
                    <Button
                      key={unit.unitId}
                      size="small"
                      type="primary"
                      onClick={() => setMoving({ user: u, unit })}
                      aria-label={t("accounts.move.title", { username: u.username })}
                    >
                      {t("accounts.move.button")}
                    </Button>
                  ))}
                  <Button
                    size="small"
                    icon={<EditOutlined aria-hidden />}
                    onClick={() => setEditing({ user: u })}
                    aria-label={t("users.editTitle", { username: u.username })}
                  >
                    {t("common.edit")}
                  </Button>
                  <Button
                    size="small"
                    icon={<KeyOutlined aria-hidden />}
                    onClick={() => reset(u)}
                    aria-label={t("users.resetTitle", { username: u.username })}
                  >
                    {t("users.reset")}
                  </Button>
                  {u.totpEnabled && (
                    <Button
                      size="small"
                      icon={<SafetyCertificateOutlined aria-hidden />}
                      onClick={() => resetTotp(u)}
                      aria-label={t("users.resetTotpTitle", { username: u.username })}
                    >
                      {t("users.resetTotp")}
                    </Button>
                  )}
                  {isFuture(u.lockedUntil) && (
                    <Button size="small" icon={<UnlockOutlined aria-hidden />} onClick={() => unlock(u)}>
                      {t("users.unlock")}
                    </Button>
                  )}
                  <Button
                    size="small"
                    danger={!u.disabled}
                    icon={u.disabled ? <CheckCircleOutlined aria-hidden /> : <StopOutlined aria-hidden />}
                    onClick={() => toggleDisabled(u)}
                  >
                    {u.disabled ? t("users.enable") : t("users.disable")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <UserFormModal
          user={editing.user}
          onClose={() => setEditing(null)}
          onCreated={(username, password) => {
            setEditing(null);
            message.success(t("users.created", { username }));
            if (password) setTemp({ username, password });
          }}
        />
      )}
      {moving && (
        <MoveToSuccessorModal
          user={moving.user}
          unit={moving.unit}
          onClose={() => {
            setMoving(null);
            void refresh();
          }}
          onMoved={(next, to) => {
            setMoving(null);
            message.success(t("accounts.move.done", { username: next.username, unit: to }));
            void refresh();
          }}
        />
      )}
      {temp && (
        <TemporaryPasswordModal
          username={temp.username}
          password={temp.password}
          onClose={() => setTemp(null)}
        />
      )}
    </>
  );
}
