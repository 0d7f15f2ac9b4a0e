import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { Engine } from "../db/connection.ts";
import { checkKey } from "../lib/storage.ts";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  AUDIT_CHECKPOINTS_PART,
  BLOCK,
  DATABASE_PART,
  ENGINE_LABEL,
  FILES_PREFIX,
  MANIFEST_NAME,
  type Manifest,
  padding,
} from "./backup-archive.ts";
import { BackupError } from "./backup-files.ts";

// Reading a backup archive (backup-archive.ts says what it holds): every entry checked against
// the manifest before the caller trusts any of it.

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
