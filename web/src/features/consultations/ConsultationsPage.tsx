import "../dialogues/civic.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CONSULTATION_PHASES } from "../../../../common/schemas/consultations.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import {
  type ConsultationPhase,
  type ConsultationSummary,
  consultationKeys,
  consultationListQuery,
  createConsultation,
} from "./api.ts";
import { ConsultationForm } from "./ConsultationForm.tsx";
import { PHASE_COLORS } from "./format.ts";

export default function ConsultationsPage() {
  const { t } = useTranslation();
  usePageTitle(t("consultations.title"));
  const [phase, setPhase] = useState<ConsultationPhase | "">("");
  const [creating, setCreating] = useState(false);
  const list = useQuery(consultationListQuery(phase));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: createConsultation,
    onSuccess: async ({ id }) => {
      setCreating(false);
      await queryClient.invalidateQueries({ queryKey: consultationKeys.all });
      await navigate({ to: "/consultations/$id", params: { id } });
    },
  });
  return (
    <div>
      <h1 className="page-title">{t("consultations.title")}</h1>
      <p className="page-lead">{t("consultations.lead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented
            aria-label={t("consultations.phase")}
            value={phase}
            onChange={(v) => setPhase(v as ConsultationPhase | "")}
            options={[
              { value: "", label: t("consultations.allPhases") },
              ...CONSULTATION_PHASES.map((p) => ({ value: p, label: t(`consultations.phaseName.${p}`) })),
            ]}
          />
          {list.data?.canCreate && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t("consultations.create")}
            </Button>
          )}
        </Space>
      </Card>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card>
        <Table<ConsultationSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t("consultations.empty") }}
          columns={[
            {
              title: t("consultations.fields.title"),
              dataIndex: "title",
              render: (title: string, row) => (
                <Link to="/consultations/$id" params={{ id: row.id }}>
                  {title}
                </Link>
              ),
            },
            {
              title: t("consultations.fields.draftingUnit"),
              key: "unit",
              width: 220,
              render: (_, row) => row.draftingUnit.name,
            },
            {
              title: t("consultations.period"),
              key: "period",
              width: 200,
              render: (_, row) => `${formatDate(row.opensOn)} – ${formatDate(row.closesOn)}`,
            },
            {
              title: t("consultations.phase"),
              dataIndex: "phase",
              width: 130,
              render: (p: string) => <Tag color={PHASE_COLORS[p]}>{t(`consultations.phaseName.${p}`)}</Tag>,
            },
            {
              title: t("consultations.comments"),
              key: "comments",
              width: 200,
              render: (_, row) =>
                t("consultations.commentCounts", {
                  pending: row.comments.pending,
                  published: row.comments.published,
                  answered: row.comments.answered,
                }),
            },
          ]}
        />
      </Card>
      <ConsultationForm
        open={creating}
        title={t("consultations.create")}
        onCancel={() => setCreating(false)}
        onSubmit={(input) => create.mutateAsync(input)}
      />
    </div>
  );
}
