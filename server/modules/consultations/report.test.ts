import { describe, expect, it } from "vitest";
import type { DocBlock } from "../../lib/documents/types.ts";
import { explanatoryReport, type ReportComment, type ReportInput, unitSymbol, vnDate } from "./report.ts";

const comment = (over: Partial<ReportComment>): ReportComment => ({
  sectionId: "s1",
  authorKind: "citizen",
  authorName: "Trần Văn Góp",
  organisation: null,
  text: "Đề nghị bổ sung hình thức đối thoại trực tuyến.",
  status: "published",
  rejectReason: null,
  result: null,
  explanation: null,
  ...over,
});

const input: ReportInput = {
  title: "Dự thảo Kế hoạch thực hiện dân chủ ở cơ sở năm 2026",
  draftingUnit: {
    name: "Sở Nội vụ",
    shortName: null,
    type: "department",
    parentName: "Ủy ban nhân dân tỉnh An Giang",
  },
  place: "An Giang",
  opensOn: "2026-03-02",
  closesOn: "2026-03-31",
  sections: [
    { id: "s2", position: 2, heading: "II. NHIỆM VỤ" },
    { id: "s1", position: 1, heading: "I. MỤC ĐÍCH, YÊU CẦU" },
  ],
  comments: [
    comment({ result: "accepted", explanation: "Tiếp thu, bổ sung tại điểm 2." }),
    comment({
      authorKind: "front",
      authorName: "Ủy ban MTTQ Việt Nam tỉnh",
      text: "Cần nêu rõ trách nhiệm giám sát.",
      result: "partly",
      explanation: "Tiếp thu một phần.",
    }),
    comment({
      text: "Gọi cho tôi số 0912345678, tôi là Trần Văn Góp.",
      result: "not_accepted",
      explanation: "Đã có quy định.",
    }),
    comment({ sectionId: "s1", result: null }),
    comment({ status: "rejected", rejectReason: "offensive" }),
    comment({ status: "rejected", rejectReason: "duplicate" }),
    comment({ status: "pending" }),
  ],
};

const texts = (blocks: DocBlock[]) =>
  blocks.map((b) =>
    b.type === "heading" || b.type === "paragraph"
      ? (b.text ?? "")
      : b.type === "bullets"
        ? b.items.join(" | ")
        : b.type === "table"
          ? b.rows.map((r) => r.join(" ¦ ")).join(" // ")
          : "",
  );

describe("the explanatory report of a consultation", () => {
  const doc = explanatoryReport(input);
  const all = texts(doc.body).join("\n");

  it("is a BÁO CÁO of the drafting agency under its parent, numbered for the clerk", () => {
    expect(doc.kind).toBe("BÁO CÁO");
    expect(doc.issuer).toEqual({ parent: "Ủy ban nhân dân tỉnh An Giang", name: "Sở Nội vụ" });
    expect(doc.number).toBe("…/BC-SNV");
    expect(doc.date).toBeNull();
    expect(doc.place).toBe("An Giang");
    expect(doc.abstract).toBe(
      "Tiếp thu, giải trình ý kiến góp ý dự thảo Kế hoạch thực hiện dân chủ ở cơ sở năm 2026",
    );
    expect(doc.signature.title).toBe("GIÁM ĐỐC");
    expect(doc.copiesTo.at(-1)).toBe("- Lưu: VT.");
  });

  it("counts what was received, considered, answered and set aside", () => {
    expect(all).toContain(
      "Tổng số ý kiến nhận được: 7 (của công dân: 6; của cơ quan, đơn vị: 0; của Ủy ban Mặt trận Tổ quốc Việt Nam: 1)",
    );
    expect(all).toContain(
      "Ý kiến được xem xét: 4, trong đó tiếp thu 1, tiếp thu một phần 1, không tiếp thu 1, đang nghiên cứu 1",
    );
    expect(all).toContain("Ý kiến không được xem xét: 2");
    expect(all).toContain("Ý kiến đang chờ kiểm duyệt: 1");
    expect(all).toContain("1 ý kiến do nội dung xúc phạm, không phù hợp");
    expect(all).toContain("1 ý kiến do trùng lặp");
  });

  it("goes section by section in order, grouping answers accepted / partly / not accepted", () => {
    const headings = doc.body.filter((b) => b.type === "heading").map((b) => (b as { text: string }).text);
    expect(headings).toEqual([
      "I. KHÁI QUÁT VỀ CÁC Ý KIẾN GÓP Ý",
      "II. TIẾP THU, GIẢI TRÌNH Ý KIẾN THEO TỪNG NỘI DUNG CỦA DỰ THẢO",
      "1. I. MỤC ĐÍCH, YÊU CẦU",
      "a) Ý kiến được tiếp thu (1)",
      "b) Ý kiến được tiếp thu một phần (1)",
      "c) Ý kiến không tiếp thu (1)",
      "d) Ý kiến đang nghiên cứu, chưa trả lời (1)",
      "2. II. NHIỆM VỤ",
      "III. Ý KIẾN KHÔNG ĐƯỢC XEM XÉT",
    ]);
    expect(all).toContain(
      "Công dân ¦ Đề nghị bổ sung hình thức đối thoại trực tuyến. ¦ Tiếp thu, bổ sung tại điểm 2.",
    );
    expect(all).toContain(
      "Ủy ban MTTQ Việt Nam tỉnh ¦ Cần nêu rõ trách nhiệm giám sát. ¦ Tiếp thu một phần.",
    );
    expect(all).toContain("Không có ý kiến góp ý đối với nội dung này.");
  });

  it("never names a citizen nor prints their phone number", () => {
    expect(all).not.toContain("Trần Văn Góp");
    expect(all).not.toContain("0912345678");
  });

  it("writes dates and symbols the Vietnamese way", () => {
    expect(vnDate("2026-03-02")).toBe("02/03/2026");
    expect(unitSymbol("Sở Văn hóa, Thể thao và Du lịch", null)).toBe("SVHTTVDL");
    expect(unitSymbol("Ủy ban nhân dân xã Thoại Sơn", "UBND")).toBe("UBND");
  });
});
