import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permissions } from "../../../common/schemas/permissions.ts";
import { ESCALATION_ACTIONS } from "../../../common/schemas/reports.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";

// The permissions /api/me answers, per module, for every demo account, and that they say what the
// routes then accept or refuse. The web app reads nothing else to decide what to offer.

const ROLE_OF = {
  admin: "admin",
  dieuphoi: "coordinator",
  "canbo.so": "unit_officer",
  "lanhdao.huyen": "unit_leader",
  "lanhdao.tinh": "leadership",
  giamsat: "supervisor",
  baochi: "media",
} as const;
type Username = keyof typeof ROLE_OF;
const USERNAMES = Object.keys(ROLE_OF) as Username[];

/** What each role was shown before the server sent permissions: the menus must not change. */
function expected(role: (typeof ROLE_OF)[Username], unitId: string): Permissions {
  const is = (...roles: string[]) => roles.includes(role);
  const staff = is("unit_officer", "unit_leader");
  const scoped = is("coordinator", "leadership", "supervisor", "unit_officer", "unit_leader");
  const readAll = is("admin", "coordinator", "leadership", "supervisor");
  return {
    provinceWide: is("admin", "coordinator", "leadership"),
    directory: { manage: is("admin"), export: is("admin", "coordinator", "leadership") },
    users: { manage: is("admin") },
    audit: { read: is("admin") },
    plans: { import: is("admin", "coordinator") },
    petitions: { see: scoped, enter: is("coordinator", "unit_officer", "unit_leader") },
    dialogues: { see: scoped },
    consultations: { see: scoped },
    reports: {
      see: readAll || staff,
      readAll,
      coordinate: is("coordinator"),
      ownUnitIds: staff ? [unitId] : [],
    },
    consolidation: { see: readAll },
    escalations: { see: readAll || staff, raiseUnitIds: staff ? [unitId] : [] },
  };
}

