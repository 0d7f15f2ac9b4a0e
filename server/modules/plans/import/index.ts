import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { PlanSource, PlanTree } from "../../../../common/plan-tree.ts";
import { decodeTextBytes } from "./encoding.ts";
import { PlanImportError } from "./errors.ts";
import { MAX_IMPORT_BYTES, parsePlanText } from "./parse.ts";
import { readDocx } from "./read-docx.ts";
import { readPdf } from "./read-pdf.ts";
import { isZip } from "./zip.ts";

/**
 * The plan importer: a Vietnamese implementation plan (.txt, .docx, .pdf) to
 * plan-tree/1. A pure library: it reads bytes and returns data, it never writes.
 */

export { PlanImportError, type PlanImportErrorCode } from "./errors.ts";
export { MAX_IMPORT_BYTES, parsePlanText } from "./parse.ts";

export type ImportFormat = "txt" | "docx" | "pdf";

/** A tree with the normalized text its items' `source.lines` point into. */
export type ImportedPlan = PlanTree & {
  source: PlanSource & { text: string; filename: string; format: ImportFormat; pages: number };
};

/** About one printed page of plan text, for per-page timings and limits. */
export const CHARACTERS_PER_PAGE = 3000;

/**
 * Text read out of a file above this is refused before it is parsed: a plan is a few dozen pages,
 * and a small compressed .docx can unpack to tens of megabytes of text.
 */
export const MAX_TEXT_CHARACTERS = 2_000_000;

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function isPdf(buf: Uint8Array): boolean {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

/** The bytes decide first (a mislabelled file is read for what it is), the name second. */
function detectFormat(buf: Uint8Array, filename: string): ImportFormat {
  const ext = extname(filename).toLowerCase();
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new PlanImportError("unsupported-format", "Word 97-2003 (.doc)");
  if (startsWith(buf, [0x7b, 0x5c, 0x72, 0x74, 0x66])) throw new PlanImportError("unsupported-format", "RTF");
  if (ext === ".odt" || ext === ".doc" || ext === ".rtf")
    throw new PlanImportError("unsupported-format", ext);
  if (isPdf(buf)) return "pdf";
  if (isZip(buf)) return "docx";
  if (ext === ".pdf") throw new PlanImportError("invalid-pdf");
  if (ext === ".docx" || ext === ".docm" || ext === ".dotx") return "docx";
  return "txt";
}

/** Imports a plan from the bytes of a file; `filename` chooses the reader with the bytes' signature. */
export async function importPlanBuffer(bytes: Buffer | Uint8Array, filename: string): Promise<ImportedPlan> {
  // A worker thread receives a Buffer as a plain Uint8Array.
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.byteLength > MAX_IMPORT_BYTES) {
    throw new PlanImportError("too-large", `${(buffer.byteLength / 1048576).toFixed(1)} MiB`);
  }
  if (buffer.byteLength === 0) throw new PlanImportError("empty");
  const format = detectFormat(buffer, filename);
  let text: string;
  let pages: number | null = null;
  if (format === "pdf") {
    const pdf = await readPdf(buffer);
    text = pdf.text;
    pages = pdf.pages;
  } else if (format === "docx") text = await readDocx(buffer);
  else text = decodeTextBytes(buffer);
  if (text.length > MAX_TEXT_CHARACTERS) {
    throw new PlanImportError("too-long", String(Math.ceil(text.length / CHARACTERS_PER_PAGE)));
  }
  const tree = parsePlanText(text);
  const normalized = tree.source?.text ?? "";
  return {
    ...tree,
    source: {
      text: normalized,
      filename: basename(filename),
      format,
      pages: pages ?? Math.max(1, Math.ceil(normalized.length / CHARACTERS_PER_PAGE)),
    },
  };
}

/** Imports a plan from a file on disk. */
export async function importPlanFile(path: string): Promise<ImportedPlan> {
  const info = await stat(path);
  if (info.size > MAX_IMPORT_BYTES)
    throw new PlanImportError("too-large", `${(info.size / 1048576).toFixed(1)} MiB`);
  return importPlanBuffer(await readFile(path), path);
}
