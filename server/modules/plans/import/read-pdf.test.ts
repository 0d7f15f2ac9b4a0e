import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlanImportError } from "./errors.ts";
import { readPdf } from "./read-pdf.ts";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name));

async function refusal(buffer: Buffer): Promise<PlanImportError> {
  try {
    await readPdf(buffer);
  } catch (error) {
    if (error instanceof PlanImportError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("readPdf", () => {
  it("rebuilds one line per paragraph from a printed plan", async () => {
    const { text, pages } = await readPdf(fixture("seed-printed.pdf"));
    expect(pages).toBeGreaterThan(5);
    const lines = text.split("\n");
    // the two-column header comes out as columns
    expect(lines[0]).toBe("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    // a long paragraph that ran over several printed lines is one line again
    const item = lines.find((l) => l.startsWith("5. Đề nghị Ủy ban Mặt trận"));
    expect(item).toBe(
      "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị - xã hội tỉnh tăng cường công tác tuyên truyền, vận động và giám sát việc thực hiện Nghị quyết số 43-NQ/TW, Chương trình hành động số 51-CTr/TU và Kế hoạch này. Phối hợp đẩy mạnh các phong trào thi đua yêu nước, góp phần huy động mọi nguồn lực phục vụ phát triển của tỉnh.",
    );
    expect(lines).toContain(
      "a) Tiếp tục tổ chức học tập, quán triệt, nâng cao nhận thức, thực hiện tốt đường lối chủ trương của Đảng, chính sách, pháp luật của Nhà nước, tư tưởng Hồ Chí Minh về đại đoàn kết toàn dân tộc, nhất là nâng cao nhận thức về vị trí, vai trò, tầm quan trọng của việc giữ gìn và phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc trong xây dựng và phát triển tỉnh Kiên Giang.",
    );
  });

  it("refuses a scan with no text layer, asking for OCR", async () => {
    const error = await refusal(fixture("scanned.pdf"));
    expect(error.code).toBe("pdf-no-text");
    expect(error.messageVi).toBe("Tệp PDF không có lớp văn bản: hãy nhận dạng ký tự (OCR) trước");
    expect(error.messageEn).toBe("this PDF has no text layer: run OCR first");
  });

  it("refuses a damaged PDF", async () => {
    const error = await refusal(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >>\nrác"));
    expect(error.code).toBe("invalid-pdf");
  });
});
