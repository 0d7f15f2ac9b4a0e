import { describe, expect, it } from "vitest";
import { MASK, maskPersonalData } from "./mask.ts";

describe("maskPersonalData", () => {
  it("masks phone numbers in the ways Vietnamese people write them", () => {
    const text =
      "Liên hệ 0912 345 678, hoặc 0912.345.678, hoặc +84 912 345 678, hoặc (0297) 3 862 123, số bàn 02973862123.";
    const masked = maskPersonalData(text);
    expect(masked).not.toMatch(/\d{3}/);
    expect(masked.match(/\[số điện thoại\]/g)).toHaveLength(5);
  });

  it("masks e-mail addresses and ID numbers, labelled or bare", () => {
    const masked = maskPersonalData(
      "Email: nguyen.van.a@gmail.com. CCCD số 091203004567, CMND: 370 123 456, hộ chiếu C1234567, mã số 012345678901.",
    );
    expect(masked).toContain(`Email: ${MASK.email}`);
    expect(masked).toContain(`CCCD số ${MASK.id}`);
    expect(masked).toContain(`CMND: ${MASK.id}`);
    expect(masked).toContain(`hộ chiếu ${MASK.id}`);
    expect(masked).toContain(`mã số ${MASK.id}`);
    expect(masked).not.toMatch(/\d{4}/);
  });

  it("masks names after forms of address and names starting with a family name", () => {
    const masked = maskPersonalData(
      "Tôi tên là Trần Thị Bích, cùng ông Lê Văn Tám và bà Tư báo cáo việc hộ Nguyễn Văn Sáu lấn chiếm. Kính gửi Huỳnh Thanh Hải.",
    );
    expect(masked).toBe(
      `Tôi tên là ${MASK.name}, cùng ông ${MASK.name} và bà ${MASK.name} báo cáo việc hộ ${MASK.name} lấn chiếm. Kính gửi ${MASK.name}.`,
    );
  });

  it("masks Khmer names common in An Giang", () => {
    expect(maskPersonalData("Gia đình Danh Sóc và Thạch Thị Sa Rươl ở ấp Sóc Xoài.")).toBe(
      `Gia đình ${MASK.name} và ${MASK.name} ở ấp Sóc Xoài.`,
    );
  });

  it("masks the petitioner's own name wherever it appears, whatever its case", () => {
    expect(
      maskPersonalData("Người gửi: Út Mười, ấp Hòa Lợi. ÚT MƯỜI xin cảm ơn.", { knownNames: ["Út Mười"] }),
    ).toBe(`Người gửi: ${MASK.name}, ấp Hòa Lợi. ${MASK.name} xin cảm ơn.`);
  });

  it("masks house addresses but keeps streets, communes and public bodies", () => {
    const masked = maskPersonalData(
      "Nhà tôi ở số 12/3 hẻm 5 đường Mạc Cửu, phường Rạch Giá; cạnh 45 đường Lâm Quang Ky. Đường Nguyễn Trung Trực ngập, Sở Xây dựng và UBND xã Thoại Sơn biết.",
    );
    expect(masked).toBe(
      `Nhà tôi ở ${MASK.address}, phường Rạch Giá; cạnh ${MASK.address}. Đường Nguyễn Trung Trực ngập, Sở Xây dựng và UBND xã Thoại Sơn biết.`,
    );
  });

  it("leaves amounts, dates, document numbers and place names alone", () => {
    const text =
      "Hỗ trợ 1.500.000 đồng/tháng theo Nghị định 20/2021/NĐ-CP từ ngày 15/3/2025; dự án 84.000.000.000 đồng ở Hà Tiên và Châu Đốc, kênh Rạch Giá – Hà Tiên.";
    expect(maskPersonalData(text)).toBe(text);
  });

  it("keeps markup as text: masking never removes or rewrites it", () => {
    const text = "<script>alert('x')</script> gọi 0987654321";
    expect(maskPersonalData(text)).toBe(`<script>alert('x')</script> gọi ${MASK.phone}`);
  });
  it("finds the petitioner's name typed without diacritics or capitals, and keeps the text around it", () => {
    expect(
      maskPersonalData("toi ten la nguyen van muoi, nha toi o ap 3. NGUYỄN VĂN MƯỜI ký tên.", {
        knownNames: ["Nguyễn Văn Mười"],
      }),
    ).toBe(`toi ten la ${MASK.name}, nha toi o ap 3. ${MASK.name} ký tên.`);
  });

  it("masks a family name written in lower case or without marks after a form of address, not a word like it", () => {
    expect(maskPersonalData("Liên hệ ông tran van a hoặc chị lê thị bích để biết thêm.")).toBe(
      `Liên hệ ông ${MASK.name} hoặc chị ${MASK.name} để biết thêm.`,
    );
    // "lễ" is not "lê": three festivals stay three festivals.
    expect(maskPersonalData("Năm nay có ba lễ hội lớn; anh em trong ấp cùng làm.")).toBe(
      "Năm nay có ba lễ hội lớn; anh em trong ấp cùng làm.",
    );
  });

  it("masks a phone number spelled out in words, with or without figures among them", () => {
    expect(
      maskPersonalData("Số của tôi: không chín một hai ba bốn năm sáu bảy tám, gọi giờ hành chính."),
    ).toBe(`Số của tôi: ${MASK.phone}, gọi giờ hành chính.`);
    expect(maskPersonalData("goi 09 mot hai, ba bon nam, sau bay tam nhe")).toBe(`goi ${MASK.phone} nhe`);
    // Counts and years in words are not phone numbers.
    for (const text of [
      "Hai ba năm nay đường ngập; ba bốn hộ bị ảnh hưởng.",
      "Các năm 2020, 2021, 2022, 2023 và năm 2024 ba lần ngập.",
      "Đề nghị hỗ trợ một hai tháng, năm sáu hộ nghèo.",
    ])
      expect(maskPersonalData(text)).toBe(text);
  });
});
