import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { petitionBody } from "./testing.ts";

const TEXT =
  "Quán karaoke cạnh Nhà văn hóa ấp Trống mở nhạc đến khuya, loa công suất lớn; đề nghị kiểm tra giấy phép.";

forEachEngineWithDemo("petitions: the staff list's search", (getDatabase) => {
  let app: FastifyInstance;
  let coordinator: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    coordinator = await signIn(app, "dieuphoi");
    // Oldest first: a list in date order would show the exact title last.
    for (const [key, title, text] of [
      ["exact", "Sửa cầu Rạch Sỏi", "Cầu Rạch Sỏi xuống cấp, đề nghị sửa chữa."],
      ["starts", "Sửa cầu Rạch Sỏi gấp trước mùa mưa", "Cầu Rạch Sỏi lún, xe qua lại nguy hiểm."],
      ["contains", "Đề nghị sửa cầu Rạch Sỏi và đường dẫn", "Mặt cầu Rạch Sỏi bong tróc."],
      ["karaoke", "Tiếng ồn về đêm", TEXT],
    ] as const) {
      const created = await coordinator.post("/api/petitions", {
        ...petitionBody({ text, title }),
        channel: "reception",
      });
      expect(created.statusCode, created.body).toBe(201);
      ids[key] = created.json().id as string;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const find = async (q: string) => {
    const response = await coordinator.get(`/api/petitions?limit=200&q=${encodeURIComponent(q)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { id: string }[]; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items.map((item) => item.id);
  };

  it("finds a petition by words of its text without diacritics or punctuation, in any order", async () => {
    for (const q of [
      "karaoke cong suat",
      "CÔNG SUẤT, karaoke",
      "giay phep; kiem tra - karaoke",
      "ap trong karaoke",
    ]) {
      const found = await find(q);
      expect(found, q).toContain(ids.karaoke);
      expect(found, q).not.toContain(ids.exact);
    }
  });

  it("matches the start of words only, and needs every word", async () => {
    expect(await find("araoke")).not.toContain(ids.karaoke);
    expect(await find("karaoke cau")).not.toContain(ids.karaoke);
    expect(await find("karaoke cau")).not.toContain(ids.exact);
    expect(await find(" ; , ")).toEqual([]);
  });

  it("puts the exact title first, then titles starting with the query, then the rest", async () => {
    const found = await find("sua cau rach soi");
    expect(found.slice(0, 2)).toEqual([ids.exact, ids.starts]);
    expect(found).toContain(ids.contains);
    expect(await find("rach soi, sua cau")).toEqual(
      expect.arrayContaining([ids.exact, ids.starts, ids.contains]),
    );
  });

  it("still finds a petition by its tracking code", async () => {
    const detail = (await coordinator.get(`/api/petitions/${ids.karaoke}`)).json() as {
      trackingCode: string;
    };
    expect(await find(detail.trackingCode.toLowerCase())).toEqual([ids.karaoke]);
  });
});
