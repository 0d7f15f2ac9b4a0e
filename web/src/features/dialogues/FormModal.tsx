import { Alert, Modal } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The dialog every form of dialogues and consultations opens in: OK submits the form, the save
 * button spins while saving, the form is dropped when closed, and a refusal shows above the
 * fields (after the quoted text, when there is one).
 */
export function FormModal(props: {
  open: boolean;
  title: ReactNode;
  onCancel: () => void;
  form: { submit(): void };
  saving: boolean;
  error: string | null;
  width?: number;
  okText?: string;
  danger?: boolean;
  lead?: ReactNode;
  children: ReactNode;
}) {
  const { open, title, onCancel, form, saving, error, width, okText, danger, lead, children } = props;
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText ?? t("dialogues.save")}
      {...(danger ? { okButtonProps: { danger: true } } : {})}
      cancelText={t("dialogues.cancel")}
      confirmLoading={saving}
      {...(width !== undefined ? { width } : {})}
      destroyOnHidden
    >
      {lead}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {children}
    </Modal>
  );
}
