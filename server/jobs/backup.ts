/**
 * Backups of either engine, with every stored file, and their restore.
 *
 * A backup is one archive (backup-archive.ts): the database part — embedded (PGlite): a tar of
 * the data folder, taken while no statement runs, so the copy is consistent; PostgreSQL:
 * `pg_dump --format=custom` — then every stored file (uploads folder or S3 bucket), then a
 * manifest with each part's sha256. PGlite runs with fsync off, so these copies are what protects
 * the data; the nightly job (server/jobs/index.ts) takes one.
 */
import { createReadStream, existsSync, rmSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import { checkKey, createStorage } from "../lib/storage.ts";
import { writeCheckpoints } from "../modules/audit/checkpoints.ts";
import { currentAuditKey } from "../modules/audit/key.ts";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchivePart,
  AUDIT_CHECKPOINTS_PART,
  DATABASE_PART,
  FILES_PREFIX,
  hashFile,
  type Manifest,
  type ManifestFile,
  sha256,
  writeArchive,
} from "./backup-archive.ts";
import { BackupError, commitBackup, newBackupPath, PARTIAL_PREFIX, pruneBackups } from "./backup-files.ts";
import { dumpPostgres } from "./backup-postgres.ts";
import { storageOf } from "./backup-restore.ts";

export type { Manifest } from "./backup-archive.ts";
export {
  BackupError,
  type BackupInfo,
  backupsDir,
  lastBackup,
  listBackups,
  pruneBackups,
} from "./backup-files.ts";
export { type RestoreResult, restoreDatabase } from "./backup-restore.ts";

export interface BackupOptions {
  /** Write the backup to this file instead of a new name in DATA_DIR/backups (no pruning then). */
  out?: string;
}

export interface BackupResult {
  file: string;
  /** Size of the archive. */
  bytes: number;
  /** How many stored files it holds, and their size together. */
  files: number;
  fileBytes: number;
}

/**
 * Writes a backup of the database and every stored file; into DATA_DIR/backups it then keeps
 * only the newest `backupKeep` of its kind. The database is copied first: a file uploaded while
 * the files are copied is one no row of the copy refers to, harmless.
 */
export async function backupDatabase(
  database: Database,
  config: Pick<Config, "dataDir" | "backupKeep"> & Partial<Pick<Config, "auditCheckpointFile" | "storage">>,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const storage = createStorage(storageOf(config));
  const kind = database.engine === "pglite" ? "embedded" : "postgres";
  // The machine's clock, not the domain's (docs/decisions/2026-12-07-one-clock.md): a backup's
  // name and time say when the copy was really made, as its file's modification time does.
  const at = new Date();
  const { file, partial } = options.out ? await outPath(options.out) : await newBackupPath(config, kind, at);
  const files: ManifestFile[] = [];
  let dumpFile: string | null = null;
  try {
    let databasePart: ArchivePart;
    let databaseInfo: Manifest["database"];
    const name = DATABASE_PART[database.engine];
    if (database.engine === "pglite") {
      const content = await dumpPglite(database);
      databasePart = { name, body: content };
      databaseInfo = { name, size: content.length, sha256: sha256(content) };
    } else {
      const url = database.pool?.options.connectionString;
      if (!url) throw new BackupError("The PostgreSQL pool was not opened from a connection string");
      const dump = `${partial}.dump`;
      dumpFile = dump;
      await dumpPostgres(url, dump);
      const { size, sha256: digest } = await hashFile(dump);
      databasePart = { name, size, stream: () => createReadStream(dump) };
      databaseInfo = { name, size, sha256: digest };
    }
    // The audit chain's checkpoints, with one more written now: a restore brings back the file
    // that matches the trail it restores. The audit key is never in a backup (docs/operations.md).
    let checkpointsPart: ArchivePart | null = null;
    let checkpointsInfo: Manifest["auditCheckpoints"] = null;
    if (config.auditCheckpointFile) {
      await writeCheckpoints(database.db, currentAuditKey(), config.auditCheckpointFile);
    }
    // No file: an empty trail, with nothing to anchor yet.
    if (config.auditCheckpointFile && existsSync(config.auditCheckpointFile)) {
      const body = await readFile(config.auditCheckpointFile);
      checkpointsPart = { name: AUDIT_CHECKPOINTS_PART, body };
      checkpointsInfo = { name: AUDIT_CHECKPOINTS_PART, size: body.length, sha256: sha256(body) };
    }
    const keys = (
      await storage.listKeys().catch((error: Error) => {
        throw new BackupError(`Cannot list the stored files (${storage.kind}): ${error.message}`, {
          cause: error,
        });
      })
    ).filter(isKey);
    async function* parts(): AsyncGenerator<ArchivePart> {
      yield databasePart;
      if (checkpointsPart) yield checkpointsPart;
      for (const key of keys) {
        const object = await storage.getObject(key);
        // Deleted since it was listed: a file the database no longer needs.
        if (!object) continue;
        files.push({
          key,
          size: object.body.length,
          sha256: sha256(object.body),
          contentType: object.contentType,
        });
        yield { name: `${FILES_PREFIX}${key}`, body: object.body };
      }
    }
    await writeArchive(
      partial,
      parts(),
      () => ({
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        engine: database.engine,
        createdAt: at.toISOString(),
        database: databaseInfo,
        auditCheckpoints: checkpointsInfo,
        storage: storage.kind,
        files,
      }),
      at,
    );
    commitBackup(partial, file, dirname(file));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (dumpFile) rmSync(dumpFile, { force: true });
  }
  if (!options.out) await pruneBackups(config, kind, config.backupKeep);
  return {
    file,
    bytes: (await stat(file)).size,
    files: files.length,
    fileBytes: files.reduce((sum, entry) => sum + entry.size, 0),
  };
}

function isKey(key: string): boolean {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}

/** `--out FILE`: never over an existing file; its folder is made (mode 700) when missing. */
async function outPath(out: string) {
  const file = resolve(out);
  if (existsSync(file)) {
    throw new BackupError(`${file} already exists: choose another name, or move that file away first.`);
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  return { file, partial: join(dirname(file), `${PARTIAL_PREFIX}${process.pid}-${basename(file)}`) };
}

async function dumpPglite(database: Database): Promise<Uint8Array> {
  const pglite = database.pglite;
  if (!pglite) throw new BackupError("The embedded database has no PGlite instance");
  let dump: Blob | null = null;
  // Inside a transaction no other statement of this process can run (PGlite has one connection
  // and queues the rest), so the folder is copied at rest. CHECKPOINT first writes out every
  // change the copy would otherwise have to replay from the write-ahead log. Uncompressed: the
  // archive around it is compressed as a whole.
  await pglite.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    dump = await pglite.dumpDataDir("none");
  });
  return new Uint8Array(await (dump as unknown as Blob).arrayBuffer());
}
