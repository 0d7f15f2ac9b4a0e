import { and, eq, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { formatDate } from "../../../common/dates.ts";
import type { JobLogger } from "../../jobs/queue.ts";
import { clock } from "../../lib/clock.ts";
import { purgeContactCodes, purgeOldCounters } from "../intake/public.ts";
import { notify, type RecipientSpec } from "../notifications/notify.ts";
import { kickOutbox } from "../notifications/outbox.ts";
import type { PetitionDeps } from "./deps.ts";
import { allUnits } from "./directory.ts";
import { petitionClocks, petitionClockWarnings, petitionIdempotency, petitions } from "./tables.ts";
import { purgeExpiredUploads } from "./uploads.ts";

/**
 * The module's scheduled work. Once a day (07:00 in Vietnam): warn handling units before a clock
 * runs out and once it has (through notifications' `notify`, once per clock, deadline and
 * threshold), ask citizens weeks after closing whether the matter was resolved, and clear
 * expired uploads, idempotency keys and rate counters. The citizen's mail goes through the
 * `petitions.mail` queue with a singleton key per petition, so that it is sent once however many
 * servers run the scan. Without a queue (tests, the command line) the same functions run and
 * send directly.
 */
export const PETITION_JOBS = {
  daily: { name: "petitions.daily", cron: "0 7 * * *" },
  mail: "petitions.mail",
} as const;

/** The citizen's e-mails; officers' notices (clock warnings) go through notifications' `notify`. */
export type PetitionMail = { type: "answer"; petitionId: string } | { type: "follow-up"; petitionId: string };

export type MailSender = (deps: PetitionDeps, mail: PetitionMail) => Promise<void>;

function singletonKey(mail: PetitionMail): string {
  return `${mail.type}:${mail.petitionId}`;
}

/** Queues a mail (once per key) or, without a queue, sends it now; never inside a transaction. */
export async function deliver(deps: PetitionDeps, mail: PetitionMail, send: MailSender): Promise<void> {
  if (deps.jobs) {
    await deps.jobs.send(PETITION_JOBS.mail, mail, { singletonKey: singletonKey(mail) });
    return;
  }
  await send(deps, mail);
}

/** The smallest threshold a clock has reached: working days left, or -1 once it has run out. */
export function thresholdReached(remaining: number, thresholds: readonly number[]): number | null {
  if (remaining < 0) return -1;
  const reached = thresholds.filter((t) => remaining <= t);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** Who hears of a clock: the holding unit's officers and leaders; the coordinators once overdue or unassigned. */
export function clockRecipients(unitId: string | null, threshold: number): RecipientSpec[] {
  const coordinators: RecipientSpec[] = [{ role: "coordinator" }];
  if (!unitId) return coordinators;
  const unit: RecipientSpec[] = [{ unitId, roles: ["unit_officer", "unit_leader"] }];
  return threshold < 0 ? [...unit, ...coordinators] : unit;
}

/**
 * Warns for each running clock that reached a threshold, once per clock, deadline and threshold
 * (the warning row's primary key, and the notice's event key): the holding unit's officers and
 * leaders are told through `notify`, in the bell and by e-mail; overdue ones (and clocks of a
 * petition not yet sent to a unit) go to the coordinators too. The notices and the e-mails are
 * written with the warning row, so a scan that fails half-way leaves no warning recorded that
 * nobody heard of; the e-mails go out after the scan (and by the outbox job).
 */
export async function checkClockWarnings(
  deps: PetitionDeps,
  today = deps.today(),
  logger: Pick<JobLogger, "warn"> = { warn() {} },
) {
  const db = deps.database.db;
  const horizon = deps.calendar.addWorkingDays(today, Math.max(0, ...deps.settings.warningDays));
  const clocks = await db
    .select({
      clock: petitionClocks,
      unitId: petitions.assignedUnitId,
      trackingCode: petitions.trackingCode,
    })
    .from(petitionClocks)
    .innerJoin(petitions, eq(petitions.id, petitionClocks.petitionId))
    .where(
      and(
        eq(petitionClocks.tenantId, deps.tenant.id),
        eq(petitionClocks.status, "running"),
        ne(petitionClocks.purpose, "appeal"),
        sql`${petitionClocks.dueDate} <= ${horizon}`,
      ),
    );
  let sent = 0;
  for (const { clock, unitId, trackingCode } of clocks) {
    const remaining = deps.calendar.workingDaysBetween(today, clock.dueDate);
    const threshold = thresholdReached(remaining, deps.settings.warningDays);
    if (threshold === null) continue;
    const fresh = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(petitionClockWarnings)
        .values({ tenantId: clock.tenantId, clockId: clock.id, dueDate: clock.dueDate, threshold })
        .onConflictDoNothing()
        .returning({ clockId: petitionClockWarnings.clockId });
      if (inserted.length === 0) return false;
      const unitName = unitId ? ((await allUnits(tx, clock.tenantId)).get(unitId)?.name ?? "") : null;
      await notify(tx, {
        tenantId: clock.tenantId,
        eventKey: `petition-clock:${clock.id}:${clock.dueDate}:${threshold}`,
        kind: threshold < 0 ? "petition-clock-overdue" : "petition-clock-warning",
        recipients: clockRecipients(unitId, threshold),
        params: {
          code: trackingCode,
          unit: unitName ?? "chưa chuyển đến đơn vị xử lý",
          unitEn: unitName ?? "not yet sent to a unit",
          due: formatDate(clock.dueDate),
          days: String(Math.max(threshold, 0)),
          basis: clock.basis,
        },
        link: `/petitions/${clock.petitionId}`,
      });
      return true;
    });
    if (fresh) sent++;
  }
  if (sent > 0)
    await kickOutbox({ database: deps.database, config: deps.config, mailer: deps.mailer, logger });
  return sent;
}

