import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import type { ConflictView } from "../../components/ConflictNotice.tsx";
import { type PetitionDetail, petitionKeys } from "./api.ts";

/** Someone acted on the case first: the state the user acted on is not the case's any more. */
export const isStateConflict = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 409 && e.code === "petition_state";

export type CaseConflict = { view: ConflictView; retry: () => Promise<void> };
/** What to say when a step is done: fixed, or read from the server's answer. */
export type Success = string | ((result: unknown) => string);
export type Run = (work: () => Promise<unknown>, success: Success) => Promise<boolean>;

/**
 * Runs one step on a case. On success the case and the lists reload and a message says what was
 * done. A 409 for the petition's state means someone else moved it on: the case reloads and the
 * conflict is shown side by side (the state the user saw, the state now), with a retry. Any
 * other refusal is thrown for the form to show next to its fields.
 */
export function useCaseAction(detail: PetitionDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<CaseConflict | null>(null);

  async function run(work: () => Promise<unknown>, success: Success): Promise<boolean> {
    const seen = detail.status;
    try {
      const result = await work();
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      message.success(typeof success === "string" ? success : success(result));
      return true;
    } catch (e) {
      if (!isStateConflict(e)) throw e;
      // The case on screen reloads (an active query refetches when invalidated) before comparing.
      await queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      const fresh = queryClient.getQueryData<PetitionDetail>(petitionKeys.detail(detail.id));
      setConflict({
        view: {
          message: `${t("petitions.case.stateChanged")} ${e.message}`,
          rows: [
            {
              field: "status",
              label: t("petitions.inbox.status"),
              mine: t(`petitions.status.${seen}`),
              theirs: fresh ? t(`petitions.status.${fresh.status}`) : "",
              otherChanged: true,
            },
          ],
        },
        retry: async () => {
          await run(work, success);
        },
      });
      return false;
    }
  }

  return { run, conflict, dismissConflict: () => setConflict(null) };
}
