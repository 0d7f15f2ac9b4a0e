import "./civic.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Card, Col, Row, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { COMMITMENT_STATES } from "../../../../common/schemas/dialogues.ts";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import {
  type Commitment,
  type CommitmentState,
  closeCommitment,
  commitmentsQuery,
  dialogueKeys,
  reopenCommitment,
} from "./api.ts";
import { CommitmentTable } from "./CommitmentTable.tsx";
import { TextModal } from "./TextModal.tsx";

/** Every commitment made at dialogues that the user may see: by owner unit, by state. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t("dialogues.commitmentsTitle"));
  const { message } = App.useApp();
  const [owner, setOwner] = useState("");
  const [state, setState] = useState<CommitmentState | "">("");
  const [closing, setClosing] = useState<Commitment | null>(null);
  const list = useQuery(commitmentsQuery(owner, state));
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: dialogueKeys.all });
  const reopen = useMutation({
    mutationFn: (c: Commitment) => reopenCommitment(c.id),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  return (
    <div>
      <h1 className="page-title">{t("dialogues.commitmentsTitle")}</h1>
      <p className="page-lead">{t("dialogues.commitmentsLead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]}>
          <Col xs={24} md={12}>
            <label htmlFor="commitments-owner" className="civic-label">
              {t("dialogues.fields.owner")}
            </label>
            <UnitTreeSelect
              id="commitments-owner"
              value={owner || null}
              allowClear
              onChange={(v) => setOwner((v as string | null) ?? "")}
            />
          </Col>
          <Col xs={24} md={6}>
            <label htmlFor="commitments-state" className="civic-label">
              {t("dialogues.fields.state")}
            </label>
            <Select
              id="commitments-state"
              value={state}
              onChange={setState}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("dialogues.allStates") },
                ...COMMITMENT_STATES.map((s) => ({ value: s, label: t(`dialogues.stateName.${s}`) })),
              ]}
            />
          </Col>
        </Row>
      </Card>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card>
        <div role="status" className="visually-hidden">
          {list.data && t("dialogues.found", { count: list.data.items.length })}
        </div>
        <CommitmentTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          showDialogue
          onClose={setClosing}
          onReopen={(c) => reopen.mutate(c)}
        />
      </Card>
      <TextModal
        open={closing !== null}
        title={t("dialogues.close")}
        label={t("dialogues.fields.closingNote")}
        quote={closing?.text}
        min={5}
        max={4000}
        onCancel={() => setClosing(null)}
        onSubmit={async (note) => {
          await closeCommitment(closing!.id, note);
          setClosing(null);
          await refresh();
        }}
      />
    </div>
  );
}
