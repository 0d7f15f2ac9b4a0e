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
import { mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type { Engine } from "../db/connection.ts";
import { checkKey } from "../lib/storage.ts";
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

const BLOCK = 512;
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

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

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

// --- Reading ----------------------------------------------------------------------------------

class CutShort extends Error {}

/**
 * Thrown by readArchive for a backup of an older version: a gzipped tar of the PGlite data folder
 * alone, without files or manifest. The caller decides what to do with it.
 */
export class LegacyArchive extends Error {}

/** Exact reads over a stream of chunks. */
class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(wanted: number) {
    while (this.buffered < wanted && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else if (next.value.length) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }

  async take(length: number): Promise<Buffer> {
    await this.fill(length);
    if (this.buffered < length) throw new CutShort();
    const whole = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = whole.length > length ? [whole.subarray(length)] : [];
    this.buffered -= length;
    return whole.subarray(0, length);
  }

  async *stream(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      if (this.buffered === 0) throw new CutShort();
      const chunk = this.chunks[0];
      if (chunk.length <= left) {
        this.chunks.shift();
        this.buffered -= chunk.length;
        left -= chunk.length;
        yield chunk;
      } else {
        this.chunks[0] = chunk.subarray(left);
        this.buffered -= left;
        yield chunk.subarray(0, left);
        left = 0;
      }
    }
  }

  /** Reads to the end, so that gunzip checks the archive's own checksum and length. */
  async drain() {
    while (!(await this.source.next()).done) {}
  }
}

