import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./connection.ts";
import { acquireDataDirLock, currentBootId, DataDirLockedError, processStartTicks } from "./lock.ts";

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "dt-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("refuses a second server on the same embedded data folder, with a clear message", async () => {
  const dir = fresh();
  const first = await openDatabase({ dataDir: dir });
  try {
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in process \d+/);
    await first.query("CREATE TABLE still_usable (x int)");
  } finally {
    await first.close();
  }
  const second = await openDatabase({ dataDir: dir });
  await second.close();
});

it("refuses a folder held by another living process", () => {
  const dir = fresh();
  // Process 1 (init) is always alive: a lock naming it is held by someone else.
  writeFileSync(join(dir, "server.lock"), "1");
  expect(() => acquireDataDirLock(dir)).toThrow(/process 1\b/);
});

it("takes over a lock left by a process that died", () => {
  const dir = fresh();
  writeFileSync(join(dir, "server.lock"), "999999999");
  const release = acquireDataDirLock(dir);
  release();
});

it("records its process's start time and boot with the process id", () => {
  const dir = fresh();
  const release = acquireDataDirLock(dir);
  try {
    const record = JSON.parse(readFileSync(join(dir, "server.lock"), "utf8"));
    expect(record.pid).toBe(process.pid);
    if (existsSync("/proc/self/stat")) {
      expect(record.start).toBe(processStartTicks(process.pid));
      expect(record.boot).toBe(currentBootId());
    }
  } finally {
    release();
  }
});

// After a reboot (or enough processes) the id in a lock left by a server that never stopped
// cleanly belongs to some other, living process: that must not keep the folder locked for good.
describe.runIf(existsSync("/proc/self/stat"))("a lock naming a living process that is not its holder", () => {
  let unrelated: ChildProcess;
  let pid: number;
  beforeAll(async () => {
    unrelated = spawn("sleep", ["600"], { stdio: "ignore" });
    pid = unrelated.pid as number;
    // Until /proc shows it as started.
    for (let wait = 0; wait < 50 && !processStartTicks(pid); wait++)
      await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => {
    unrelated.kill();
  });
  const lockWith = (dir: string, record: object) =>
    writeFileSync(join(dir, "server.lock"), JSON.stringify(record));

  it("takes over when the process started at another time than the holder did", () => {
    const dir = fresh();
    const start = processStartTicks(pid) as string;
    lockWith(dir, { pid, start: String(Number(start) + 1234), boot: currentBootId() });
    acquireDataDirLock(dir)();
  });

  it("takes over a lock of an earlier boot", () => {
    const dir = fresh();
    lockWith(dir, { pid, start: processStartTicks(pid), boot: "00000000-0000-4000-8000-000000000000" });
    acquireDataDirLock(dir)();
  });

  it("takes over a lock of an older version (a bare id) written before that process started", () => {
    const dir = fresh();
    const path = join(dir, "server.lock");
    writeFileSync(path, String(pid));
    const anHourAgo = new Date(Date.now() - 3600_000);
    utimesSync(path, anHourAgo, anHourAgo);
    acquireDataDirLock(dir)();
  });

  it("still refuses the folder when the process is the one that took the lock", () => {
    const dir = fresh();
    lockWith(dir, { pid, start: processStartTicks(pid), boot: currentBootId() });
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    // A bare id written after the process started: it may well be the holder.
    writeFileSync(join(dir, "server.lock"), String(pid));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`process ${pid}\\b`));
  });
});
