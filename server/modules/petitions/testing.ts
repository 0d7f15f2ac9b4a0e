import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../db/connection.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import type { MailMessage } from "../notifications/mailer.ts";
import { petitionDeps } from "./deps.ts";

/** Helpers shared by the petitions module's integration tests. */

let counter = 0;

/** A fresh client address per call unless one is given: the limits are per address. */
export function nextIp(): string {
  counter++;
  return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

export const sampleText =
  "Đoạn đường trước trường tiểu học bị ngập sâu sau mỗi cơn mưa, học sinh phải lội nước đến lớp, đề nghị khắc phục.";

export function petitionBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "phan-anh",
    text: sampleText,
    communeName: "phuong rach gia",
    contact: {
      name: "Nguyễn Văn Thử",
      phone: `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`,
    },
    ...overrides,
  };
}

export function submit(
  app: FastifyInstance,
  body: unknown,
  options: { ip?: string; key?: string; locale?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/api/public/petitions",
    remoteAddress: options.ip ?? nextIp(),
    headers: {
      "content-type": "application/json",
      "accept-language": options.locale ?? "vi",
      ...(options.key ? { "idempotency-key": options.key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

export function multipartFile(content: Buffer, filename = "tep.bin", field = "file") {
  const boundary = "----dongthuan-petitions-boundary";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export function uploadFile(app: FastifyInstance, content: Buffer, ip = nextIp()) {
  const { payload, headers } = multipartFile(content);
  return app.inject({ method: "POST", url: "/api/public/uploads", remoteAddress: ip, headers, payload });
}

/** A minimal zip whose central directory names the given entries (enough for sniffing). */
export function zipWith(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    locals.push(local, nameBytes);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export const FILES = {
  pdf: Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]),
  webp: Buffer.concat([
    Buffer.from("RIFF"),
    Buffer.from([0x20, 0, 0, 0]),
    Buffer.from("WEBPVP8 "),
    Buffer.alloc(20),
  ]),
  docx: zipWith(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]),
  xlsx: zipWith(["[Content_Types].xml", "xl/workbook.xml"]),
  exe: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64, 0)]),
  html: Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
  zip: zipWith(["a.txt"]),
};

/**
 * The province the workflow tests run in: the demo, petitions' mail caught in `mails`, and the
 * coordinator, the culture department's officer and leader, the province's leader, the
 * supervisor, a district officer and the administrator signed in.
 */
export async function openPetitionWorld(database: Database) {
  const { app, ctx } = await createTestApp(database, "kien-giang", { UPLOAD_STORAGE: "memory" });
  const deps = petitionDeps(ctx);
  const mails: MailMessage[] = [];
  deps.mailer = {
    transport: "log",
    send: async (message) => {
      mails.push(message);
      return { messageId: String(mails.length) };
    },
    close: async () => {},
  };
  const users: Record<string, Client> = {};
  for (const name of [
    "dieuphoi",
    "canbo.so",
    "lanhdao.so",
    "lanhdao.tinh",
    "giamsat",
    "canbo.huyen",
    "admin",
  ])
    users[name] = await signIn(app, name);
  const unitId = async (code: string) =>
    (
      await database.query<{ id: string }>("SELECT id FROM units WHERE code = $1 AND valid_to IS NULL", [
        code,
      ])
    )[0].id;
  return { app, deps, users, mails, unitId };
}
