import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/dates.ts";
import { attachScan, downloadScan, type ReportDetail } from "./api.ts";

/** The signed scans of each sending, and attaching one when the server allows it. */
export function FilesCard({ report, onAttached }: { report: ReportDetail; onAttached: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: (file: File) => attachScan(report.id, file),
    onSuccess: () => {
      setError(null);
      onAttached();
    },
    onError: (e) => setError(e.message),
  });
  if (report.files.length === 0 && !report.actions.includes("attach")) return null;
  return (
    <Card
      title={<h2 className="card-heading">{t("reports.ui.filesHeading")}</h2>}
      style={{ marginBottom: 16 }}
    >
      <ul>
        {report.files.map((f) => (
          <li key={f.id}>
            <Button
              type="link"
              icon={<DownloadOutlined aria-hidden />}
              onClick={() =>
                downloadScan(report.id, f.id, f.filename).catch((e: Error) => setError(e.message))
              }
            >
              {f.filename}
            </Button>{" "}
            ({t("reports.ui.revision")} {f.revision}, {formatDateTime(f.createdAt)})
          </li>
        ))}
      </ul>
      {report.actions.includes("attach") && (
        <>
          <input
            ref={input}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-label={t("reports.ui.attach")}
            style={{ display: "none" }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) attach.mutate(file);
              e.target.value = "";
            }}
          />
          <Button
            icon={<UploadOutlined aria-hidden />}
            loading={attach.isPending}
            onClick={() => input.current?.click()}
          >
            {t("reports.ui.attach")}
          </Button>
          <p style={{ marginTop: 4 }}>{t("reports.ui.attachHelp")}</p>
        </>
      )}
      {error && <Alert role="alert" type="error" showIcon title={error} />}
    </Card>
  );
}