forEachEngineWithDemo("permissions per module", (getDatabase) => {
  let app: FastifyInstance;
  const users = {} as Record<Username, Client>;
  const mine = {} as Record<Username, { permissions: Permissions; roles: { unitId: string }[] }>;

  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    for (const username of USERNAMES) {
      users[username] = await signIn(app, username);
      mine[username] = (await users[username].get("/api/me")).json();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(USERNAMES)("%s gets the permissions of its role, module by module", (username) => {
    const { permissions, roles } = mine[username];
    expect(permissions).toEqual(expected(ROLE_OF[username], roles[0].unitId));
  });

  describe("say what the routes accept", () => {
    const gate = async (username: Username, url: string) => {
      const status = (await users[username].get(url)).statusCode;
      expect([200, 403], `${username} GET ${url}`).toContain(status);
      return status === 200;
    };

    it.each(USERNAMES)("for %s: the lists of each module open exactly when permitted", async (username) => {
      const p = mine[username].permissions;
      expect(await gate(username, "/api/petitions/stats?from=2024-01-01&to=2024-12-31")).toBe(
        p.petitions.see,
      );
      expect(await gate(username, "/api/commitments")).toBe(p.dialogues.see);
      expect(await gate(username, "/api/reporting/consolidations")).toBe(p.consolidation.see);
      expect(await gate(username, "/api/users")).toBe(p.users.manage);
      expect(await gate(username, "/api/audit")).toBe(p.audit.read);
    });

    it.each(USERNAMES)("for %s: entering a petition is accepted exactly when permitted", async (username) => {
      const response = await users[username].post("/api/petitions", {
        kind: "phan-anh",
        channel: "letter",
        text: `Đường vào khu dân cư bị ngập sâu sau mỗi trận mưa, đề nghị khơi thông cống (${username}).`,
        communeName: "phuong rach gia",
        contact: { name: "Nguyễn Văn Thử", phone: "0912000111" },
      });
      expect(response.statusCode, response.body).toBe(mine[username].permissions.petitions.enter ? 201 : 403);
    });

    it.each(USERNAMES)("for %s: reopening a period is the coordinator's alone", async (username) => {
      const plans = (await users.dieuphoi.get("/api/plans?status=published")).json().items;
      const periods = (await users.dieuphoi.get(`/api/reporting/plans/${plans[0].id}/periods`)).json().items;
      const period = (await users.dieuphoi.get(`/api/reporting/periods/${periods[0].id}`)).json();
      const response = await users[username].post(
        `/api/reporting/periods/${period.period.id}/units/${period.units[0].unitId}/reopen`,
        { until: "2099-12-31", reason: "Bổ sung số liệu" },
      );
      // Refused by role (403), or taken up and then answered on its merits (locked or not).
      expect(response.statusCode === 403, response.body).toBe(!mine[username].permissions.reports.coordinate);
    });

    it("an escalation is raised for the units offered, and not for another unit", async () => {
      const officer = mine["canbo.so"].permissions.escalations.raiseUnitIds;
      const other = mine["lanhdao.huyen"].permissions.escalations.raiseUnitIds;
      const body = { kind: "proposal", title: "Kinh phí tuyên truyền", body: "Đề nghị bố trí kinh phí." };
      expect(
        (await users["canbo.so"].post("/api/escalations", { ...body, unitId: officer[0] })).statusCode,
      ).toBe(201);
      expect(
        (await users["canbo.so"].post("/api/escalations", { ...body, unitId: other[0] })).statusCode,
      ).toBe(403);
    });
  });

  describe("an escalation's actions", () => {
    const url = (id: string) => `/api/escalations/${id}`;
    const bodyOf = (action: string, version: number) => ({
      version,
      action,
      decision: "Giao Sở Tài chính bố trí.",
      closingNote: "Đã bố trí.",
    });

    /** Every action not offered to the user is refused, by role (403) or by status (409). */
    async function offered(username: Username, id: string) {
      const item = (await users[username].get(url(id))).json();
      for (const action of ESCALATION_ACTIONS.filter((a) => !item.actions.includes(a))) {
        const refused = await users[username].request("PATCH", url(id), bodyOf(action, item.version));
        expect([403, 409], `${username} ${action} on ${item.status}`).toContain(refused.statusCode);
        expect(refused.json().error.code).not.toBe("conflict");
      }
      return item as { actions: string[]; version: number; status: string };
    }

    it("are the steps its route then accepts, at every status", async () => {
      const raised = await users["canbo.so"].post("/api/escalations", {
        unitId: mine["canbo.so"].permissions.escalations.raiseUnitIds[0],
        kind: "difficulty",
        title: "Thiếu hướng dẫn đánh giá",
        body: "Đề nghị ban hành tiêu chí thống nhất.",
      });
      expect(raised.statusCode, raised.body).toBe(201);
      expect(raised.json().actions).toEqual([]);
      const id = raised.json().id as string;
      const walk = [
        { status: "open", actions: ["assign", "decide"], take: "assign" },
        { status: "open", actions: ["assign", "decide"], take: "decide" },
        { status: "decided", actions: ["close", "reopen"], take: "close" },
        { status: "closed", actions: ["reopen"], take: "reopen" },
        { status: "open", actions: ["assign", "decide"], take: null },
      ];
      for (const step of walk) {
        // The unit that raised it, and the Front that reads it, may take no step.
        expect((await offered("canbo.so", id)).actions).toEqual([]);
        expect((await offered("giamsat", id)).actions).toEqual([]);
        expect((await offered("lanhdao.tinh", id)).actions).toEqual(step.actions);
        const item = await offered("dieuphoi", id);
        expect(item).toMatchObject({ status: step.status, actions: step.actions });
        if (!step.take) continue;
        const taken = await users.dieuphoi.request("PATCH", url(id), bodyOf(step.take, item.version));
        expect(taken.statusCode, taken.body).toBe(200);
      }
    });
  });
});
