import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Badge, Button, Empty, Popover } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { HandoffNoticeList as HandoffNoticeListSchema } from "../../../common/schemas/notices.ts";
import type { Notice as PetitionNoticeSchema } from "../../../common/schemas/petitions.ts";
import type { NoticeList as ReportNoticeListSchema } from "../../../common/schemas/reports.ts";
import { api } from "../api/client.ts";
import { formatDate, formatDateTime } from "../lib/dates.ts";

type PetitionNotice = z.infer<typeof PetitionNoticeSchema>;
type ReportNotices = z.infer<typeof ReportNoticeListSchema>;
type HandoffNotices = z.infer<typeof HandoffNoticeListSchema>;

/** One line in the bell, whichever module raised it. */
type Entry = {
  key: string;
  readPath: string;
  text: (t: TFunction) => string;
  at: string;
  unread: boolean;
  to: { to: string; params: Record<string, string> } | null;
};

const PETITION_KINDS = new Set(["assigned", "clock-warning", "clock-overdue", "answer-returned"]);

async function loadNotices(): Promise<Entry[]> {
  const [handoffs, petitions, reports] = await Promise.all([
    api<HandoffNotices>("/api/notices"),
    api<{ items: PetitionNotice[] }>("/api/petitions/notices"),
    api<ReportNotices>("/api/reporting/notices"),
  ]);
  const entries: Entry[] = [
    // Work handed to the user; the server wrote the line in the user's language.
    ...handoffs.items.map((n) => ({
      key: `h-${n.id}`,
      readPath: `/api/notices/${n.id}/read`,
      text: () => n.title,
      at: n.createdAt,
      unread: n.readAt === null,
      to: { to: n.link, params: {} },
    })),
    ...petitions.items.map((n) => ({
      key: `p-${n.id}`,
      readPath: `/api/petitions/notices/${n.id}/read`,
      text: (t: TFunction) =>
        t(`notices.petition.${PETITION_KINDS.has(n.kind) ? n.kind : "other"}`, {
          code: n.trackingCode,
          due: formatDate(n.dueDate),
        }),
      at: n.createdAt,
      unread: n.readAt === null,
      to: { to: "/petitions/$id", params: { id: n.petitionId } },
    })),
    ...reports.items.map((n) => ({
      key: `r-${n.id}`,
      readPath: `/api/reporting/notices/${n.id}/read`,
      text: () => n.title,
      at: n.createdAt,
      unread: n.readAt === null,
      to: n.reportId
        ? { to: "/reports/$id", params: { id: n.reportId } }
        : n.periodId
          ? { to: "/reporting/periods/$id", params: { id: n.periodId } }
          : null,
    })),
  ];
  // Unread first, newest first within each; the bell shows the recent ones only.
  return entries.sort((a, b) => Number(b.unread) - Number(a.unread) || b.at.localeCompare(a.at)).slice(0, 30);
}

/**
 * The in-app side of reminders, approvals, returned drafts and petition deadlines: a bell in the
 * header with the unread count; opening a notice marks it read and goes to what it is about.
 */
export function NoticesBell({ compact }: { compact: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const notices = useQuery({
    queryKey: ["notices", i18n.language],
    queryFn: loadNotices,
    refetchInterval: 120_000,
  });
  const unread = notices.data?.filter((n) => n.unread) ?? [];
  const markRead = useMutation({
    mutationFn: (entries: Entry[]) =>
      Promise.all(entries.map((n) => api<void>(n.readPath, { method: "POST" }))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["notices"] }),
  });

  const follow = (entry: Entry) => {
    if (entry.unread) markRead.mutate([entry]);
    setOpen(false);
    if (entry.to) void navigate(entry.to as never);
  };

  const list = notices.isError ? (
    <p role="alert">{t("notices.loadError")}</p>
  ) : !notices.data || notices.data.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notices.empty")} />
  ) : (
    <ul className="notices-list">
      {notices.data.map((entry) => (
        <li key={entry.key}>
          <button
            type="button"
            className={entry.unread ? "notice notice-unread" : "notice"}
            onClick={() => follow(entry)}
          >
            <span className="notice-text">{entry.text(t)}</span>
            <span className="notice-time">{formatDateTime(entry.at)}</span>
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <div className="notices-head">
          <span>{t("notices.title")}</span>
          {unread.length > 0 && (
            <Button size="small" type="link" onClick={() => markRead.mutate(unread)}>
              {t("notices.markAllRead")}
            </Button>
          )}
        </div>
      }
      content={<div className="notices-panel">{list}</div>}
    >
      <Button
        type="text"
        className="notices-bell"
        aria-label={
          unread.length > 0 ? t("notices.openWithCount", { count: unread.length }) : t("notices.open")
        }
        aria-haspopup="dialog"
        aria-expanded={open}
        icon={
          <Badge count={unread.length} size="small" offset={[2, -2]}>
            <BellOutlined aria-hidden style={{ color: "#fff", fontSize: compact ? 18 : 16 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
