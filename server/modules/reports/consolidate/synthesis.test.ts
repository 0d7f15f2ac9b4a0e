import { describe, expect, it } from "vitest";
import type { ConsolidationIndicator } from "../consolidation-input.ts";
import { formatCount, parseCount, type SynthesisNarrative, synthesise, unitGroup } from "./synthesis.ts";

const indicators: ConsolidationIndicator[] = [
  { code: "sessions", name: "Hội nghị, buổi tuyên truyền", unit: "buổi", aggregation: "sum" },
  { code: "people", name: "Lượt người tham dự", unit: "lượt người", aggregation: "sum" },
  { code: "rate", name: "Tỷ lệ khu dân cư văn hóa", unit: "%", aggregation: "average" },
];

const departments = ["Sở Y tế", "Sở Tư pháp", "Sở Nội vụ", "Ban Dân tộc"];
const districts = [
  "Ủy ban nhân dân huyện An Biên",
  "Ủy ban nhân dân huyện Gò Quao",
  "Ủy ban nhân dân thành phố Hà Tiên",
];
const organisations = ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh Đoàn", "Hội Nông dân tỉnh"];
const forces = ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"];

const type = (name: string) =>
  departments.includes(name)
    ? "department"
    : districts.includes(name)
      ? "district"
      : forces.includes(name)
        ? "armed_forces"
        : name.startsWith("Ủy ban Mặt trận")
          ? "front"
          : "mass_org";

/** Each unit holds 10 × (its place + 1) sessions and 1.000 × (its place + 1) × 30 people. */
function narratives(): SynthesisNarrative[] {
  const all = [...departments, ...districts, ...organisations, ...forces];
  return all.map((unitName, i) => {
    const sessions = 10 * (i + 1);
    const people = 30_000 * (i + 1) + 7;
    const lines = [
      `Trong năm, tổ chức ${sessions} hội nghị, buổi tuyên truyền, quán triệt với ${formatCount(people)} lượt người tham dự.`,
    ];
    // looks alike, but counts "cuộc họp" at two units and "hội nghị" at the others: never summed together
    lines.push(
      i % 4 === 0
        ? `Phối hợp tổ chức ${i + 2} cuộc họp giao ban với Ủy ban MTTQ cùng cấp.`
        : `Phối hợp tổ chức ${i + 2} hội nghị giao ban với Ủy ban MTTQ cùng cấp.`,
    );
    if (unitName === "Sở Y tế")
      lines.push("Sở Y tế tổ chức khám bệnh miễn phí cho 1.250 người có công tại 12 xã biên giới.");
    if (unitName === "Ủy ban nhân dân huyện Gò Quao")
      lines.push("Hoàn thành xây dựng 14 cây cầu nông thôn bằng nguồn vận động xã hội hóa.");
    return {
      unitName,
      unitType: type(unitName),
      text: lines.join(" "),
      values: { sessions, people, rate: 90 },
    };
  });
}

describe("numbers the Vietnamese way", () => {
  it("formats and reads digit groups and the decimal comma", () => {
    expect(formatCount(2467)).toBe("2.467");
    expect(formatCount(1234567.5)).toBe("1.234.567,5");
    expect(formatCount(12)).toBe("12");
    expect(parseCount("2.467")).toBe(2467);
    expect(parseCount("1,5")).toBe(1.5);
    expect(parseCount("8562")).toBe(8562);
    expect(parseCount("18/11")).toBeNull();
    expect(parseCount("43-NQ/TW")).toBeNull();
  });
});

describe("unitGroup", () => {
  it("reads the directory's unit types", () => {
    expect(unitGroup("department")).toBe("departments");
    expect(unitGroup("district")).toBe("localities");
    expect(unitGroup("commune")).toBe("localities");
    expect(unitGroup("front")).toBe("organisations");
    expect(unitGroup("mass_org")).toBe("organisations");
    expect(unitGroup("armed_forces")).toBe("armed_forces");
    expect(unitGroup("media")).toBe("others");
  });
});

