import { describe, expect, it } from "vitest";
import {
  issuerFromHeader,
  issuerFromPreamble,
  properCase,
  readDateLine,
  readHeader,
  readNumberLine,
  readTail,
} from "./metadata.ts";

const cells = (lines: string[]) => lines.map((text, i) => ({ text, line: i + 1 }));

describe("number and date lines", () => {
  it("reads the number and symbol, and a blank number as null", () => {
    expect(readNumberLine("Số: 05/KH-UBND")).toEqual({ number: "05", symbol: "KH-UBND" });
    expect(readNumberLine("Số: /KH-UBND")).toEqual({ number: null, symbol: "KH-UBND" });
    expect(readNumberLine("Số: ......../KH-SYT")).toEqual({ number: null, symbol: "KH-SYT" });
    expect(readNumberLine("Số 125/KH-SYT")).toEqual({ number: "125", symbol: "KH-SYT" });
    expect(readNumberLine("Số hiệu: /KH-UBND")).toBeNull();
    expect(readNumberLine("Sở Nội vụ")).toBeNull();
  });

  it("reads the place and a date as precise as written", () => {
    expect(readDateLine("Kiên Giang, ngày tháng 6 năm 2024")).toEqual({
      place: "Kiên Giang",
      date: "2024-06",
      blankParts: ["ngày"],
    });
    expect(readDateLine("Rạch Giá, ngày 05 tháng 3 năm 2025")).toEqual({
      place: "Rạch Giá",
      date: "2025-03-05",
      blankParts: [],
    });
    expect(readDateLine("An Minh, ngày ... tháng ... năm 2025")).toEqual({
      place: "An Minh",
      date: "2025",
      blankParts: ["ngày", "tháng"],
    });
    expect(readDateLine("Hà Nội, ngày 5/3/2024")).toEqual({
      place: "Hà Nội",
      date: "2024-03-05",
      blankParts: [],
    });
  });

  it("flags a blank number and a blank part of the date", () => {
    const header = readHeader(
      cells(["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", "Số: /KH-UBND", "Kiên Giang, ngày tháng 6 năm 2024"]),
    );
    expect(header).toMatchObject({ number: null, symbol: "KH-UBND", place: "Kiên Giang", date: "2024-06" });
    expect(header.warnings).toEqual([
      { code: "blank-number", message: 'Số văn bản để trống: "Số: /KH-UBND"', at: null, line: 3 },
      {
        code: "blank-date-part",
        message: 'Ngày ban hành để trống phần ngày: "Kiên Giang, ngày tháng 6 năm 2024"',
        at: null,
        line: 4,
      },
    ]);
  });
});

describe("issuer", () => {
  it.each([
    ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "Ủy ban nhân dân tỉnh Kiên Giang"],
    ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"],
    ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"],
    ["UBND HUYỆN AN MINH", "UBND huyện An Minh"],
    ["VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"],
    ["SỞ Y TẾ", "Sở Y tế"],
  ])("%s → %s", (caps, proper) => {
    expect(properCase(caps)).toBe(proper);
  });

  it("takes the issuing body, not its parent, from a two-level header", () => {
    expect(
      issuerFromHeader(
        cells(["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "Số: 125/KH-SYT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
      ),
    ).toBe("Sở Y tế");
    expect(
      issuerFromHeader(
        cells(["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM"]),
      ),
    ).toBe("Ủy ban nhân dân tỉnh Kiên Giang");
  });

  it("finds the issuer in the preamble's 'ban hành'", () => {
    expect(
      issuerFromPreamble(
        "Thực hiện Chương trình số 51-CTr/TU, hạnh phúc, Ủy ban nhân dân tỉnh Kiên Giang ban hành Kế hoạch thực hiện như sau:",
      ),
    ).toBe("Ủy ban nhân dân tỉnh Kiên Giang");
    expect(issuerFromPreamble("Các đơn vị ban hành kế hoạch")).toBe("Các đơn vị");
    expect(issuerFromPreamble("Tiếp tục ban hành văn bản")).toBeNull();
  });
});

describe("signature and recipients", () => {
  it("reads TM./KT. authority lines, the position and the name", () => {
    const tail = readTail(
      cells([
        "Nơi nhận:",
        "- Bộ Nội vụ (b/c);",
        "- Lưu: VT, ckbich",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "(Đã ký)",
        "Nguyễn Lưu Trung",
      ]),
    );
    expect(tail.signer).toEqual({
      name: "Nguyễn Lưu Trung",
      position: "PHÓ CHỦ TỊCH",
      authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
    });
    expect(tail.recipients).toEqual(["Bộ Nội vụ (b/c)", "Lưu: VT, ckbich"]);
    expect(tail.unplaced).toEqual([]);
  });

  it("keeps recipients whose column comes interleaved with the signature", () => {
    const tail = readTail(
      cells([
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "KT. GIÁM ĐỐC",
        "- Lưu: VT.",
        "PHÓ GIÁM ĐỐC",
        "Phạm Thị Thu Hà",
      ]),
    );
    expect(tail.recipients).toEqual(["UBND tỉnh (b/c)", "Lưu: VT"]);
    expect(tail.signer).toEqual({
      name: "Phạm Thị Thu Hà",
      position: "PHÓ GIÁM ĐỐC",
      authority: ["KT. GIÁM ĐỐC"],
    });
  });
});
