import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { addDays } from "../../lib/calendar/iso-date.ts";
import { clock, resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";
import { bucket, DAILY, purgeOldCounters } from "../intake/public.ts";
import { type PetitionDeps, petitionDeps } from "./deps.ts";
import { FILES, nextIp, petitionBody, submit, uploadFile } from "./testing.ts";
import { purgeExpiredUploads } from "./uploads.ts";

const LIMITS = {
  PETITION_RATE_LIMIT_IP: "4",
  PETITION_RATE_LIMIT_PHONE: "3",
  PETITION_CONTACT_CHECKS: "3",
  PETITION_UPLOAD_BYTES_PER_DAY_IP: "5000",
  UPLOAD_STORAGE: "memory",
};

forEachEngineWithDemo("petitions: uploads with a public petition", (getDatabase) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let database: Database;
  let deps: PetitionDeps;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, ctx } = await createTestApp(database, "kien-giang", { ...LIMITS, UPLOAD_LIMIT: "2048" }));
    deps = petitionDeps(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  const count = async (table = "petitions") =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it("sniffs uploads from their bytes, refuses other types with 415 naming them, and enforces the size", async () => {
    for (const name of ["pdf", "png", "jpeg", "webp", "docx", "xlsx"] as const) {
      const response = await uploadFile(app, FILES[name]);
      expect(response.statusCode, name).toBe(201);
      const [row] = await database.query<{ content_type: string }>(
        "SELECT content_type FROM petition_uploads WHERE id = $1",
        [response.json().uploadId],
      );
      expect(row.content_type, name).toContain(
        name === "jpeg" ? "jpeg" : name === "docx" ? "word" : name === "xlsx" ? "sheet" : name,
      );
    }
    const before = await count("petition_uploads");
    for (const [name, detected] of [
      ["exe", "exe"],
      ["html", "html"],
      ["zip", "zip"],
    ] as const) {
      const response = await uploadFile(app, FILES[name]);
      expect(response.statusCode, name).toBe(415);
      expect(response.json().error.message).toContain(detected);
    }
    const big = await uploadFile(app, Buffer.concat([FILES.pdf, Buffer.alloc(4096, 32)]));
    expect(big.statusCode).toBe(413);
    expect(await count("petition_uploads")).toBe(before);
  });

  it("caps the bytes one address uploads in a day, however small each file, and stores nothing refused", async () => {
    // Today and tomorrow of the suite's clock (other tests' uploads and counters are of today too).
    const today = clock.today();
    const tomorrow = addDays(today, 1);
    setClock(`${today}T10:00:00+07:00`, { frozen: true });
    try {
      const ip = nextIp();
      const file = Buffer.concat([FILES.pdf, Buffer.alloc(1500, 32)]);
      for (let i = 0; i < 3; i++) expect((await uploadFile(app, file, ip)).statusCode).toBe(201);
      const before = await count("petition_uploads");
      const refused = await uploadFile(app, file, ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe("petition_rate_limited");
      // The budget is the province's day: it comes back at midnight in Hà Nội, 14 hours on.
      expect(Number(refused.headers["retry-after"])).toBe(14 * 3600);
      expect(await count("petition_uploads")).toBe(before);
      // Another address has its own budget; the next day, this one has its budget again.
      expect((await uploadFile(app, file)).statusCode).toBe(201);
      setClock(`${tomorrow}T00:00:01+07:00`, { frozen: true });
      expect((await uploadFile(app, file, ip)).statusCode).toBe(201);
      // Purging the hourly counters keeps this address's budget of today until the day is over.
      const own = async () =>
        (
          await database.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM petition_rate_counters WHERE bucket = $1 AND window_start = $2",
            [bucket(`${DAILY}upload-bytes-ip`, deps.tenant.id, ip), new Date(`${today}T00:00:00+07:00`)],
          )
        )[0].n;
      await purgeOldCounters(database.db, new Date(`${tomorrow}T05:00:00+07:00`));
      expect(await own()).toBe(1);
      await purgeOldCounters(database.db, new Date(`${addDays(today, 3)}T00:00:00+07:00`));
      expect(await own()).toBe(0);
    } finally {
      resetClock();
    }
  });

  it("claims uploads for the petition, refuses unknown or used ones, and purges the unclaimed after a day", async () => {
    const { uploadId } = (await uploadFile(app, FILES.pdf)).json();
    const first = await submit(app, petitionBody({ attachments: [uploadId] }));
    expect(first.statusCode).toBe(201);
    const before = await count();
    const reused = await submit(app, petitionBody({ attachments: [uploadId] }));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.field).toBe("attachments");
    expect(await count()).toBe(before);

    const stale = (await uploadFile(app, FILES.png)).json().uploadId;
    const [{ storage_key: key }] = await database.query<{ storage_key: string }>(
      "UPDATE petition_uploads SET expires_at = $2 WHERE id = $1 RETURNING storage_key",
      [stale, clock.fromNow(-60_000)],
    );
    expect(await deps.storage.getObject(key)).not.toBeNull();
    expect(await purgeExpiredUploads(deps)).toBe(1);
    expect(await deps.storage.getObject(key)).toBeNull();
    expect(await database.query("SELECT 1 FROM petition_uploads WHERE id = $1", [uploadId])).toHaveLength(1);
  });
});
