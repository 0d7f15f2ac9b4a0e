/**
 * Backups of either engine into `<dataDir>/backups`, and their restore.
 *
 * Embedded (PGlite): a gzipped tar of the data folder, taken while no statement runs, so the copy
 * is consistent. PGlite runs with fsync off, so these copies are what protects the data; the
 * nightly job (server/jobs/index.ts) takes one. PostgreSQL: `pg_dump --format=custom`.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { Config } from "../config.ts";
import { type Database, openPglite } from "../db/connection.ts";
import { acquireDataDirLock, DataDirLockedError } from "../db/lock.ts";
import {
  BackupError,
  backupsDir,
  commitBackup,
  newBackupPath,
  pruneBackups,
  writeBackupFile,
} from "./backup-files.ts";
import { dumpPostgres, restorePostgres } from "./backup-postgres.ts";

export {
  BackupError,
  type BackupInfo,
  backupsDir,
  lastBackup,
  listBackups,
  pruneBackups,
} from "./backup-files.ts";

/** Writes a backup, then keeps only the newest `backupKeep` of its kind. */
export async function backupDatabase(
  database: Database,
  config: Pick<Config, "dataDir" | "backupKeep">,
): Promise<{ file: string; bytes: number }> {
  const kind = database.engine === "pglite" ? "embedded" : "postgres";
  const { file, partial } = await newBackupPath(config, kind);
  let bytes: number;
  if (database.engine === "pglite") {
    const content = await dumpPglite(database);
    writeBackupFile(partial, content);
    bytes = content.length;
  } else {
    const url = database.pool?.options.connectionString;
    if (!url) throw new BackupError("The PostgreSQL pool was not opened from a connection string");
    await dumpPostgres(url, partial);
    bytes = (await readFile(partial)).length;
  }
  try {
    commitBackup(partial, file, backupsDir(config));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  await pruneBackups(config, kind, config.backupKeep);
  return { file, bytes };
}

async function dumpPglite(database: Database): Promise<Uint8Array> {
  const pglite = database.pglite;
  if (!pglite) throw new BackupError("The embedded database has no PGlite instance");
  let dump: Blob | null = null;
  // Inside a transaction no other statement of this process can run (PGlite has one connection
  // and queues the rest), so the folder is copied at rest. CHECKPOINT first writes out every
  // change the copy would otherwise have to replay from the write-ahead log.
  await pglite.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    dump = await pglite.dumpDataDir("gzip");
  });
  return new Uint8Array(await (dump as unknown as Blob).arrayBuffer());
}

// --- Restore ----------------------------------------------------------------------------------

export interface RestoreResult {
  /** Where the data that was replaced now lives (embedded), never deleted; null if there was none. */
  keptAside: string | null;
}

/**
 * Restores a backup. Embedded: only while no server has the data folder open; the current
 * database is moved aside (never deleted) and put back if anything fails. PostgreSQL:
 * `pg_restore --clean --if-exists` in one transaction into DATABASE_URL.
 */
export async function restoreDatabase(
  file: string,
  config: Pick<Config, "dataDir" | "databaseUrl">,
): Promise<RestoreResult> {
  if (config.databaseUrl) {
    await restorePostgres(file, config.databaseUrl);
    return { keptAside: null };
  }
  // Before the lock: a file that is not a backup is refused without touching anything.
  const tar = await readEmbeddedBackup(file);
  let release: () => void;
  try {
    release = acquireDataDirLock(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new BackupError(
        `Cannot restore while the server is running: process ${error.pid} has ${config.dataDir} open. ` +
          "Stop the server, then restore.",
        { cause: error },
      );
    }
    throw error;
  }
  try {
    return await swapIn(tar, file, config.dataDir);
  } finally {
    release();
  }
}

async function swapIn(tar: Uint8Array, file: string, dataDir: string): Promise<RestoreResult> {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+$/, "");
  const current = join(dataDir, "db");
  const staging = join(dataDir, `db.restoring-${stamp}`);
  const aside = join(dataDir, `db.before-restore-${stamp}`);

  // Built and checked beside the current database first, so a bad backup never displaces it.
  try {
    const restored = await PGlite.create(staging, {
      extensions: { unaccent, pg_trgm },
      loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>]),
    });
    try {
      await assertOurDatabase(restored, file);
    } finally {
      await restored.close();
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${file} could not be opened as a database: ${(error as Error).message}. Nothing was changed.`,
      {
        cause: error,
      },
    );
  }

  const hadCurrent = existsSync(current);
  if (hadCurrent) renameSync(current, aside);
  try {
    renameSync(staging, current);
    // Opened once more where the server will open it.
    const reopened = await openPglite(current);
    try {
      await assertOurDatabase(reopened, file);
    } finally {
      await reopened.close();
    }
  } catch (error) {
    if (existsSync(current)) renameSync(current, `${staging}.failed`);
    if (hadCurrent) renameSync(aside, current);
    throw new BackupError(
      `Restoring ${file} failed, the previous database is back in place: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return { keptAside: hadCurrent ? aside : null };
}

async function assertOurDatabase(pglite: PGlite, file: string) {
  const { rows } = await pglite.query<{ units: string | null }>(
    "SELECT to_regclass('public.units')::text AS units",
  );
  if (!rows[0]?.units) {
    throw new BackupError(
      `${file} holds a database, but not a Đồng Thuận one (no units table). Nothing was changed.`,
    );
  }
}

/** The backup, unzipped and checked to be a PostgreSQL data folder, or a clear refusal. */
async function readEmbeddedBackup(file: string): Promise<Uint8Array> {
  const refuse = (why: string) =>
    new BackupError(`${file} is not a usable embedded backup: ${why}. Nothing was changed.`);
  let gz: Buffer;
  try {
    gz = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === "ENOENT" ? "no such file" : `cannot read it (${code})`);
  }
  if (gz.length === 0) throw refuse("the file is empty");
  if (gz[0] !== 0x1f || gz[1] !== 0x8b) throw refuse("it is not gzip-compressed (expected a .tar.gz)");
  // Unzipped here, whole: PGlite's own unzip of a damaged file fails outside any promise and
  // would end the process instead of reporting.
  const tar = await new Promise<Buffer>((resolve, reject) =>
    gunzip(gz, (error, result) => (error ? reject(error) : resolve(result))),
  ).catch((error: Error) => {
    throw refuse(`the archive is damaged or cut short (${error.message})`);
  });
  const names = tarEntryNames(tar);
  if (!names) throw refuse("the archive inside is damaged");
  if (
    !names.some((name) => name.endsWith("/PG_VERSION")) ||
    !names.some((name) => name.endsWith("global/pg_control"))
  ) {
    throw refuse("it does not hold a PostgreSQL data folder");
  }
  return tar;
}

/** The entry names of a ustar archive, or null when its headers do not add up. */
function tarEntryNames(tar: Buffer): string[] | null {
  const names: string[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return names;
    const field = (start: number, length: number) =>
      header.toString("latin1", start, start + length).replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0) return null;
    const prefix = field(345, 155);
    names.push(prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return offset === tar.length && names.length > 0 ? names : null;
}
