import type { Locale } from "../../../common/enums.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { label } from "../../lib/labels.ts";
import { enabledAccounts, type GrantQuery } from "../auth/users.ts";
import { noticeMail, notices } from "./tables.ts";

/**
 * One path for every hand-off: a state change that gives someone work calls `notify(tx, …)` in
 * its own transaction. The notices and the e-mails (the outbox) are written with the change, so a
 * change that rolls back leaves neither; the outbox is sent after the commit (see `outbox.ts`).
 * Each (event, recipient) is written once, so the transition and a later safety-net scan that
 * raise the same event never notify or mail twice.
 */

/** Who receives: named users, a unit's officers and/or leaders, or everyone holding a role. */
export type RecipientSpec =
  | { userId: string }
  | { unitId: string; roles: readonly ("unit_officer" | "unit_leader")[] }
  | { role: "coordinator" | "province_leader" | "admin" };

export const NOTICE_KINDS = [
  "report-submitted",
  "report-sent",
  "report-returned",
  "report-accepted",
  "report-reminder",
  "report-overdue",
  "petition-assigned",
  "petition-transferred",
  "petition-answer-waiting",
  "petition-answer-approved",
  "petition-answer-returned",
  "petition-clock-warning",
  "petition-clock-overdue",
  "escalation-assigned",
  "escalation-decided",
  "commitment-due",
  "commitment-overdue",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notification {
  tenantId: string;
  /** Names the state change, e.g. "report-return:<event id>": one notice per event and user. */
  eventKey: string;
  kind: NoticeKind;
  recipients: readonly RecipientSpec[];
  /** Values for the message's placeholders ({unit}, {period}, {comment} …), already readable. */
  params: Record<string, string>;
  /** The app's path to the thing, e.g. "/reports/<id>". */
  link: string;
  /** Who made the change: never told of their own act. */
  actorUserId?: string | null;
}

interface Person {
  id: string;
  email: string | null;
  locale: string;
}

/** The enabled users the specs name, each once; from role grants in the directory, never names. */
export async function resolveRecipients(
  db: DbOrTx,
  tenantId: string,
  specs: readonly RecipientSpec[],
): Promise<Person[]> {
  return enabledAccounts(db, tenantId, {
    userIds: specs.flatMap((spec) => ("userId" in spec ? [spec.userId] : [])),
    grants: specs.flatMap((spec): GrantQuery[] =>
      "unitId" in spec
        ? spec.roles.length > 0
          ? [{ unitId: spec.unitId, roles: spec.roles }]
          : []
        : "role" in spec
          ? [{ role: spec.role }]
          : [],
    ),
  });
}

const localeOf = (value: string): Locale => (value === "en" ? "en" : "vi");

/** The message under `handoff.<kind>.<part>` in the recipient's language, placeholders filled. */
export function renderNotice(
  locale: Locale,
  kind: string,
  part: "title" | "body",
  params: Record<string, string>,
): string {
  const template = label(locale, `handoff.${kind}.${part}`);
  const source = template === `handoff.${kind}.${part}` ? label(locale, `handoff.other.${part}`) : template;
  return source.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? "");
}

/** Writes the notices and queues their e-mails; returns the users newly told. */
export async function notify(tx: DbOrTx, notification: Notification): Promise<string[]> {
  const people = (await resolveRecipients(tx, notification.tenantId, notification.recipients)).filter(
    (person) => person.id !== notification.actorUserId,
  );
  if (people.length === 0) return [];
  const inserted = await tx
    .insert(notices)
    .values(
      people.map((person) => ({
        tenantId: notification.tenantId,
        userId: person.id,
        eventKey: notification.eventKey,
        kind: notification.kind,
        params: notification.params,
        link: notification.link,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notices.userId });
  const fresh = new Set(inserted.map((row) => row.userId));
  const mails = people
    .filter((person) => fresh.has(person.id) && person.email?.trim())
    .map((person) => {
      const locale = localeOf(person.locale);
      return {
        tenantId: notification.tenantId,
        userId: person.id,
        eventKey: notification.eventKey,
        email: person.email!.trim(),
        locale,
        subject: renderNotice(locale, notification.kind, "title", notification.params),
        body: renderNotice(locale, notification.kind, "body", notification.params),
        link: notification.link,
      };
    });
  if (mails.length > 0) await tx.insert(noticeMail).values(mails).onConflictDoNothing();
  return [...fresh];
}
