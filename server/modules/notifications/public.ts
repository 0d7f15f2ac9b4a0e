// What other modules may call: the one path for hand-off notices, and the user's list of them.
export { type NoticeKind, type Notification, notify, type RecipientSpec } from "./notify.ts";
export { kickOutbox, outboxIdle } from "./outbox.ts";
export { listHandoffNotices } from "./routes.ts";
