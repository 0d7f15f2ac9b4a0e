import { createHash, randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { UpdateBody } from "../../../common/schemas/assignments.ts";
import type { AppContext } from "../../http/context.ts";
import { AppError } from "../../lib/errors.ts";
import { sniff } from "../../lib/sniff.ts";
import { createStorage, type ObjectStorage } from "../../lib/storage.ts";

/**
 * Evidence files of a progress report (minutes, photos, signed reports): the type is sniffed
 * from the bytes, never taken from the name or the declared type; the bytes go to the storage
 * under a key the server chooses. The files are stored before the database transaction and
 * deleted again if it fails, so a refused report leaves nothing behind.
 */

/** What is accepted: documents and images an office produces; no archives, scripts or programs. */
const ACCEPTED: Record<string, string> = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** Per file; the server's UPLOAD_LIMIT caps it lower where it is set lower. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;

export interface EvidenceFile {
  id: string;
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

const storages = new WeakMap<AppContext, ObjectStorage>();

/** The same storage settings as every upload of the server (UPLOAD_STORAGE, UPLOAD_DIR). */
export function evidenceStorage(ctx: AppContext): ObjectStorage {
  let storage = storages.get(ctx);
  if (!storage) {
    storage = createStorage(ctx.config.storage);
    storages.set(ctx, storage);
  }
  return storage;
}

export const evidenceLimit = (ctx: AppContext) => Math.min(EVIDENCE_MAX_BYTES, ctx.config.uploadLimit);

const formatLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** A file name safe to store and to send back: no path, no control characters, not too long. */
export function cleanFilename(name: string | undefined, detected: string): string {
  const base = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, "")
    .trim()
    .slice(-150);
  const extension = detected === "jpeg" ? "jpg" : detected;
  if (!base) return `minh-chung.${extension}`;
  // The stored name ends with what the file really is: "bao-cao.pdf.exe" sniffed as a PDF stays a PDF.
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

interface Buffered {
  filename: string | undefined;
  body: Buffer;
}

/**
 * A progress report from either a JSON body or a multipart form (fields as in UpdateBody, files
 * in `files`; `figures` as a JSON object). Files are checked here, before anything is written.
 */
export async function readUpdateRequest(
  request: FastifyRequest,
  limit: number,
): Promise<{ body: UpdateBody; files: Buffered[] }> {
  if (!request.isMultipart()) {
    const parsed = UpdateBody.safeParse(request.body ?? {});
    if (!parsed.success) throw validationError(parsed.error.issues[0]);
    return { body: parsed.data, files: [] };
  }
  const fields: Record<string, unknown> = {};
  const files: Buffered[] = [];
  try {
    const parts = request.parts({
      limits: { fileSize: limit, files: EVIDENCE_MAX_FILES, fields: 20, fieldSize: 64 * 1024 },
    });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== "files" && part.fieldname !== "file") {
          throw new AppError(400, "unknown_field", { field: part.fieldname }, part.fieldname);
        }
        files.push({ filename: part.filename, body: await part.toBuffer() });
      } else {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError(413, "payload_too_large", { limit: formatLimit(limit) }, "files");
    }
    if (code === "FST_FILES_LIMIT") {
      throw new AppError(413, "evidence_too_many", { max: EVIDENCE_MAX_FILES }, "files");
    }
    throw error;
  }
  if (typeof fields.figures === "string") {
    try {
      fields.figures = JSON.parse(fields.figures);
    } catch (error) {
      throw new AppError(
        400,
        "validation",
        { field: "figures", detail: (error as Error).message },
        "figures",
      );
    }
  }
  for (const key of ["text", "reason", "status"]) if (fields[key] === "") delete fields[key];
  const parsed = UpdateBody.safeParse(fields);
  if (!parsed.success) throw validationError(parsed.error.issues[0]);
  return { body: parsed.data, files };
}

function validationError(issue: { path: PropertyKey[]; message: string; code: string; keys?: string[] }) {
  if (issue.code === "unrecognized_keys") {
    const field = (issue.keys ?? []).join(", ");
    return new AppError(400, "unknown_field", { field }, field);
  }
  const field = issue.path.map(String).join(".") || "body";
  return new AppError(400, "validation", { field, detail: issue.message }, field);
}

/** Sniffs every file first (one refused file refuses the report), then stores them all. */
export async function storeEvidence(
  storage: ObjectStorage,
  tenantId: string,
  files: Buffered[],
): Promise<EvidenceFile[]> {
  const checked = files.map((file) => {
    const { detected } = sniff(file.body);
    const contentType = ACCEPTED[detected];
    if (!contentType) {
      throw new AppError(415, "evidence_file_type", { detected, name: file.filename ?? "" }, "files");
    }
    return { ...file, detected, contentType };
  });
  const stored: EvidenceFile[] = [];
  try {
    for (const file of checked) {
      const id = randomUUID();
      const storageKey = `assignments/${tenantId}/${id}`;
      await storage.putObject(storageKey, file.body, file.contentType);
      stored.push({
        id,
        storageKey,
        filename: cleanFilename(file.filename, file.detected),
        contentType: file.contentType,
        size: file.body.length,
        sha256: createHash("sha256").update(file.body).digest("hex"),
      });
    }
  } catch (error) {
    await discardEvidence(storage, stored);
    throw error;
  }
  return stored;
}

export async function discardEvidence(storage: ObjectStorage, files: EvidenceFile[]) {
  for (const file of files) await storage.deleteObject(file.storageKey).catch(() => {});
}
