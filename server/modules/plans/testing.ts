import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import { expect } from "vitest";
import { seedPlanPath } from "../../../demo/plan.ts";
import type { Client } from "../../test/harness.ts";

/** Helpers shared by the plans module's integration tests. */

export const seedText = () => readFileSync(seedPlanPath(), "utf8");

export function multipart(filename: string, content: Buffer | string, contentType = "text/plain") {
  const boundary = "----dongthuan-plans-boundary";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(client: Client, filename: string, content: Buffer | string, query = "") {
  const { body, headers } = multipart(filename, content);
  return client.request("POST", `/api/plans/import${query}`, body, headers);
}

/**
 * Imports the seed plan (optionally with a different title, to tell copies apart); returns its id.
 * The demo holds the seed plan already, so this is always a deliberate second copy.
 */
export async function importSeed(client: Client, retitle?: string): Promise<string> {
  const text = retitle
    ? seedText().replace(
        "Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII",
        retitle,
      )
    : seedText();
  const response = await upload(client, "ke-hoach.txt", text, "?allowDuplicate=true");
  expect(response.statusCode, response.body).toBe(201);
  return response.json().plan.id as string;
}

/** Confirms the exact mentions, resolves every other one to the first unit suggested, publishes. */
export async function resolveAllAndPublish(client: Client, id: string) {
  expect((await client.post(`/api/plans/${id}/mentions/auto-confirm`)).statusCode).toBe(200);
  const mentions = (await client.get(`/api/plans/${id}/mentions`)).json().items as {
    mention: string;
    suggestions: { kind: string; id: string }[];
    resolution: { confirmed: boolean } | null;
  }[];
  const anyUnit = (await client.get("/api/units?q=so%20noi%20vu")).json().items[0].id as string;
  for (const m of mentions.filter((m) => !m.resolution?.confirmed)) {
    const first = m.suggestions[0];
    const body = first?.kind === "group" ? { groupId: first.id } : { unitIds: [first?.id ?? anyUnit] };
    const response = await client.request("PUT", `/api/plans/${id}/mentions`, {
      mention: m.mention,
      ...body,
      confirmed: true,
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  const published = await client.post(`/api/plans/${id}/publish`);
  expect(published.statusCode, published.body).toBe(201);
  return published.json();
}

/** A district's own plan (kế hoạch cụ thể) carrying out the provincial one. */
export const DISTRICT_PLAN = `ỦY BAN NHÂN DÂN
HUYỆN CHÂU THÀNH

Số: 45/KH-UBND

Châu Thành, ngày 15 tháng 7 năm 2024

KẾ HOẠCH

Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc trên địa bàn huyện

I. MỤC ĐÍCH, YÊU CẦU

1. Cụ thể hóa các nhiệm vụ được giao tại Kế hoạch của Ủy ban nhân dân tỉnh.

II. NHIỆM VỤ VÀ GIẢI PHÁP

1. Phòng Nội vụ huyện chủ trì, phối hợp với UBND các xã, thị trấn tổ chức tuyên truyền, quán triệt Nghị quyết số 43-NQ/TW đến cán bộ, đảng viên và Nhân dân.

2. Phòng Văn hóa và Thông tin huyện đẩy mạnh tuyên truyền trên hệ thống thông tin cơ sở.

3. UBND các xã, thị trấn tổ chức Ngày hội đại đoàn kết toàn dân tộc ở khu dân cư.

III. TỔ CHỨC THỰC HIỆN

Phòng Nội vụ huyện là cơ quan đầu mối, định kỳ trước ngày 05/12 hằng năm báo cáo Ủy ban nhân dân huyện kết quả thực hiện.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Võ Văn Chủ Tịch
`;

/** A one-page PDF with a drawing and no text at all: what a scanner without OCR produces. */
export function pdfWithoutText(): Buffer {
  const content = "0 0 1 rg 100 100 200 200 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** A zip holding one stored (uncompressed) file: a package that is not a Word document. */
export function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content, "utf8");
  const fileName = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralStart = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
