import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";

installModules();

type Summary = {
  id: string;
  username: string;
  version: number;
  grants: { role: string; unitId: string; unitName: string }[];
  closedUnits: {
    unitId: string;
    unitName: string;
    closedOn: string;
    successors: { id: string; name: string }[];
  }[];
};

forEachEngineWithDemo(
  "accounts on closed units: the home page, the list and the move to a successor",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let admin: Client;
    let adminEn: Client;

    beforeAll(async () => {
      // A day well after the 2025 restructuring closed the districts.
      setClock("2026-03-02T02:00:00Z");
      database = getDatabase();
      ({ app } = await createTestApp(database));
      admin = await signIn(app, "admin");
      adminEn = await signIn(app, "admin", "en");
    }, 300_000);
    afterAll(async () => {
      await app.close();
      resetClock();
    });

    const closedList = async () => {
      const response = await admin.get("/api/users?closed=true");
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as Summary[];
    };
    const grantsOf = async (userId: string) =>
      (
        await database.query<{ role: string; unit_id: string }>(
          "SELECT role, unit_id::text FROM role_grants WHERE user_id = $1 ORDER BY role, unit_id",
          [userId],
        )
      ).map((g) => `${g.role}@${g.unit_id}`);
    const unitByName = async (condition: string) =>
      (
        await database.query<{ id: string; name: string }>(
          `SELECT id::text, name FROM units WHERE ${condition} LIMIT 1`,
        )
      )[0];

    it("lists every account on a closed unit, with the unit and its successors, and no other", async () => {
      const items = await closedList();
      const names = items.map((u) => u.username);
      expect(names).toContain("canbo.huyen");
      expect(names).toContain("lanhdao.huyen");
      expect(names).not.toContain("dieuphoi");
      expect(names).not.toContain("canbo.so");
      for (const user of items) expect(user.closedUnits.length).toBeGreaterThan(0);
      const officer = items.find((u) => u.username === "canbo.huyen")!;
      const [closed] = officer.closedUnits;
      expect(closed.closedOn < "2026-03-02").toBe(true);
      expect(closed.successors.length).toBeGreaterThan(0);
      // Every successor offered is in force today.
      for (const s of closed.successors) {
        const [row] = await database.query<{ valid_to: string | null }>(
          "SELECT valid_to::text FROM units WHERE id = $1",
          [s.id],
        );
        expect(row.valid_to === null || row.valid_to >= "2026-03-02").toBe(true);
      }
      // The whole list carries the same information, unfiltered.
      const all = (await admin.get("/api/users")).json().items as Summary[];
      expect(all.find((u) => u.username === "dieuphoi")!.closedUnits).toEqual([]);
      expect(all.find((u) => u.username === "canbo.huyen")!.closedUnits).toEqual(officer.closedUnits);
      for (const bad of ["closed=yes", "closed=", "closed=true&unit=1"]) {
        const response = await admin.get(`/api/users?${bad}`);
        expect(response.statusCode, bad).toBe(400);
        expect(response.json().error.message, bad).toBeTruthy();
      }
    });

    it("tells the officer of a closed unit on the home page, naming the successors and what to do", async () => {
      const officer = await signIn(app, "canbo.huyen");
      const home = (await officer.get("/api/home")).json() as {
        sections: { key: string; items: { title: string; subtitle: string | null; tone: string }[] }[];
      };
      const section = home.sections.find((s) => s.key === "closed-unit");
      expect(section).toBeDefined();
      expect(home.sections[0].key).toBe("closed-unit");
      const closed = (await closedList()).find((u) => u.username === "canbo.huyen")!.closedUnits[0];
      const [first] = section!.items;
      expect(first.title).toContain(closed.unitName);
      expect(first.title).toContain("đã chấm dứt hoạt động");
      expect(first.tone).toBe("danger");
      expect(first.subtitle).toContain("quản trị hệ thống");
      for (const s of closed.successors) expect(first.subtitle).toContain(s.name);
      const titles = section!.items.map((i) => i.title);
      for (const s of closed.successors) expect(titles).toContain(s.name);

      const officerEn = await signIn(app, "canbo.huyen", "en");
      const en = (await officerEn.get("/api/home")).json() as {
        sections: { key: string; items: { title: string }[] }[];
      };
      expect(en.sections.find((s) => s.key === "closed-unit")!.items[0].title).toContain("was abolished on");

      const coordinator = await signIn(app, "dieuphoi");
      const other = (await coordinator.get("/api/home")).json() as { sections: { key: string }[] };
      expect(other.sections.map((s) => s.key)).not.toContain("closed-unit");
    });

    it("refuses a bad move with a clear message and changes nothing", async () => {
      const user = (await closedList()).find((u) => u.username === "lanhdao.huyen")!;
      const from = user.closedUnits[0];
      const before = await grantsOf(user.id);
      const anotherClosed = await unitByName(
        `type = 'district' AND valid_to IS NOT NULL AND id <> '${from.unitId}'`,
      );
      const department = await unitByName(`type = 'department' AND valid_to IS NULL`);
      const successor = from.successors[0];
      const move = (body: unknown, client = admin) =>
        client.post(`/api/users/${user.id}/move-to-successor`, body);

      const closedTarget = await move({
        version: user.version,
        fromUnitId: from.unitId,
        toUnitId: anotherClosed.id,
      });
      expect(closedTarget.statusCode).toBe(409);
      expect(closedTarget.json().error.code).toBe("account_target_closed");
      expect(closedTarget.json().error.message).toContain(anotherClosed.name);
      expect(closedTarget.json().error.message).toContain("đã chấm dứt hoạt động");

      const notSuccessor = await move({
        version: user.version,
        fromUnitId: from.unitId,
        toUnitId: department.id,
      });
      expect(notSuccessor.statusCode).toBe(400);
      expect(notSuccessor.json().error.message).toContain("không phải đơn vị kế thừa");
      expect(notSuccessor.json().error.message).toContain(successor.name);

      const stale = await move({
        version: user.version - 1 || 99,
        fromUnitId: from.unitId,
        toUnitId: successor.id,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe("conflict");

      const openUnit = await move({
        version: user.version,
        fromUnitId: successor.id,
        toUnitId: successor.id,
      });
      expect(openUnit.statusCode).toBe(409);
      expect(openUnit.json().error.code).toBe("account_unit_not_closed");

      const unknown = await move({
        version: user.version,
        fromUnitId: from.unitId,
        toUnitId: "00000000-0000-4000-8000-000000000000",
      });
      expect(unknown.statusCode).toBe(400);

      for (const body of [
        {},
        { version: user.version, fromUnitId: from.unitId },
        { version: user.version, fromUnitId: "huyen", toUnitId: successor.id },
        { version: "1", fromUnitId: from.unitId, toUnitId: successor.id },
        { version: user.version, fromUnitId: from.unitId, toUnitId: successor.id, role: "admin" },
      ]) {
        const response = await move(body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().error.message).toBeTruthy();
      }
      const en = await move(
        { version: user.version, fromUnitId: from.unitId, toUnitId: anotherClosed.id },
        adminEn,
      );
      expect(en.json().error.message).toContain("is closed too");

      const officer = await signIn(app, "canbo.so");
      const forbidden = await move(
        { version: user.version, fromUnitId: from.unitId, toUnitId: successor.id },
        officer,
      );
      expect(forbidden.statusCode).toBe(403);

      expect(await grantsOf(user.id)).toEqual(before);
      const after = (await closedList()).find((u) => u.username === "lanhdao.huyen")!;
      expect(after.version).toBe(user.version);
    });

    it("moves the account's roles to the chosen successor in one step, audited, and only once", async () => {
      const user = (await closedList()).find((u) => u.username === "canbo.huyen")!;
      const from = user.closedUnits[0];
      const to = from.successors.at(-1)!;
      const roles = user.grants.filter((g) => g.unitId === from.unitId).map((g) => g.role);
      const response = await admin.post(`/api/users/${user.id}/move-to-successor`, {
        version: user.version,
        fromUnitId: from.unitId,
        toUnitId: to.id,
      });
      expect(response.statusCode, response.body).toBe(200);
      const moved = response.json() as Summary;
      expect(moved.version).toBe(user.version + 1);
      expect(moved.closedUnits).toEqual([]);
      expect(moved.grants.filter((g) => g.unitId === to.id).map((g) => g.role)).toEqual(roles);
      expect(moved.grants.some((g) => g.unitId === from.unitId)).toBe(false);
      expect((await closedList()).map((u) => u.username)).not.toContain("canbo.huyen");

      const [entry] = await database.query<{
        action: string;
        before: { unitId: string };
        after: { unitId: string };
      }>(
        "SELECT action, before, after FROM audit_log WHERE entity_id = $1 AND action = 'user.move_to_successor'",
        [user.id],
      );
      expect(entry.before.unitId).toBe(from.unitId);
      expect(entry.after.unitId).toBe(to.id);

      // Sent again (a double click, another admin): refused, nothing moves twice.
      const again = await admin.post(`/api/users/${user.id}/move-to-successor`, {
        version: moved.version,
        fromUnitId: from.unitId,
        toUnitId: to.id,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("account_no_role_there");

      // The officer's home page no longer says the unit is gone.
      const officer = await signIn(app, "canbo.huyen");
      const home = (await officer.get("/api/home")).json() as { sections: { key: string }[] };
      expect(home.sections.map((s) => s.key)).not.toContain("closed-unit");
    });
  },
  { at: "2026-03-02T02:00:00Z" },
);
