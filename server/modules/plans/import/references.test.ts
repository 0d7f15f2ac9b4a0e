import { describe, expect, it } from "vitest";
import { type CitationAt, collectReferences, findCitations } from "./references.ts";

const at = (text: string, basis: boolean, code: string | null, line: number): CitationAt[] =>
  findCitations(text).map((c) => ({ ...c, basis, at: code, line }));

describe("findCitations", () => {
  it("reads kind, number, date, issuer and term", () => {
    const [c] = findCitations(
      "Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục phát huy",
    );
    expect(c).toMatchObject({
      kind: "Nghị quyết",
      number: "43-NQ/TW",
      date: "2023-11-24",
      issuer: "Ban Chấp hành Trung ương Đảng",
      term: "XIII",
    });
  });

  it("reads the issuer up to its verb and a date written in words", () => {
    const [c] = findCitations(
      "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt Chương trình",
    );
    expect(c).toMatchObject({
      kind: "Quyết định",
      number: "749/QĐ-TTg",
      date: "2020-06-03",
      issuer: "Thủ tướng Chính phủ",
    });
  });

  it("reads a date after a comma and a term in brackets", () => {
    const list = findCitations(
      "Chương trình hành động số 48-CTr/TU, ngày 22/12/2023 của Tỉnh ủy và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII).",
    );
    expect(list.map((c) => [c.kind, c.number, c.date, c.issuer, c.term])).toEqual([
      ["Chương trình hành động", "48-CTr/TU", "2023-12-22", "Tỉnh ủy", null],
      ["Kết luận", "21-KL/TW", null, "Ban Chấp hành Trung ương Đảng", "XIII"],
    ]);
  });

  it("infers the kind of a bare number from its symbol", () => {
    expect(findCitations("theo số 1234/QĐ-UBND")[0].kind).toBe("Quyết định");
  });

  it("reads laws cited by name and Party plenum resolutions", () => {
    const list = findCitations(
      "Triển khai Luật thực hiện dân chủ ở cơ sở; Luật Phòng, chống tham nhũng năm 2018 và Nghị quyết Trung ương 4 (khóa XI, khóa XII).",
    );
    expect(list.map((c) => [c.kind, c.number, c.title, c.date, c.term])).toEqual([
      ["Luật", null, "thực hiện dân chủ ở cơ sở", null, null],
      ["Luật", null, "Phòng, chống tham nhũng", "2018", null],
      ["Nghị quyết", null, "Trung ương 4", null, "XI, XII"],
    ]);
  });

  it("ignores the word luật inside pháp luật and lower-case kinds without number", () => {
    expect(findCitations("chính sách, pháp luật của Nhà nước; các nghị quyết, chỉ thị của Đảng")).toEqual([]);
  });
});

describe("collectReferences", () => {
  it("merges citations of one document, counts them and marks the basis", () => {
    const { references, warnings } = collectReferences([
      ...at("Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy", true, null, 9),
      ...at("quán triệt Chương trình hành động số 51-CTr/TU", false, "I.1.-1", 17),
      ...at("theo Nghị quyết số 41-NQ/TW, ngày 10/10/2023 của Bộ Chính trị", false, "II.2.a.-4", 55),
    ]);
    expect(references).toEqual([
      {
        kind: "Chương trình hành động",
        number: "51-CTr/TU",
        date: "2024-03-19",
        issuer: "Tỉnh ủy",
        role: "basis",
        mentions: 2,
        title: null,
        term: null,
      },
      {
        kind: "Nghị quyết",
        number: "41-NQ/TW",
        date: "2023-10-10",
        issuer: "Bộ Chính trị",
        role: "cited",
        mentions: 1,
        title: null,
        term: null,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("warns when one document is cited with a different term, date or issuer", () => {
    const { references, warnings } = collectReferences([
      ...at(
        "Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII",
        true,
        null,
        9,
      ),
      ...at(
        "Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XVII",
        true,
        null,
        11,
      ),
      ...at("Nghị quyết số 43-NQ/TW ngày 25/11/2023", false, "III.3", 149),
    ]);
    expect(references[0]).toMatchObject({ term: "XIII", date: "2023-11-24", mentions: 3 });
    expect(warnings).toEqual([
      {
        code: "reference-conflict",
        message: "Nghị quyết số 43-NQ/TW được dẫn với ngày khác nhau: 2023-11-24; 2023-11-25",
        at: "III.3",
        line: 149,
      },
      {
        code: "reference-conflict",
        message: "Nghị quyết số 43-NQ/TW được dẫn với khóa khác nhau: XIII; XVII",
        at: null,
        line: 11,
      },
    ]);
  });
});
