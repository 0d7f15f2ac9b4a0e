import { z } from "zod";

/** One hand-off notice in the bell: its line already in the reader's language, and where it goes. */
export const HandoffNotice = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  /** The app's path to the report, petition, escalation or commitment. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const HandoffNoticeList = z.object({ items: z.array(HandoffNotice), unread: z.number().int() });
