import { type AddressInfo, createServer, type Server } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Config } from "../../config.ts";
import { createMailer, MailError, type MailLogger } from "./mailer.ts";

// --- A real SMTP peer -------------------------------------------------------------------------

interface Received {
  raw: string;
  from: string | null;
  to: string[];
  user: string | null;
}

async function startSmtpServer(options: Partial<SMTPServerOptions>) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          raw: Buffer.concat(chunks).toString("latin1"),
          from: mailFrom ? mailFrom.address : null,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return {
    server,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- Reading the raw message back (RFC 5322 headers, RFC 2047 words, MIME parts) -------------

function bytesOf(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64");
  const qp = text.replace(/_/g, " ");
  return Buffer.from(
    qp.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  );
}

/** Decodes RFC 2047 encoded words; adjacent words join without the space between them. */
function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, "?==?");
  return joined.replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)+/gi, (run) => {
    const parts = [...run.matchAll(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi)];
    expect(parts.every((part) => part[1].toLowerCase() === "utf-8")).toBe(true);
    return Buffer.concat(parts.map((part) => bytesOf(part[2], part[3]))).toString("utf8");
  });
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A header parameter, joining RFC 2231 continuations (`name*0*=utf-8''…; name*1*=…`). */
function param(header: string, name: string): string | null {
  const plain = new RegExp(`(?:^|;)\\s*${name}="?([^";]*)"?`, "i").exec(header);
  if (plain) return decodeWords(plain[1]);
  const pieces = [...header.matchAll(new RegExp(`${name}\\*(\\d*)\\*?="?([^";]*)"?`, "gi"))];
  if (pieces.length === 0) return null;
  const joined = pieces
    .sort((a, b) => Number(a[1] || 0) - Number(b[1] || 0))
    .map((piece) => piece[2])
    .join("");
  return decodeURIComponent(joined.replace(/^utf-8''/i, ""));
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64");
  if (encoding === "quoted-printable") {
    const unfolded = part.body.replace(/=\r\n/g, "");
    return Buffer.from(
      unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      "latin1",
    );
  }
  return Buffer.from(part.body, "latin1");
}

/** Every leaf part of a (possibly nested) multipart message. */
function leaves(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "text/plain";
  if (!type.toLowerCase().startsWith("multipart/")) return [part];
  const boundary = param(type, "boundary");
  expect(boundary).toBeTruthy();
  const sections = part.body.split(`--${boundary}`).slice(1);
  const inner = sections.filter((section) => !section.startsWith("--"));
  return inner.flatMap((section) => leaves(parsePart(section.replace(/^\r\n/, "").replace(/\r\n$/, ""))));
}

// --- The tests --------------------------------------------------------------------------------

const logged: { level: string; obj: object; msg?: string }[] = [];
const logger: MailLogger = {
  info: (obj, msg) => logged.push({ level: "info", obj, msg }),
  warn: (obj, msg) => logged.push({ level: "warn", obj, msg }),
};

function smtpConfig(
  port: number,
  user: string | null = null,
  password: string | null = null,
  tlsRejectUnauthorized = true,
) {
  const smtp: NonNullable<Config["smtp"]> = {
    host: "127.0.0.1",
    port,
    secure: false,
    user,
    password,
    tlsRejectUnauthorized,
  };
  return { smtp, mailFrom: "Văn phòng UBND tỉnh <vanphong@ubnd.example.vn>" };
}

const subject = "Đôn đốc: Kế hoạch số 125/KH-UBND — hạn báo cáo ngày 15/12/2026";
const text =
  "Kính gửi Sở Nội vụ,\nĐề nghị quý đơn vị báo cáo kết quả thực hiện nhiệm vụ được giao.\nTrân trọng.";
const report = Buffer.from("%PDF-1.4 báo cáo tiến độ — bản thử\n", "utf8");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  logged.length = 0;
  while (cleanups.length) await cleanups.pop()!();
});

