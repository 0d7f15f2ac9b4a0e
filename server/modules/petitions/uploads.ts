import { createHash, randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { sniff } from "../../lib/sniff.ts";
import { bucket, consume, consumeAmount, DAILY, DAY_MS } from "../intake/public.ts";
import type { PetitionDeps } from "./deps.ts";
import { petitionUploads } from "./tables.ts";

/**
 * Files sent with a petition: sniffed from their bytes, stored through the storage interface
 * under a key the server chooses, claimed by the petition that names them, and deleted after a
 * day when no petition does. The sender's file name is not kept: it often is a person's name.
 */
export async function storeUpload(
  deps: PetitionDeps,
  body: Buffer,
  ip: string,
): Promise<{ uploadId: string }> {
  const tenantId = deps.tenant.id;
  const { detected, contentType } = sniff(body);
  if (!contentType) throw new AppError(415, "petition_file_type", { detected }, "file");
  if (body.length > deps.settings.uploadLimit) {
    throw new AppError(413, "payload_too_large", {
      limit: `${Math.round(deps.settings.uploadLimit / 1024 / 1024)} MB`,
    });
  }
  const id = randomUUID();
  const key = `petitions/${tenantId}/${id}`;
  // The counters first, in their own short transaction: a refused sender stores nothing. An
  // address may send so many files an hour, and so many bytes a day (many small files add up).
  await deps.database.db.transaction(async (tx) => {
    await consume(tx, tenantId, bucket("upload-ip", tenantId, ip), deps.settings.uploadRateLimitIp);
    await consumeAmount(
      tx,
      tenantId,
      bucket(`${DAILY}upload-bytes-ip`, tenantId, ip),
      body.length,
      deps.settings.uploadBytesPerDayIp,
      DAY_MS,
    );
  });
  await deps.storage.putObject(key, body, contentType);
  try {
    await deps.database.db.insert(petitionUploads).values({
      id,
      tenantId,
      storageKey: key,
      contentType,
      size: body.length,
      sha256: createHash("sha256").update(body).digest("hex"),
      expiresAt: clock.fromNow(deps.settings.uploadTtlHours * 3600_000),
    });
  } catch (error) {
    await deps.storage.deleteObject(key).catch(() => {});
    throw error;
  }
  return { uploadId: id };
}

/** Attaches uploads to a new petition: each must exist, be unclaimed and not expired. */
export async function claimUploads(tx: DbOrTx, tenantId: string, petitionId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const claimed = await tx
    .update(petitionUploads)
    .set({ petitionId, expiresAt: sql`'infinity'::timestamptz` })
    .where(
      and(
        eq(petitionUploads.tenantId, tenantId),
        inArray(petitionUploads.id, unique),
        isNull(petitionUploads.petitionId),
        gt(petitionUploads.expiresAt, clock.now()),
      ),
    )
    .returning({ id: petitionUploads.id });
  if (claimed.length !== unique.length) {
    const missing = unique.filter((id) => !claimed.some((row) => row.id === id));
    throw new AppError(400, "petition_upload_unknown", { ids: missing.join(", ") }, "attachments");
  }
}

export async function listAttachments(db: DbOrTx, tenantId: string, petitionId: string) {
  return db
    .select({ id: petitionUploads.id, contentType: petitionUploads.contentType, size: petitionUploads.size })
    .from(petitionUploads)
    .where(and(eq(petitionUploads.tenantId, tenantId), eq(petitionUploads.petitionId, petitionId)))
    .orderBy(petitionUploads.createdAt);
}

export async function attachmentKey(db: DbOrTx, tenantId: string, petitionId: string, uploadId: string) {
  const [row] = await db
    .select({ key: petitionUploads.storageKey, contentType: petitionUploads.contentType })
    .from(petitionUploads)
    .where(
      and(
        eq(petitionUploads.tenantId, tenantId),
        eq(petitionUploads.petitionId, petitionId),
        eq(petitionUploads.id, uploadId),
      ),
    );
  return row ?? null;
}

/**
 * Deletes unclaimed uploads past their day: the row first (a petition claiming it at the same
 * moment then finds none and says so), then the file.
 */
export async function purgeExpiredUploads(deps: PetitionDeps, now = clock.now()): Promise<number> {
  const gone = await deps.database.db
    .delete(petitionUploads)
    .where(
      and(
        eq(petitionUploads.tenantId, deps.tenant.id),
        isNull(petitionUploads.petitionId),
        lt(petitionUploads.expiresAt, now),
      ),
    )
    .returning({ key: petitionUploads.storageKey });
  for (const row of gone) await deps.storage.deleteObject(row.key);
  return gone.length;
}
