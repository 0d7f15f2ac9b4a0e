import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.ts";
import { todayInVietnam } from "../lib/calendar/index.ts";
import { clock } from "../lib/clock.ts";
import { nextIp, petitionBody, submit } from "../modules/petitions/testing.ts";
import { seedText } from "../modules/plans/testing.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { type Client, createTestApp, signIn } from "../test/harness.ts";
import { findUnsafeText, unsafeText } from "./text-guard.ts";

const NUL = "\u0000";
const HIGH = "\uD83D";
const LOW = "\uDE00";
const EMOJI = "\uD83D\uDE00";

/** Each text PostgreSQL refuses, and the message's words for it (Vietnamese, English). */
const BAD = [
  { name: "a NUL", text: `ab${NUL}cd`, vi: "ký tự NUL (U+0000)", en: "a NUL character (U+0000)" },
  { name: "a high surrogate alone", text: `ab${HIGH}cd`, vi: "U+D83D đứng một mình", en: "U+D83D, half" },
  { name: "a low surrogate alone", text: `ab${LOW}cd`, vi: "U+DE00 đứng một mình", en: "U+DE00, half" },
  { name: "a high surrogate at the end", text: `abcd${HIGH}`, vi: "U+D83D", en: "U+D83D" },
];

describe("finding refused text in a parsed value", () => {
  it("tells a NUL and a lone surrogate from a pair, anywhere in a text", () => {
    expect(unsafeText("ab")).toBeNull();
    expect(unsafeText(`a${EMOJI}b${EMOJI}`)).toBeNull();
    expect(unsafeText(`a${NUL}`)).toEqual({ kind: "nul" });
    expect(unsafeText(`${HIGH}a`)).toEqual({ kind: "surrogate", unit: 0xd83d });
    expect(unsafeText(`a${LOW}`)).toEqual({ kind: "surrogate", unit: 0xde00 });
    expect(unsafeText(`${LOW}${HIGH}`)).toEqual({ kind: "surrogate", unit: 0xde00 });
    expect(unsafeText(`${EMOJI}${LOW}`)).toEqual({ kind: "surrogate", unit: 0xde00 });
  });

  it("names the first finding by its path: object keys, array indexes, and a refused key itself", () => {
    expect(findUnsafeText({ a: [{ b: "ok" }, { b: `x${NUL}` }], c: `y${NUL}` })?.path).toBe("a.1.b");
    expect(findUnsafeText({ contact: { name: `x${HIGH}` } })?.path).toBe("contact.name");
    expect(findUnsafeText({ ok: 1, [`k${NUL}ey`]: "v" })?.path).toBe("k\\u0000ey");
    expect(findUnsafeText({ outer: { [`k${LOW}`]: 1 } })?.path).toBe("outer.k\\uDE00");
    expect(findUnsafeText(`body${NUL}`)?.path).toBe("");
    expect(findUnsafeText({ n: 1, b: true, z: null, list: [1, "two", EMOJI] })).toBeNull();
  });

  it("walks a deeply nested value without recursion, and a large one in time linear in its size", () => {
    let deep: unknown = `end${NUL}`;
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? [deep] : { d: deep };
    const found = findUnsafeText(deep);
    expect(found?.problem).toEqual({ kind: "nul" });
    expect(found?.path.split(".")).toHaveLength(200_000);
    const wide = { items: Array.from({ length: 100_000 }, (_, i) => ({ text: `mục ${i} ${EMOJI}` })) };
    const started = performance.now();
    expect(findUnsafeText(wide)).toBeNull();
    expect(findUnsafeText({ text: `${"x".repeat(5_000_000)}${LOW}` })?.path).toBe("text");
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

forEachEngineWithDemo("NUL and lone surrogates refused on every route, before any handler", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let coordinatorEn: Client;
  let communes: { id: string }[];
  let planId: string;
  const LIMITS = { PETITION_RATE_LIMIT_IP: "1000", PETITION_RATE_LIMIT_PHONE: "1000" };

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", LIMITS));
    coordinator = await signIn(app, "dieuphoi");
    coordinatorEn = await signIn(app, "dieuphoi", "en");
    communes = (await coordinator.get(`/api/units?type=commune&asOf=${todayInVietnam()}`)).json().items;
    planId = (await coordinator.get("/api/plans")).json().items[0].id;
  });
  afterAll(async () => {
    await app.close();
  });

  const count = async (table: string) =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  const dialogueBody = (over: Record<string, unknown> = {}) => ({
    title: "Đối thoại về thủ tục đất đai",
    topic: "Giải quyết thủ tục hành chính về đất đai tại cấp xã",
    leader: "Chủ tịch UBND tỉnh",
    place: "Hội trường UBND phường Rạch Giá",
    startsAt: clock.fromNow(10 * 86_400_000).toISOString(),
    hostUnitId: communes[0].id,
    communeIds: [communes[0].id, communes[1].id],
    ...over,
  });

  const open311 = (fields: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      remoteAddress: nextIp(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        service_code: "moi-truong",
        description: "Bãi rác tự phát cạnh chợ bốc mùi, đề nghị xử lý sớm cho người dân.",
        address_string: "Chợ Rạch Sỏi, phường Rạch Giá",
        first_name: "Tư",
        last_name: "Nguyễn Văn",
        phone: "0977888999",
        ...fields,
      }).toString(),
    });

  /** A write, the field that carries the bad text, and the table that must not grow. */
  const WRITES: {
    route: string;
    field: string;
    /** A form is UTF-8 bytes: half a surrogate pair cannot be sent in one (it arrives as U+FFFD). */
    nulOnly?: boolean;
    table: string;
    send: (bad: string) => Promise<LightMyRequestResponse>;
  }[] = [
    {
      route: "portal petition, a field",
      field: "text",
      table: "petitions",
      send: (bad) => submit(app, petitionBody({ text: `Đường ngập sâu mỗi khi mưa lớn ${bad}` })),
    },
    {
      route: "portal petition, a nested field",
      field: "contact.name",
      table: "petitions",
      send: (bad) => submit(app, petitionBody({ contact: { name: bad, phone: "0912345678" } })),
    },
    {
      route: "portal petition, an array item",
      field: "attachments.1",
      table: "petitions",
      send: (bad) =>
        submit(app, petitionBody({ attachments: ["00000000-0000-4000-8000-000000000000", bad] })),
    },
    {
      route: "portal petition, a key",
      field: "contact.n\\u0000ame",
      table: "petitions",
      send: () => submit(app, petitionBody({ contact: { [`n${NUL}ame`]: "Lê Văn Khóa" } })),
    },
    {
      route: "Open311, a form field",
      field: "description",
      nulOnly: true,
      table: "petitions",
      send: (bad) => open311({ description: `Bãi rác tự phát cạnh chợ bốc mùi ${bad} xử lý sớm.` }),
    },
    {
      route: "dialogue create (staff), title",
      field: "title",
      table: "dialogues",
      send: (bad) => coordinator.post("/api/dialogues", dialogueBody({ title: `Đối thoại ${bad}` })),
    },
    {
      route: "dialogue create (staff), leader",
      field: "leader",
      table: "dialogues",
      send: (bad) => coordinator.post("/api/dialogues", dialogueBody({ leader: bad })),
    },
    {
      route: "dialogue create (staff), an array item",
      field: "communeIds.1",
      table: "dialogues",
      send: (bad) => coordinator.post("/api/dialogues", dialogueBody({ communeIds: [communes[0].id, bad] })),
    },
    {
      route: "plan item edit (staff), a field",
      field: "text",
      table: "plan_edits",
      send: (bad) =>
        coordinator.patch(`/api/plans/${planId}/items/I.1`, { revision: 1, text: `Nội dung ${bad}` }),
    },
    {
      route: "plan item edit (staff), a nested array item",
      field: "actors.lead.1",
      table: "plan_edits",
      send: (bad) =>
        coordinator.patch(`/api/plans/${planId}/items/I.1`, {
          revision: 1,
          actors: { lead: ["Sở Tư pháp", bad], coordinating: [], implementing: [], requested: [] },
        }),
    },
  ];

  for (const write of WRITES) {
    for (const bad of BAD) {
      // A refused key is one case, not one per kind of text.
      if ((write.nulOnly || write.route.endsWith("a key")) && bad !== BAD[0]) continue;
      it(`${write.route}: ${bad.name} → 400 naming “${write.field}”, nothing written`, async () => {
        const before = await count(write.table);
        const response = await write.send(bad.text);
        expect(response.statusCode, response.body).toBe(400);
        if (write.route.startsWith("Open311")) {
          // GeoReport's own error format: a list of {code, description}.
          expect(response.json()[0].description).toContain(`“${write.field}”`);
        } else {
          const { error } = response.json();
          expect(error).toMatchObject({ code: "validation", field: write.field });
          expect(error.message).toContain(`Trường “${write.field}” không hợp lệ`);
          if (!write.route.endsWith("a key")) expect(error.message).toContain(bad.vi);
        }
        expect(await count(write.table)).toBe(before);
      });
    }
  }

  it("answers in English when the request asks for it", async () => {
    for (const bad of BAD) {
      const response = await coordinatorEn.post(
        "/api/dialogues",
        dialogueBody({ title: `Đối thoại ${bad.text}` }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/^Field “title” is not valid: contains /);
      expect(response.json().error.message).toContain(bad.en);
    }
  });

  it("refuses a NUL in a query string and in a path parameter, public and staff", async () => {
    const cases: { client: Client | null; url: string; field: string }[] = [
      { client: coordinator, url: "/api/petitions?q=ng%E1%BA%ADp%00", field: "q" },
      { client: coordinator, url: "/api/plans?q=k%E1%BA%BF%00ho%E1%BA%A1ch", field: "q" },
      { client: null, url: "/api/public/dialogues?q=%00", field: "q" },
      { client: null, url: "/api/public/petitions/PA-%00", field: "trackingCode" },
      { client: coordinator, url: `/api/plans/${planId}%00`, field: "id" },
    ];
    for (const { client, url, field } of cases) {
      const response = client ? await client.get(url) : await app.inject({ method: "GET", url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error, url).toMatchObject({ code: "validation", field });
    }
  });

  it("cannot be handed a lone surrogate through a URL: its UTF-8 bytes stay as they came, never a 500", async () => {
    // %ED%A0%BD would be U+D83D in CESU-8; the URL decoders leave an invalid sequence undecoded.
    for (const url of ["/api/plans?q=%ED%A0%BD", "/api/petitions?q=%ED%B8%80"]) {
      const response = await coordinator.get(url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });

  it("refuses a NUL in an uploaded file's name, which a plan import stores, and stores nothing", async () => {
    const boundary = "----dongthuan-text-guard";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''ke%00hoach.txt\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from(seedText(), "utf8"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const before = await count("plans");
    const response = await coordinator.request("POST", "/api/plans/import?allowDuplicate=true", body, {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: "validation", field: "file" });
    expect(response.json().error.message).toContain("NUL (U+0000)");
    expect(await count("plans")).toBe(before);
  });

  it("accepts a surrogate pair (an emoji) in a body, nested, and in a query string", async () => {
    const petitions = await count("petitions");
    const petition = await submit(
      app,
      petitionBody({
        text: `Đường trước chợ ngập sâu sau mỗi cơn mưa ${EMOJI}, đề nghị khắc phục sớm.`,
        contact: { name: `Nguyễn Văn Vui ${EMOJI}`, phone: "0912345678" },
      }),
    );
    expect(petition.statusCode, petition.body).toBe(201);
    expect(await count("petitions")).toBe(petitions + 1);
    const [row] = await database.query<{ text: string; contact_name: string }>(
      "SELECT text, contact_name FROM petitions WHERE tracking_code = $1",
      [petition.json().trackingCode],
    );
    expect(row.text).toContain(EMOJI);
    expect(row.contact_name).toBe(`Nguyễn Văn Vui ${EMOJI}`);
    const dialogue = await coordinator.post(
      "/api/dialogues",
      dialogueBody({ title: `Đối thoại ${EMOJI} mùa lũ` }),
    );
    expect(dialogue.statusCode, dialogue.body).toBe(201);
    const [stored] = await database.query<{ title: string }>("SELECT title FROM dialogues WHERE id = $1", [
      dialogue.json().id,
    ]);
    expect(stored.title).toBe(`Đối thoại ${EMOJI} mùa lũ`);
    const search = await coordinator.get(`/api/plans?q=${encodeURIComponent(EMOJI)}`);
    expect(search.statusCode, search.body).toBe(200);
  });
});
