import { describe, expect, it } from "vitest";
import { isCollective } from "./offers.ts";

describe("collective mentions", () => {
  it("knows plurals, whole levels of government and enumerations of kinds of bodies", () => {
    for (const mention of [
      "Các sở, ban, ngành",
      "các đơn vị liên quan",
      "UBND cấp huyện, cấp xã",
      "UBND cấp xã",
      "Thủ trưởng các ban, ngành tỉnh",
      "Giám đốc các sở",
      "Chủ tịch UBND các huyện, thành phố",
      "sở, ban, ngành tỉnh",
      "các đoàn thể chính trị - xã hội cùng cấp",
      "những địa phương có liên quan",
    ]) {
      expect(isCollective(mention), mention).toBe(true);
    }
  });

  it("leaves one unit alone, even a long name with a comma or a level word in it", () => {
    for (const mention of [
      "Sở Nội vụ",
      "Sở Văn hóa, Thể thao và Du lịch",
      "Mặt trận Tổ quốc cùng cấp",
      "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
      "UBND tỉnh",
      "Ban Dân tộc",
      "Bộ Chỉ huy Quân sự tỉnh",
      "Văn phòng HĐND và UBND huyện",
      "Phòng Nội vụ huyện",
    ]) {
      expect(isCollective(mention), mention).toBe(false);
    }
  });
});
