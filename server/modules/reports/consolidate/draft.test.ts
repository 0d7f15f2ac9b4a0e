import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors.ts";
import { aggregate, buildConsolidationDraft, refreshDraft } from "./draft.ts";
import { sampleInput, syntheticInput } from "./fixtures.ts";
import { attribution, mergeNarratives, splitSentences, withoutOwnName } from "./merge.ts";

describe("splitSentences", () => {
  it("cuts at full stops before a capital, at line ends and list marks, not after abbreviations", () => {
    expect(
      splitSentences(
        "Tổ chức 12 buổi tuyên truyền tại các xã. Đã quán triệt kế hoạch đến toàn thể cán bộ! Vì sao còn nhiều khó khăn trong kinh phí? 100% xã tổ chức hội nghị nhân dân đầu năm.",
      ),
    ).toEqual([
      "Tổ chức 12 buổi tuyên truyền tại các xã.",
      "Đã quán triệt kế hoạch đến toàn thể cán bộ!",
      "Vì sao còn nhiều khó khăn trong kinh phí?",
      "100% xã tổ chức hội nghị nhân dân đầu năm.",
    ]);
    expect(
      splitSentences(
        "Tại TP. Rạch Giá tổ chức hội nghị đối thoại với Nhân dân. KT. Chủ tịch UBND tỉnh ký ban hành kế hoạch.",
      ),
    ).toEqual([
      "Tại TP. Rạch Giá tổ chức hội nghị đối thoại với Nhân dân.",
      "KT. Chủ tịch UBND tỉnh ký ban hành kế hoạch.",
    ]);
    expect(splitSentences("- Một việc;\n- Việc khác\n\n1. Thứ ba")).toEqual([
      "Một việc;",
      "Việc khác",
      "Thứ ba",
    ]);
  });

  it("keeps a short sentence with the one it qualifies, on the same line only", () => {
    expect(
      splitSentences(
        "Tổ chức 8 hội nghị học tập, quán triệt Nghị quyết cho cán bộ. Ước đạt 30% kế hoạch năm.\nĐạt yêu cầu.",
      ),
    ).toEqual([
      "Tổ chức 8 hội nghị học tập, quán triệt Nghị quyết cho cán bộ. Ước đạt 30% kế hoạch năm.",
      "Đạt yêu cầu.",
    ]);
    expect(splitSentences("Hoàn thành nhiệm vụ. Đã tổ chức 3 hội nghị đối thoại với Nhân dân.")).toEqual([
      "Hoàn thành nhiệm vụ. Đã tổ chức 3 hội nghị đối thoại với Nhân dân.",
    ]);
    expect(splitSentences("Số liệu 1.234 người, tỷ lệ 95,5%.")).toEqual([
      "Số liệu 1.234 người, tỷ lệ 95,5%.",
    ]);
  });
});

