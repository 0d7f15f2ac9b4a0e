import { sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { AppError, both } from "../../lib/errors.ts";
import { OffloadedError, OffloadLimitError, offload } from "../../lib/offload/index.ts";
import { authorize } from "../authorize.ts";
import { ancestorIds } from "../orgs/service.ts";
import { duplicateRefusal, findDuplicates } from "./duplicates.ts";
import {
  type ImportedPlan,
  MAX_IMPORT_BYTES,
  PlanImportError,
  type PlanImportErrorCode,
} from "./import/index.ts";
import { autoConfirm } from "./mentions.ts";
import { ownUnitOf } from "./policy.ts";
import { accessPlan, createPlan, importRefusal } from "./registry.ts";

/**
 * `POST /api/plans/import`: who may import is settled before the upload is read; a file over
 * the importer's limit is cut off while it streams in; the file is read in a worker thread with a
 * time and a memory limit, so a document built to be slow stops only itself; a file the importer
 * refuses leaves nothing stored (the plan is written only after a successful parse, in one
 * transaction).
 */

const MIB = 1024 * 1024;
const IMPORTER = new URL("./import/index.ts", import.meta.url);

/** The importer run off the request thread, its refusals and the limits' as `PlanImportError`s. */
async function readPlan(request: FastifyRequest, buffer: Buffer, filename: string): Promise<ImportedPlan> {
  const { parseTimeLimitSeconds, parseMemoryMb } = request.server.ctx.config;
  try {
    return await offload<ImportedPlan>(IMPORTER, "importPlanBuffer", [buffer, filename], {
      timeMs: parseTimeLimitSeconds * 1000,
      memoryMb: parseMemoryMb,
    });
  } catch (error) {
    if (error instanceof OffloadLimitError) {
      throw error.limit === "time"
        ? new PlanImportError("too-slow", String(parseTimeLimitSeconds))
        : new PlanImportError("too-complex", `${parseMemoryMb} MiB`);
    }
    if (error instanceof OffloadedError && error.remoteName === "PlanImportError") {
      throw new PlanImportError(error.fields.code as PlanImportErrorCode, String(error.fields.detail ?? ""));
    }
    throw error;
  }
}

async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  if (!request.isMultipart()) {
    throw new AppError(415, "unsupported_media_type", { detail: "multipart/form-data" });
  }
  const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
  if (file?.fieldname !== "file") {
    throw new AppError(400, "validation", { field: "file", detail: both("thiếu tệp", "no file") }, "file");
  }
  try {
    return { buffer: await file.toBuffer(), filename: file.filename };
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw importRefusal(new PlanImportError("too-large", `> ${MAX_IMPORT_BYTES / MIB} MiB`));
    }
    throw error;
  }
}

/**
 * Authorizes, reads, parses and stores an uploaded plan, refusing a probable duplicate unless it
 * is asked for, and confirms its exact names; returns the new plan's id and those names.
 */
export async function importPlan(
  request: FastifyRequest,
  query: { parent?: string; unit?: string; allowDuplicate?: "true" | "false" },
) {
  const actor = requireActor(request);
  const db = request.server.ctx.database.db;
  let ownerUnitId: string | null = null;
  if (query.parent) {
    const { row: parent } = await accessPlan(db, actor, query.parent, "read");
    ownerUnitId = query.unit ?? ownUnitOf(actor);
    if (!ownerUnitId) throw new AppError(400, "owner_unit_required", {}, "unit");
    const ownerUnitAncestorIds = await ancestorIds(db, actor.tenantId, ownerUnitId);
    if (ownerUnitAncestorIds.length === 0)
      throw new AppError(400, "unknown_units", { ids: ownerUnitId }, "unit");
    if (parent.currentVersion === 0) throw new AppError(409, "parent_not_published");
    const target = { tenantId: actor.tenantId, parentPublished: true, ownerUnitAncestorIds };
    authorize(actor, "plans.importSubPlan", target);
  } else {
    if (query.unit) {
      throw new AppError(
        400,
        "validation",
        { field: "unit", detail: both("chỉ dùng kèm parent", "only with parent") },
        "unit",
      );
    }
    authorize(actor, "plans.importPlan");
  }
  const { buffer, filename } = await readUpload(request);
  let tree: ImportedPlan;
  try {
    tree = await readPlan(request, buffer, filename);
  } catch (error) {
    if (error instanceof PlanImportError) {
      request.log.info({ reason: error.code, bytes: buffer.byteLength }, "plan import refused");
      throw importRefusal(error);
    }
    throw error;
  }
  const row = await inTransaction(request, async (tx) => {
    // Two uploads of one file at once must not both pass the check: imports of a tenant take turns.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`plans.import:${actor.tenantId}`}))`);
    const duplicates = await findDuplicates(tx, actor.tenantId, tree);
    if (duplicates.length > 0 && query.allowDuplicate !== "true") throw duplicateRefusal(duplicates);
    const created = await createPlan(tx, actor.tenantId, auditActor(request), {
      tree,
      parentPlanId: query.parent ?? null,
      ownerUnitId,
      duplicateOf: duplicates.map((d) => d.id),
    });
    // Exact names are certain: confirmed now, so the clerk's review starts with what is not.
    const { confirmed } = await autoConfirm(tx, actor.tenantId, auditActor(request), created.id);
    return { ...created, autoConfirmed: confirmed };
  });
  request.log.info({ planId: row.id, format: tree.source.format, pages: tree.source.pages }, "plan imported");
  return { id: row.id, autoConfirmed: row.autoConfirmed };
}
