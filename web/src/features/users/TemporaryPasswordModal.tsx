import { CopyOutlined } from "@ant-design/icons";
import { Alert, Button, Input, Modal, Space } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** A temporary password is shown once: the server keeps only its hash. */
export function TemporaryPasswordModal({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<React.ComponentRef<typeof Input>>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
    } catch {
      // Clipboard API refused (insecure origin, policy): select the text so Ctrl+C works.
      inputRef.current?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  }

  return (
    <Modal
      open
      title={t("users.tempTitle", { username })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("common.close")}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t("users.tempOnce")} style={{ marginBottom: 12 }} />
      <label htmlFor="temp-password" style={{ display: "block", fontWeight: 600, marginBottom: 4 }}>
        {t("users.tempLabel")}
      </label>
      <Space.Compact style={{ width: "100%" }}>
        <Input
          id="temp-password"
          ref={inputRef}
          readOnly
          value={password}
          style={{ fontFamily: "monospace", fontSize: 16 }}
          onFocus={(e) => e.target.select()}
        />
        <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
          {copied ? t("common.copied") : t("common.copy")}
        </Button>
      </Space.Compact>
      <p aria-live="polite" className="visually-hidden">
        {copied ? t("common.copied") : ""}
      </p>
    </Modal>
  );
}