describe("mailer over SMTP", () => {
  it("delivers a Vietnamese subject, body and attachment (no auth, plain connection)", async () => {
    const peer = await startSmtpServer({ authOptional: true, disabledCommands: ["STARTTLS"] });
    cleanups.push(peer.close);
    const mailer = createMailer(smtpConfig(peer.port), logger);
    cleanups.push(() => mailer.close());
    expect(mailer.transport).toBe("smtp");

    const result = await mailer.send({
      to: ["sonoivu@example.vn", "vanthu@example.vn"],
      subject,
      text,
      html: "<p>Kính gửi <b>Sở Nội vụ</b></p>",
      attachments: [{ filename: "Báo cáo tháng 11.pdf", content: report, contentType: "application/pdf" }],
    });

    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(peer.received).toHaveLength(1);
    const mail = peer.received[0];
    expect(mail.from).toBe("vanphong@ubnd.example.vn");
    expect(mail.to).toEqual(["sonoivu@example.vn", "vanthu@example.vn"]);
    const message = parsePart(mail.raw);
    // Headers are 7-bit on the wire: the Vietnamese subject arrives RFC 2047 encoded.
    expect(message.headers.get("subject")).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(decodeWords(message.headers.get("subject")!)).toBe(subject);
    expect(decodeWords(message.headers.get("from")!)).toBe("Văn phòng UBND tỉnh <vanphong@ubnd.example.vn>");
    expect(message.headers.get("message-id")).toBe(result.messageId);

    const parts = leaves(message);
    const plain = parts.find((part) => part.headers.get("content-type")?.startsWith("text/plain"));
    expect(param(plain!.headers.get("content-type")!, "charset")?.toLowerCase()).toBe("utf-8");
    expect(decodeBody(plain!).toString("utf8").replace(/\r\n/g, "\n")).toBe(text);
    const html = parts.find((part) => part.headers.get("content-type")?.startsWith("text/html"));
    expect(decodeBody(html!).toString("utf8")).toBe("<p>Kính gửi <b>Sở Nội vụ</b></p>");
    const attachment = parts.find((part) =>
      part.headers.get("content-disposition")?.startsWith("attachment"),
    );
    expect(param(attachment!.headers.get("content-disposition")!, "filename")).toBe("Báo cáo tháng 11.pdf");
    expect(attachment!.headers.get("content-type")).toMatch(/^application\/pdf/);
    expect(decodeBody(attachment!).equals(report)).toBe(true);

    // The log names the message, never its content.
    const line = JSON.stringify(logged);
    expect(line).not.toContain("Sở Nội vụ");
    expect(line).not.toContain("Đôn đốc");
  });

  it("signs in with AUTH PLAIN over STARTTLS to a server with a self-signed certificate", async () => {
    const peer = await startSmtpServer({
      authMethods: ["PLAIN"],
      onAuth(auth, _session, callback) {
        if (auth.username === "vanphong" && auth.password === "mật-khẩu-đúng")
          callback(null, { user: auth.username });
        else callback(new Error("Invalid username or password"));
      },
    });
    cleanups.push(peer.close);

    // Without the opt-out the certificate is checked, and refused.
    const strict = createMailer(smtpConfig(peer.port, "vanphong", "mật-khẩu-đúng"), logger);
    cleanups.push(() => strict.close());
    const refused = await strict.send({ to: "a@example.vn", subject, text }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MailError);
    expect(refused).toMatchObject({ kind: "tls" });
    expect((refused as Error).message).toContain("SMTP_TLS_REJECT_UNAUTHORIZED=false");

    // SMTP_TLS_REJECT_UNAUTHORIZED=false, as loadConfig reads it.
    const mailer = createMailer(smtpConfig(peer.port, "vanphong", "mật-khẩu-đúng", false), logger);
    cleanups.push(() => mailer.close());
    await mailer.send({ to: "sonoivu@example.vn", subject, text });
    expect(peer.received).toHaveLength(1);
    expect(peer.received[0].user).toBe("vanphong");
    expect(decodeWords(parsePart(peer.received[0].raw).headers.get("subject")!)).toBe(subject);
    expect(logged.some((line) => line.level === "warn" && line.msg?.includes("not checked"))).toBe(true);
  });

  it("refuses a wrong password with a clear error", async () => {
    const peer = await startSmtpServer({
      authMethods: ["PLAIN"],
      onAuth(auth, _session, callback) {
        if (auth.password === "mật-khẩu-đúng") callback(null, { user: auth.username });
        else callback(new Error("Invalid username or password"));
      },
    });
    cleanups.push(peer.close);
    const mailer = createMailer(smtpConfig(peer.port, "vanphong", "sai-mật-khẩu", false), logger);
    cleanups.push(() => mailer.close());
    const error = await mailer.send({ to: "a@example.vn", subject, text }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ kind: "auth" });
    expect((error as Error).message).toMatch(
      /refused the sign-in of "vanphong".*SMTP_USER and SMTP_PASSWORD/,
    );
    expect((error as Error).message).not.toContain("sai-mật-khẩu");
    expect(peer.received).toHaveLength(0);
  });

  it("fails at once, clearly, when nothing listens on the port", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const mailer = createMailer(smtpConfig(port), logger);
    cleanups.push(() => mailer.close());
    const started = Date.now();
    const error = await mailer.send({ to: "a@example.vn", subject, text }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ kind: "connection" });
    expect((error as Error).message).toMatch(
      new RegExp(`Cannot reach the mail server 127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
  });

  it("gives up on a server that accepts the connection but never answers", async () => {
    const silent = createServer(() => {}); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const { port } = silent.address() as AddressInfo;

    const mailer = createMailer(smtpConfig(port), logger, {
      connectionTimeoutMs: 1500,
      greetingTimeoutMs: 1500,
    });
    cleanups.push(() => mailer.close());
    const started = Date.now();
    const error = await mailer.send({ to: "a@example.vn", subject, text }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ kind: "timeout" });
    expect((error as Error).message).toMatch(/did not answer in time: check SMTP_HOST and SMTP_PORT/);
  });
});

describe("mailer without SMTP", () => {
  it("logs recipients and subject only, and returns a message id", async () => {
    const mailer = createMailer(
      { smtp: null, mailFrom: "Đồng Thuận <no-reply@dongthuan.example.vn>" },
      logger,
    );
    expect(mailer.transport).toBe("log");
    const { messageId } = await mailer.send({
      to: "nguoidan@example.vn",
      subject: "Phản hồi kiến nghị",
      text: "Số CCCD 012345678901 của ông Nguyễn Văn A",
      attachments: [{ filename: "giay-to.pdf", content: Buffer.from("x") }],
    });
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@dongthuan\.example\.vn>$/);
    expect(logged).toHaveLength(1);
    expect(logged[0].obj).toEqual({
      messageId,
      to: ["nguoidan@example.vn"],
      subject: "Phản hồi kiến nghị",
      attachments: 1,
    });
    expect(JSON.stringify(logged)).not.toContain("012345678901");
    await mailer.close();
  });

  it("refuses a mail without recipients", async () => {
    const mailer = createMailer({ smtp: null, mailFrom: "no-reply@localhost" }, logger);
    await expect(mailer.send({ to: [" "], subject: "x", text: "y" })).rejects.toMatchObject({
      kind: "invalid",
    });
  });
});
