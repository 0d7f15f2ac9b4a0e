import { createHash, randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { DbOrTx } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { AppError, forbidden } from "../../lib/errors.ts";
import { sniff } from "../../lib/sniff.ts";
import { createStorage, type ObjectStorage } from "../../lib/storage.ts";
import { cleanFilename } from "../assignments/evidence.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { may } from "../authorize.ts";
import { type Access, loadPeriod, periodState, type ReportRow, resourceOf, visibleReport } from "./access.ts";
import { attachRefusal } from "./policy.ts";
import { reportFiles } from "./tables.ts";
import { refuseWrite } from "./workflow.ts";

/**
 * The signed scan of a report (the paper the leader signed, or the signed PDF): the type is
 * sniffed from the bytes, the bytes stored under a key the server chooses, before the database
 * row; a refused or failed write deletes them again. Attached to the report's current revision,
 * only while the policy allows its `attach` action: checked before the upload is read, and again
 * with the report locked in the transaction that writes the row.
 */

const ACCEPTED: Record<string, string> = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
};
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;

const storages = new WeakMap<AppContext, ObjectStorage>();
export function reportStorage(ctx: AppContext): ObjectStorage {
  let storage = storages.get(ctx);
  if (!storage) {
    storage = createStorage(ctx.config.storage);
    storages.set(ctx, storage);
  }
  return storage;
}

/** Reads the one file of a multipart request (field `file`). */
export async function readScan(request: FastifyRequest, limit: number) {
  if (!request.isMultipart()) throw new AppError(400, "report_file_missing", {}, "file");
  let found: { filename: string | undefined; body: Buffer } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: limit, files: 1, fields: 5 } })) {
      if (part.type !== "file") continue;
      if (part.fieldname !== "file")
        throw new AppError(400, "unknown_field", { field: part.fieldname }, part.fieldname);
      found = { filename: part.filename, body: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError(
        413,
        "payload_too_large",
        { limit: `${Math.round(limit / 1024 / 1024)} MB` },
        "file",
      );
    }
    throw error;
  }
  if (!found || found.body.length === 0) throw new AppError(400, "report_file_missing", {}, "file");
  return found;
}

/**
 * Refuses to attach to a report the actor may not attach to today, as its content route (PUT)
 * refuses: the policy's `attach` action (policy.ts `attachRefusal`), the same codes and messages.
 */
export async function mayAttach(tx: DbOrTx, access: Access, row: ReportRow, today = todayInVietnam()) {
  const resource = resourceOf(access, row);
  if (!may(access.actor, "reports.write", resource) && !may(access.actor, "reports.approve", resource))
    throw forbidden();
  const { period, schedule } = await loadPeriod(tx, row.tenantId, row.periodId);
  const state = await periodState(tx, period, schedule, row.unitId);
  refuseWrite(attachRefusal(access.actor, resource, state, today), row, period, schedule);
}

export async function attachScan(
  tx: DbOrTx,
  storage: ObjectStorage,
  access: Access,
  author: AuditActor,
  reportId: string,
  file: { filename: string | undefined; body: Buffer },
  today = todayInVietnam(),
) {
  const row = await visibleReport(tx, access, reportId, true);
  await mayAttach(tx, access, row, today);
  const { detected } = sniff(file.body);
  const contentType = ACCEPTED[detected];
  if (!contentType)
    throw new AppError(415, "report_scan_type", { detected, name: file.filename ?? "" }, "file");
  const id = randomUUID();
  const storageKey = `reports/${row.tenantId}/${id}`;
  await storage.putObject(storageKey, file.body, contentType);
  try {
    const [saved] = await tx
      .insert(reportFiles)
      .values({
        id,
        tenantId: row.tenantId,
        reportId: row.id,
        revision: row.revision,
        storageKey,
        filename: cleanFilename(file.filename, detected),
        contentType,
        size: file.body.length,
        sha256: createHash("sha256").update(file.body).digest("hex"),
        uploadedBy: author.userId,
        uploadedByName: author.name,
      })
      .returning();
    await recordAudit(tx, {
      tenantId: row.tenantId,
      actor: author,
      action: "report.attach",
      entityType: "report",
      entityId: row.id,
      after: { fileId: id, sha256: saved.sha256, size: saved.size, revision: row.revision },
    });
    return saved;
  } catch (error) {
    await storage.deleteObject(storageKey).catch(() => {});
    throw error;
  }
}
