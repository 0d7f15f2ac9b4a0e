import { describe, expect, it } from "vitest";
import { isRuleLine, readMarker, romanValue, toRoman } from "./markers.ts";

describe("readMarker", () => {
  it.each([
    ["I. MỤC ĐÍCH", "roman", "I"],
    ["II- NHIỆM VỤ", "roman", "II"],
    ["III - TỔ CHỨC", "roman", "III"],
    ["IV. KINH PHÍ", "roman", "IV"],
    ["1. Mục đích", "arabic", "1"],
    ["2/ Yêu cầu", "arabic", "2"],
    ["3) Nhiệm vụ", "arabic", "3"],
    ["1.2. Phòng Nghiệp vụ Y", "arabic", "1.2"],
    ["2.1 Mục tiêu chung", "arabic", "2.1"],
    ["a) Tiếp tục", "letter", "a"],
    ["đ. Đẩy mạnh", "letter", "đ"],
    ["- Tiếp tục", "bullet", "-"],
    ["+ Sốt xuất huyết", "bullet", "+"],
    ["• Tuyên truyền", "bullet", "•"],
    ["-Thực hiện", "bullet", "-"],
  ])("%s is a %s mark", (text, type, label) => {
    const marker = readMarker(text);
    expect(marker?.type).toBe(type);
    expect(marker?.label).toBe(label);
  });

  it.each([
    "10/12 hằng năm, báo cáo",
    "2025. Năm",
    "v.v. và các nội dung khác",
    "Việc triển khai",
    "-------",
    "100% ổ dịch",
    "Số: /KH-UBND",
    "X",
  ])("%s is not a mark", (text) => {
    expect(readMarker(text)).toBeNull();
  });

  it("measures the mark so the text can be cut after it", () => {
    const text = "II –  NHIỆM VỤ".replace("–", "-");
    const marker = readMarker(text);
    expect(text.slice(marker?.length)).toBe("NHIỆM VỤ");
  });
});

describe("roman numerals", () => {
  it("reads and writes them", () => {
    expect(romanValue("XIV")).toBe(14);
    expect(romanValue("IIII")).toBe(0);
    expect(toRoman(39)).toBe("XXXIX");
    for (let n = 1; n < 40; n++) expect(romanValue(toRoman(n))).toBe(n);
  });
});

describe("isRuleLine", () => {
  it("knows the rules under a header", () => {
    expect(isRuleLine("-------")).toBe(true);
    expect(isRuleLine("_______________")).toBe(true);
    expect(isRuleLine("- xã hội")).toBe(false);
  });
});
