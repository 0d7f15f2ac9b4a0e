import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, isConflict } from "../../api/client.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import {
  type AssignmentDetail,
  type AssignmentSummary,
  assignmentKeys,
  changeStatus,
  NEXT_STATUSES,
  type StatusTarget,
} from "./api.ts";

type Props = { assignment: AssignmentSummary; compact?: boolean };

/**
 * The status changes the server accepts from the current status, for those it lets report
 * (`permissions.update`). A pause asks for its reason. A change made by someone else in between
 * (409) shows both sides: apply mine again on top of theirs, or keep theirs.
 */
export function StatusActions({ assignment, compact }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pausing, setPausing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<
    (ConflictView & { status: StatusTarget; reason?: string; version: number }) | null
  >(null);
  const [form] = Form.useForm<{ reason: string }>();
  const next = NEXT_STATUSES[assignment.status] ?? [];
  if (!assignment.permissions.update || next.length === 0) return null;

  async function run(status: StatusTarget, reason: string | undefined, version: number) {
    setBusy(true);
    setError(null);
    try {
      await changeStatus(assignment.id, { version, status, reason });
      setConflict(null);
      setPausing(false);
      message.success(t("assignments.statusChanged", { status: t(`assignments.state.${status}`) }));
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
    } catch (e) {
      if (isConflict(e)) {
        setPausing(false);
        const current = await api<AssignmentDetail>(`/api/assignments/${encodeURIComponent(assignment.id)}`);
        await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
        setConflict({
          status,
          reason,
          version: current.version,
          message: e.message,
          rows: [
            {
              field: "status",
              label: t("assignments.status"),
              mine: t(`assignments.state.${status}`),
              theirs: t(`assignments.state.${current.state}`),
              otherChanged: current.status !== assignment.status,
            },
            {
              field: "latest",
              label: t("assignments.latestUpdate"),
              mine: "",
              theirs: current.updates[0]?.text ?? "",
              otherChanged: true,
            },
          ],
        });
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="asg-status-actions">
      {conflict && (
        <ConflictNotice
          conflict={conflict}
          busy={busy}
          onReapply={() => run(conflict.status, conflict.reason, conflict.version)}
          onTakeTheirs={() => setConflict(null)}
        />
      )}
      {error && (
        <Alert
          role="alert"
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={error}
          closable={{ onClose: () => setError(null), "aria-label": t("common.close") }}
        />
      )}
      <Space wrap size={[8, 8]}>
        {next.map((status) => (
          <Button
            key={status}
            size={compact ? "small" : "middle"}
            type={status === "completed" ? "primary" : "default"}
            loading={busy}
            onClick={() =>
              status === "paused" ? setPausing(true) : run(status, undefined, assignment.version)
            }
          >
            {t(`assignments.to.${status}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={pausing}
        title={t("assignments.pauseTitle", { code: assignment.itemCode })}
        okText={t("assignments.to.paused")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onCancel={() => setPausing(false)}
        onOk={() => form.validateFields().then((v) => run("paused", v.reason.trim(), assignment.version))}
        destroyOnHidden
      >
        <AppForm form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t("assignments.pauseReason")}
            rules={[{ required: true, whitespace: true, message: t("assignments.pauseReasonRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </AppForm>
      </Modal>
    </div>
  );
}
