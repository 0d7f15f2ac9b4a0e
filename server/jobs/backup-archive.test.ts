import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStorageSettings } from "../config-sections.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { storageFromEnvironment } from "../lib/storage.ts";
import { readCheckpoints, writeCheckpoints } from "../modules/audit/checkpoints.ts";
import { recordAudit, verifyAudit } from "../modules/audit/service.ts";
import { forEachEngine, migratedPgliteDataDir } from "../test/engines.ts";
import { TEST_AUDIT_KEY } from "../test/setup.ts";
import { backupDatabase, restoreDatabase } from "./backup.ts";
import { backupName } from "./backup-files.ts";

// Round trips of the whole backup — database rows and stored files — on each engine, from a
// folder and from S3, and the archives a restore must refuse without touching anything.

/** Rows per table, in every schema the application owns (public, pg-boss's). */
async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
       FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
    counts[name] = row.n;
  }
  return counts;
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
  // And its record in the audit trail, so that the trail and its checkpoints take part.
  await database.db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: tenant.id,
      actor: { userId: null, name: "test" },
      action: "unit.create",
      entityType: "unit",
      entityId: code,
    }),
  );
}

/** Each stored file's sha256, by key. */
async function fileChecksums(env: NodeJS.ProcessEnv, dataDir: string): Promise<Record<string, string>> {
  const storage = storageFromEnvironment(dataDir, env);
  const sums: Record<string, string> = {};
  for (const key of await storage.listKeys()) {
    const object = await storage.getObject(key);
    sums[key] = `${createHash("sha256").update(object!.body).digest("hex")} ${object!.contentType}`;
  }
  return sums;
}

// A key longer than a tar header's name field holds (ustar splits it at a slash), and one longer
// than ustar's prefix and name together (a pax header carries it).
const LONG_KEY = `evidence/t1/${"a".repeat(90)}/${"c".repeat(90)}`;
const LONGER_KEY = `evidence/t1/${Array.from({ length: 4 }, (_, i) => String(i).repeat(70)).join("/")}`;

async function storeFiles(env: NodeJS.ProcessEnv, dataDir: string) {
  const storage = storageFromEnvironment(dataDir, env);
  await storage.putObject(
    "evidence/t1/bien-ban.pdf",
    Buffer.from("%PDF-1.7 biên bản họp"),
    "application/pdf",
  );
  await storage.putObject(
    "petitions/t1/anh.bin",
    Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)),
    "image/jpeg",
  );
  await storage.putObject("reports/t1/ban-ky.png", Buffer.alloc(0), "image/png");
  await storage.putObject(LONG_KEY, Buffer.from("long"), "text/plain");
  await storage.putObject(LONGER_KEY, Buffer.from("longer"), "text/plain");
}

/** Changes every kind of thing a restore must undo: rows edited and added, files changed, gone, new. */
async function alter(database: Database, env: NodeJS.ProcessEnv, dataDir: string) {
  await database.query("UPDATE units SET name = name || ' (đã sửa)'");
  await addUnit(database, `NEW${Math.random().toString(36).slice(2, 6)}`, "Đơn vị mới");
  const storage = storageFromEnvironment(dataDir, env);
  await storage.putObject("evidence/t1/bien-ban.pdf", Buffer.from("changed"), "application/pdf");
  await storage.deleteObject("petitions/t1/anh.bin");
  await storage.putObject("evidence/t1/moi.pdf", Buffer.from("new since the backup"), "application/pdf");
}

