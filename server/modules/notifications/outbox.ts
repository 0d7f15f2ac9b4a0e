import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { label } from "../../lib/labels.ts";
import { safeErrorMessage } from "../../lib/log-policy.ts";
import type { Mailer } from "./mailer.ts";
import { noticeMail } from "./tables.ts";

/**
 * Sends the queued notice e-mails. Runs right after a request that wrote commits, and every few
 * minutes from the job queue as the safety net. A row is claimed before its mail goes out (one
 * sender at a time, on any number of servers) and marked sent after: a mail is sent once; a
 * failed one is retried by the next run, up to MAX_ATTEMPTS, its error kept for the operator.
 */
export const OUTBOX_JOB = { name: "notifications.outbox", cron: "*/5 * * * *" } as const;
export const MAX_ATTEMPTS = 5;
/** A claim older than this is taken to be a sender that died mid-way. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;
const BATCH = 50;

export interface OutboxDeps {
  database: Database;
  config: Pick<Config, "publicUrl">;
  mailer: Mailer;
  logger: { warn(obj: object, msg?: string): void };
}

export async function drainOutbox(deps: OutboxDeps): Promise<{ sent: number; failed: number }> {
  const db = deps.database.db;
  let sent = 0;
  let failed = 0;
  for (;;) {
    const now = clock.now();
    const pending = db
      .select({ id: noticeMail.id })
      .from(noticeMail)
      .where(
        and(
          isNull(noticeMail.sentAt),
          lt(noticeMail.attempts, MAX_ATTEMPTS),
          or(
            isNull(noticeMail.claimedAt),
            lt(noticeMail.claimedAt, new Date(now.getTime() - CLAIM_TIMEOUT_MS)),
          ),
        ),
      )
      .orderBy(asc(noticeMail.createdAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(noticeMail)
      .set({ claimedAt: now, attempts: sql`${noticeMail.attempts} + 1` })
      .where(inArray(noticeMail.id, pending))
      .returning();
    if (claimed.length === 0) break;
    for (const mail of claimed) {
      const locale = mail.locale === "en" ? "en" : "vi";
      const text = `${mail.body}\n\n${label(locale, "handoff.open")}: ${deps.config.publicUrl}${mail.link}`;
      try {
        await deps.mailer.send({ to: mail.email, subject: mail.subject, text });
        await db
          .update(noticeMail)
          .set({ sentAt: clock.now(), lastError: null })
          .where(eq(noticeMail.id, mail.id));
        sent++;
      } catch (error) {
        failed++;
        await db
          .update(noticeMail)
          .set({ claimedAt: null, lastError: safeErrorMessage(error).slice(0, 500) })
          .where(eq(noticeMail.id, mail.id));
        // The event key and the error only: the body may quote a citizen's case.
        deps.logger.warn({ event: mail.eventKey, error: safeErrorMessage(error) }, "notice e-mail not sent");
      }
    }
    if (claimed.length < BATCH) break;
  }
  return { sent, failed };
}

const running = new WeakMap<OutboxDeps["database"], Promise<void>>();
const again = new WeakSet<OutboxDeps["database"]>();

/**
 * Starts a drain unless one runs for this database, in which case it runs once more after it:
 * a burst of requests costs one or two drains, and nothing committed meanwhile waits for the job.
 */
export function kickOutbox(deps: OutboxDeps): Promise<void> {
  const current = running.get(deps.database);
  if (current) {
    again.add(deps.database);
    return current;
  }
  const run = (async () => {
    do {
      again.delete(deps.database);
      try {
        await drainOutbox(deps);
      } catch (error) {
        deps.logger.warn({ error: safeErrorMessage(error) }, "notice e-mails: the outbox could not be read");
      }
    } while (again.has(deps.database));
  })().finally(() => running.delete(deps.database));
  running.set(deps.database, run);
  return run;
}

/** Resolves once no drain runs for this database (tests wait on it after a request). */
export async function outboxIdle(database: Database): Promise<void> {
  for (let current = running.get(database); current; current = running.get(database)) await current;
}