/** Asks, once, the citizens whose petitions closed some weeks ago whether it was resolved. */
export async function requestFollowUps(deps: PetitionDeps, send: MailSender, now = clock.now()) {
  const before = new Date(now.getTime() - deps.settings.followUpWeeks * 7 * 86_400_000);
  const due = await deps.database.db
    .update(petitions)
    .set({ followUpRequestedAt: now })
    .where(
      and(
        eq(petitions.tenantId, deps.tenant.id),
        sql`${petitions.status} IN ('closed_resolved', 'closed_unresolved')`,
        lt(petitions.closedAt, before),
        isNull(petitions.followUpRequestedAt),
        isNull(petitions.followUpResolved),
        isNotNull(petitions.contactEmail),
      ),
    )
    .returning({ id: petitions.id });
  for (const row of due) await deliver(deps, { type: "follow-up", petitionId: row.id }, send);
  return due.length;
}

export async function runDaily(
  deps: PetitionDeps,
  send: MailSender,
  logger: Pick<JobLogger, "warn"> = { warn() {} },
) {
  const warnings = await checkClockWarnings(deps, deps.today(), logger);
  const followUps = await requestFollowUps(deps, send);
  const uploads = await purgeExpiredUploads(deps);
  const db = deps.database.db;
  await db
    .delete(petitionIdempotency)
    .where(
      and(
        eq(petitionIdempotency.tenantId, deps.tenant.id),
        lt(petitionIdempotency.createdAt, clock.fromNow(-86_400_000)),
      ),
    );
  await purgeOldCounters(db);
  await purgeContactCodes(db);
  return { warnings, followUps, uploads };
}

/** Registers the workers and the daily schedule on the app's job queue, when it has one. */
export async function registerPetitionJobs(deps: PetitionDeps, send: MailSender, logger: JobLogger) {
  const jobs = deps.jobs;
  if (!jobs) return;
  await jobs.work<PetitionMail>(PETITION_JOBS.mail, (mail) => send(deps, mail));
  await jobs.work(PETITION_JOBS.daily.name, async () => {
    const outcome = await runDaily(deps, send, logger);
    logger.info(outcome, "petitions: daily checks done");
  });
  await jobs.schedule(PETITION_JOBS.daily.name, PETITION_JOBS.daily.cron);
}
