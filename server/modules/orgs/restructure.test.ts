import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Unit } from "../../../common/schemas/units.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";

forEachEngineWithDemo("directory restructuring", (getDatabase) => {
  let app: FastifyInstance;
  let admin: Client;
  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
  });
  afterAll(async () => {
    await app.close();
  });

  const unitNamed = async (name: string, asOf: string) =>
    ((await admin.get(`/api/units?asOf=${asOf}&q=${encodeURIComponent(name)}`)).json().items as Unit[]).find(
      (u) => u.name === name,
    )!;

  it("follows a 2024 department to whoever carries its duties today, with dates and legal basis", async () => {
    const stttt = await unitNamed("Sở Thông tin và Truyền thông", "2024-06-30");
    expect(stttt.validTo).toBe("2025-02-28");
    const lineage = (await admin.get(`/api/units/${stttt.id}/lineage?asOf=2026-11-27`)).json();
    expect(lineage.carriers).toHaveLength(1);
    expect(
      lineage.carriers[0].map((step: { name: string; since: string }) => `${step.since} ${step.name}`),
    ).toEqual(["2025-03-01 Sở Khoa học và Công nghệ", "2025-07-01 Sở Khoa học và Công nghệ tỉnh An Giang"]);
    const onEve = (await admin.get(`/api/units/${stttt.id}/lineage?asOf=2025-06-30`)).json();
    expect(onEve.carriers[0].map((step: { name: string }) => step.name)).toEqual([
      "Sở Khoa học và Công nghệ",
    ]);
  });

  it("passes a district's duties to every commune formed from its territory", async () => {
    const district = await unitNamed("Ủy ban nhân dân huyện Kiên Hải", "2024-06-30");
    const carriers = (await admin.get(`/api/units/${district.id}/lineage`)).json().carriers;
    expect(carriers.map((path: { name: string }[]) => path.at(-1)!.name)).toEqual([
      "Ủy ban nhân dân đặc khu Kiên Hải",
    ]);
    const rachGia = await unitNamed("Ủy ban nhân dân phường Rạch Giá", "2025-07-01");
    const predecessors = (await admin.get(`/api/units/${rachGia.id}/lineage`)).json().predecessors;
    // Nine 2024 wards, and the city whose duties it shares with Phường Vĩnh Thông.
    expect(predecessors).toHaveLength(10);
    expect(predecessors.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["Ủy ban nhân dân phường Vĩnh Thanh Vân", "Ủy ban nhân dân thành phố Rạch Giá"]),
    );
  });

  it("moved the demo officers' roles with their merged departments, and left the district's where it was", async () => {
    const canbo = await signIn(app, "canbo.so");
    expect((await canbo.get("/api/me")).json().roles[0].unitName).toBe(
      "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang",
    );
    const huyen = await signIn(app, "canbo.huyen");
    expect((await huyen.get("/api/me")).json().roles[0].unitName).toBe("Ủy ban nhân dân huyện Châu Thành");
  });

  it("previews an event without writing, then applies it: a rename keeps the old name for earlier dates", async () => {
    const event = {
      title: "Đổi tên Thanh tra tỉnh",
      effectiveDate: "2026-01-01",
      legalBasis: "Quyết định số 01/QĐ-UBND (thử nghiệm)",
      changes: [{ kind: "rename", unit: "TTT", name: "Thanh tra tỉnh An Giang (mới)" }],
    };
    const dry = await admin.post("/api/directory/events?dryRun=true", event);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      eventId: null,
      renamed: [{ from: "Thanh tra tỉnh An Giang", to: "Thanh tra tỉnh An Giang (mới)" }],
    });
    expect(await unitNamed("Thanh tra tỉnh An Giang", "2026-11-27")).toBeDefined();
    const real = await admin.post("/api/directory/events?dryRun=false", event);
    expect(real.json().eventId).not.toBeNull();
    expect(await unitNamed("Thanh tra tỉnh An Giang (mới)", "2026-11-27")).toBeDefined();
    const earlier = await unitNamed("Thanh tra tỉnh An Giang", "2025-12-31");
    expect(earlier).toBeDefined();
  });

  it("refuses an event that would leave sub-units behind or names unknown units, and writes nothing", async () => {
    const before = (await admin.get("/api/directory/events")).json().items.length;
    const orphaning = await admin.post("/api/directory/events?dryRun=false", {
      title: "Giải thể sai",
      effectiveDate: "2026-02-01",
      legalBasis: "thử nghiệm",
      changes: [
        { kind: "dissolve", unit: "UBND", successors: [] },
        { kind: "merge", from: ["KHONG-CO"], into: "SYT" },
      ],
    });
    expect(orphaning.statusCode).toBe(400);
    expect(orphaning.json().error.code).toBe("event_invalid");
    const problems = orphaning.json().error.details.problems as string[];
    expect(problems.some((p) => /sub-unit .* stays in force/.test(p))).toBe(true);
    expect(problems.some((p) => /no unit has the id or code "KHONG-CO"/.test(p))).toBe(true);
    expect((await admin.get("/api/directory/events")).json().items.length).toBe(before);
    const ubnd = await unitNamed("Ủy ban nhân dân tỉnh An Giang", "2026-11-27");
    expect(ubnd.validTo).toBeNull();
  });

  it("is for administrators only", async () => {
    const coordinator = await signIn(app, "dieuphoi");
    const response = await coordinator.post("/api/directory/events?dryRun=true", {
      title: "x",
      effectiveDate: "2026-01-01",
      legalBasis: "x",
      changes: [{ kind: "rename", unit: "TTT", name: "x" }],
    });
    expect(response.statusCode).toBe(403);
  });
});
