import { describe, expect, it } from "vitest";
import { type PlanItem, PlanTree } from "../../../../common/plan-tree.ts";
import { parsePlanText } from "./parse.ts";

function outline(items: PlanItem[]): string[] {
  return items.flatMap((i) => [`${i.code} ${i.kind}`, ...outline(i.children)]);
}

function find(items: PlanItem[], code: string): PlanItem | undefined {
  for (const i of items) {
    if (i.code === code) return i;
    const inner = find(i.children, code);
    if (inner) return inner;
  }
  return undefined;
}

const HEAD = "Số: 12/KH-UBND\nKiên Giang, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025\n";

const PLAN = (marks: { roman: string[]; arabic: string[]; letter: string; bullet: string; sub: string }) =>
  `${HEAD}
${marks.roman[0]}MỤC ĐÍCH, YÊU CẦU
${marks.arabic[0]}Mục đích
${marks.bullet}Nâng cao nhận thức.
${marks.bullet}Tạo đồng thuận xã hội.
${marks.roman[1]}NHIỆM VỤ, GIẢI PHÁP
${marks.arabic[0]}Nhiệm vụ chung
Các sở, ban, ngành tỉnh; UBND các huyện, thành phố thực hiện các nhiệm vụ sau:
${marks.letter}Tuyên truyền, phổ biến.
${marks.bullet}Tổ chức hội nghị quán triệt:
${marks.sub}Cấp tỉnh trong Quý II/2025.
${marks.sub}Cấp huyện trong Quý III/2025.
${marks.bullet}UBND cấp xã thực hiện tốt việc niêm yết.
${marks.arabic[1]}Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thẩm định, hoàn thành trước ngày 30/6/2025.
${marks.roman[2]}TỔ CHỨC THỰC HIỆN
${marks.arabic[0]}Định kỳ trước ngày 15/12 hằng năm, các đơn vị báo cáo UBND tỉnh (qua Sở Nội vụ) kết quả thực hiện.
${marks.arabic[1]}Rà soát, đánh giá việc thực hiện.
`;

const CODES = [
  "I section",
  "I.1 heading",
  "I.1.-1 statement",
  "I.1.-2 statement",
  "II section",
  "II.1 heading",
  "II.1.a heading",
  "II.1.a.-1 heading",
  "II.1.a.-1.-1 task",
  "II.1.a.-1.-2 task",
  "II.1.a.-2 task",
  "II.2 task",
  "III section",
  "III.1 task",
  "III.2 task",
];

