import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite has no cross-process lock: a second process on the same folder silently loses
 * its writes. The server therefore holds a lock file naming its process id, and a second
 * server (in this process or another) refuses to open the folder.
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

const held = new Set<string>();

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "server.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
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
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && (held.has(path) || pid !== process.pid) && pidIsAlive(pid)) {
        throw new DataDirLockedError(dir, pid);
      }
      // A lock left by a process that died (or a recycled pid of ours we do not hold): stale.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
