import { and, eq } from "drizzle-orm";
import type { ClockFlag, PetitionChannel, PetitionKind } from "../../../common/schemas/petitions.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import {
  bucket,
  type ContactInput,
  checkIdempotencyKey as checkKey,
  consume,
  isHoneypot,
  normalizeContact as normalizeContactOf,
  type SpendContactCode,
  submissionBodyHash,
} from "../intake/public.ts";
import type { PetitionDeps } from "./deps.ts";
import { resolveCommune } from "./directory.ts";
import { petitionIdempotency, petitions } from "./tables.ts";
import { meetClocks, recordEvent, startClocks } from "./timeline.ts";
import { newTrackingCode, trackingCodeFrom, trackingHash } from "./tracking.ts";
import { claimUploads } from "./uploads.ts";

export interface IntakeBody {
  kind: PetitionKind;
  text: string;
  communeId?: string;
  communeName?: string;
  contact: ContactInput;
  title?: string;
  category?: string;
  attachments?: string[];
  website?: string;
  remoteArea?: boolean;
  receivedDate?: string;
}

export interface IntakeRequest {
  body: IntakeBody;
  channel: PetitionChannel;
  actor: AuditActor;
  /** The staff member who entered it; null from the portal. */
  createdBy: string | null;
  ip: string;
  idempotencyKey: string | null;
  /** Citizens' channels are limited per address and per contact; staff entering letters are not. */
  limited: boolean;
  /** Spends the contact's confirmation code in the intake's transaction, when required. */
  confirmContact?: SpendContactCode;
  /**
   * A unit that receives a letter or a visitor itself holds the case from the start (it handles
   * it or transfers it); without this, a case entered by a unit's officer would be out of that
   * officer's own sight until the coordinator routed it.
   */
  receivingUnitId?: string;
}

export interface IntakeOutcome {
  id: string | null;
  trackingCode: string;
  /** The same Idempotency-Key and body came before: nothing new was written. */
  replayed: boolean;
  /** The honeypot was filled: nothing was written at all. */
  honeypot: boolean;
}

/** The Idempotency-Key header, when sent (the intake's rule, with the petitions' error code). */
export const checkIdempotencyKey = (raw: string | string[] | undefined) => checkKey(raw, "petition");

/** The contact as stored: a phone in E.164, an e-mail in lower case; at least one of them. */
export const normalizeContact = (contact: ContactInput) => normalizeContactOf(contact, "petition");

/** Filled honeypot: a well-formed code (the same for a retry of one key), and nothing stored. */
function honeypotOutcome(key: string | null): IntakeOutcome {
  return {
    id: null,
    trackingCode: key ? trackingCodeFrom(`honeypot:${key}`) : newTrackingCode(),
    replayed: false,
    honeypot: true,
  };
}

async function replay(tx: DbOrTx, tenantId: string, key: string, hash: string): Promise<IntakeOutcome> {
  const [previous] = await tx
    .select()
    .from(petitionIdempotency)
    .where(and(eq(petitionIdempotency.tenantId, tenantId), eq(petitionIdempotency.key, key)));
  if (!previous || previous.bodyHash !== hash) throw new AppError(409, "idempotency_mismatch");
  const [petition] = await tx
    .select({ id: petitions.id })
    .from(petitions)
    .where(
      and(eq(petitions.tenantId, tenantId), eq(petitions.trackingHash, trackingHash(previous.trackingCode))),
    );
  return { id: petition?.id ?? null, trackingCode: previous.trackingCode, replayed: true, honeypot: false };
}

/**
 * Receives a petition in one transaction: the Idempotency-Key, the limits, the commune, the
 * petition, its attachments, its first event, its clocks and the audit entry commit together or
 * not at all. Concurrent retries of one key meet at the key's primary key: the second waits for
 * the first and then answers what the first stored.
 */
export async function createPetition(deps: PetitionDeps, request: IntakeRequest): Promise<IntakeOutcome> {
  const { body } = request;
  const tenantId = deps.tenant.id;
  if (request.limited && isHoneypot(body)) {
    return honeypotOutcome(request.idempotencyKey);
  }
  const contact = normalizeContact(body.contact);
  const today = deps.today();
  const receivedDate = body.receivedDate ?? today;
  if (receivedDate > today) throw new AppError(400, "petition_date_future", {}, "receivedDate");
  const trackingCode = newTrackingCode();
  const hash = submissionBodyHash(body);

  return deps.database.db.transaction(async (tx) => {
    if (request.idempotencyKey) {
      const stored = await tx
        .insert(petitionIdempotency)
        .values({ tenantId, key: request.idempotencyKey, bodyHash: hash, trackingCode })
        .onConflictDoNothing()
        .returning({ key: petitionIdempotency.key });
      if (stored.length === 0) return replay(tx, tenantId, request.idempotencyKey, hash);
    }
    if (request.confirmContact) await request.confirmContact(tx);
    if (request.limited) {
      await consume(tx, tenantId, bucket("ip", tenantId, request.ip), deps.settings.rateLimitIp);
      const who = contact.phone ?? contact.email!;
      await consume(tx, tenantId, bucket("contact", tenantId, who), deps.settings.rateLimitPhone);
    }
    const commune = await resolveCommune(tx, tenantId, today, body);
    const flags: ClockFlag[] = body.remoteArea ? ["remoteArea"] : [];
    const [row] = await tx
      .insert(petitions)
      .values({
        tenantId,
        trackingCode,
        trackingHash: trackingHash(trackingCode),
        kind: body.kind,
        channel: request.channel,
        title: body.title?.normalize("NFC") || null,
        category: body.category ?? null,
        text: body.text.normalize("NFC"),
        communeId: commune.id,
        contactName: contact.name,
        contactPhone: contact.phone,
        contactEmail: contact.email,
        flags,
        receivedDate,
        createdBy: request.createdBy,
      })
      .returning({ id: petitions.id });
    await claimUploads(tx, tenantId, row.id, body.attachments ?? []);
    await recordEvent(tx, { tenantId, petitionId: row.id, type: "received", actor: request.actor });
    await startClocks(
      tx,
      { id: row.id, tenantId, kind: body.kind, flags },
      "received",
      receivedDate,
      deps.settings,
      deps.calendar,
    );
    if (request.receivingUnitId) {
      await tx
        .update(petitions)
        .set({ assignedUnitId: request.receivingUnitId, status: "assigned" })
        .where(eq(petitions.id, row.id));
      await recordEvent(tx, {
        tenantId,
        petitionId: row.id,
        type: "assigned",
        actor: request.actor,
        fromUnitId: null,
        toUnitId: request.receivingUnitId,
        note: null,
      });
      await meetClocks(tx, row.id, ["route"], today);
    }
    // The audit trail names the case, never the person: no name, contact or text here.
    await recordAudit(tx, {
      tenantId,
      actor: request.actor,
      action: "petition.receive",
      entityType: "petition",
      entityId: row.id,
      after: {
        kind: body.kind,
        channel: request.channel,
        communeId: commune.id,
        attachments: body.attachments?.length ?? 0,
        ...(request.receivingUnitId ? { assignedUnitId: request.receivingUnitId } : {}),
      },
    });
    return { id: row.id, trackingCode, replayed: false, honeypot: false };
  });
}
