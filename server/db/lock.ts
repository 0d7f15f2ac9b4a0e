import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite has no cross-process lock: a second process on the same folder silently loses
 * its writes. The server therefore holds a lock file naming its process, and a second
 * server (in this process or another) refuses to open the folder.
 *
 * A process id alone is not a name: after a reboot (or enough processes) the id in a lock left by
 * a server that never stopped cleanly belongs to some unrelated process, and the folder would stay
 * locked for good. So the lock also records the boot it was taken in
 * (/proc/sys/kernel/random/boot_id) and the process's start time (field 22 of /proc/<pid>/stat,
 * in clock ticks since boot); a lock whose process id is alive but whose boot or start time differ
 * is stale. An older lock holding only the id is stale when that process started after the lock
 * was written. Where /proc is missing (not Linux), a living process id is taken as the holder.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is already open in process ${pid}. ` +
        "Only one server may use an embedded data folder: stop the other one, " +
        "or run several servers on a PostgreSQL server (DATABASE_URL).",
    );
    this.name = "DataDirLockedError";
  }
}

export interface LockRecord {
  pid: number;
  /** The holder's start time, in clock ticks after boot; absent in a lock of an older version. */
  start?: string;
  /** The boot the lock was taken in; absent in a lock of an older version or off Linux. */
  boot?: string;
}

const held = new Set<string>();

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

export function currentBootId(): string | null {
  return readText("/proc/sys/kernel/random/boot_id")?.trim() || null;
}

/** A process's start time in clock ticks after boot (field 22 of /proc/<pid>/stat), or null. */
export function processStartTicks(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Field 2 is the command in parentheses and may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = fields[22 - 3];
  return start && /^\d+$/.test(start) ? start : null;
}

/** When a process started, in ms since the epoch: boot time plus its start ticks (USER_HZ is 100). */
function processStartMs(pid: number): number | null {
  const ticks = processStartTicks(pid);
  const btime = /^btime (\d+)$/m.exec(readText("/proc/stat") ?? "")?.[1];
  if (!ticks || !btime) return null;
  return Number(btime) * 1000 + Number(ticks) * 10;
}

/** The lock's content: one line of JSON, or a bare process id as older versions wrote it. */
export function parseLock(content: string): LockRecord | null {
  const text = content.trim();
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(record.pid) || (record.pid as number) <= 0) return null;
    return {
      pid: record.pid as number,
      ...(typeof record.start === "string" ? { start: record.start } : {}),
      ...(typeof record.boot === "string" ? { boot: record.boot } : {}),
    };
  } catch {
    return null;
  }
}

function ownRecord(): LockRecord {
  const start = processStartTicks(process.pid);
  const boot = currentBootId();
  return { pid: process.pid, ...(start ? { start } : {}), ...(boot ? { boot } : {}) };
}

/**
 * Whether the process a lock names is still the one that took it: alive, in the same boot, and
 * started when the lock says (or, for a lock of an older version, before the lock was written).
 */
export function lockHolderAlive(record: LockRecord, writtenAtMs?: number): boolean {
  if (!pidIsAlive(record.pid)) return false;
  const boot = currentBootId();
  if (record.boot && boot && record.boot !== boot) return false;
  const start = processStartTicks(record.pid);
  if (record.start) return !start || start === record.start;
  const startedAt = processStartMs(record.pid);
  // A second's leeway for the rounding of boot time and ticks.
  if (writtenAtMs !== undefined && startedAt !== null && startedAt > writtenAtMs + 1000) return false;
  return true;
}

/** The living process holding a lock file, or null when there is none or it is stale. */
export function lockFileHolder(path: string): number | null {
  const content = readText(path);
  if (content === null) return null;
  const record = parseLock(content);
  if (!record) return null;
  let writtenAt: number | undefined;
  try {
    writtenAt = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  return lockHolderAlive(record, writtenAt) ? record.pid : null;
}

export function acquireDataDirLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "server.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${JSON.stringify(ownRecord())}\n`);
      closeSync(fd);
      held.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockFileHolder(path);
      if (holder !== null && (held.has(path) || holder !== process.pid)) {
        throw new DataDirLockedError(dir, holder);
      }
      // A lock left by a process that died, of an earlier boot, naming a process id now used by
      // an unrelated process, or a recycled id of ours we do not hold: stale.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
