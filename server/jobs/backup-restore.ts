import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { gunzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { Config } from "../config.ts";
import { parseStorageSettings, type StorageSettings } from "../config-sections.ts";
import { type Engine, openPglite } from "../db/connection.ts";
import { acquireDataDirLock, DataDirLockedError } from "../db/lock.ts";
import { createFolderStorage, createStorage, type ObjectStorage } from "../lib/storage.ts";
import { ENGINE_LABEL, fileHead, type Manifest, sha256 } from "./backup-archive.ts";
import { LegacyArchive, readArchive } from "./backup-archive-read.ts";
import { BackupError } from "./backup-files.ts";
import { restorePostgres } from "./backup-postgres.ts";

// Restoring a backup (backup.ts writes them): the whole archive checked first, then the database
// and the stored files put in place, what they replace kept aside.

/** The server's storage settings; without them (a test, a tool), the uploads folder of DATA_DIR. */
export const storageOf = (config: { dataDir: string; storage?: StorageSettings }): StorageSettings =>
  config.storage ?? parseStorageSettings({}, config.dataDir);

export interface RestoreResult {
  /** Where the database that was replaced now lives (embedded), never deleted; null if there was none. */
  keptAside: string | null;
  /** Where the uploads folder that was replaced now lives (folder storage); null if there was none. */
  filesKeptAside: string | null;
  /** Where the audit checkpoint file that was replaced now lives; null if none was replaced. */
  checkpointsKeptAside?: string | null;
  /** How many stored files were brought back, and where to (`folder` or `s3`). */
  files: number;
  storage: string;
  /** Null for a backup of an older version (the database alone, no manifest). */
  manifest: Manifest | null;
}

/**
 * Restores a backup: the database and every stored file. The whole archive is read and every
 * checksum checked before anything is touched; a damaged archive, or one of the other engine, is
 * refused with the reason and the current data left as it was.
 *
 * Embedded: only while no server has the data folder open; the current database is moved aside
 * (never deleted) and put back if anything fails. PostgreSQL: `pg_restore --clean --if-exists` in
 * one transaction into DATABASE_URL. Files: a folder is built beside the uploads folder and
 * swapped in, the old one kept aside; to S3 each file is uploaded again (objects that are not in
 * the backup are left where they are).
 */
export async function restoreDatabase(
  file: string,
  config: Pick<Config, "dataDir" | "databaseUrl"> & Partial<Pick<Config, "auditCheckpointFile" | "storage">>,
): Promise<RestoreResult> {
  const engine: Engine = config.databaseUrl ? "postgres" : "pglite";
  // Before the lock and before any folder is made: a file that is not a backup is refused at once.
  const format = await quickCheck(file);
  const settings = storageOf(config);
  const storage = createStorage(settings);
  if (format === "dump") {
    // A PostgreSQL backup of an older version: pg_dump's file alone. pg_restore checks it whole.
    if (engine !== "postgres") throw otherEngine(file, "postgres");
    await restorePostgres(file, config.databaseUrl!);
    return { keptAside: null, filesKeptAside: null, files: 0, storage: storage.kind, manifest: null };
  }

  let release = () => {};
  if (engine === "pglite") {
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
  }

  const uploadDir = storage.kind === "folder" ? resolve(settings.dir) : null;
  const stamp = freeStamp(config.dataDir, uploadDir);
  const work = join(config.dataDir, `.restore-${stamp}`);
  const filesDir = uploadDir ? `${uploadDir}.restoring-${stamp}` : join(work, "files");
  try {
    await mkdir(work, { recursive: true, mode: 0o700 });
    await mkdir(filesDir, { recursive: true, mode: 0o700 });
    let read: Awaited<ReturnType<typeof readArchive>>;
    try {
      read = await readArchive(file, { engine, databaseDir: work, filesDir });
    } catch (error) {
      if (!(error instanceof LegacyArchive)) throw error;
      // An embedded backup of an older version: the data folder alone, restored as before.
      if (engine !== "pglite") throw otherEngine(file, "pglite");
      const staging = await buildPgliteStaging(await readLegacyEmbedded(file), file, config.dataDir, stamp);
      const keptAside = await commitPgliteStaging(staging, file, config.dataDir, stamp);
      return { keptAside, filesKeptAside: null, files: 0, storage: storage.kind, manifest: null };
    }
    const { manifest, databasePath, auditCheckpointsPath } = read;

    // The archive is whole and every checksum matches. Nothing current has been touched yet.
    if (uploadDir) {
      // The staging folder becomes the uploads folder: each body gets its content type beside it.
      for (const entry of manifest.files) {
        await writeFile(`${join(filesDir, ...entry.key.split("/"))}.type`, entry.contentType, {
          mode: 0o600,
        });
      }
    }

    // The embedded database is built and checked beside the current one before any file moves.
    const staging =
      engine === "pglite"
        ? await buildPgliteStaging(await readFile(databasePath), file, config.dataDir, stamp)
        : null;
    // The files first, then the database; if the database fails, a swapped folder is put back.
    let placed: { aside: string | null; undo(): void } | null = null;
    if (uploadDir) placed = await placeFolder(filesDir, uploadDir, stamp, manifest);
    else await uploadFiles(storage, manifest, filesDir);
    let keptAside: string | null = null;
    try {
      if (staging) keptAside = await commitPgliteStaging(staging, file, config.dataDir, stamp);
      else await restorePostgres(databasePath, config.databaseUrl!);
    } catch (error) {
      placed?.undo();
      if (staging) rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    // The checkpoints that match the restored trail; the current file (which may anchor rows the
    // restore took back) is kept aside beside it.
    let checkpointsKeptAside: string | null = null;
    if (auditCheckpointsPath && config.auditCheckpointFile) {
      const target = config.auditCheckpointFile;
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      if (existsSync(target)) {
        checkpointsKeptAside = `${target}.before-restore-${stamp}`;
        renameSync(target, checkpointsKeptAside);
      }
      await copyFile(auditCheckpointsPath, target);
      await chmod(target, 0o600);
    }
    return {
      keptAside,
      checkpointsKeptAside,
      filesKeptAside: placed?.aside ?? null,
      files: manifest.files.length,
      storage: storage.kind,
      manifest,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(filesDir, { recursive: true, force: true });
    release();
  }
}

/** The time of a restore for the names of what it sets aside, made unique when one is taken. */
function freeStamp(dataDir: string, uploadDir: string | null): string {
  const base = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+$/, "");
  const taken = (stamp: string) =>
    [join(dataDir, `db.before-restore-${stamp}`), join(dataDir, `.restore-${stamp}`)]
      .concat(uploadDir ? [`${uploadDir}.before-restore-${stamp}`, `${uploadDir}.restoring-${stamp}`] : [])
      .some((path) => existsSync(path));
  let stamp = base;
  for (let n = 1; taken(stamp); n++) stamp = `${base}-${n}`;
  return stamp;
}

function otherEngine(file: string, backupEngine: Engine) {
  const installed: Engine = backupEngine === "pglite" ? "postgres" : "pglite";
  return new BackupError(
    `${file} is not a usable backup: it is a backup of ${ENGINE_LABEL[backupEngine]} from an older version, ` +
      `but this installation uses ${ENGINE_LABEL[installed]}. Nothing was changed.`,
  );
}

/** Refuses at once what cannot be a backup: missing, empty, not gzip. An older bare dump is "dump". */
async function quickCheck(file: string): Promise<"archive" | "dump"> {
  const refuse = (why: string) =>
    new BackupError(`${file} is not a usable backup: ${why}. Nothing was changed.`);
  let head: Buffer;
  try {
    head = await fileHead(file, 5);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === "ENOENT" ? "no such file" : `cannot read it (${code ?? (error as Error).message})`);
  }
  if (head.length === 0) throw refuse("the file is empty");
  if (head.toString("latin1") === "PGDMP") return "dump";
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw refuse("it is not gzip-compressed (expected a .tar.gz)");
  return "archive";
}

/** An older version's embedded backup, unzipped and checked to be a PostgreSQL data folder. */
async function readLegacyEmbedded(file: string): Promise<Uint8Array> {
  const refuse = (why: string) =>
    new BackupError(`${file} is not a usable embedded backup: ${why}. Nothing was changed.`);
  // Unzipped here, whole: PGlite's own unzip of a damaged file fails outside any promise and
  // would end the process instead of reporting.
  const tar = await new Promise<Buffer>((resolve, reject) =>
    gunzip(readFileSync(file), (error, result) => (error ? reject(error) : resolve(result))),
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

/** Puts every file of the backup into S3 (or any storage that is not a folder), checked again. */
async function uploadFiles(storage: ObjectStorage, manifest: Manifest, filesDir: string) {
  let done = 0;
  for (const entry of manifest.files) {
    const body = await readFile(join(filesDir, ...entry.key.split("/")));
    if (sha256(body) !== entry.sha256) {
      throw new BackupError(
        `The staged copy of ${entry.key} changed on disk before it was uploaded; nothing more was uploaded.`,
      );
    }
    try {
      await storage.putObject(entry.key, body, entry.contentType);
    } catch (error) {
      throw new BackupError(
        `Uploading the stored files failed after ${done} of ${manifest.files.length}: ${(error as Error).message}. ` +
          "The database was not changed; run the restore again once the storage answers.",
        { cause: error },
      );
    }
    done++;
  }
}

/**
 * The staged files become the uploads folder (swapped in, the old one kept aside). When the folder
 * cannot be renamed — a mount point of its own — the files are written into it instead, and
 * files that are not in the backup stay.
 */
async function placeFolder(staging: string, target: string, stamp: string, manifest: Manifest) {
  try {
    return swapFolder(staging, target, stamp);
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? "";
    if (!["EXDEV", "EBUSY", "EPERM", "EACCES"].includes(code)) throw error;
    await uploadFiles(createFolderStorage(target), manifest, staging);
    return { aside: null, undo() {} };
  }
}

/** Moves `target` aside (if there is one) and `staging` into its place; `undo` reverses both. */
function swapFolder(staging: string, target: string, stamp: string) {
  const aside = existsSync(target) ? `${target}.before-restore-${stamp}` : null;
  try {
    if (aside) renameSync(target, aside);
  } catch (error) {
    throw new BackupError(`Could not move ${target} aside: ${(error as Error).message}`, { cause: error });
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (aside) renameSync(aside, target);
    throw new BackupError(`Could not put the restored files in ${target}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    aside,
    undo() {
      // Back to the staging name, which the restore removes as it ends.
      renameSync(target, staging);
      if (aside) renameSync(aside, target);
    },
  };
}

/** The database part opened as a PGlite data folder beside the current one, and checked. */
async function buildPgliteStaging(tar: Uint8Array, file: string, dataDir: string, stamp: string) {
  const staging = join(dataDir, `db.restoring-${stamp}`);
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
      { cause: error },
    );
  }
  return staging;
}

async function commitPgliteStaging(staging: string, file: string, dataDir: string, stamp: string) {
  const current = join(dataDir, "db");
  const aside = join(dataDir, `db.before-restore-${stamp}`);
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
      `Restoring ${file} failed, the previous database and files are back in place: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return hadCurrent ? aside : null;
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
