import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { DUPLICATE_MIN_SIMILARITY, offeredAsDuplicate } from "./duplicates.ts";
import { petitionBody } from "./testing.ts";

describe("the likely-duplicate threshold", () => {
  it("offers only pairs at least as alike as the measured threshold", () => {
    // The threshold is the measured one (bench/duplicate-threshold.ts), never pg_trgm's 0.3.
    expect(DUPLICATE_MIN_SIMILARITY).toBeGreaterThanOrEqual(0.5);
    expect(offeredAsDuplicate(0.32)).toBe(false);
    expect(offeredAsDuplicate(0.3)).toBe(false);
    expect(offeredAsDuplicate(DUPLICATE_MIN_SIMILARITY - 0.01)).toBe(false);
    expect(offeredAsDuplicate(DUPLICATE_MIN_SIMILARITY)).toBe(true);
    expect(offeredAsDuplicate(0.97)).toBe(true);
    expect(offeredAsDuplicate(Number.NaN)).toBe(false);
  });
});

// Two different matters about the same road: alike in their words, not the same petition.
const ROAD =
  "Đường vào ấp Hòa Lợi bị sụt lún, nhiều ổ gà sâu, xe cộ qua lại rất nguy hiểm, đề nghị sửa chữa sớm.";
const LIGHTS =
  "Đèn chiếu sáng trên đường vào ấp Hòa Lợi bị hỏng nhiều tháng, ban đêm đi lại rất nguy hiểm, đề nghị thay mới.";
const ROAD_AGAIN = `Tôi đã gửi phản ánh này nhưng chưa được trả lời, nay gửi lại: ${ROAD}`;

forEachEngineWithDemo("petitions: likely duplicates above the measured similarity only", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", { UPLOAD_STORAGE: "memory" }));
    coordinator = await signIn(app, "dieuphoi");
  });
  afterAll(async () => {
    await app.close();
  });

  const alike = async (a: string, b: string) =>
    Number(
      (
        await database.query<{ s: number }>("SELECT similarity(vi_fold($1), vi_fold($2))::float8 AS s", [
          a,
          b,
        ])
      )[0].s,
    );
  const enter = async (text: string, phone: string) => {
    const response = await coordinator.post("/api/petitions", {
      ...petitionBody({ text, contact: { name: "Lâm Thị Hoa", phone } }),
      channel: "letter",
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      id: string;
      trackingCode: string;
      duplicates: { trackingCode: string; similarity: number; sameContact: boolean }[];
    };
  };

  it("does not offer a different matter that shares words, even from the same person", async () => {
    // The premise: these two read alike to pg_trgm (above its own 0.3), below the threshold.
    const between = await alike(ROAD, LIGHTS);
    expect(between).toBeGreaterThanOrEqual(0.3);
    expect(between).toBeLessThan(DUPLICATE_MIN_SIMILARITY);

    const road = await enter(ROAD, "0912 345 601");
    const lights = await enter(LIGHTS, "0912 345 601");
    expect(lights.duplicates.map((d) => d.trackingCode)).not.toContain(road.trackingCode);
    const listed = (await coordinator.get(`/api/petitions/${lights.id}/duplicates`)).json();
    expect(listed.items.map((d: { trackingCode: string }) => d.trackingCode)).not.toContain(
      road.trackingCode,
    );

    // The same matter sent again (another phone) is offered, with how alike it is.
    const again = await enter(ROAD_AGAIN, "0987 000 602");
    const offered = again.duplicates.find((d) => d.trackingCode === road.trackingCode);
    expect(offered).toBeDefined();
    expect(offered!.similarity).toBeGreaterThanOrEqual(DUPLICATE_MIN_SIMILARITY);
    expect(offered!.sameContact).toBe(false);
    expect(again.duplicates.map((d) => d.trackingCode)).not.toContain(lights.trackingCode);
    // Every offer, whatever the reason it came up, is above the bar.
    for (const d of [...again.duplicates, ...lights.duplicates, ...road.duplicates])
      expect(d.similarity).toBeGreaterThanOrEqual(DUPLICATE_MIN_SIMILARITY);
  });
});
