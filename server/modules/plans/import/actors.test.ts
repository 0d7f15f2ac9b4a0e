import { describe, expect, it } from "vitest";
import { coordinatingIn, effectiveActors, NO_ACTORS, ownActors, subjectOf } from "./actors.ts";
import { readMentionList, tokenize, uniqueMentions } from "./mentions.ts";

const mentions = (text: string) => readMentionList(text, tokenize(text), 0)?.mentions ?? null;

describe("mentions", () => {
  it.each([
    [
      "Các sở, ban, ngành tỉnh; UBND các huyện, thành phố và các đơn vị liên quan tập trung lãnh đạo",
      ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố", "các đơn vị liên quan"],
    ],
    [
      "Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh, Chủ tịch UBND các huyện, thành phố và các đơn vị có liên quan theo chức năng",
      [
        "Giám đốc các sở",
        "Thủ trưởng các ban, ngành tỉnh",
        "Chủ tịch UBND các huyện, thành phố",
        "các đơn vị có liên quan",
      ],
    ],
    [
      "Báo Kiên Giang, Đài Phát thanh và Truyền hình Kiên Giang xây dựng",
      ["Báo Kiên Giang", "Đài Phát thanh và Truyền hình Kiên Giang"],
    ],
    ["Sở Văn hóa, Thể thao và Du lịch chủ trì", ["Sở Văn hóa, Thể thao và Du lịch"]],
    [
      "Sở Lao động - Thương binh và Xã hội, Sở Xây dựng thực hiện",
      ["Sở Lao động - Thương binh và Xã hội", "Sở Xây dựng"],
    ],
    ["Ban Chỉ đạo chuyển đổi số tỉnh ban hành", ["Ban Chỉ đạo chuyển đổi số tỉnh"]],
    ["Văn phòng HĐND và UBND huyện tổng hợp", ["Văn phòng HĐND và UBND huyện"]],
    ["Uỷ ban nhân dân tỉnh Kiên Giang ban hành", ["Uỷ ban nhân dân tỉnh Kiên Giang"]],
    ["UBND cấp huyện, cấp xã thực hiện tốt", ["UBND cấp huyện, cấp xã"]],
    // a whole name is closed: what follows in lower case is the predicate, known verb or not
    ["Sở Nội vụ xét duyệt hồ sơ", ["Sở Nội vụ"]],
    ["Công an tỉnh nắm tình hình", ["Công an tỉnh"]],
    ["UBND các xã, phường, đặc khu có trách nhiệm", ["UBND các xã, phường, đặc khu"]],
    ["Phòng Tài chính - Kế hoạch huyện An Minh bố trí", ["Phòng Tài chính - Kế hoạch huyện An Minh"]],
    [
      "Các phòng giáo dục và đào tạo huyện, thành phố chỉ đạo",
      ["Các phòng giáo dục và đào tạo huyện, thành phố"],
    ],
  ])("%s", (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });

  it.each(["Các số liệu được cập nhật", "Ban hành quy chế", "Hội nghị sơ kết", "Tiếp tục tổ chức học tập"])(
    "%s names no unit",
    (text) => {
      expect(mentions(text)).toBeNull();
    },
  );

  it("counts a unit once however it is written", () => {
    expect(uniqueMentions(["các đơn vị liên quan", "đơn vị liên quan", "Sở Nội vụ"])).toEqual([
      "các đơn vị liên quan",
      "Sở Nội vụ",
    ]);
  });
});

