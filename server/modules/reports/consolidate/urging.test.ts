import { describe, expect, it } from "vitest";
import { renderNd30Docx } from "../../../lib/documents/nd30.ts";
import type { AppError } from "../../../lib/errors.ts";
import { zipText } from "../../../test/zip.ts";
import { type UrgingLetterInput, urgingLetterDocument } from "./urging.ts";

const input: UrgingLetterInput = {
  issuer: {
    parent: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
    name: "SỞ NỘI VỤ",
    place: "Kiên Giang",
    abbreviation: "SNV-XDCQ",
  },
  plan: {
    title: "Kế hoạch số 181/KH-UBND ngày 05/6/2024 thực hiện Chương trình hành động số 51-CTr/TU",
    number: "181/KH-UBND",
    issuedOn: "2024-06-05",
  },
  period: { label: "năm 2024" },
  deadline: "2024-12-10",
  newDeadline: "2024-12-20",
  lateUnits: [
    { unitName: "Sở Văn hóa và Thể thao", status: "returned" },
    { unitName: "UBND thành phố Phú Quốc", status: "none" },
  ],
  receiver: "Sở Nội vụ",
  signer: { capacity: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" },
  date: new Date("2024-12-12T02:00:00Z"),
};

const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("not refused");
};

describe("urgingLetterDocument", () => {
  it("is a công văn: V/v abstract, Kính gửi the late units, no kind", () => {
    const doc = urgingLetterDocument(input);
    expect(doc.kind).toBeUndefined();
    expect(doc.abstract).toBe("V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024");
    expect(doc.recipients).toEqual(["Sở Văn hóa và Thể thao", "UBND thành phố Phú Quốc"]);
    expect(doc.issuer).toEqual({ parent: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", name: "SỞ NỘI VỤ" });
    expect(doc.number).toBe("…/SNV-XDCQ");
    expect(doc.copiesTo).toEqual(["- Như trên;", "- Lưu: VT."]);
  });

  it("cites the plan and the missed deadline, lists each unit with where its report stands, sets a new date", () => {
    const text = urgingLetterDocument(input)
      .body.map((b) => (b.type === "paragraph" ? b.text : b.type === "bullets" ? b.items.join("\n") : ""))
      .join("\n");
    expect(text).toContain(
      "Thực hiện Kế hoạch số 181/KH-UBND ngày 05/6/2024 thực hiện Chương trình hành động số 51-CTr/TU",
    );
    expect(text).toContain("trước ngày 10/12/2024");
    expect(text).toContain("Sở Văn hóa và Thể thao (báo cáo được trả lại để bổ sung, chưa gửi lại);");
    expect(text).toContain("UBND thành phố Phú Quốc (chưa gửi báo cáo).");
    expect(text).toContain("trước ngày 20/12/2024");
    expect(text).toContain("Sở Nội vụ đề nghị Thủ trưởng các đơn vị");
    expect(text).toMatch(/\.\/\.$/);
  });

  it("names many late units in the body rather than one a line in Kính gửi", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ unitName: `UBND xã ${i + 1}` }));
    const doc = urgingLetterDocument({ ...input, lateUnits: many });
    expect(doc.recipients).toEqual(["Các đơn vị có tên tại văn bản này"]);
    const list = doc.body.find((b) => b.type === "bullets");
    expect(list?.type === "bullets" && list.items).toHaveLength(14);
  });

  it("refuses a letter with nobody late, and a new deadline not after the old one or the letter's day", () => {
    expect(refusal(() => urgingLetterDocument({ ...input, lateUnits: [] })).code).toBe(
      "urging_no_late_units",
    );
    expect(refusal(() => urgingLetterDocument({ ...input, lateUnits: [{ unitName: "  " }] })).code).toBe(
      "urging_no_late_units",
    );
    const early = refusal(() => urgingLetterDocument({ ...input, newDeadline: "2024-12-10" }));
    expect(early.code).toBe("urging_new_deadline");
    expect(early.field).toBe("newDeadline");
    expect(refusal(() => urgingLetterDocument({ ...input, newDeadline: "2024-12-12" })).message).toContain(
      "12/12/2024",
    );
  });

  it("renders as a signed-ready .docx with the Sở under UBND tỉnh and the date line", async () => {
    const xml = zipText(await renderNd30Docx(urgingLetterDocument(input)), "word/document.xml");
    for (const text of [
      "TỈNH KIÊN GIANG",
      "SỞ NỘI VỤ",
      "Số: …/SNV-XDCQ",
      "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024",
      "Kiên Giang, ngày 12 tháng 12 năm 2024",
      "Kính gửi:",
      "- Sở Văn hóa và Thể thao;",
      "- UBND thành phố Phú Quốc.",
      "KT. GIÁM ĐỐC",
      "PHÓ GIÁM ĐỐC",
    ]) {
      expect(xml, text).toContain(`>${text}<`);
    }
  });
});
