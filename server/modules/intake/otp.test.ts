import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";
import { purgeContactCodes } from "./otp.ts";
import { maskPhone } from "./sms.ts";

// Petitions are the intake's busiest users: the cases below send them over the public API.
let ipCounter = 0;
/** A fresh client address per call unless one is given: the limits are per address. */
function nextIp(): string {
  ipCounter++;
  return `10.77.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

function petitionBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "phan-anh",
    text: "Đoạn đường trước trường tiểu học bị ngập sâu sau mỗi cơn mưa, đề nghị khắc phục.",
    communeName: "phuong rach gia",
    contact: {
      name: "Nguyễn Văn Thử",
      phone: `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`,
    },
    ...overrides,
  };
}

const SETTINGS = {
  CONTACT_CONFIRMATION: "on",
  CONTACT_CODE_ATTEMPTS: "3",
  CONTACT_CODE_RATE_LIMIT_CONTACT: "3",
  CONTACT_CODE_RATE_LIMIT_IP: "8",
  UPLOAD_STORAGE: "memory",
};

forEachEngineWithDemo("intake: contact confirmation by one-time code", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let smtp: SMTPServer;
  let gateway: Server;
  const mails: { to: string[]; raw: string }[] = [];
  const texts: { to: string; text: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    database = getDatabase();
    smtp = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const smtpPort = ((smtp as unknown as { server: Server }).server.address() as AddressInfo).port;
    // A real HTTP peer standing in for the province's SMS gateway; one number always fails.
    gateway = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const message = JSON.parse(body) as { to: string; text: string };
        if (message.to === "+84999999999") {
          response.writeHead(503).end();
          return;
        }
        texts.push({ ...message, auth: request.headers.authorization });
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    const gatewayPort = (gateway.address() as AddressInfo).port;
    const env = {
      ...SETTINGS,
      SMS_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/sms`,
      SMS_GATEWAY_TOKEN: "gateway-token",
    };
    ({ app } = await createTestApp(database, "kien-giang", {
      ...env,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtpPort),
    }));
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
  });

  const submit = (
    body: unknown,
    options: { key?: string; locale?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: "POST",
      url: "/api/public/petitions",
      remoteAddress: nextIp(),
      headers: {
        "content-type": "application/json",
        "accept-language": options.locale ?? "vi",
        ...(options.key ? { "idempotency-key": options.key } : {}),
      },
      payload: JSON.stringify(body),
    });
  let phoneCounter = 0;
  const freshPhone = () => `0913${String(100_000 + ++phoneCounter * 7919).slice(-6)}`;
  const e164 = (phone: string) => `+84${phone.slice(1)}`;
  const askCode = (body: unknown, ip = nextIp(), locale = "vi") =>
    app.inject({
      method: "POST",
      url: "/api/public/contact-codes",
      remoteAddress: ip,
      headers: { "content-type": "application/json", "accept-language": locale },
      payload: JSON.stringify(body),
    });
  const lastSms = (phone: string) => {
    const found = texts.filter((t) => t.to === e164(phone)).at(-1);
    return /\b(\d{6})\b/.exec(found?.text ?? "")?.[1];
  };
  const petitions = async () =>
    Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM petitions"))[0].n);

  it("says that a code is required, and refuses a petition without one, storing nothing", async () => {
    const settings = await app.inject({ method: "GET", url: "/api/public/contact-confirmation" });
    expect(settings.json()).toEqual({ required: true, minutes: 10 });
    const before = await petitions();
    const response = await submit(petitionBody());
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "contact_code_required", field: "contactCode" });
    expect(response.json().error.message).toContain("mã xác nhận 6 chữ số");
    expect(await petitions()).toBe(before);
  });

  it("sends a code by SMS, keeps only its hash, counts a wrong one and takes the right one once", async () => {
    const phone = freshPhone();
    const asked = await askCode({ phone });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toEqual({ channel: "sms", sentTo: maskPhone(e164(phone)), expiresInMinutes: 10 });
    const code = lastSms(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(texts.at(-1)?.auth).toBe("Bearer gateway-token");
    const stored = await database.query<Record<string, unknown>>("SELECT * FROM contact_codes");
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(phone.slice(1));

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const body = petitionBody({ contact: { name: "Lê Văn Xác", phone } });
    const refused = await submit({ ...body, contactCode: wrong });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: "contact_code_wrong", field: "contactCode" });
    expect(refused.json().error.message).toContain("còn 2 lần thử");

    const key = `otp-${Date.now()}-a`;
    const accepted = await submit({ ...body, contactCode: code }, { key });
    expect(accepted.statusCode, accepted.body).toBe(201);
    // A retry of the same submission answers the same code and writes nothing.
    const count = await petitions();
    const retry = await submit({ ...body, contactCode: code }, { key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().trackingCode).toBe(accepted.json().trackingCode);
    expect(await petitions()).toBe(count);
    // Another petition with the spent code is refused.
    const again = await submit({ ...body, text: `${body.text} Lần hai.`, contactCode: code });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe("contact_code_used");
    expect(await petitions()).toBe(count);
  });

  it("leaves the code usable when the petition is refused for another reason", async () => {
    const phone = freshPhone();
    expect((await askCode({ phone: `+84 ${phone.slice(1)}` })).statusCode).toBe(201);
    const code = lastSms(phone)!;
    const body = petitionBody({ contact: { name: "Phạm Thị Thu", phone }, contactCode: code });
    const { communeName: _dropped, ...withoutCommune } = body as Record<string, unknown>;
    const refused = await submit(withoutCommune);
    expect(refused.json().error.code).toBe("petition_commune_missing");
    expect((await submit(body)).statusCode).toBe(201);
  });

  it("sends a code by e-mail through the real SMTP peer", async () => {
    const email = `cong.dan.${Date.now()}@example.vn`;
    const asked = await askCode({ email: email.toUpperCase() });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      channel: "email",
      sentTo: expect.stringMatching(/^c\*\*\*@example\.vn$/),
    });
    const mail = mails.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    const code = /\b(\d{6})\b/.exec(mail!.raw)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const response = await submit(
      petitionBody({ contact: { name: "Võ Thị Mai", email }, contactCode: code }),
    );
    expect(response.statusCode, response.body).toBe(201);
  });

  it("stops after too many wrong codes and refuses an expired code", async () => {
    const phone = freshPhone();
    await askCode({ phone });
    const code = lastSms(phone)!;
    const wrong = code === "000000" ? "111111" : "000000";
    const body = petitionBody({ contact: { name: "Đỗ Văn Thử", phone } });
    for (const left of [2, 1]) {
      const response = await submit({ ...body, contactCode: wrong });
      expect(response.json().error.message).toContain(`còn ${left} lần thử`);
    }
    const third = await submit({ ...body, contactCode: wrong });
    expect(third.json().error.code).toBe("contact_code_attempts");
    const right = await submit({ ...body, contactCode: code });
    expect(right.json().error.code).toBe("contact_code_attempts");

    const other = freshPhone();
    await askCode({ phone: other });
    await database.query("UPDATE contact_codes SET expires_at = $1", [clock.fromNow(-60_000)]);
    const expired = await submit(
      petitionBody({ contact: { name: "Đỗ Văn Thử", phone: other }, contactCode: lastSms(other) }),
      { locale: "en" },
    );
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ code: "contact_code_expired", field: "contactCode" });
    expect(expired.json().error.message).toContain("expired");
  });

  it("limits codes per contact and per address with 429 and a retry time", async () => {
    const phone = freshPhone();
    for (let i = 0; i < 3; i++) expect((await askCode({ phone })).statusCode).toBe(201);
    const fourth = await askCode({ phone });
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(0);
    expect(fourth.json().error.message).toMatch(/thử lại sau \d+ phút/);

    const ip = nextIp();
    for (let i = 0; i < 8; i++) expect((await askCode({ phone: freshPhone() }, ip)).statusCode).toBe(201);
    const ninth = await askCode({ phone: freshPhone() }, ip, "en");
    expect(ninth.statusCode).toBe(429);
    expect(ninth.json().error.message).toMatch(/try again in \d+ minutes/);
  });

  it("refuses bad requests for a code with clear messages, and removes a code it could not send", async () => {
    const both = await askCode({ phone: freshPhone(), email: "a@example.vn" });
    expect(both.statusCode).toBe(400);
    const none = await askCode({});
    expect(none.json().error.code).toBe("petition_contact_missing");
    const badPhone = await askCode({ phone: "12345678" });
    expect(badPhone.json().error).toMatchObject({ code: "petition_phone_invalid", field: "phone" });
    const badEmail = await askCode({ email: "not-an-email" });
    expect(badEmail.statusCode).toBe(400);

    const before = await database.query<{ n: string }>("SELECT count(*) AS n FROM contact_codes");
    const failed = await askCode({ phone: "0999 999 999" });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe("contact_code_send_failed");
    const after = await database.query<{ n: string }>("SELECT count(*) AS n FROM contact_codes");
    expect(after[0].n).toBe(before[0].n);
  });

  it("asks an Open311 client for the code too, in the X-Contact-Code header", async () => {
    const phone = freshPhone();
    const post = (headers: Record<string, string> = {}) =>
      app.inject({
        method: "POST",
        url: "/open311/v2/requests.json",
        remoteAddress: nextIp(),
        headers: { "content-type": "application/json", ...headers },
        payload: JSON.stringify({
          service_code: "dien-nuoc",
          description: "Nước sinh hoạt bị cúp liên tục ba ngày nay ở khu phố, đề nghị kiểm tra đường ống.",
          address_string: "phường Rạch Giá",
          first_name: "Nam",
          last_name: "Trương",
          phone,
        }),
      });
    const without = await post();
    expect(without.statusCode).toBe(400);
    expect(JSON.stringify(without.json())).toContain("mã xác nhận");
    await askCode({ phone });
    const accepted = await post({ "x-contact-code": lastSms(phone)! });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()[0].service_request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("drops codes a day after they expired (the daily clean-up's step), not before", async () => {
    await askCode({ phone: freshPhone() });
    await database.query(
      "UPDATE contact_codes SET expires_at = $1 WHERE id = (SELECT id FROM contact_codes ORDER BY created_at DESC LIMIT 1)",
      [clock.fromNow(-25 * 3600_000)],
    );
    const before = Number(
      (await database.query<{ n: string }>("SELECT count(*) AS n FROM contact_codes"))[0].n,
    );
    await purgeContactCodes(database.db, clock.fromNow(-2 * 3600_000));
    expect(
      Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM contact_codes"))[0].n),
    ).toBe(before);
    await purgeContactCodes(database.db);
    const after = Number(
      (await database.query<{ n: string }>("SELECT count(*) AS n FROM contact_codes"))[0].n,
    );
    expect(after).toBe(before - 1);
  });

  it("asks no code of a robot that filled the hidden field, and stores nothing", async () => {
    const before = await petitions();
    const response = await submit(petitionBody({ website: "http://spam.example" }));
    expect(response.statusCode).toBe(201);
    expect(await petitions()).toBe(before);
  });

  it("asks the same code of a question for a dialogue and of a comment on a draft", async () => {
    const post = (url: string, payload: unknown) =>
      app.inject({
        method: "POST",
        url,
        remoteAddress: nextIp(),
        headers: { "content-type": "application/json", "accept-language": "vi" },
        payload: JSON.stringify(payload),
      });
    const dialogue = (await app.inject({ method: "GET", url: "/api/public/dialogues" })).json().items[0];
    const consultation = (
      await app.inject({ method: "GET", url: "/api/public/consultations?phase=open" })
    ).json().items[0];
    expect(dialogue, "the demo has an upcoming dialogue").toBeTruthy();
    expect(consultation, "the demo has an open consultation").toBeTruthy();
    const sections = (
      await app.inject({ method: "GET", url: `/api/public/consultations/${consultation.id}` })
    ).json().sections;
    const count = async (table: string) =>
      Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
    const [questionsBefore, commentsBefore] = [
      await count("dialogue_questions"),
      await count("consultation_comments"),
    ];

    const phone = freshPhone();
    const question = {
      text: "Khi nào xã nạo vét con kênh trước nhà văn hóa ấp?",
      contact: { name: "Võ Thị Hỏi", phone },
    };
    const comment = {
      sectionId: sections[0].id,
      text: "Đề nghị ghi rõ thời hạn công khai kết quả lấy ý kiến.",
      contact: { name: "Võ Thị Hỏi", phone },
    };
    const noCode = await post(`/api/public/dialogues/${dialogue.id}/questions`, question);
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().error).toMatchObject({ code: "contact_code_required", field: "contactCode" });
    expect((await post(`/api/public/consultations/${consultation.id}/comments`, comment)).statusCode).toBe(
      400,
    );
    expect([await count("dialogue_questions"), await count("consultation_comments")]).toEqual([
      questionsBefore,
      commentsBefore,
    ]);

    expect((await askCode({ phone })).statusCode).toBe(201);
    const code = lastSms(phone)!;
    const asked = await post(`/api/public/dialogues/${dialogue.id}/questions`, {
      ...question,
      contactCode: code,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    // Spent: the comment needs a code of its own.
    const reused = await post(`/api/public/consultations/${consultation.id}/comments`, {
      ...comment,
      contactCode: code,
    });
    expect(reused.statusCode).toBe(400);
    expect((await askCode({ phone })).statusCode).toBe(201);
    const commented = await post(`/api/public/consultations/${consultation.id}/comments`, {
      ...comment,
      contactCode: lastSms(phone)!,
    });
    expect(commented.statusCode, commented.body).toBe(201);
    expect([await count("dialogue_questions"), await count("consultation_comments")]).toEqual([
      questionsBefore + 1,
      commentsBefore + 1,
    ]);
  });
});
