import { describe, expect, it } from "vitest";
import { predict, train } from "./classifier.ts";
import { features } from "./features.ts";
import { COMMUNE_LABEL, loadMandates, loadSeed, stratifiedSplit } from "./seed.ts";

describe("routing classifier", () => {
  it("reads folded unigrams and bigrams, never across punctuation", () => {
    expect(features("Bệnh viện quá tải, cấp cứu chậm")).toEqual(
      expect.arrayContaining(["benh", "vien", "benh_vien", "cap_cuu"]),
    );
    expect(features("đường ngập, cống tắc")).not.toContain("ngap_cong");
    expect(features("duong bi ngap")).toEqual(features("Đường bị ngập"));
  });

  it("has a seed of at least 150 petitions across the units in force, and the commune", () => {
    const seed = loadSeed();
    expect(seed.length).toBeGreaterThanOrEqual(150);
    const units = new Set(seed.map((p) => p.unit));
    for (const code of ["SXD", "SNNMT", "SGDĐT", "SYT", "SNV", COMMUNE_LABEL]) expect(units).toContain(code);
    expect(
      loadMandates()
        .map((m) => m.unit)
        .sort(),
    ).toEqual([...units].sort());
  });

  it("routes held-out petitions to the right unit most of the time (fixed split)", () => {
    const { train: trainSet, test } = stratifiedSplit(loadSeed(), 0.3, 42);
    const model = train(
      trainSet.map((p) => ({ text: p.text, label: p.unit })),
      { mandates: loadMandates().map((m) => ({ text: m.text, label: m.unit })) },
    );
    let top1 = 0;
    let top3 = 0;
    for (const petition of test) {
      const ranked = predict(model, petition.text, 3);
      if (ranked[0].label === petition.unit) top1++;
      if (ranked.some((r) => r.label === petition.unit)) top3++;
      expect(ranked.reduce((sum, r) => sum + r.score, 0)).toBeLessThanOrEqual(1.000001);
    }
    expect(top1 / test.length).toBeGreaterThan(0.75);
    expect(top3 / test.length).toBeGreaterThan(0.9);
  });

  it("learns from the province's own history", () => {
    const model = train([
      { text: "Cá chết trắng kênh xáng, nước đen", label: "env" },
      { text: "Trường thu tiền học thêm", label: "edu" },
    ]);
    expect(predict(model, "kênh xáng có cá chết", 1)[0].label).toBe("env");
    expect(predict(train([]), "bất kỳ")).toEqual([]);
  });
});
