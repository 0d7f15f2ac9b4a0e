/**
 * The backup archive: one gzipped tar (POSIX ustar, with pax headers where a name or a size does
 * not fit) that any `tar` can list and unpack.
 *
 *   database.tar | database.dump   the database part (PGlite data folder / pg_dump custom format)
 *   files/<key>                    each stored file's body, under its storage key
 *   manifest.json                  last: format, version, engine, when, and every part's checksum
 *
 * The manifest is written last because the checksums are known only once every part was read;
 * a reader therefore reads the whole archive before it trusts any of it.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Engine } from "../db/connection.ts";
import { BackupError } from "./backup-files.ts";

export const ARCHIVE_FORMAT = "dongthuan-backup";
export const ARCHIVE_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";
export const FILES_PREFIX = "files/";
export const DATABASE_PART: Record<Engine, string> = { pglite: "database.tar", postgres: "database.dump" };
/** The audit chain's signed checkpoints (modules/audit/checkpoints.ts) as they were at the backup. */
export const AUDIT_CHECKPOINTS_PART = "audit-checkpoints.jsonl";

export interface ManifestFile {
  key: string;
  size: number;
  sha256: string;
  contentType: string;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  engine: Engine;
  /** When the backup was taken, ISO 8601 in UTC. */
  createdAt: string;
  database: { name: string; size: number; sha256: string };
  /** The audit checkpoint file, when the installation had one (never the audit key). */
  auditCheckpoints?: { name: string; size: number; sha256: string } | null;
  /** Where the files were stored when the backup was taken: `folder` or `s3`. */
  storage: string;
  files: ManifestFile[];
}

export const ENGINE_LABEL: Record<Engine, string> = {
  pglite: "the embedded database (PGlite)",
  postgres: "a PostgreSQL server",
};

// --- Writing ----------------------------------------------------------------------------------

export const BLOCK = 512;
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, "0")}\0`;
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    // ustar splits a long name at a slash into prefix (155) and name (100); pax covers the rest.
    const cut = name.lastIndexOf("/", 155);
    if (cut > 0 && name.length - cut - 1 <= 100) {
      prefix = name.slice(0, cut);
      base = name.slice(cut + 1);
    } else base = name.slice(0, 100);
  }
  block.write(base, 0, 100, "utf8");
  block.write(octal(0o600, 8), 100, "latin1");
  block.write(octal(0, 8), 108, "latin1");
  block.write(octal(0, 8), 116, "latin1");
  block.write(octal(Math.min(size, MAX_OCTAL_SIZE), 12), 124, "latin1");
  block.write(octal(mtime, 12), 136, "latin1");
  block.write("        ", 148, "latin1");
  block.write(type, 156, "latin1");
  block.write("ustar\u000000", 257, "latin1");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

function paxRecord(name: string, value: string): string {
  const body = ` ${name}=${value}\n`;
  let length = Buffer.byteLength(body);
  while (String(length).length + Buffer.byteLength(body) !== length)
    length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

export const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The header block(s) of one entry: a pax header first when its name or size needs one. */
function entryHeaders(name: string, size: number, mtime: number): Buffer[] {
  const records: string[] = [];
  const fitsUstar =
    Buffer.byteLength(name) <= 100 ||
    (() => {
      const cut = name.lastIndexOf("/", 155);
      return cut > 0 && name.length - cut - 1 <= 100;
    })();
  if (!fitsUstar) records.push(paxRecord("path", name));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord("size", String(size)));
  const blocks: Buffer[] = [];
  if (records.length) {
    const pax = Buffer.from(records.join(""), "utf8");
    blocks.push(header("PaxHeader", pax.length, "x", mtime), pax, padding(pax.length));
  }
  blocks.push(header(name, size, "0", mtime));
  return blocks;
}

/** One part of the archive: its name and its body, whole or as a stream of a known size. */
export type ArchivePart =
  | { name: string; body: Uint8Array }
  | { name: string; size: number; stream: () => AsyncIterable<Buffer> };

/**
 * Writes the parts, then the manifest that `finish` builds once they are written, as a gzipped
 * tar into `path` (created mode 600, never over an existing file). `parts` may be produced lazily:
 * each is read once.
 */
export async function writeArchive(
  path: string,
  parts: AsyncIterable<ArchivePart>,
  finish: () => Manifest,
  mtime: Date,
): Promise<void> {
  const seconds = Math.floor(mtime.getTime() / 1000);
  async function* tar(): AsyncGenerator<Buffer> {
    for await (const part of parts) {
      const size = "body" in part ? part.body.length : part.size;
      yield* entryHeaders(part.name, size, seconds);
      if ("body" in part) yield Buffer.from(part.body.buffer, part.body.byteOffset, part.body.length);
      else {
        let written = 0;
        for await (const chunk of part.stream()) {
          written += chunk.length;
          yield chunk;
        }
        if (written !== size) throw new BackupError(`${part.name} changed size while it was copied`);
      }
      yield padding(size);
    }
    const manifest = Buffer.from(`${JSON.stringify(finish(), null, 2)}\n`, "utf8");
    yield* entryHeaders(MANIFEST_NAME, manifest.length, seconds);
    yield manifest;
    yield padding(manifest.length);
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(tar()), createGzip(), createWriteStream(path, { flags: "wx", mode: 0o600 }));
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The sha256 and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}

/** The first bytes of a file, for a quick check before anything heavier. */
export async function fileHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
