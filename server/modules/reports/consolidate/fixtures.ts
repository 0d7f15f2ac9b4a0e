import type { ConsolidationInput, ConsolidationReport } from "../consolidation-input.ts";

/**
 * Consolidation inputs for tests and the benchmark: a small hand-written period (`sampleInput`)
 * and a generated one of any size (`syntheticInput`) with narratives of realistic length, shared
 * sentences, per-unit figures and a deterministic pseudo-random spread.
 */

const at = (iso: string) => new Date(iso);

export function sampleInput(): ConsolidationInput {
  const report = (
    r: Partial<ConsolidationReport> & Pick<ConsolidationReport, "unitId" | "unitName">,
  ): ConsolidationReport => ({
    unitType: "department",
    revision: 1,
    submittedAt: at("2024-12-05T03:00:00Z"),
    late: false,
    sections: [],
    values: {},
    difficulties: "",
    proposals: "",
    ...r,
  });
  return {
    plan: {
      id: "00000000-0000-4000-8000-000000000181",
      title: "Kế hoạch số 181/KH-UBND ngày 05/6/2024 thực hiện Chương trình hành động số 51-CTr/TU",
      number: "181/KH-UBND",
      issuedOn: "2024-06-05",
      headings: [
        { code: "II.1", title: "Tuyên truyền, phổ biến, quán triệt" },
        { code: "II.2", title: "Phát huy quyền làm chủ của Nhân dân" },
        { code: "II.3", title: "Tiếp công dân, đối thoại và giải quyết phản ánh, kiến nghị" },
      ],
    },
    period: { key: "2024", label: "năm 2024", from: "2023-12-15", to: "2024-12-14", deadline: "2024-12-10" },
    issuer: { name: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", place: "Kiên Giang", shortName: "UBND tỉnh" },
    indicators: [
      { code: "sessions", name: "Số buổi tuyên truyền", unit: "buổi", aggregation: "sum" },
      { code: "participants", name: "Số lượt người tham dự", unit: "lượt người", aggregation: "sum" },
      { code: "satisfaction", name: "Tỷ lệ hài lòng", unit: "%", aggregation: "average" },
      { code: "population", name: "Dân số toàn tỉnh", unit: "người", aggregation: "latest" },
    ],
    reports: [
      report({
        unitId: "u-yte",
        unitName: "Sở Y tế",
        sections: [
          {
            headingCode: "II.1",
            text: "Tổ chức 12 buổi tuyên truyền về Nghị quyết 43-NQ/TW cho cán bộ, công chức. Đã quán triệt kế hoạch đến 100% đơn vị trực thuộc.",
          },
          { headingCode: "II.3", text: "Tiếp 35 lượt công dân tại trụ sở." },
        ],
        values: { sessions: 12, participants: 850, satisfaction: 90, population: 1_750_000 },
        difficulties: "Kinh phí cho công tác tuyên truyền còn hạn chế.",
        proposals: "Đề nghị UBND tỉnh bổ sung kinh phí tuyên truyền năm 2025.",
      }),
      report({
        unitId: "u-tuphap",
        unitName: "Sở Tư pháp",
        submittedAt: at("2024-12-06T03:00:00Z"),
        sections: [
          {
            headingCode: "II.1",
            text: "Đã quán triệt Kế hoạch đến 100% các đơn vị trực thuộc! Phối hợp Báo Kiên Giang đăng 8 tin, bài về dân chủ ở cơ sở.",
          },
        ],
        values: { sessions: 5, participants: 300, satisfaction: 80, population: 1_760_000 },
        difficulties: "Kinh phí cho công tác tuyên truyền còn hạn chế",
      }),
      report({
        unitId: "u-anbien",
        unitName: "UBND huyện An Biên",
        unitType: "district",
        submittedAt: at("2024-12-12T03:00:00Z"),
        late: true,
        revision: 2,
        sections: [
          { headingCode: "II.1", text: "Tổ chức 7 buổi tuyên truyền tại các xã, thị trấn." },
          { headingCode: "II.2", text: "100% xã, thị trấn tổ chức hội nghị nhân dân đầu năm." },
        ],
        values: { sessions: 7, participants: 1200, satisfaction: null },
        proposals: "Đề nghị tỉnh sớm hướng dẫn sắp xếp đơn vị hành chính cấp xã.",
      }),
    ],
    missing: [
      { unitId: "u-dongthap", unitName: "Sở Văn hóa và Thể thao", status: "returned" },
      { unitId: "u-phuquoc", unitName: "UBND thành phố Phú Quốc", status: "none" },
    ],
    escalations: [
      {
        title: "Bổ sung biên chế cho bộ phận tiếp công dân cấp huyện",
        raisedBy: "UBND huyện An Biên",
        owner: "Sở Nội vụ",
        dueOn: "2024-11-30",
        status: "decided",
        decision: "UBND tỉnh giao Sở Nội vụ cân đối trong tổng biên chế năm 2025.",
      },
      {
        title: "Hướng dẫn chi kinh phí đối thoại",
        raisedBy: "Sở Y tế",
        owner: "Sở Tài chính",
        dueOn: null,
        status: "open",
        decision: null,
      },
    ],
  };
}

/** A deterministic generator (mulberry32), so that every run measures the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ["Tổ chức", "Triển khai", "Phối hợp tổ chức", "Chỉ đạo thực hiện", "Hướng dẫn", "Kiểm tra"];
const OBJECTS = [
  "tuyên truyền về dân chủ ở cơ sở",
  "hội nghị đối thoại với Nhân dân",
  "tập huấn nghiệp vụ cho cán bộ, công chức",
  "lấy ý kiến Nhân dân về dự thảo quy hoạch",
  "tiếp công dân định kỳ của người đứng đầu",
  "niêm yết công khai thủ tục hành chính",
  "giám sát việc thực hiện quy chế dân chủ",
  "biểu dương mô hình dân vận khéo",
];
const PLACES = [
  "tại trụ sở",
  "tại các xã, phường",
  "tại khu dân cư",
  "trên Cổng thông tin điện tử",
  "qua hệ thống truyền thanh cơ sở",
];
const SHARED = [
  "Đã quán triệt kế hoạch đến 100% cán bộ, công chức, viên chức của đơn vị.",
  "Kết quả thực hiện cơ bản đạt yêu cầu đề ra.",
  "Công tác phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp được duy trì thường xuyên.",
];

/** `units` accepted reports over `headings` plan headings with `indicators` figures each. */
export function syntheticInput(options: {
  units: number;
  headings: number;
  indicators: number;
  seed?: number;
}): ConsolidationInput {
  const next = random(options.seed ?? 2024);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const headings = Array.from({ length: options.headings }, (_, i) => ({
    code: `II.${i + 1}`,
    title: `Nhiệm vụ, giải pháp thứ ${i + 1}: ${pick(OBJECTS)}`,
  }));
  const indicators = Array.from({ length: options.indicators }, (_, i) => ({
    code: `ind${i + 1}`,
    name: `Chỉ tiêu ${i + 1} — ${pick(OBJECTS)}`,
    unit: pick(["buổi", "lượt người", "tin, bài", "cuộc", "mô hình"]),
    aggregation: (i % 7 === 6 ? "average" : "sum") as "sum" | "average",
  }));
  const reports: ConsolidationReport[] = Array.from({ length: options.units }, (_, u) => ({
    unitId: `unit-${u + 1}`,
    unitName: u < 20 ? `Sở thứ ${u + 1}` : `UBND xã số ${u - 19}`,
    unitType: u < 20 ? "department" : "commune",
    revision: 1 + Math.floor(next() * 2),
    submittedAt: new Date(Date.UTC(2024, 11, 1 + Math.floor(next() * 14))),
    late: next() < 0.15,
    sections: headings.map((h) => {
      const sentences: string[] = [];
      const count = 3 + Math.floor(next() * 5);
      for (let s = 0; s < count; s++) {
        sentences.push(
          next() < 0.2
            ? pick(SHARED)
            : `${pick(VERBS)} ${1 + Math.floor(next() * 40)} buổi ${pick(OBJECTS)} ${pick(PLACES)}, thu hút ${10 + Math.floor(next() * 900)} lượt người tham gia.`,
        );
      }
      return { headingCode: h.code, text: sentences.join(" ") };
    }),
    values: Object.fromEntries(
      indicators.map((i) => [
        i.code,
        next() < 0.05
          ? null
          : i.aggregation === "average"
            ? Math.round(next() * 1000) / 10
            : Math.floor(next() * 500),
      ]),
    ),
    difficulties:
      next() < 0.5
        ? "Kinh phí cho công tác tuyên truyền còn hạn chế. Đội ngũ cán bộ làm công tác dân vận còn kiêm nhiệm."
        : "",
    proposals:
      next() < 0.3
        ? `Đề nghị tỉnh bổ sung ${1 + Math.floor(next() * 5)} biên chế cho bộ phận tiếp công dân.`
        : "",
  }));
  return {
    plan: {
      id: "00000000-0000-4000-8000-000000000000",
      title: "Kế hoạch tổng hợp thử",
      number: "99/KH-UBND",
      issuedOn: "2024-03-01",
      headings,
    },
    period: { key: "2024", label: "năm 2024", from: "2023-12-15", to: "2024-12-14", deadline: "2024-12-10" },
    issuer: { name: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", place: "Kiên Giang", shortName: "UBND tỉnh" },
    indicators,
    reports,
    missing: [{ unitId: "late-1", unitName: "UBND xã chưa báo cáo", status: "none" }],
    escalations: [],
  };
}
