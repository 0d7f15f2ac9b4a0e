import { App } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface IrreversibleStep {
  /** The question, naming what is acted on ("Duyệt và gửi báo cáo của Sở Xây dựng?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  body: ReactNode;
  /** The primary button: the action's own name, never a bare "OK". */
  action: string;
  danger?: boolean;
}

/**
 * Asks before a step that cannot be taken back: a modal saying what will happen and that it
 * cannot be undone, with the action named on its primary button. Resolves to whether the user
 * confirmed; closing the dialog in any other way (Cancel, Esc, the close button) is a no.
 */
export function useConfirmIrreversible() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (step: IrreversibleStep) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: step.title,
        content: (
          <>
            <p style={{ marginTop: 0 }}>{step.body}</p>
            <p style={{ marginBottom: 0 }}>
              <strong>{t("confirm.cannotUndo")}</strong>
            </p>
          </>
        ),
        okText: step.action,
        okButtonProps: { danger: step.danger ?? false },
        cancelText: t("confirm.cancel"),
        autoFocusButton: "cancel",
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}
