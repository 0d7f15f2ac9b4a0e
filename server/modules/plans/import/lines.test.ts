import { describe, expect, it } from "vitest";
import { buildParagraphs, detectWrap } from "./lines.ts";

const texts = (text: string) => buildParagraphs(text).map((p) => p.text);

describe("page breaks", () => {
  it("joins a sentence cut by a page break across a blank line", () => {
    const paragraphs = buildParagraphs(
      "- Việc triển khai phải sát với yêu\n\ncầu, nhiệm vụ của địa phương.\n\n- Trong quá trình thực hiện",
    );
    expect(paragraphs.map((p) => p.text)).toEqual([
      "- Việc triển khai phải sát với yêu cầu, nhiệm vụ của địa phương.",
      "- Trong quá trình thực hiện",
    ]);
    expect(paragraphs[0]).toMatchObject({ from: 1, to: 3, joined: true });
  });

  it("keeps paragraphs apart after a finished sentence, even when the next starts in lower case", () => {
    expect(texts("Nhiệm vụ thứ nhất.\n\ncác đơn vị thực hiện.")).toEqual([
      "Nhiệm vụ thứ nhất.",
      "các đơn vị thực hiện.",
    ]);
  });

  it("joins after a word that cannot end a sentence, whatever the case of the next line", () => {
    expect(texts("phát huy vai trò của\n\nNhân dân trong xây dựng.")).toEqual([
      "phát huy vai trò của Nhân dân trong xây dựng.",
    ]);
  });

  it("does not join a lettered item in lower case", () => {
    expect(texts("1. Nâng cao nhận thức\n\na) Tiếp tục tổ chức")).toEqual([
      "1. Nâng cao nhận thức",
      "a) Tiếp tục tổ chức",
    ]);
  });

  it("drops rule lines", () => {
    expect(texts("TỈNH KIÊN GIANG\n-------\nSố: 12/KH-UBND")).toEqual(["TỈNH KIÊN GIANG", "Số: 12/KH-UBND"]);
  });
});

/** Greedy wrap at 60 columns, as a portal does. */
function wrap(paragraph: string): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of paragraph.split(" ")) {
    if (line && line.length + 1 + word.length > 60) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}

const PARAGRAPHS = [
  "1. Nâng cao nhận thức, trách nhiệm của các cấp ủy, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí của khối đại đoàn kết",
  "Các sở, ban, ngành tỉnh; UBND các huyện, thành phố và các đơn vị liên quan tập trung thực hiện tốt một số nhiệm vụ sau đây:",
  "a) Tiếp tục tổ chức học tập, quán triệt, nâng cao nhận thức về vị trí, vai trò của khối đại đoàn kết toàn dân tộc trong tình hình mới của tỉnh nhà.",
  "b) Đẩy mạnh công tác tuyên truyền, giáo dục về truyền thống đại đoàn kết cho cán bộ, đảng viên. Phát huy hiệu quả các phương tiện thông tin đại chúng.",
  "c) Động viên Nhân dân thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh.",
];

describe("law-portal copies", () => {
  it("recognises a text wrapped at a fixed width, and a normal one", () => {
    const wrapped = PARAGRAPHS.flatMap(wrap);
    expect(detectWrap([...wrapped, ...wrapped, ...wrapped])).toMatchObject({ wrapped: true, width: 60 });
    expect(detectWrap([...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS]).wrapped).toBe(false);
  });

  it("rebuilds paragraphs cut every ~60 characters with no blank lines", () => {
    const text = [...PARAGRAPHS, ...PARAGRAPHS].flatMap(wrap).join("\n");
    expect(texts(text)).toEqual([...PARAGRAPHS, ...PARAGRAPHS]);
  });

  it("reads a line starting '- xã hội' as the tail of 'chính trị - xã hội', not a bullet", () => {
    const head = "- Phối hợp với Mặt trận Tổ quốc, các đoàn thể chính trị";
    const lines = [
      head,
      "- xã hội cùng cấp tiếp tục đa dạng hóa các hình thức tổ chức, mở rộng",
      "nâng cao hiệu quả Ngày hội đại đoàn kết toàn dân tộc.",
      "- Nâng cao hiệu quả công tác phối hợp giữa Mặt trận Tổ quốc, các",
      "đoàn thể với các cơ quan nhà nước, chính quyền cùng cấp.",
    ];
    const filler = PARAGRAPHS.flatMap(wrap);
    const result = texts([...filler, ...lines, ...filler].join("\n"));
    expect(result).toContain(
      "- Phối hợp với Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội cùng cấp tiếp tục đa dạng hóa các hình thức tổ chức, mở rộng nâng cao hiệu quả Ngày hội đại đoàn kết toàn dân tộc.",
    );
    expect(result).toContain(
      "- Nâng cao hiệu quả công tác phối hợp giữa Mặt trận Tổ quốc, các đoàn thể với các cơ quan nhà nước, chính quyền cùng cấp.",
    );
  });

  it("starts a preamble after a heading whose last line happens to be full", () => {
    const heading =
      "2. Triển khai thực hiện tốt các chủ trương, chính sách về đại đoàn kết toàn dân tộc, khơi dậy khát vọng phát triển tỉnh Kiên Giang văn minh, hiện đại và phát triển bền vững";
    const headingLines = wrap(heading);
    // the heading's last line leaves no room for "Các": by width alone the preamble would join it
    expect(headingLines[headingLines.length - 1].length + 1 + "Các".length).toBeGreaterThan(60);
    const lines = [
      ...headingLines,
      "Các sở, ban, ngành tỉnh thực hiện các nhiệm vụ sau:",
      "- Tiếp tục quan tâm.",
    ];
    const result = texts([...PARAGRAPHS.flatMap(wrap), ...lines].join("\n"));
    expect(result.slice(-3)).toEqual([
      heading,
      "Các sở, ban, ngành tỉnh thực hiện các nhiệm vụ sau:",
      "- Tiếp tục quan tâm.",
    ]);
  });
});

describe("tables flattened with pipes", () => {
  it("keeps each row a paragraph and never joins it to text", () => {
    const paragraphs = buildParagraphs(
      "| STT | Nội dung | Chủ trì |\n| 1 | Rà soát | Sở Nội vụ |\nGhi chú thêm",
    );
    expect(paragraphs.map((p) => [p.text, p.pipe])).toEqual([
      ["| STT | Nội dung | Chủ trì |", true],
      ["| 1 | Rà soát | Sở Nội vụ |", true],
      ["Ghi chú thêm", false],
    ]);
  });

  it("joins a row cut before its closing pipe", () => {
    const paragraphs = buildParagraphs(
      "| STT | Nội dung | Chủ trì |\n| 1 | Rà soát thủ tục hành chính\ntrên môi trường mạng | Sở Nội vụ |\n| 2 | Công bố | VP |",
    );
    expect(paragraphs.map((p) => p.text)).toEqual([
      "| STT | Nội dung | Chủ trì |",
      "| 1 | Rà soát thủ tục hành chính trên môi trường mạng | Sở Nội vụ |",
      "| 2 | Công bố | VP |",
    ]);
    expect(paragraphs[1]).toMatchObject({ from: 2, to: 3 });
  });

  it("keeps a two-column header row by row", () => {
    expect(
      texts(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH KIÊN GIANG | Độc lập - Tự do - Hạnh phúc",
      ),
    ).toHaveLength(2);
  });
});
