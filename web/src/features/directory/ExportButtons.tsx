import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { exportUnits } from "./api.ts";

/** CSV and Excel exports of the directory as of the date shown. */
export function ExportButtons({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<"csv" | "xlsx" | null>(null);

  async function run(format: "csv" | "xlsx") {
    setBusy(format);
    try {
      await exportUnits(format, asOf);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy === "csv"} onClick={() => run("csv")}>
        {t("directory.exportCsv")}
      </Button>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy === "xlsx"} onClick={() => run("xlsx")}>
        {t("directory.exportXlsx")}
      </Button>
    </>
  );
}
