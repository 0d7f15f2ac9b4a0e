import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/connection.ts";
import { forEachEngine, migratedPgliteDataDir } from "../test/engines.ts";
import { backupDatabase, lastBackup, listBackups, restoreDatabase } from "./backup.ts";
import { backupName, pruneBackups } from "./backup-files.ts";
import { dumpPostgres } from "./backup-postgres.ts";

async function unitName(database: Database, code: string): Promise<string | undefined> {
  const rows = await database.query<{ name: string }>("SELECT name FROM units WHERE code = $1", [code]);
  return rows[0]?.name;
}

async function addUnit(database: Database, code: string, name: string) {
  const [tenant] = await database.query<{ id: string }>(
    "INSERT INTO tenants (code, name) VALUES ($1, $2) RETURNING id",
    [`t-${code}`, "Tỉnh thử"],
  );
  await database.query("INSERT INTO units (tenant_id, code, name, type) VALUES ($1, $2, $3, 'department')", [
    tenant.id,
    code,
    name,
  ]);
}

describe("embedded backups", () => {
  let dataDir: string;
  let database: Database | null = null;
  const config = () => ({ dataDir, backupKeep: 7, databaseUrl: null });

  beforeAll(async () => {
    dataDir = await migratedPgliteDataDir();
    database = await openDatabase({ dataDir });
  });

  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("backs up, and a restore brings back the row as it was", async () => {
    await addUnit(database!, "SNV", "Sở Nội vụ");
    const backup = await backupDatabase(database!, config());
    expect(backup.file).toMatch(/backups\/dongthuan-\d{8}-\d{6}\.tar\.gz$/);
    expect(backup.bytes).toBeGreaterThan(100_000);
    expect(readdirSync(join(dataDir, "backups")).filter((name) => name.startsWith("."))).toEqual([]);

    await database!.query("UPDATE units SET name = 'Sở Nội vụ (đã sửa)' WHERE code = 'SNV'");
    await addUnit(database!, "STC", "Sở Tài chính");
    await database!.close();
    database = null;

    const result = await restoreDatabase(backup.file, config());
    expect(result.keptAside).toMatch(/db\.before-restore-\d{8}T\d{6}$/);
    // The replaced database is kept, not deleted.
    expect(existsSync(join(result.keptAside!, "PG_VERSION"))).toBe(true);

    database = await openDatabase({ dataDir });
    expect(await unitName(database, "SNV")).toBe("Sở Nội vụ");
    expect(await unitName(database, "STC")).toBeUndefined();
  });

  it("refuses to restore while the data folder is open", async () => {
    const backups = await listBackups(config());
    expect(backups.length).toBeGreaterThan(0);
    await expect(restoreDatabase(backups[0].file, config())).rejects.toThrow(
      /Cannot restore while the server is running: process \d+ has .* open/,
    );
    expect(await unitName(database!, "SNV")).toBe("Sở Nội vụ");
  });

  it("refuses an empty, damaged or foreign backup and leaves the database as it was", async () => {
    await database!.query("UPDATE units SET name = 'Sở Nội vụ tỉnh' WHERE code = 'SNV'");
    await database!.close();
    database = null;
    const good = (await listBackups(config()))[0];
    const bad = join(dataDir, "bad");
    mkdirSync(bad, { recursive: true });
    const cases: [string, Buffer | string, RegExp][] = [
      ["empty.tar.gz", Buffer.alloc(0), /the file is empty/],
      ["plain.tar.gz", "not compressed at all", /not gzip-compressed/],
      [
        "cut.tar.gz",
        (await import("node:fs")).readFileSync(good.file).subarray(0, 4000),
        /damaged or cut short/,
      ],
      ["other.tar.gz", gzipSync(Buffer.from("hello, this is no tar archive")), /archive is cut short/],
    ];
    for (const [name, content, why] of cases) {
      writeFileSync(join(bad, name), content);
      await expect(restoreDatabase(join(bad, name), config())).rejects.toThrow(why);
    }
    await expect(restoreDatabase(join(bad, "missing.tar.gz"), config())).rejects.toThrow(/no such file/);
    // Nothing was moved: only the aside folder of the first restore exists, and no staging folder.
    expect(readdirSync(dataDir).filter((name) => name.startsWith("db")).length).toBe(2);

    database = await openDatabase({ dataDir });
    expect(await unitName(database, "SNV")).toBe("Sở Nội vụ tỉnh");
  });

  it("refuses a PostgreSQL data folder that is not ours", async () => {
    const other = await openDatabase({ dataDir: null });
    const foreignDir = mkdtempSync(join(tmpdir(), "dongthuan-foreign-"));
    try {
      const foreign = await backupDatabase(other, { dataDir: foreignDir, backupKeep: 1 });
      await database!.close();
      database = null;
      await expect(restoreDatabase(foreign.file, config())).rejects.toThrow(/not a Đồng Thuận one/);
      database = await openDatabase({ dataDir });
      expect(await unitName(database, "SNV")).toBe("Sở Nội vụ tỉnh");
    } finally {
      await other.close();
      rmSync(foreignDir, { recursive: true, force: true });
    }
  });

  it("restores an older version's backup, the data folder alone, and leaves the files", async () => {
    const legacy = join(dataDir, "legacy.tar.gz");
    writeFileSync(legacy, new Uint8Array(await (await database!.pglite!.dumpDataDir("gzip")).arrayBuffer()));
    mkdirSync(join(dataDir, "uploads", "evidence"), { recursive: true });
    writeFileSync(join(dataDir, "uploads", "evidence", "kept"), "a file the backup does not know");
    await database!.query("UPDATE units SET name = 'Sở Nội vụ (sau)' WHERE code = 'SNV'");
    await database!.close();
    database = null;

    const result = await restoreDatabase(legacy, config());
    expect(result).toMatchObject({ manifest: null, files: 0, filesKeptAside: null });
    expect(existsSync(join(dataDir, "uploads", "evidence", "kept"))).toBe(true);
    database = await openDatabase({ dataDir });
    expect(await unitName(database, "SNV")).toBe("Sở Nội vụ tỉnh");
  });

  it("keeps the newest backups only, and reports the last one", async () => {
    const keepDir = mkdtempSync(join(tmpdir(), "dongthuan-prune-"));
    try {
      const dir = join(keepDir, "backups");
      mkdirSync(dir);
      const base = Date.UTC(2026, 10, 1, 19, 0, 0); // 02:00 on 2 November in Hà Nội
      for (let day = 0; day < 5; day++)
        writeFileSync(join(dir, backupName("embedded", new Date(base + day * 86400_000))), "x");
      writeFileSync(join(dir, backupName("postgres", new Date(base))), "pg");
      // A PostgreSQL backup of an older version, the dump alone: listed and pruned as such.
      writeFileSync(join(dir, "dongthuan-20261101-020000.dump"), "old");
      writeFileSync(join(dir, "notes.txt"), "not a backup");
      writeFileSync(join(dir, ".partial-1-old.tar.gz"), "left by a crash");
      utimesSync(join(dir, ".partial-1-old.tar.gz"), new Date(base), new Date(base));

      expect(backupName("embedded", new Date(base))).toBe("dongthuan-20261102-020000.tar.gz");
      const removed = await pruneBackups({ dataDir: keepDir }, "embedded", 3);
      expect(removed.map((file) => file.split("/").pop())).toEqual([
        "dongthuan-20261103-020000.tar.gz",
        "dongthuan-20261102-020000.tar.gz",
      ]);
      expect(readdirSync(dir).sort()).toEqual([
        "dongthuan-20261101-020000.dump",
        "dongthuan-20261102-020000.pg.tar.gz",
        "dongthuan-20261104-020000.tar.gz",
        "dongthuan-20261105-020000.tar.gz",
        "dongthuan-20261106-020000.tar.gz",
        "notes.txt",
      ]);
      expect(await lastBackup({ dataDir: keepDir })).toEqual({
        file: join(dir, "dongthuan-20261106-020000.tar.gz"),
        kind: "embedded",
        bytes: 1,
        at: "2026-11-05T19:00:00.000Z",
      });
      expect(await lastBackup({ dataDir: join(keepDir, "nothing-here") })).toBeNull();
    } finally {
      rmSync(keepDir, { recursive: true, force: true });
    }
  });

  it("prunes as it backs up, and two backups in one second get distinct names", async () => {
    const keep = { dataDir, backupKeep: 2 };
    const first = await backupDatabase(database!, keep);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const second = await backupDatabase(database!, keep);
    const third = await backupDatabase(database!, keep);
    expect(new Set([first.file, second.file, third.file]).size).toBe(3);
    const left = (await listBackups(keep)).map((backup) => backup.file);
    expect(left).toEqual([third.file, second.file]);
  });
});

