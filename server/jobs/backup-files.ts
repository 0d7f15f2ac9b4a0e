import { closeSync, fsyncSync, openSync, renameSync } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config.ts";

/** What a backup failure says to the operator: what went wrong and what to do. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackupError";
  }
}

export type BackupKind = "embedded" | "postgres";

export interface BackupInfo {
  file: string;
  kind: BackupKind;
  bytes: number;
  /** When it was taken, ISO 8601 in UTC. */
  at: string;
}

const EXTENSIONS: Record<BackupKind, string> = { embedded: ".tar.gz", postgres: ".pg.tar.gz" };
// dongthuan-YYYYMMDD-HHmmss[-n].tar.gz|.pg.tar.gz, the time being the province's (UTC+7, no
// DST); .dump is a PostgreSQL backup of an older version (the database alone), still listed and
// pruned.
const NAME =
  /^dongthuan-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?(\.pg\.tar\.gz|\.tar\.gz|\.dump)$/;
export const PARTIAL_PREFIX = ".partial-";
const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function backupsDir(config: Pick<Config, "dataDir">): string {
  return join(config.dataDir, "backups");
}

/** A file name an operator reads in local time: the 02:00 backup is named …-020000. */
export function backupName(kind: BackupKind, at: Date, sequence = 0): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  const stamp = `${local.slice(0, 10).replaceAll("-", "")}-${local.slice(11, 19).replaceAll(":", "")}`;
  return `dongthuan-${stamp}${sequence ? `-${sequence}` : ""}${EXTENSIONS[kind]}`;
}

function parseName(name: string): { at: Date; sequence: number; kind: BackupKind } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, sequence, extension] = match;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`);
  if (Number.isNaN(at.getTime())) return null;
  return { at, sequence: Number(sequence ?? 0), kind: extension === ".tar.gz" ? "embedded" : "postgres" };
}

/** The backups in `<dataDir>/backups`, newest first. Files not named like ours are ignored. */
export async function listBackups(config: Pick<Config, "dataDir">): Promise<BackupInfo[]> {
  const dir = backupsDir(config);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const found: (BackupInfo & { sequence: number })[] = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    try {
      const info = await stat(join(dir, name));
      if (!info.isFile()) continue;
      found.push({
        file: join(dir, name),
        kind: parsed.kind,
        bytes: info.size,
        at: parsed.at.toISOString(),
        sequence: parsed.sequence,
      });
    } catch {
      // Pruned by another process between readdir and stat.
    }
  }
  found.sort((a, b) => b.at.localeCompare(a.at) || b.sequence - a.sequence);
  return found.map(({ sequence: _, ...backup }) => backup);
}

/** The newest backup (time and size), or null: the home page shows it to administrators. */
export async function lastBackup(config: Pick<Config, "dataDir">): Promise<BackupInfo | null> {
  return (await listBackups(config))[0] ?? null;
}

/** Keeps the newest `keep` backups of a kind; also clears partial files a crash left behind. */
export async function pruneBackups(config: Pick<Config, "dataDir">, kind: BackupKind, keep: number) {
  const removed: string[] = [];
  const backups = (await listBackups(config)).filter((backup) => backup.kind === kind);
  for (const backup of backups.slice(Math.max(keep, 1))) {
    await rm(backup.file, { force: true });
    removed.push(backup.file);
  }
  const dir = backupsDir(config);
  for (const name of await readdir(dir)) {
    if (!name.startsWith(PARTIAL_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < Date.now() - 24 * 3600_000) await rm(path, { force: true });
  }
  return removed;
}

/** A free name for a new backup, and the partial name it is written under first. */
export async function newBackupPath(config: Pick<Config, "dataDir">, kind: BackupKind, at = new Date()) {
  const dir = backupsDir(config);
  // Backups hold personal data: only the server's user may read them.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const taken = new Set(await readdir(dir));
  let sequence = 0;
  while (taken.has(backupName(kind, at, sequence))) sequence++;
  const name = backupName(kind, at, sequence);
  return { file: join(dir, name), partial: join(dir, `${PARTIAL_PREFIX}${process.pid}-${name}`) };
}

function fsyncPath(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a finished partial file the backup: flushed to disk, then renamed, then the folder
 * flushed, so a crash leaves either no backup or a whole one, never a torn one.
 */
export function commitBackup(partial: string, file: string, dir: string) {
  fsyncPath(partial);
  renameSync(partial, file);
  fsyncPath(dir);
}