describe("mergeNarratives", () => {
  it("keeps a sentence several units wrote alike once, naming them all", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Y tế",
        text: "Đã quán triệt kế hoạch đến 100% đơn vị trực thuộc. Tiếp 35 lượt công dân tại trụ sở cơ quan.",
      },
      { unitName: "Sở Tư pháp", text: "Đã quán triệt Kế hoạch đến 100% các đơn vị trực thuộc!" },
      { unitName: "UBND huyện An Biên", text: "da quan triet ke hoach den 100% don vi truc thuoc" },
    ]);
    expect(merged[0]).toEqual({
      text: "Đã quán triệt kế hoạch đến 100% đơn vị trực thuộc (Sở Y tế, Sở Tư pháp, UBND huyện An Biên).",
      units: ["Sở Y tế", "Sở Tư pháp", "UBND huyện An Biên"],
    });
    expect(merged[1]).toEqual({
      text: "Tiếp 35 lượt công dân tại trụ sở cơ quan (Sở Y tế).",
      units: ["Sở Y tế"],
    });
    expect(merged).toHaveLength(2);
  });

  it("never merges sentences whose figures differ, nor sentences that only share a few words", () => {
    const merged = mergeNarratives([
      { unitName: "A", text: "Tổ chức 12 buổi tuyên truyền về dân chủ ở cơ sở." },
      { unitName: "B", text: "Tổ chức 15 buổi tuyên truyền về dân chủ ở cơ sở." },
      { unitName: "C", text: "Tổ chức hội nghị đối thoại với Nhân dân về đất đai." },
    ]);
    expect(merged.map((p) => p.units)).toEqual([["A"], ["B"], ["C"]]);
  });

  it("merges sentences that differ only by their writer's own name, printing them without it", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Công Thương",
        text: "Sở Công Thương tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
      {
        unitName: "Sở Y tế",
        text: "Sở Y tế tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
      {
        unitName: "Ủy ban nhân dân huyện An Biên",
        text: "UBND huyện An Biên tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
    ]);
    expect(merged).toEqual([
      {
        text: "Tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức (Sở Công Thương, Sở Y tế, Ủy ban nhân dân huyện An Biên).",
        units: ["Sở Công Thương", "Sở Y tế", "Ủy ban nhân dân huyện An Biên"],
      },
    ]);
    expect(withoutOwnName("Ban Giám đốc Sở Y tế chỉ đạo các phòng.", "Sở Y tế")).toBe(
      "Ban Giám đốc đơn vị chỉ đạo các phòng.",
    );
    // one unit alone keeps its words as written
    expect(mergeNarratives([{ unitName: "Sở Y tế", text: "Sở Y tế tổ chức 3 hội nghị." }])[0].text).toBe(
      "Sở Y tế tổ chức 3 hội nghị (Sở Y tế).",
    );
  });

  it("gathers one unit's own sentences in one paragraph, in the order written", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Y tế",
        text: "Việc thứ nhất đã được triển khai xong. Việc thứ hai đang được triển khai tốt.\nViệc thứ ba",
      },
    ]);
    expect(merged).toEqual([
      {
        text: "Việc thứ nhất đã được triển khai xong. Việc thứ hai đang được triển khai tốt. Việc thứ ba (Sở Y tế).",
        units: ["Sở Y tế"],
      },
    ]);
  });

  it("counts a unit once even when it repeats itself", () => {
    const merged = mergeNarratives([
      {
        unitName: "A",
        text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra.\nKết quả thực hiện cơ bản đạt yêu cầu đề ra.",
      },
      { unitName: "B", text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra." },
    ]);
    expect(merged).toEqual([
      { text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra (A, B).", units: ["A", "B"] },
    ]);
  });

  it("shortens a long attribution", () => {
    const names = Array.from({ length: 12 }, (_, i) => `UBND xã ${i + 1}`);
    expect(attribution(names)).toBe("UBND xã 1, UBND xã 2, UBND xã 3, UBND xã 4, UBND xã 5 và 7 đơn vị khác");
    expect(attribution(names.slice(0, 8))).toBe(names.slice(0, 8).join(", "));
  });
});