forEachEngine(
  "PostgreSQL backups",
  (getDatabase) => {
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), "dongthuan-pgbackup-"));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("dumps with pg_dump and restores with pg_restore", async () => {
      const database = getDatabase();
      const databaseUrl = database.pool!.options.connectionString!;
      await addUnit(database, "SYT", "Sở Y tế");
      const backup = await backupDatabase(database, { dataDir, backupKeep: 3 });
      expect(backup.file).toMatch(/dongthuan-\d{8}-\d{6}\.pg\.tar\.gz$/);
      // A dump holds personal data: only the server's user may read it, whatever the umask.
      expect(statSync(backup.file).mode & 0o777).toBe(0o600);
      await database.query("UPDATE units SET name = 'Sở Y tế (đã sửa)' WHERE code = 'SYT'");

      const result = await restoreDatabase(backup.file, { dataDir, databaseUrl });
      expect(result.keptAside).toBeNull();
      expect(await unitName(database, "SYT")).toBe("Sở Y tế");
    });

    it("refuses a file that is not a backup, and restores a bare dump of an older version", async () => {
      const database = getDatabase();
      const databaseUrl = database.pool!.options.connectionString!;
      writeFileSync(join(dataDir, "empty.pg.tar.gz"), "");
      await expect(
        restoreDatabase(join(dataDir, "empty.pg.tar.gz"), { dataDir, databaseUrl }),
      ).rejects.toThrow(/not a usable backup: the file is empty/);
      expect(await unitName(database, "SYT")).toBe("Sở Y tế");

      // Before backups held the stored files, a PostgreSQL backup was pg_dump's file alone.
      const old = join(dataDir, "dongthuan-20261101-020000.dump");
      await dumpPostgres(databaseUrl, old);
      await database.query("UPDATE units SET name = 'Sở Y tế (sau)' WHERE code = 'SYT'");
      await expect(
        restoreDatabase(old, { dataDir: join(dataDir, "embedded"), databaseUrl: null }),
      ).rejects.toThrow(/a backup of a PostgreSQL server from an older version.*Nothing was changed/);
      const result = await restoreDatabase(old, { dataDir, databaseUrl });
      expect(result).toMatchObject({ manifest: null, files: 0 });
      expect(await unitName(database, "SYT")).toBe("Sở Y tế");
    });
  },
  { engines: ["postgres"] },
);
