import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../../../common/actors.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngine } from "../../test/engines.ts";
import { TEST_AUDIT_KEY } from "../../test/setup.ts";
import { ensureTenant } from "../orgs/service.ts";
import { readCheckpoints, writeCheckpoints } from "./checkpoints.ts";
import { auditKeyFrom, installAuditKey, parseAuditKey } from "./key.ts";
import {
  canonicalJson,
  type HashedFields,
  hashEntry,
  keysInUse,
  listAudit,
  recordAudit,
  verifyAudit,
} from "./service.ts";

const actor = { userId: null, name: "test" };

forEachEngine("audit trail", (getDatabase) => {
  let database: Database;
  let tenantId: string;

  beforeAll(async () => {
    database = getDatabase();
  });
  beforeEach(async () => {
    // A fresh tenant per test: each has its own chain.
    tenantId = (await ensureTenant(database.db, `audit-${crypto.randomUUID()}`, "Audit test")).id;
    for (let i = 1; i <= 5; i++) {
      await database.db.transaction((tx) =>
        recordAudit(tx, {
          tenantId,
          actor,
          action: "unit.update",
          entityType: "unit",
          entityId: `u${i}`,
          before: { name: `A${i}`, n: 1.5 },
          after: { name: `B${i}`, when: new Date(0) },
        }),
      );
    }
  });

  /** Tampering as someone with direct database access would: around the append-only trigger. */
  async function tamper(sql: string) {
    await database.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    try {
      await database.query(sql, [tenantId]);
    } finally {
      await database.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    }
  }

  it("chains every entry and verifies clean", async () => {
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result).toEqual({ ok: true, checked: 5, unkeyed: 0, checkpoints: 0, problems: [] });
  });

  it("refuses UPDATE and DELETE through SQL", async () => {
    await expect(
      database.query("UPDATE audit_log SET action = 'x' WHERE tenant_id = $1", [tenantId]),
    ).rejects.toThrow(/append-only/);
    await expect(database.query("DELETE FROM audit_log WHERE tenant_id = $1", [tenantId])).rejects.toThrow(
      /append-only/,
    );
  });

  it("names an edited row", async () => {
    await tamper(`UPDATE audit_log SET after = '{"name":"forged"}' WHERE tenant_id = $1 AND seq = 3`);
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: "edited" })]);
  });

  it("names a deleted row in the middle", async () => {
    await tamper("DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2");
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.problems.map((p) => [p.seq, p.kind])).toContainEqual([2, "missing"]);
    expect(result.problems[0].message).toMatch(/row 2 is missing/);
  });

  it("notices the newest rows cut from the end", async () => {
    await tamper("DELETE FROM audit_log WHERE tenant_id = $1 AND seq >= 4");
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.problems).toEqual([expect.objectContaining({ seq: 4, kind: "missing" })]);
    expect(result.problems[0].message).toMatch(/rows 4–5/);
  });

  it("notices a row rewritten with a recomputed hash, by the broken link after it", async () => {
    await tamper(`UPDATE audit_log SET hash = repeat('a', 64) WHERE tenant_id = $1 AND seq = 2`);
    const kinds = (await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY })).problems.map(
      (p) => `${p.seq}:${p.kind}`,
    );
    expect(kinds).toEqual(["2:edited", "3:broken-link"]);
  });

  /**
   * What someone with database access and the product's source, but not the key, can do: edit
   * rows and recompute every link after them with the only function they can compute.
   */
  async function rewriteChain(
    fromSeq: number,
    edit: (row: HashedFields) => HashedFields,
    keyId: string | null,
  ) {
    const rows = await database.query<Record<string, unknown>>(
      "SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY seq",
      [tenantId],
    );
    let prevHash = "0".repeat(64);
    await database.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    try {
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq < fromSeq) {
          prevHash = String(row.hash);
          continue;
        }
        const fields = edit({
          tenantId,
          seq,
          at: (row.at instanceof Date ? row.at : new Date(String(row.at))).toISOString(),
          actorUserId: (row.actor_user_id as string | null) ?? null,
          actorName: String(row.actor_name),
          action: String(row.action),
          entityType: String(row.entity_type),
          entityId: (row.entity_id as string | null) ?? null,
          before: row.before,
          after: row.after,
          prevHash,
        });
        const hash = hashEntry(fields, null);
        await database.query(
          "UPDATE audit_log SET after = $3::jsonb, prev_hash = $4, hash = $5, key_id = $6 WHERE tenant_id = $1 AND seq = $2",
          [tenantId, seq, JSON.stringify(fields.after), prevHash, hash, keyId],
        );
        prevHash = hash;
      }
      await database.query("UPDATE audit_head SET hash = $2 WHERE tenant_id = $1", [tenantId, prevHash]);
    } finally {
      await database.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    }
  }
  const forge = (row: HashedFields) => (row.seq === 3 ? { ...row, after: { name: "forged" } } : row);

  it("names a row edited with the whole chain recomputed by someone without the key", async () => {
    await rewriteChain(3, forge, TEST_AUDIT_KEY.id);
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.seq}:${p.kind}`)).toEqual(["3:edited", "4:edited", "5:edited"]);
  });

  it("names rows rewritten as if written before the key, after keyed ones", async () => {
    await rewriteChain(3, forge, null);
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.problems.map((p) => `${p.seq}:${p.kind}`)).toEqual(["3:unkeyed", "4:unkeyed", "5:unkeyed"]);
    expect(result.problems[0].message).toMatch(/rewritten without the key/);
  });

  describe("checkpoints outside the database", () => {
    let folder: string;
    let file: string;
    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), "dt-audit-"));
    });
    beforeEach(() => {
      file = join(folder, `${crypto.randomUUID()}.jsonl`);
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const verifyWith = async () => {
      const read = readCheckpoints(file, TEST_AUDIT_KEY);
      return verifyAudit(database.db, {
        tenantId,
        key: TEST_AUDIT_KEY,
        checkpoints: read.checkpoints,
        checkpointProblems: read.problems,
      });
    };

    it("writes one signed line per moved head, and none when nothing moved", async () => {
      const written = await writeCheckpoints(database.db, TEST_AUDIT_KEY, file);
      expect(written.find((point) => point.tenantId === tenantId)).toMatchObject({ seq: 5 });
      expect(await writeCheckpoints(database.db, TEST_AUDIT_KEY, file)).toEqual([]);
      expect(await verifyWith()).toMatchObject({ ok: true, checked: 5, checkpoints: 1 });
    });

    it("names a whole trail replaced by one written under no key", async () => {
      await writeCheckpoints(database.db, TEST_AUDIT_KEY, file);
      await rewriteChain(1, forge, null);
      const result = await verifyWith();
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => `${p.seq}:${p.kind}`)).toEqual(["5:checkpoint"]);
      expect(result.problems[0].message).toMatch(
        /checkpoint of .* anchored: the trail up to it was rewritten/,
      );
    });

    it("names the newest rows deleted together with the head", async () => {
      await writeCheckpoints(database.db, TEST_AUDIT_KEY, file);
      const [row3] = await database.query<{ hash: string }>(
        "SELECT hash FROM audit_log WHERE tenant_id = $1 AND seq = 3",
        [tenantId],
      );
      await tamper("DELETE FROM audit_log WHERE tenant_id = $1 AND seq >= 4");
      await database.query("UPDATE audit_head SET seq = 3, hash = $2 WHERE tenant_id = $1", [
        tenantId,
        row3.hash,
      ]);
      // The chain alone cannot tell this from a shorter trail …
      expect(await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY })).toMatchObject({ ok: true });
      // … the checkpoint can.
      const result = await verifyWith();
      expect(result.problems).toEqual([expect.objectContaining({ seq: 4, kind: "checkpoint" })]);
      expect(result.problems[0].message).toMatch(/rows 4–5 are missing: the checkpoint of .* anchored row 5/);
    });

    it("names a forged or edited checkpoint line", async () => {
      await writeCheckpoints(database.db, TEST_AUDIT_KEY, file);
      const line = readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((text) => JSON.parse(text))
        .find((point) => point.tenantId === tenantId);
      writeFileSync(file, `${JSON.stringify({ ...line, seq: 2 })}\nnot json\n`);
      const result = await verifyWith();
      expect(result.problems.map((p) => p.kind)).toEqual(["checkpoint-file", "checkpoint-file"]);
      expect(result.problems[0].message).toMatch(/line 1 does not carry a valid signature/);
      expect(result.problems[1].message).toMatch(/line 2 is not JSON/);
    });
  });

  it("names rows written under another key, and tells which keys the trail is under", async () => {
    const other = auditKeyFrom(Buffer.alloc(32, "another key"));
    installAuditKey(other);
    try {
      await database.db.transaction((tx) =>
        recordAudit(tx, { tenantId, actor, action: "x", entityType: "unit", entityId: "other" }),
      );
    } finally {
      installAuditKey(TEST_AUDIT_KEY);
    }
    const result = await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY });
    expect(result.problems).toEqual([expect.objectContaining({ seq: 6, kind: "other-key" })]);
    expect(await keysInUse(database.db)).toContain(other.id);
  });

  it("names an actor that is not a user in the reader's language, old glued names too, and stores the code", async () => {
    const userId = crypto.randomUUID();
    const actors = [
      systemActor("portal"),
      { userId: null, name: "hệ thống / system" },
      { userId, name: "Lê Văn Bình / Phòng A (lvb)" },
    ];
    for (const [i, who] of actors.entries()) {
      await database.db.transaction((tx) =>
        recordAudit(tx, { tenantId, actor: who, action: "x", entityType: "unit", entityId: `a${i}` }),
      );
    }
    const names = async (locale: "vi" | "en") =>
      (await listAudit(database.db, tenantId, { limit: 3 }, locale)).map((row) => row.actorName).reverse();
    expect(await names("vi")).toEqual([
      "Công dân (qua cổng thông tin)",
      "Hệ thống",
      "Lê Văn Bình / Phòng A (lvb)",
    ]);
    expect(await names("en")).toEqual([
      "A citizen (through the portal)",
      "The system",
      "Lê Văn Bình / Phòng A (lvb)",
    ]);
    const stored = await database.query<{ actor_name: string }>(
      "SELECT actor_name FROM audit_log WHERE tenant_id = $1 AND action = 'x' ORDER BY seq",
      [tenantId],
    );
    expect(stored.map((row) => row.actor_name)).toEqual([
      "portal",
      "hệ thống / system",
      "Lê Văn Bình / Phòng A (lvb)",
    ]);
    expect(await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY })).toMatchObject({
      ok: true,
      checked: 8,
    });
  });

  it("keeps the chain linear when many writers append at once", async () => {
    if (database.engine === "pglite") return; // one connection: nothing runs at once there
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction((tx) =>
          recordAudit(tx, { tenantId, actor, action: "x", entityType: "unit", entityId: `c${i}` }),
        ),
      ),
    );
    expect(await verifyAudit(database.db, { tenantId, key: TEST_AUDIT_KEY })).toMatchObject({
      ok: true,
      checked: 25,
    });
  });
});

it("an audit key is 32 bytes or more, in hex or base64, never cut or padded", () => {
  const hex = "ab".repeat(32);
  expect(parseAuditKey(hex, "AUDIT_KEY").secret).toEqual(Buffer.from(hex, "hex"));
  expect(parseAuditKey(Buffer.alloc(32, 7).toString("base64"), "f").secret).toEqual(Buffer.alloc(32, 7));
  expect(() => parseAuditKey("ab".repeat(16), "AUDIT_KEY")).toThrow(/32 bytes or more/);
  expect(() => parseAuditKey("not a key!", "AUDIT_KEY")).toThrow(/64 hex digits or base64/);
});

it("canonical JSON sorts keys at every level and drops undefined", () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null } })).toBe(
    '{"a":{"c":null,"d":[2,{"f":1}]},"b":1}',
  );
});
