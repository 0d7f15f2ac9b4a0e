import { Alert, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserSummary } from "../../../../common/schemas/auth.ts";
import { formatDate } from "../../lib/dates.ts";
import { moveToSuccessor } from "./api.ts";

type ClosedUnit = UserSummary["closedUnits"][number];

/**
 * Moves an account's roles on a closed unit to one of its successors: what happens is said in
 * full before the primary button, which names the step. A refusal (the target closed meanwhile,
 * the account changed) stays in the dialog with the server's message.
 */
export function MoveToSuccessorModal(props: {
  user: UserSummary;
  unit: ClosedUnit;
  onClose: () => void;
  onMoved: (next: UserSummary, to: string) => void;
}) {
  const { t } = useTranslation();
  const { user, unit } = props;
  const [target, setTarget] = useState<string | undefined>(
    unit.successors.length === 1 ? unit.successors[0].id : undefined,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roles = user.grants.filter((g) => g.unitId === unit.unitId).map((g) => t(`role.${g.role}`));
  const chosen = unit.successors.find((s) => s.id === target);

  async function move() {
    if (!chosen) {
      setError(t("accounts.move.pick"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await moveToSuccessor(user.id, {
        version: user.version,
        fromUnitId: unit.unitId,
        toUnitId: chosen.id,
      });
      props.onMoved(next, chosen.name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t("accounts.move.title", { username: user.username })}
      okText={t("accounts.move.action")}
      cancelText={t("confirm.cancel")}
      okButtonProps={{ loading: busy, disabled: unit.successors.length === 0 }}
      onOk={() => void move()}
      onCancel={props.onClose}
    >
      <p>
        {t("accounts.move.lead", {
          username: user.username,
          roles: roles.join(", "),
          unit: unit.unitName,
          date: formatDate(unit.closedOn),
        })}
      </p>
      {unit.successors.length === 0 ? (
        <Alert type="warning" showIcon title={t("accounts.move.noSuccessor")} />
      ) : (
        <>
          <label htmlFor="move-target" style={{ display: "block", marginBottom: 4 }}>
            {t("accounts.move.target")}
          </label>
          <Select
            id="move-target"
            style={{ width: "100%" }}
            value={target}
            placeholder={t("accounts.move.pick")}
            onChange={(value: string) => setTarget(value)}
            options={unit.successors.map((s) => ({ value: s.id, label: s.name }))}
          />
          {chosen && (
            <p style={{ marginTop: 12, marginBottom: 0 }}>
              {t("accounts.move.effect", {
                roles: roles.join(", "),
                unit: unit.unitName,
                target: chosen.name,
              })}
            </p>
          )}
        </>
      )}
      {error && <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}