function parseHeader(block: Buffer): { name: string; size: number; type: string } | null {
  const field = (start: number, length: number) =>
    block.toString("utf8", start, start + length).replace(/\0.*$/s, "");
  const stored = Number.parseInt(field(148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  if (!Number.isFinite(stored) || stored !== sum) return null;
  const size = Number.parseInt(field(124, 12).trim() || "0", 8);
  if (!Number.isFinite(size) || size < 0) return null;
  const prefix = field(345, 155);
  const name = field(0, 100);
  return { name: prefix ? `${prefix}/${name}` : name, size, type: field(156, 1) || "0" };
}

function parsePax(body: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    const length = Number.parseInt(body.toString("latin1", offset, space), 10);
    if (space < 0 || !Number.isFinite(length) || length <= 0) throw new Error("bad pax header");
    const record = body.toString("utf8", space + 1, offset + length - 1);
    const equals = record.indexOf("=");
    records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}

export interface ReadArchive {
  manifest: Manifest;
  /** Where the database part was written. */
  databasePath: string;
  /** Where the audit checkpoints part was written, when the backup has one. */
  auditCheckpointsPath: string | null;
}

/**
 * Reads a whole archive, writing the database part to `databaseDir` and each stored file's body
 * to `filesDir/<key>` (mode 600), and checks everything against the manifest: format, version,
 * engine, every checksum and size, nothing missing, nothing extra. Throws a BackupError that
 * says what is wrong (LegacyArchive for an older version's backup); the caller removes the two
 * folders then. Touches nothing else.
 */
export async function readArchive(
  file: string,
  options: { engine: Engine; databaseDir: string; filesDir: string },
): Promise<ReadArchive> {
  const refuse = (why: string) =>
    new BackupError(`${file} is not a usable backup: ${why}. Nothing was changed.`);
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on("error", (error) => gunzip.destroy(error));
  const reader = new ByteReader(input.pipe(gunzip)[Symbol.asyncIterator]());

  const seen = new Map<string, { size: number; sha256: string }>();
  let manifest: Manifest | null = null;
  let databasePath: string | null = null;
  let auditCheckpointsPath: string | null = null;
  let sawEnd = false;
  let firstEntry = true;
  try {
    let pax: Record<string, string> = {};
    for (;;) {
      const block = await reader.take(BLOCK);
      if (block.every((byte) => byte === 0)) {
        sawEnd = true;
        break;
      }
      const parsed = parseHeader(block);
      if (!parsed) throw refuse("an entry header of the archive is damaged");
      const name = pax.path ?? parsed.name;
      const size = pax.size !== undefined ? Number(pax.size) : parsed.size;
      pax = {};
      if (parsed.type === "x") {
        if (size > 1 << 20) throw refuse("an entry header of the archive is damaged");
        pax = parsePax(await reader.take(size));
        await reader.take(padding(size).length);
        continue;
      }
      if (firstEntry && name !== DATABASE_PART.pglite && name !== DATABASE_PART.postgres) {
        if (/^\/?(PG_VERSION|base|global|pg_[a-z_]+)(\/|$)/.test(name)) throw new LegacyArchive();
        throw refuse("it is not a Đồng Thuận backup archive (it does not begin with the database part)");
      }
      firstEntry = false;
      if (manifest) throw refuse(`an entry follows the manifest (${name})`);
      if (parsed.type !== "0") throw refuse(`it holds an entry that is not a plain file (${name})`);
      if (seen.has(name)) throw refuse(`it holds ${name} twice`);

      if (name === MANIFEST_NAME) {
        if (size > 256 << 20) throw refuse("the manifest is implausibly large");
        const text = await reader.take(size);
        await reader.take(padding(size).length);
        try {
          manifest = JSON.parse(text.toString("utf8")) as Manifest;
        } catch {
          throw refuse("its manifest is not valid JSON");
        }
        continue;
      }

      let target: string;
      if (name === DATABASE_PART.pglite || name === DATABASE_PART.postgres) {
        if (databasePath) throw refuse("it holds two database parts");
        target = databasePath = join(options.databaseDir, name);
      } else if (name === AUDIT_CHECKPOINTS_PART) {
        target = auditCheckpointsPath = join(options.databaseDir, name);
      } else if (name.startsWith(FILES_PREFIX)) {
        const key = name.slice(FILES_PREFIX.length);
        try {
          checkKey(key);
        } catch {
          throw refuse(`it holds a file under a name that is not a storage key (${name})`);
        }
        target = join(options.filesDir, ...key.split("/"));
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      } else throw refuse(`it holds an entry that is not part of a backup (${name})`);

      const hash = createHash("sha256");
      await pipeline(
        (async function* () {
          for await (const chunk of reader.stream(size)) {
            hash.update(chunk);
            yield chunk;
          }
        })(),
        createWriteStream(target, { flags: "wx", mode: 0o600 }),
      );
      await reader.take(padding(size).length);
      seen.set(name, { size, sha256: hash.digest("hex") });
    }
    await reader.drain();
  } catch (error) {
    input.destroy();
    if (error instanceof BackupError || error instanceof LegacyArchive) throw error;
    if (error instanceof CutShort) throw refuse("the archive is cut short");
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw refuse("no such file");
    if (
      code?.startsWith("Z_") ||
      code === "ERR_STREAM_PREMATURE_CLOSE" ||
      /zlib|unexpected end/i.test(String(error))
    )
      throw refuse(`the archive is damaged or cut short (${(error as Error).message})`);
    throw refuse(`it could not be read (${(error as Error).message})`);
  }
  if (!sawEnd) throw refuse("the archive is cut short");
  if (!manifest) throw refuse("it has no manifest (the archive is cut short or not a Đồng Thuận backup)");
  return {
    manifest: checkManifest(manifest, seen, options.engine, refuse),
    databasePath: databasePath!,
    auditCheckpointsPath,
  };
}

function checkManifest(
  manifest: Manifest,
  seen: Map<string, { size: number; sha256: string }>,
  engine: Engine,
  refuse: (why: string) => BackupError,
): Manifest {
  if (manifest?.format !== ARCHIVE_FORMAT) throw refuse("its manifest is not that of a Đồng Thuận backup");
  if (manifest.version !== ARCHIVE_VERSION) {
    throw refuse(
      `it is of format version ${manifest.version}, and this version of Đồng Thuận reads version ${ARCHIVE_VERSION}`,
    );
  }
  if (manifest.engine !== engine) {
    throw refuse(
      `it is a backup of ${ENGINE_LABEL[manifest.engine] ?? manifest.engine}, but this installation uses ${ENGINE_LABEL[engine]}` +
        (engine === "postgres" ? " (DATABASE_URL is set)" : " (DATABASE_URL is not set)"),
    );
  }
  const database = manifest.database;
  if (!database || database.name !== DATABASE_PART[engine])
    throw refuse("its manifest names no database part");
  const actual = seen.get(database.name);
  if (!actual) throw refuse(`the database part (${database.name}) is missing`);
  if (actual.size !== database.size || actual.sha256 !== database.sha256) {
    throw refuse("the checksum of the database part does not match the manifest (the archive is damaged)");
  }
  const listed = new Set<string>([database.name]);
  const checkpoints = manifest.auditCheckpoints;
  if (checkpoints) {
    if (checkpoints.name !== AUDIT_CHECKPOINTS_PART) throw refuse("its manifest names an unknown audit part");
    const found = seen.get(checkpoints.name);
    if (!found) throw refuse("the audit checkpoints listed in the manifest are missing");
    if (found.size !== checkpoints.size || found.sha256 !== checkpoints.sha256) {
      throw refuse(
        "the checksum of the audit checkpoints does not match the manifest (the archive is damaged)",
      );
    }
    listed.add(checkpoints.name);
  }
  if (!Array.isArray(manifest.files)) throw refuse("its manifest has no list of files");
  for (const entry of manifest.files) {
    const name = `${FILES_PREFIX}${entry.key}`;
    if (listed.has(name)) throw refuse(`its manifest lists ${entry.key} twice`);
    listed.add(name);
    const found = seen.get(name);
    if (!found) throw refuse(`the stored file ${entry.key} is listed in the manifest but missing`);
    if (found.size !== entry.size || found.sha256 !== entry.sha256) {
      throw refuse(
        `the checksum of the stored file ${entry.key} does not match the manifest (the archive is damaged)`,
      );
    }
    if (typeof entry.contentType !== "string")
      throw refuse(`its manifest gives no content type for ${entry.key}`);
  }
  for (const name of seen.keys()) {
    if (!listed.has(name)) throw refuse(`it holds ${name}, which the manifest does not list`);
  }
  return manifest;
}

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