describe("buildConsolidationDraft", () => {
  const draft = buildConsolidationDraft(sampleInput());
  const section = (key: string) => draft.sections.find((s) => s.key === key)!;

  it("refuses a period without any accepted report, in both languages", () => {
    const input = { ...sampleInput(), reports: [] };
    const error = (() => {
      try {
        buildConsolidationDraft(input);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe("consolidation_no_reports");
    expect(error?.status).toBe(422);
    expect(error?.message).toContain("năm 2024");
  });

  it("has one section per plan heading, numbered as in the plan, with attributed, merged narratives", () => {
    expect(draft.sections.map((s) => s.key)).toEqual([
      "intro",
      "heading:II.1",
      "heading:II.2",
      "heading:II.3",
      "indicators",
      "reporting",
      "difficulties",
      "escalations",
      "directions",
      "proposals",
    ]);
    expect(section("heading:II.1").title).toBe("1. Tuyên truyền, phổ biến, quán triệt");
    expect(section("heading:II.3").title).toBe(
      "3. Tiếp công dân, đối thoại và giải quyết phản ánh, kiến nghị",
    );
    const text = section("heading:II.1").text;
    // one paragraph per kind of unit: what the two departments wrote alike once, then each one's own
    expect(text.split("\n")[0]).toMatch(
      /^Các sở, ban, ngành đã quán triệt kế hoạch đến 100% đơn vị trực thuộc\. Sở Y tế .*\. Sở Tư pháp .*\.$/,
    );
    expect(text.split("\n")[1]).toBe("UBND huyện An Biên tổ chức 7 buổi tuyên truyền tại các xã, thị trấn.");
    expect(section("heading:II.2").text).toBe(
      "100% xã, thị trấn tổ chức hội nghị nhân dân đầu năm (UBND huyện An Biên).",
    );
    expect(section("intro").text).toMatch(
      /^Thực hiện Kế hoạch số 181\/KH-UBND ngày 05\/6\/2024 .*năm 2024 như sau:$/,
    );
  });

  it("numbers headings in order with the plan's code when they do not share one part", () => {
    const input = sampleInput();
    input.plan.headings = [
      { code: "I.2", title: "Một" },
      { code: "II.1", title: "Hai" },
    ];
    const titles = buildConsolidationDraft(input)
      .sections.filter((s) => s.kind === "heading")
      .map((s) => s.title);
    expect(titles).toEqual(["1. (I.2) Một", "2. (II.1) Hai"]);
  });

  it("says so under a heading no unit reported on", () => {
    const input = sampleInput();
    input.plan.headings.push({ code: "II.4", title: "Kiểm tra, giám sát" });
    expect(buildConsolidationDraft(input).sections.find((s) => s.key === "heading:II.4")?.text).toBe(
      "Chưa có đơn vị báo cáo kết quả thực hiện nội dung này.",
    );
  });

  it("aggregates each indicator by its rule, leaving out units that gave no figure", () => {
    const byCode = Object.fromEntries(draft.indicators.map((i) => [i.code, i]));
    expect(byCode.sessions).toMatchObject({ value: 24, reportingUnits: 3 });
    expect(byCode.participants).toMatchObject({ value: 2350, reportingUnits: 3 });
    expect(byCode.satisfaction).toMatchObject({ value: 85, reportingUnits: 2 });
    // "latest": the most recently sent report that gives it (Sở Tư pháp, 6 December)
    expect(byCode.population).toMatchObject({ value: 1_760_000, reportingUnits: 2 });
    expect(aggregate({ code: "none", aggregation: "sum" }, sampleInput().reports)).toEqual({
      value: null,
      reportingUnits: 0,
    });
  });

  it("lists the late units, the units without an accepted report and where theirs stands", () => {
    const text = section("reporting").text;
    expect(text).toContain("3/5 đơn vị có báo cáo năm 2024 được chấp nhận");
    expect(text).toContain("sau thời hạn 10/12/2024: UBND huyện An Biên.");
    expect(text).toContain("- Sở Văn hóa và Thể thao (được trả lại để bổ sung, chưa gửi lại);");
    expect(text).toContain("- UBND thành phố Phú Quốc (chưa báo cáo).");
    expect(draft.counts).toEqual({ expected: 5, accepted: 3, late: 1, missing: 2 });
    expect(draft.missing).toHaveLength(2);
  });

  it("gathers difficulties and proposals (merged) and the escalations with their decisions", () => {
    expect(section("difficulties").text).toBe(
      "- Kinh phí cho công tác tuyên truyền còn hạn chế (Sở Y tế, Sở Tư pháp).",
    );
    expect(section("proposals").text.split("\n")).toHaveLength(2);
    const escalations = section("escalations").text;
    expect(escalations).toContain(
      "Bổ sung biên chế cho bộ phận tiếp công dân cấp huyện (UBND huyện An Biên đề xuất; Sở Nội vụ chủ trì xử lý, hạn 30/11/2024) — đã có ý kiến chỉ đạo: UBND tỉnh giao Sở Nội vụ cân đối trong tổng biên chế năm 2025;",
    );
    expect(escalations).toContain(
      "Hướng dẫn chi kinh phí đối thoại (Sở Y tế đề xuất; Sở Tài chính chủ trì xử lý) — đang xử lý.",
    );
  });

  it("leaves next year's directions empty for the coordinator", () => {
    expect(section("directions")).toMatchObject({
      title: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI",
      text: "",
      edited: false,
    });
  });

  it("keeps the coordinator's edited sections on refresh, flagging those whose source changed", () => {
    const edited = {
      ...draft,
      sections: draft.sections.map((s) =>
        s.key === "heading:II.2" || s.key === "directions"
          ? { ...s, text: "Văn bản của cơ quan đầu mối.", edited: true }
          : s,
      ),
    };
    const input = sampleInput();
    input.reports[2].sections[1].text = "100% xã tổ chức hội nghị nhân dân và đối thoại.";
    input.reports[0].sections[1].text = "Tiếp 40 lượt công dân.";
    const next = refreshDraft(edited, buildConsolidationDraft(input));
    const by = (key: string) => next.sections.find((s) => s.key === key)!;
    expect(by("heading:II.2")).toMatchObject({
      text: "Văn bản của cơ quan đầu mối.",
      edited: true,
      sourceChanged: true,
    });
    expect(by("directions")).toMatchObject({
      text: "Văn bản của cơ quan đầu mối.",
      edited: true,
      sourceChanged: false,
    });
    expect(by("heading:II.3").text).toBe("Sở Y tế tiếp 40 lượt công dân.");
  });
});

describe("scale", () => {
  it("drafts 150 units × 10 headings in well under the time a person waits (npm run bench: × 40)", () => {
    const input = syntheticInput({ units: 150, headings: 10, indicators: 15 });
    const started = performance.now();
    const draft = buildConsolidationDraft(input);
    const elapsed = performance.now() - started;
    expect(draft.sections.filter((s) => s.kind === "heading")).toHaveLength(10);
    // shared sentences were merged: one paragraph per kind of unit, statements counted "N/M"
    const first = draft.sections.find((s) => s.key === "heading:II.1")!;
    expect(first.text.split("\n").length).toBeLessThanOrEqual(5);
    expect(first.text).toMatch(/ \d+\/\d+ (sở, ban, ngành|xã)/);
    // about 1 s alone on a 2-core machine (npm run bench measures it); a quadratic merge takes far longer
    expect(elapsed).toBeLessThan(10_000);
  });
});
