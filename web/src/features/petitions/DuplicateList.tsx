import { MergeCellsOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { formatDate } from "../../lib/dates.ts";
import { type DuplicateCandidate, duplicatesQuery, mergePetition } from "./api.ts";
import { type CardProps, heading } from "./caseStep.tsx";
import { STATUS_COLORS } from "./format.ts";

/** Likely duplicates with a merge button each: the case in hand goes into the chosen one. */
export function DuplicateList(props: {
  items: DuplicateCandidate[];
  busyId: string | null;
  onMerge?: (into: DuplicateCandidate) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmIrreversible();
  return (
    <ul className="petitions-cards">
      {props.items.map((d) => (
        <li key={d.id}>
          <div className="petitions-card-top">
            <Link to="/petitions/$id" params={{ id: d.id }} className="petitions-code">
              {d.trackingCode}
            </Link>
            <Space wrap size={4}>
              {d.sameContact && <Tag color="gold">{t("petitions.merge.sameContact")}</Tag>}
              <Tag>{t("petitions.merge.similarity", { percent: Math.round(d.similarity * 100) })}</Tag>
              <Tag color={STATUS_COLORS[d.status]}>{t(`petitions.status.${d.status}`)}</Tag>
            </Space>
          </div>
          <div className="petitions-muted">
            {t(`petitions.kind.${d.kind}`)} · {d.commune ?? "—"} · {formatDate(d.receivedDate)}
          </div>
          <p className="petitions-text" style={{ margin: "6px 0" }}>
            {d.excerpt}
          </p>
          {props.onMerge && (
            <Button
              icon={<MergeCellsOutlined aria-hidden />}
              loading={props.busyId === d.id}
              onClick={async () => {
                const ok = await confirm({
                  title: t("petitions.merge.confirmTitle", { code: d.trackingCode }),
                  body: t("petitions.merge.confirm", { code: d.trackingCode }),
                  action: t("petitions.merge.action"),
                });
                if (ok) props.onMerge?.(d);
              }}
            >
              {t("petitions.merge.into", { code: d.trackingCode })}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Likely duplicates of an open case; merging this one into another keeps both timelines. */
export function DuplicatesCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duplicates = useQuery(duplicatesQuery(detail.id));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = duplicates.data?.items ?? [];
  if (duplicates.isSuccess && items.length === 0) return null;
  return (
    <Card title={heading(t("petitions.case.duplicates"))}>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {duplicates.isError && <Alert type="error" showIcon title={duplicates.error.message} />}
      <DuplicateList
        items={items}
        busyId={busy}
        onMerge={async (into) => {
          setBusy(into.id);
          setError(null);
          try {
            const done = await run(
              () => mergePetition(detail.id, into.id),
              t("petitions.merge.done", { code: into.trackingCode }),
            );
            if (done) await navigate({ to: "/petitions/$id", params: { id: into.id } });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(null);
          }
        }}
      />
    </Card>
  );
}
