import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Empty, Row, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitGroup } from "../../../../common/schemas/units.ts";
import { ApiError } from "../../api/client.ts";
import { formatDate } from "../../lib/dates.ts";
import { deleteGroup, groupMembersQuery, groupsQuery, unitKeys } from "./api.ts";
import { GroupFormModal } from "./GroupFormModal.tsx";

export function GroupsTab({ asOf, canManage }: { asOf: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const groups = useQuery(groupsQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ group?: UnitGroup } | null>(null);
  const members = useQuery({ ...groupMembersQuery(selected ?? "", asOf), enabled: !!selected });
  const selectedGroup = groups.data?.items.find((g) => g.id === selected);

  const remove = (g: UnitGroup) =>
    modal.confirm({
      title: t("groups.deleteTitle", { name: g.name }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await deleteGroup(g.id, g.version);
          if (selected === g.id) setSelected(null);
          await queryClient.invalidateQueries({ queryKey: unitKeys.groups });
          message.success(t("groups.deleted"));
        } catch (e) {
          modal.error({
            title: t("groups.deleteFailed"),
            content: e instanceof ApiError ? e.message : String(e),
          });
        }
      },
    });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          title={<h2 className="card-heading">{t("groups.title")}</h2>}
          extra={
            canManage && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({})}>
                {t("groups.create")}
              </Button>
            )
          }
        >
          {groups.isError && <Alert type="error" showIcon title={groups.error.message} />}
          <Table<UnitGroup>
            rowKey="id"
            size="small"
            loading={groups.isPending}
            dataSource={groups.data?.items ?? []}
            pagination={false}
            scroll={{ x: true }}
            rowClassName={(g) => (g.id === selected ? "ant-table-row-selected" : "")}
            columns={[
              {
                title: t("groups.field.name"),
                dataIndex: "name",
                render: (name: string, g) => (
                  <Button
                    type="link"
                    style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
                    onClick={() => setSelected(g.id)}
                    aria-pressed={g.id === selected}
                  >
                    {name}
                  </Button>
                ),
              },
              {
                title: t("groups.field.unitTypes"),
                dataIndex: "unitTypes",
                render: (types: string[]) => types.map((x) => <Tag key={x}>{t(`unitType.${x}`)}</Tag>),
              },
              {
                title: t("groups.explicit"),
                dataIndex: "memberIds",
                render: (ids: string[]) => ids.length,
              },
              ...(canManage
                ? [
                    {
                      title: t("common.actions"),
                      key: "actions",
                      render: (_: unknown, g: UnitGroup) => (
                        <Space>
                          <Button
                            size="small"
                            icon={<EditOutlined aria-hidden />}
                            aria-label={t("groups.editTitle", { name: g.name })}
                            onClick={() => setEditing({ group: g })}
                          />
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={t("groups.deleteTitle", { name: g.name })}
                            onClick={() => remove(g)}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          title={
            <h2 className="card-heading">
              {selectedGroup
                ? t("groups.membersOf", { name: selectedGroup.name, date: formatDate(asOf) })
                : t("groups.members")}
            </h2>
          }
        >
          {!selected && <Empty description={t("groups.selectHint")} />}
          {members.isError && <Alert type="error" showIcon title={members.error.message} />}
          {selected && (
            <Table
              rowKey="id"
              size="small"
              loading={members.isPending}
              dataSource={members.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t("directory.field.name"), dataIndex: "name" },
                {
                  title: t("directory.field.type"),
                  dataIndex: "type",
                  render: (x: string) => t(`unitType.${x}`),
                },
              ]}
            />
          )}
        </Card>
      </Col>
      {editing && <GroupFormModal group={editing.group} asOf={asOf} onClose={() => setEditing(null)} />}
    </Row>
  );
}
