import { DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { formatDate } from "../../lib/dates.ts";
import { deleteUnit, type UnitDetail, unitDetailQuery, unitKeys } from "./api.ts";
import { pathText } from "./tree.ts";
import type { UnitFormMode } from "./UnitFormModal.tsx";

type Props = {
  unitId: string | null;
  canManage: boolean;
  onEdit: (mode: UnitFormMode, unit?: UnitDetail) => void;
  onDeleted: () => void;
};

export function UnitDetailPanel({ unitId, canManage, onEdit, onDeleted }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...unitDetailQuery(unitId ?? ""), enabled: !!unitId });

  const heading = (
    <h2 className="card-heading" id="unit-detail-heading">
      {detail.data?.name ?? t("directory.detail")}
    </h2>
  );

  if (!unitId) {
    return (
      <Card title={heading}>
        <Empty description={t("directory.selectHint")} />
      </Card>
    );
  }
  if (detail.isPending)
    return (
      <Card title={heading}>
        <Skeleton active />
      </Card>
    );
  if (detail.isError)
    return (
      <Card title={heading}>
        <Alert type="error" showIcon title={detail.error.message} />
      </Card>
    );

  const unit = detail.data;
  const confirmDelete = () =>
    modal.confirm({
      title: t("directory.deleteTitle", { name: unit.name }),
      content: t("directory.deleteText"),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await deleteUnit(unit.id, unit.version);
          message.success(t("directory.deleted", { name: unit.name }));
          queryClient.removeQueries({ queryKey: unitKeys.detail(unit.id) });
          await queryClient.invalidateQueries({ queryKey: unitKeys.all });
          onDeleted();
        } catch (e) {
          // has_children / in_use / conflict: the server says why, in the user's language.
          modal.error({
            title: t("directory.deleteFailed"),
            content: e instanceof ApiError ? e.message : String(e),
          });
        }
      },
    });

  return (
    <Card title={heading}>
      <section aria-labelledby="unit-detail-heading">
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t("directory.field.type")}>
            {t(`unitType.${unit.type}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("directory.field.shortName")}>
            {unit.shortName ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("directory.field.code")}>{unit.code ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("directory.field.aliases")}>
            {unit.aliases.length ? unit.aliases.map((a) => <Tag key={a}>{a}</Tag>) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("directory.validity")}>
            {t("directory.validityText", {
              from: unit.validFrom ? formatDate(unit.validFrom) : t("directory.noStart"),
              to: unit.validTo ? formatDate(unit.validTo) : t("directory.noEnd"),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t("directory.field.parentId")}>
            {unit.path.length ? pathText(unit.path) : t("directory.topLevel")}
          </Descriptions.Item>
          <Descriptions.Item label={t("directory.childCount")}>{unit.childCount}</Descriptions.Item>
        </Descriptions>
        {canManage && (
          <Space wrap style={{ marginTop: 16 }}>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit("edit", unit)}>
              {t("common.edit")}
            </Button>
            <Button icon={<SwapOutlined aria-hidden />} onClick={() => onEdit("move", unit)}>
              {t("directory.move")}
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => onEdit("create", unit)}>
              {t("directory.addChild")}
            </Button>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={confirmDelete}>
              {t("common.delete")}
            </Button>
          </Space>
        )}
      </section>
    </Card>
  );
}