describe("structure", () => {
  it("gives the same tree whatever the numbering habit", () => {
    const habits = [
      { roman: ["I. ", "II. ", "III. "], arabic: ["1. ", "2. "], letter: "a) ", bullet: "- ", sub: "+ " },
      { roman: ["I- ", "II- ", "III- "], arabic: ["1/ ", "2/ "], letter: "a. ", bullet: "• ", sub: "- " },
      { roman: ["I - ", "II - ", "III - "], arabic: ["1) ", "2) "], letter: "a/ ", bullet: "+ ", sub: "• " },
      { roman: ["I – ", "II – ", "III – "], arabic: ["1. ", "2. "], letter: "a) ", bullet: "– ", sub: "* " },
    ];
    const trees = habits.map((h) => parsePlanText(PLAN(h)));
    for (const tree of trees) expect(outline(tree.items)).toEqual(CODES);
    const strip = (t: ReturnType<typeof parsePlanText>) =>
      JSON.stringify(t.items, (k, v) => (k === "source" ? undefined : v));
    for (const tree of trees.slice(1)) expect(strip(tree)).toBe(strip(trees[0]));
  });

  it("sets titles, texts, actors, dues and reporting on the tree", () => {
    const tree = parsePlanText(
      PLAN({
        roman: ["I. ", "II. ", "III. "],
        arabic: ["1. ", "2. "],
        letter: "a) ",
        bullet: "- ",
        sub: "+ ",
      }),
    );
    const heading = find(tree.items, "II.1");
    expect(heading?.title).toBe("Nhiệm vụ chung");
    expect(heading?.text).toBe(
      "Nhiệm vụ chung\nCác sở, ban, ngành tỉnh; UBND các huyện, thành phố thực hiện các nhiệm vụ sau:",
    );
    const inherited = ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"];
    expect(find(tree.items, "II.1.a.-1.-2")?.actors.implementing).toEqual(inherited);
    expect(find(tree.items, "II.1.a.-1.-2")?.due).toMatchObject({ recurrence: "once", date: "2025-09-30" });
    expect(find(tree.items, "II.1.a.-2")?.actors.implementing).toEqual(["UBND cấp xã"]);
    expect(find(tree.items, "II.2")?.actors).toEqual({
      lead: ["Sở Tư pháp"],
      coordinating: ["Sở Nội vụ"],
      implementing: [],
      requested: [],
    });
    expect(find(tree.items, "I.1.-1")?.due).toBeNull();
    expect(tree.reporting).toEqual([
      {
        from: ["các đơn vị"],
        to: "UBND tỉnh",
        via: "Sở Nội vụ",
        due: {
          text: "Định kỳ trước ngày 15/12 hằng năm",
          recurrence: "yearly",
          date: null,
          month: 12,
          day: 15,
        },
        source: "III.1",
      },
    ]);
    expect(tree.warnings).toEqual([
      { code: "unassigned-task", message: "Nhiệm vụ chưa có đơn vị thực hiện", at: "III.2", line: 21 },
    ]);
    expect(tree.document).toMatchObject({
      number: "12",
      symbol: "KH-UBND",
      date: "2025-03-05",
      title: "Triển khai công tác năm 2025",
    });
  });

  it("points each item at its source lines", () => {
    const text = PLAN({
      roman: ["I. ", "II. ", "III. "],
      arabic: ["1. ", "2. "],
      letter: "a) ",
      bullet: "- ",
      sub: "+ ",
    });
    const tree = parsePlanText(text);
    const lines = (tree.source?.text ?? "").split("\n");
    const heading = find(tree.items, "II.1");
    expect(heading?.source?.lines).toEqual([11, 12]);
    const [from, to] = find(tree.items, "II.2")?.source?.lines ?? [0, 0];
    expect(lines.slice(from - 1, to).join(" ")).toContain("Sở Tư pháp chủ trì");
  });

  it("nests decimal numbers under their parent", () => {
    const tree = parsePlanText(
      `${HEAD}\nI. NHIỆM VỤ\n1. Chỉ đạo\n1.1. Sở Y tế chủ trì.\n1.2. Sở Nội vụ thực hiện.\n2. Chuyên môn\n2.1. Sở Tài chính bố trí kinh phí.`,
    );
    expect(outline(tree.items)).toEqual([
      "I section",
      "I.1 heading",
      "I.1.1 task",
      "I.1.2 task",
      "I.2 heading",
      "I.2.1 task",
    ]);
  });

  it("uses Arabic numbers as sections when a plan has no Roman ones", () => {
    const tree = parsePlanText(
      `${HEAD}\n1. Mục đích\n- Nâng cao nhận thức.\n2. Nhiệm vụ\n- Sở Nội vụ thực hiện.`,
    );
    expect(outline(tree.items)).toEqual(["1 section", "1.-1 statement", "2 section", "2.-1 task"]);
  });

  it("keeps codes unique when the numbering repeats by mistake", () => {
    const tree = parsePlanText(`${HEAD}\nI. NHIỆM VỤ\n1. Sở Y tế thực hiện.\n1. Sở Nội vụ thực hiện.`);
    expect(outline(tree.items)).toEqual(["I section", "I.1 task", "I.1x2 task"]);
    expect(PlanTree.safeParse(tree).success).toBe(true);
  });

  it("imports a text with no recognisable sections as one section, flagging every line", () => {
    const tree = parsePlanText("Một đoạn văn không có đề mục.\nĐoạn thứ hai cũng vậy.\n\nVà đoạn ba.");
    expect(tree.items).toHaveLength(1);
    expect(tree.items[0]).toMatchObject({ code: "I", kind: "section", children: [] });
    expect(tree.items[0].text).toBe("Một đoạn văn không có đề mục.\nĐoạn thứ hai cũng vậy.\nVà đoạn ba.");
    expect(tree.warnings.map((w) => [w.code, w.line])).toEqual([
      ["unparsed-line", 1],
      ["unparsed-line", 2],
      ["unparsed-line", 4],
    ]);
    expect(PlanTree.safeParse(tree).success).toBe(true);
  });

  it("keeps the closing paragraph out of the last item and reads the appendix", () => {
    const tree = parsePlanText(
      `${HEAD}\nI. NHIỆM VỤ\n1. Sở Y tế thực hiện.\nTrên đây là Kế hoạch của UBND tỉnh./.\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\nPHỤ LỤC II\nDANH MỤC NHIỆM VỤ\n| STT | Nội dung | Chủ trì | Thời hạn |\n| 1 | Rà soát | Sở Nội vụ | Năm 2025 |`,
    );
    expect(find(tree.items, "I.1")?.text).toBe("Sở Y tế thực hiện.");
    expect(find(tree.items, "PL2")).toMatchObject({
      kind: "section",
      title: "PHỤ LỤC II",
      text: "PHỤ LỤC II\nDANH MỤC NHIỆM VỤ",
    });
    expect(find(tree.items, "PL2.1")).toMatchObject({
      kind: "task",
      text: "Rà soát",
      actors: { lead: ["Sở Nội vụ"] },
      due: { recurrence: "once", date: "2025" },
    });
    expect(tree.document.signer).toEqual({
      name: "Nguyễn Văn A",
      position: "CHỦ TỊCH",
      authority: ["TM. ỦY BAN NHÂN DÂN"],
    });
    expect(tree.document.recipients).toEqual(["Như trên"]);
  });

  it("reads labelled lines under a task as its fields, not as items", () => {
    const tree = parsePlanText(
      `${HEAD}\nII. NỘI DUNG THỰC HIỆN\n1. Tổ chức quán triệt Luật Dữ liệu\n- Cơ quan chủ trì: Sở Tư pháp.\n- Cơ quan phối hợp: Sở Khoa học và Công nghệ, Công an tỉnh.\n- Thời gian thực hiện: Quý III/2025.\n2. Rà soát văn bản\n- Chủ trì: Sở Tư pháp; phối hợp: các sở, ban, ngành tỉnh.\n- Sản phẩm: Báo cáo kết quả rà soát.\n- Tổ chức hội nghị: theo kế hoạch riêng.`,
    );
    expect(outline(tree.items)).toEqual(["II section", "II.1 task", "II.2 heading", "II.2.-1 task"]);
    expect(find(tree.items, "II.1")).toMatchObject({
      text: "Tổ chức quán triệt Luật Dữ liệu\nCơ quan chủ trì: Sở Tư pháp.\nCơ quan phối hợp: Sở Khoa học và Công nghệ, Công an tỉnh.\nThời gian thực hiện: Quý III/2025.",
      actors: {
        lead: ["Sở Tư pháp"],
        coordinating: ["Sở Khoa học và Công nghệ", "Công an tỉnh"],
        implementing: [],
        requested: [],
      },
      due: { text: "Quý III/2025", recurrence: "once", date: "2025-09-30" },
    });
    expect(find(tree.items, "II.2")).toMatchObject({
      actors: { lead: ["Sở Tư pháp"], coordinating: ["các sở, ban, ngành tỉnh"] },
      product: "Báo cáo kết quả rà soát",
    });
  });

  it("flags a web page's banner above the header, line by line", () => {
    const tree = parsePlanText(
      `Trang chủ > Văn bản\nĐăng nhập\nỦY BAN NHÂN DÂN TỈNH KIÊN GIANG\n${HEAD}\nI. NHIỆM VỤ\n1. Sở Y tế thực hiện.`,
    );
    expect(tree.warnings.filter((w) => w.code === "unparsed-line").map((w) => w.line)).toEqual([1, 2]);
    expect(tree.document.issuer).toBe("Ủy ban nhân dân tỉnh Kiên Giang");
  });
});