/** The archive with one entry's body changed by a byte, gzipped again (so gzip's own check passes). */
function tamper(file: string, entry: string, out: string) {
  const tar = gunzipSync(readFileSync(file));
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar.toString("utf8", offset, offset + 100).replace(/\0.*$/s, "");
    const size = Number.parseInt(tar.toString("latin1", offset + 124, offset + 136).trim() || "0", 8);
    if (name === entry) {
      tar[offset + 512 + Math.floor(size / 2)] ^= 0xff;
      writeFileSync(out, gzipSync(tar, { level: 1 }));
      return;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${entry}`);
}

describe("embedded backup with the uploads folder", () => {
  const env: NodeJS.ProcessEnv = {};
  let dataDir: string;
  let database: Database | null = null;
  let backupFile: string;
  let rowsBefore: Record<string, number>;
  let filesBefore: Record<string, string>;
  const config = () => ({
    dataDir,
    backupKeep: 3,
    databaseUrl: null,
    storage: parseStorageSettings(env, dataDir),
    auditCheckpointFile: join(dataDir, "audit-checkpoints.jsonl"),
  });
  const verifyTrail = async (db: Database, checkpointFile: string) => {
    const read = readCheckpoints(checkpointFile, TEST_AUDIT_KEY);
    return verifyAudit(db.db, {
      key: TEST_AUDIT_KEY,
      checkpoints: read.checkpoints,
      checkpointProblems: read.problems,
    });
  };

  beforeAll(async () => {
    dataDir = await migratedPgliteDataDir();
    database = await openDatabase({ dataDir });
    await addUnit(database, "SNV", "Sở Nội vụ");
    await addUnit(database, "STC", "Sở Tài chính");
    await storeFiles(env, dataDir);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("backs up the database and every stored file, and a restore brings both back", async () => {
    rowsBefore = await rowCounts(database!);
    filesBefore = await fileChecksums(env, dataDir);
    expect(Object.keys(filesBefore)).toHaveLength(5);

    const backup = await backupDatabase(database!, config());
    backupFile = backup.file;
    expect(backup.file).toMatch(new RegExp(`^${dataDir}/backups/dongthuan-\\d{8}-\\d{6}\\.tar\\.gz$`));
    expect(statSync(backup.file).mode & 0o777).toBe(0o600);
    expect(backup.files).toBe(5);

    await alter(database!, env, dataDir);
    expect(await rowCounts(database!)).not.toEqual(rowsBefore);
    // The server anchors the newer trail, which the restore then takes back.
    await writeCheckpoints(database!.db, TEST_AUDIT_KEY, config().auditCheckpointFile);
    await database!.close();
    database = null;

    const result = await restoreDatabase(backup.file, config());
    expect(result.files).toBe(5);
    expect(result.manifest!).toMatchObject({
      format: "dongthuan-backup",
      version: 1,
      engine: "pglite",
      storage: "folder",
      database: { name: "database.tar" },
    });
    // The manifest's time is the one the file is named after (Hà Nội's local time).
    expect(backupName("embedded", new Date(result.manifest!.createdAt))).toBe(basename(backup.file));
    expect(result.manifest!.files.find((file) => file.key === "evidence/t1/bien-ban.pdf")).toEqual({
      key: "evidence/t1/bien-ban.pdf",
      size: Buffer.byteLength("%PDF-1.7 biên bản họp"),
      sha256: createHash("sha256").update("%PDF-1.7 biên bản họp").digest("hex"),
      contentType: "application/pdf",
    });
    // What was replaced is kept aside: the database and the uploads folder with the newer file.
    expect(existsSync(join(result.keptAside!, "PG_VERSION"))).toBe(true);
    expect(existsSync(join(result.filesKeptAside!, "evidence", "t1", "moi.pdf"))).toBe(true);
    expect(statSync(join(dataDir, "uploads")).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "uploads", "evidence", "t1", "bien-ban.pdf")).mode & 0o777).toBe(0o600);

    expect(await fileChecksums(env, dataDir)).toEqual(filesBefore);
    database = await openDatabase({ dataDir });
    expect(await rowCounts(database)).toEqual(rowsBefore);
    // The checkpoints that match the restored trail came back with it; the newer file, which
    // anchors rows the restore took back, is kept aside (and says so when checked against it).
    expect(result.manifest!.auditCheckpoints).toMatchObject({ name: "audit-checkpoints.jsonl" });
    expect(await verifyTrail(database, config().auditCheckpointFile)).toMatchObject({
      ok: true,
      checkpoints: 2,
    });
    const newer = await verifyTrail(database, result.checkpointsKeptAside!);
    expect(newer.problems.map((problem) => problem.kind)).toEqual(["checkpoint"]);
    // No staging folder is left behind.
    expect(readdirSync(dataDir).filter((name) => /restoring|^\.restore/.test(name))).toEqual([]);
  });

  it("refuses a cut, tampered or other engine's archive, and changes nothing", async () => {
    await database!.query("UPDATE units SET name = 'Sở Nội vụ tỉnh' WHERE code = 'SNV'");
    const rows = await rowCounts(database!);
    await database!.close();
    database = null;
    const listing = readdirSync(dataDir).sort();

    const bad = mkdtempSync(join(tmpdir(), "dongthuan-archive-bad-"));
    try {
      const whole = readFileSync(backupFile);
      const cases: [string, RegExp][] = [];
      writeFileSync(join(bad, "cut.tar.gz"), whole.subarray(0, Math.floor(whole.length / 2)));
      cases.push(["cut.tar.gz", /damaged or cut short/]);
      tamper(backupFile, "files/petitions/t1/anh.bin", join(bad, "file.tar.gz"));
      cases.push([
        "file.tar.gz",
        /checksum of the stored file petitions\/t1\/anh.bin does not match the manifest.*Nothing was changed/,
      ]);
      tamper(backupFile, "database.tar", join(bad, "db.tar.gz"));
      cases.push(["db.tar.gz", /checksum of the database part does not match/]);
      writeFileSync(join(bad, "foreign.tar.gz"), gzipSync(Buffer.from("no tar archive at all")));
      cases.push(["foreign.tar.gz", /cut short/]);
      for (const [name, why] of cases) {
        await expect(restoreDatabase(join(bad, name), config()), name).rejects.toThrow(why);
      }
      // This archive into a PostgreSQL installation: refused before any connection is tried.
      await expect(
        restoreDatabase(backupFile, {
          dataDir,
          databaseUrl: "postgres://nobody@127.0.0.1:1/none",
          storage: parseStorageSettings(env, dataDir),
        }),
      ).rejects.toThrow(
        /is a backup of the embedded database \(PGlite\), but this installation uses a PostgreSQL server/,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }

    expect(readdirSync(dataDir).sort()).toEqual(listing);
    expect(await fileChecksums(env, dataDir)).toEqual(filesBefore);
    database = await openDatabase({ dataDir });
    expect(await rowCounts(database)).toEqual(rows);
    const [unit] = await database.query<{ name: string }>("SELECT name FROM units WHERE code = 'SNV'");
    expect(unit.name).toBe("Sở Nội vụ tỉnh");
  });

  it("writes to the file --out names, never over an existing one, and prunes nothing", async () => {
    const out = join(dataDir, "elsewhere", "ban-sao.tar.gz");
    const result = await backupDatabase(
      database!,
      { dataDir, backupKeep: 1, storage: parseStorageSettings(env, dataDir) },
      { out },
    );
    expect(result.file).toBe(out);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, "backups"))).toEqual([basename(backupFile)]);
    await expect(
      backupDatabase(
        database!,
        { dataDir, backupKeep: 1, storage: parseStorageSettings(env, dataDir) },
        { out },
      ),
    ).rejects.toThrow(/already exists/);
  });
});

// A real S3-protocol server, as in server/lib/s3.test.ts.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)("s3rver") as new (
  options: Record<string, unknown>,
) => S3rverServer;

forEachEngine(
  "PostgreSQL backup",
  (getDatabase) => {
    let dataDir: string;
    let s3Dir: string;
    let server: S3rverServer;
    let s3Env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "dongthuan-pgarchive-"));
      s3Dir = mkdtempSync(join(tmpdir(), "dongthuan-pgarchive-s3-"));
      server = new S3rver({
        address: "127.0.0.1",
        port: 0,
        silent: true,
        directory: s3Dir,
        configureBuckets: [{ name: "dongthuan" }],
      });
      const { port } = await server.run();
      s3Env = {
        UPLOAD_STORAGE: "s3",
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: "dongthuan",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_PREFIX: "tinh/uploads",
      };
      await addUnit(getDatabase(), "SYT", "Sở Y tế");
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(s3Dir, { recursive: true, force: true });
    });

    it("backs up the database and the S3 bucket, and a restore brings both back", async () => {
      const database = getDatabase();
      const databaseUrl = database.pool!.options.connectionString!;
      // An object outside the prefix is not ours and stays out of the backup.
      await storageFromEnvironment(dataDir, { ...s3Env, S3_PREFIX: "" }).putObject(
        "khac/x",
        Buffer.from("x"),
        "text/plain",
      );
      await storeFiles(s3Env, dataDir);
      const rows = await rowCounts(database);
      const files = await fileChecksums(s3Env, dataDir);
      expect(Object.keys(files)).toHaveLength(5);

      const backup = await backupDatabase(database, {
        dataDir,
        backupKeep: 3,
        storage: parseStorageSettings(s3Env, dataDir),
      });
      expect(backup.file).toMatch(/dongthuan-\d{8}-\d{6}\.pg\.tar\.gz$/);
      expect(statSync(backup.file).mode & 0o777).toBe(0o600);
      expect(backup.files).toBe(5);
      // The dump written on the way is gone.
      expect(readdirSync(join(dataDir, "backups")).filter((name) => name.startsWith("."))).toEqual([]);

      await alter(database, s3Env, dataDir);
      const result = await restoreDatabase(backup.file, {
        dataDir,
        databaseUrl,
        storage: parseStorageSettings(s3Env, dataDir),
      });
      expect(result).toMatchObject({ keptAside: null, filesKeptAside: null, files: 5, storage: "s3" });
      expect(result.manifest!.engine).toBe("postgres");
      expect(await rowCounts(database)).toEqual(rows);
      // Every file of the backup is back as it was; one added since stays (S3 keeps what it has).
      const after = await fileChecksums(s3Env, dataDir);
      expect(after).toEqual({ ...files, "evidence/t1/moi.pdf": expect.any(String) });

      // The other engine's installation refuses this archive, with nothing made or moved.
      const embeddedDir = mkdtempSync(join(tmpdir(), "dongthuan-pgarchive-other-"));
      try {
        await expect(
          restoreDatabase(backup.file, { dataDir: embeddedDir, databaseUrl: null }),
        ).rejects.toThrow(
          /is a backup of a PostgreSQL server, but this installation uses the embedded database/,
        );
        expect(readdirSync(embeddedDir)).toEqual([]);
      } finally {
        rmSync(embeddedDir, { recursive: true, force: true });
      }
    });

    it("round-trips the uploads folder too", async () => {
      const database = getDatabase();
      const databaseUrl = database.pool!.options.connectionString!;
      const env = {};
      await storeFiles(env, dataDir);
      const rows = await rowCounts(database);
      const files = await fileChecksums(env, dataDir);
      const backup = await backupDatabase(database, {
        dataDir,
        backupKeep: 3,
        storage: parseStorageSettings(env, dataDir),
      });
      await alter(database, env, dataDir);
      const result = await restoreDatabase(backup.file, {
        dataDir,
        databaseUrl,
        storage: parseStorageSettings(env, dataDir),
      });
      expect(result.filesKeptAside).toMatch(/uploads\.before-restore-/);
      expect(await rowCounts(database)).toEqual(rows);
      expect(await fileChecksums(env, dataDir)).toEqual(files);
    });
  },
  { engines: ["postgres"] },
);