describe("own actors", () => {
  it('"X chủ trì, phối hợp với Y, Z" gives lead X and coordinating Y, Z', () => {
    const own = ownActors([
      "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Sở Tư pháp và các đơn vị liên quan tham mưu UBND tỉnh ban hành quy định.",
    ]);
    expect(own).toMatchObject({
      lead: ["Sở Nội vụ"],
      coordinating: ["Sở Tài chính", "Sở Tư pháp", "các đơn vị liên quan"],
      implementing: [],
      requested: [],
    });
  });

  it('"Đề nghị …" gives requested bodies', () => {
    const own = subjectOf(
      "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị - xã hội tỉnh tăng cường công tác tuyên truyền.",
    );
    expect(own?.requested).toEqual([
      "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
      "các đoàn thể chính trị - xã hội tỉnh",
    ]);
    expect(own?.lead).toEqual([]);
  });

  it('"Giao X là cơ quan đầu mối, chủ trì …" gives lead X', () => {
    expect(subjectOf("Giao Sở Nội vụ là cơ quan đầu mối, chủ trì đôn đốc, kiểm tra.")?.lead).toEqual([
      "Sở Nội vụ",
    ]);
  });

  it("a unit named at the head without chủ trì implements", () => {
    expect(
      subjectOf("Sở Thông tin và Truyền thông chỉ đạo, hướng dẫn các cơ quan báo chí.")?.implementing,
    ).toEqual(["Sở Thông tin và Truyền thông"]);
  });

  it("finds the subject after an opening clause", () => {
    expect(
      subjectOf(
        "Căn cứ Kế hoạch này, các nhiệm vụ được giao, Giám đốc các sở, Chủ tịch UBND các huyện xây dựng kế hoạch cụ thể.",
      )?.implementing,
    ).toEqual(["Giám đốc các sở", "Chủ tịch UBND các huyện"]);
  });

  it("reads no subject in a task that starts with its verb", () => {
    expect(subjectOf("Tiếp tục tổ chức học tập, quán triệt Nghị quyết.")).toBeNull();
    expect(subjectOf("Nâng cao hiệu quả công tác phối hợp giữa Mặt trận Tổ quốc và chính quyền.")).toBeNull();
  });

  it("reads coordinating units only after phối hợp với/cùng", () => {
    expect(coordinatingIn("Phối hợp với Mặt trận Tổ quốc cùng cấp đề xuất, triển khai.")).toEqual([
      "Mặt trận Tổ quốc cùng cấp",
    ]);
    expect(
      coordinatingIn("thực hiện tốt cơ chế phối hợp và bảo đảm các điều kiện để Mặt trận Tổ quốc tham gia"),
    ).toEqual([]);
  });
});

describe("inheritance", () => {
  const preamble = { ...NO_ACTORS, implementing: ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"] };

  it("a bullet without a subject takes the heading's actors", () => {
    expect(effectiveActors(ownActors(["Tiếp tục quan tâm đào tạo, bồi dưỡng."]), preamble)).toEqual(preamble);
  });

  it("a bullet naming its own actor overrides the heading's", () => {
    const own = ownActors(["UBND cấp huyện, cấp xã thực hiện tốt cơ chế phối hợp."]);
    expect(effectiveActors(own, preamble)).toEqual({
      ...NO_ACTORS,
      implementing: ["UBND cấp huyện, cấp xã"],
    });
  });

  it("coordinating units of a bullet add to what it inherits", () => {
    const own = ownActors([
      "Phối hợp với Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội cùng cấp tiếp tục đa dạng hóa.",
    ]);
    expect(effectiveActors(own, preamble)).toEqual({
      ...preamble,
      coordinating: ["Mặt trận Tổ quốc", "các đoàn thể chính trị - xã hội cùng cấp"],
    });
  });

  it('"Chủ trì, phối hợp …" under a heading naming a unit makes that unit lead', () => {
    const heading = { ...NO_ACTORS, implementing: ["Phòng Văn hóa và Thông tin huyện"] };
    const own = ownActors(["Chủ trì, phối hợp với các cơ quan, đơn vị liên quan theo dõi, đôn đốc."]);
    expect(effectiveActors(own, heading)).toEqual({
      ...NO_ACTORS,
      lead: ["Phòng Văn hóa và Thông tin huyện"],
      coordinating: ["các cơ quan, đơn vị liên quan"],
    });
  });
});
