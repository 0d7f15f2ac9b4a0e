import { describe, expect, it } from "vitest";
import { buildParagraphs } from "./lines.ts";
import { cellMentions, readHeader, readTaskTable } from "./tables.ts";

describe("task tables", () => {
  it("maps the header's columns", () => {
    expect(
      readHeader(
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |",
      ),
    ).toEqual(["index", "content", "lead", "coordinating", "due", "product"]);
    expect(readHeader("| TT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn |")).toEqual([
      "index",
      "content",
      "implementing",
      "due",
    ]);
    expect(readHeader("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBeNull();
    expect(readHeader("| Họ tên | Chức vụ | Điện thoại |")).toBeNull();
  });

  it("reads rows, group rows, a separator and a row cut by a page break", () => {
    const table = readTaskTable(
      buildParagraphs(
        [
          "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |",
          "|---|---|---|---|---|---|",
          "| (1) | (2) | (3) | (4) | (5) | (6) |",
          "| I | Tuyên truyền | | | | |",
          "| 1 | Tổ chức quán triệt, | Sở Nội vụ | Sở Tài chính | Quý III/2024 | Hội nghị, |",
          "| | tập huấn | | Sở Tư pháp | | tài liệu |",
          "| 2. | Sơ kết | Sở Nội vụ | | Hằng năm | Báo cáo |",
        ].join("\n"),
      ),
    );
    expect(table?.rows.map((r) => [r.index, r.cells])).toEqual([
      ["I", { content: "Tuyên truyền" }],
      [
        "1",
        {
          content: "Tổ chức quán triệt, tập huấn",
          lead: "Sở Nội vụ",
          coordinating: "Sở Tài chính; Sở Tư pháp",
          due: "Quý III/2024",
          product: "Hội nghị, tài liệu",
        },
      ],
      ["2", { content: "Sơ kết", lead: "Sở Nội vụ", due: "Hằng năm", product: "Báo cáo" }],
    ]);
    expect(table?.rows[1]).toMatchObject({ from: 5, to: 6 });
  });

  it("splits an actor cell into units", () => {
    expect(cellMentions("Sở Tài chính, Sở Tư pháp; UBND các huyện, thành phố")).toEqual([
      "Sở Tài chính",
      "Sở Tư pháp",
      "UBND các huyện, thành phố",
    ]);
    expect(cellMentions("Các sở, ban, ngành tỉnh")).toEqual(["Các sở, ban, ngành tỉnh"]);
    expect(cellMentions("- Công an huyện;\n- Ban Chỉ huy Quân sự huyện")).toEqual([
      "Công an huyện",
      "Ban Chỉ huy Quân sự huyện",
    ]);
    expect(cellMentions("Các doanh nghiệp trên địa bàn")).toEqual(["Các doanh nghiệp trên địa bàn"]);
  });
});
