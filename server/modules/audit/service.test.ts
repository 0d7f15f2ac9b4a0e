import { beforeAll, beforeEach, expect, it } from "vitest";
import { systemActor } from "../../../common/actors.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngine } from "../../test/engines.ts";
import { ensureTenant } from "../orgs/service.ts";
import { canonicalJson, listAudit, recordAudit, verifyAudit } from "./service.ts";

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
    const result = await verifyAudit(database.db, tenantId);
    expect(result).toEqual({ ok: true, checked: 5, problems: [] });
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
    const result = await verifyAudit(database.db, tenantId);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: "edited" })]);
  });

  it("names a deleted row in the middle", async () => {
    await tamper("DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2");
    const result = await verifyAudit(database.db, tenantId);
    expect(result.problems.map((p) => [p.seq, p.kind])).toContainEqual([2, "missing"]);
    expect(result.problems[0].message).toMatch(/row 2 is missing/);
  });

  it("notices the newest rows cut from the end", async () => {
    await tamper("DELETE FROM audit_log WHERE tenant_id = $1 AND seq >= 4");
    const result = await verifyAudit(database.db, tenantId);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 4, kind: "missing" })]);
    expect(result.problems[0].message).toMatch(/rows 4–5/);
  });

  it("notices a row rewritten with a recomputed hash, by the broken link after it", async () => {
    await tamper(`UPDATE audit_log SET hash = repeat('a', 64) WHERE tenant_id = $1 AND seq = 2`);
    const kinds = (await verifyAudit(database.db, tenantId)).problems.map((p) => `${p.seq}:${p.kind}`);
    expect(kinds).toEqual(["2:edited", "3:broken-link"]);
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
    expect(await verifyAudit(database.db, tenantId)).toMatchObject({ ok: true, checked: 8 });
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
    expect(await verifyAudit(database.db, tenantId)).toMatchObject({ ok: true, checked: 25 });
  });
});

it("canonical JSON sorts keys at every level and drops undefined", () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null } })).toBe(
    '{"a":{"c":null,"d":[2,{"f":1}]},"b":1}',
  );
});
