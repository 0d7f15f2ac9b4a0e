import { useQuery } from "@tanstack/react-query";
import { Alert, Form } from "antd";
import { useState } from "react";
import type { UnitTreeNode } from "../../../../common/schemas/units.ts";
import { ApiError } from "../../api/client.ts";
import { showFieldErrors } from "../../components/AppForm.tsx";
import { todayIso } from "../../lib/dates.ts";
import { unitTreeQuery } from "../directory/api.ts";
import type { PetitionDetail } from "./api.ts";
import type { Run, Success } from "./caseAction.ts";

// What the case's action cards share (CaseActions.tsx, CaseClosing.tsx).

export type CardProps = { detail: PetitionDetail; run: Run };

export const heading = (text: string) => <h2 className="card-heading">{text}</h2>;

/**
 * Runs a step from a form: refusals show above the buttons and next to the field they name. Each
 * card's form has a name of its own: the cards share field names (reason, note…) and show on one
 * page, and the name keeps the fields' ids, and the error summary's links to them, apart.
 */
export function useStep<V extends object>() {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function step(name: string, run: Run, work: () => Promise<unknown>, success: Success) {
    setBusy(name);
    setError(null);
    try {
      if (await run(work, success)) form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.field)
        showFieldErrors(form, [{ name: e.field as never, errors: [e.message] }]);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }
  const alert = error && (
    <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />
  );
  return { form, busy, step, alert };
}

function findName(nodes: UnitTreeNode[], id: string): string | null {
  for (const node of nodes) {
    if (node.id === id) return node.name;
    const found = findName(node.children, id);
    if (found) return found;
  }
  return null;
}

/** The name of a unit picked in the tree (the same tree the picker shows), for the message that names it. */
export function useUnitName() {
  const tree = useQuery(unitTreeQuery(todayIso()));
  return (id: string) => findName(tree.data ?? [], id);
}