describe("synthesise", () => {
  const input = narratives();
  const units = input.map(({ unitName, unitType, values }) => ({ unitName, unitType, values }));
  const { paragraphs, figures } = synthesise(input, units, indicators);
  const paragraph = (group: string) => paragraphs.find((p) => p.group === group)!.text;

  it("writes one paragraph per kind of unit, in the report's order, each led by its kind", () => {
    expect(paragraphs.map((p) => p.group)).toEqual([
      "departments",
      "localities",
      "organisations",
      "armed_forces",
    ]);
    expect(paragraph("departments")).toMatch(/^Trong năm, các sở, ban, ngành tổ chức /);
    expect(paragraph("localities")).toMatch(/^Trong năm, UBND các huyện, thành phố tổ chức /);
    expect(paragraph("organisations")).toMatch(
      /^Trong năm, Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tổ chức /,
    );
    expect(paragraph("armed_forces")).toMatch(/^Trong năm, lực lượng vũ trang tỉnh tổ chức /);
  });

  it("sums the figures of the same statement slot by slot, in the Vietnamese format", () => {
    // departments are units 1–4: 10+20+30+40 sessions; 30.000 × (1+2+3+4) + 4 × 7 people
    expect(paragraph("departments")).toContain(
      "các sở, ban, ngành tổ chức 100 hội nghị, buổi tuyên truyền, quán triệt với hơn 300.000 lượt người tham dự.",
    );
    // districts are units 5–7: 50+60+70 sessions; 30.000 × 18 + 21 = 540.021 people
    expect(paragraph("localities")).toContain(
      "tổ chức 180 hội nghị, buổi tuyên truyền, quán triệt với hơn 540.000 lượt người",
    );
    // armed forces are units 11–12: 110+120; 30.000 × 23 + 14 = 690.014
    expect(paragraph("armed_forces")).toContain(
      "tổ chức 230 hội nghị, buổi tuyên truyền, quán triệt với hơn 690.000",
    );
  });

  it("binds summed figures to the indicators they state, with their exact totals", () => {
    const of = (indicator: string, group: string) =>
      figures.find((f) => f.indicator === indicator && f.group === group && f.units.length > 1);
    expect(of("sessions", "departments")).toMatchObject({ value: 100, text: "100", units: departments });
    expect(of("people", "departments")).toMatchObject({ value: 300_028, text: "hơn 300.000" });
    expect(of("people", "localities")).toMatchObject({ value: 540_021, text: "hơn 540.000" });
    expect(of("sessions", "organisations")?.units).toEqual(organisations);
    // "N cuộc họp / hội nghị giao ban" are the units' own figures, not an indicator
    expect(figures.some((f) => f.value === 2 + 6)).toBe(false);
  });

  it("never sums figures that count different things", () => {
    // units 1, 5, 9 wrote "cuộc họp" (i = 0, 4, 8: 2, 6 and 10 of them): each keeps its own figure
    const all = paragraphs.map((p) => p.text).join("\n");
    expect(all.match(/\d+ cuộc họp giao ban/g)).toEqual([
      "2 cuộc họp giao ban",
      "6 cuộc họp giao ban",
      "10 cuộc họp giao ban",
    ]);
    expect(paragraph("departments")).toContain("Sở Y tế phối hợp tổ chức 2 cuộc họp giao ban");
    // the other departments' "hội nghị giao ban" (i = 1..3): 3 + 4 + 5, without the Sở Y tế's 2
    expect(paragraph("departments")).toContain(
      "Sở Tư pháp, Sở Nội vụ và Ban Dân tộc phối hợp tổ chức 12 hội nghị giao ban",
    );
    // the armed forces both wrote "hội nghị": 12 + 13
    expect(paragraph("armed_forces")).toContain(
      "Lực lượng vũ trang tỉnh phối hợp tổ chức 25 hội nghị giao ban",
    );
  });

  it("keeps each unit's distinctive results, attributed to it", () => {
    expect(paragraph("departments")).toContain(
      "Sở Y tế tổ chức khám bệnh miễn phí cho 1.250 người có công tại 12 xã biên giới.",
    );
    expect(paragraph("localities")).toContain(
      "UBND huyện Gò Quao hoàn thành xây dựng 14 cây cầu nông thôn bằng nguồn vận động xã hội hóa.",
    );
    // once, in its unit's group only
    expect(
      paragraphs
        .map((p) => p.text)
        .join("\n")
        .match(/khám bệnh miễn phí/g),
    ).toHaveLength(1);
  });

  it("names up to three units and counts more", () => {
    // two localities wrote "hội nghị giao ban" (i = 5, 6), one "cuộc họp" (i = 4)
    expect(paragraph("localities")).toContain(
      "UBND huyện Gò Quao và UBND thành phố Hà Tiên phối hợp tổ chức 15 hội nghị giao ban",
    );
  });

  it("gives the same text for the same input", () => {
    expect(synthesise(narratives(), units, indicators)).toEqual({ paragraphs, figures });
  });

  it("leaves numbers that are names, dates or rates as they are", () => {
    const result = synthesise(
      ["Sở Y tế", "Sở Tư pháp"].map((unitName, i) => ({
        unitName,
        unitType: "department",
        text: `Quán triệt Nghị quyết số 43-NQ/TW ngày 24/11/2023 đến ${5 + i} chi bộ trực thuộc trong năm 2024.`,
      })),
      [],
    );
    expect(result.paragraphs).toHaveLength(1);
    expect(result.paragraphs[0].text).toContain(
      "Nghị quyết số 43-NQ/TW ngày 24/11/2023 đến 11 chi bộ trực thuộc trong năm 2024",
    );
    // different rates are different statements: neither summed nor merged
    const rates = synthesise(
      ["Sở Y tế", "Sở Tư pháp"].map((unitName, i) => ({
        unitName,
        unitType: "department",
        text: `Tỷ lệ hồ sơ giải quyết đúng hạn đạt ${90 + i}% trong năm.`,
      })),
      [],
    );
    expect(rates.paragraphs[0].text).toContain("90%");
    expect(rates.paragraphs[0].text).toContain("91%");
    expect(rates.paragraphs[0].text).not.toContain("181");
  });

  it("writes nothing for a heading no unit wrote under", () => {
    expect(synthesise([], units, indicators)).toEqual({ paragraphs: [], figures: [] });
  });
});
