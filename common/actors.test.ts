import { describe, expect, it } from "vitest";
import { ACTOR_CODES, ACTOR_LABELS, actorCodeOf, actorLabel, shownActor, systemActor } from "./actors.ts";
import { splitGlued } from "./localized.ts";

describe("actors that are not users", () => {
  it("has a label in both languages for every code, and no label glues the two", () => {
    for (const code of ACTOR_CODES) {
      expect(ACTOR_LABELS[code].vi, code).toMatch(/^\p{Lu}/u);
      expect(ACTOR_LABELS[code].en, code).toMatch(/^[A-Z]/);
      expect(ACTOR_LABELS[code].vi).not.toContain(" / ");
      expect(ACTOR_LABELS[code].en).not.toContain(" / ");
      expect(ACTOR_LABELS[code].vi).not.toBe(ACTOR_LABELS[code].en);
    }
  });

  it("reads each code in the reader's language", () => {
    const labels = Object.fromEntries(
      ACTOR_CODES.map((code) => [code, [actorLabel(code, "vi"), actorLabel(code, "en")]]),
    );
    expect(labels).toEqual({
      portal: ["Công dân (qua cổng thông tin)", "A citizen (through the portal)"],
      citizen: ["Công dân", "The citizen"],
      system: ["Hệ thống", "The system"],
      restructuring: ["Sắp xếp tổ chức bộ máy", "The restructuring"],
      directory: ["Sự kiện sắp xếp tổ chức", "The restructuring event"],
    });
  });

  it("stores the code as the name, with no user", () => {
    expect(systemActor("portal")).toEqual({ userId: null, name: "portal" });
  });

  it("reads the names stored before the codes as their codes", () => {
    const legacy: [string, string][] = [
      ["công dân (cổng thông tin) / citizen (portal)", "portal"],
      ["công dân / citizen", "citizen"],
      ["công dân (chủ hồ sơ) / the citizen", "citizen"],
      ["hệ thống / system", "system"],
      ["sắp xếp tổ chức bộ máy / restructuring", "restructuring"],
      ["directory event", "directory"],
    ];
    for (const [name, code] of legacy) {
      expect(actorCodeOf(name), name).toBe(code);
      expect(actorLabel(name, "vi")).toBe(ACTOR_LABELS[code as keyof typeof ACTOR_LABELS].vi);
      expect(actorLabel(name, "en")).toBe(ACTOR_LABELS[code as keyof typeof ACTOR_LABELS].en);
    }
  });

  it("splits any other old name that glued both languages", () => {
    expect(actorLabel("trình quản lý / manager", "vi")).toBe("Trình quản lý");
    expect(actorLabel("trình quản lý / manager", "en")).toBe("Manager");
  });

  it("leaves every other name as it was stored", () => {
    for (const name of [
      "Nguyễn Văn An (nva)",
      "dongthuan (command line)",
      "demo loader",
      "a / b / c",
      "toString",
    ]) {
      expect(actorLabel(name, "en")).toBe(name);
      expect(actorCodeOf(name)).toBeNull();
    }
  });

  it("never reads a user's name as a code or a glued name", () => {
    expect(shownActor("u-1", "system", "en")).toBe("system");
    expect(shownActor("u-1", "Phòng A / Office A (pa)", "en")).toBe("Phòng A / Office A (pa)");
    expect(shownActor(null, "system", "en")).toBe("The system");
  });
});

describe("texts glued in both languages", () => {
  it("splits one ' / ' into Vietnamese and English, and nothing else", () => {
    expect(splitGlued("hệ thống / system")).toEqual({ vi: "hệ thống", en: "system" });
    expect(splitGlued("hệ thống")).toBeNull();
    expect(splitGlued("a / b / c")).toBeNull();
    expect(splitGlued(" / system")).toBeNull();
    expect(splitGlued("01/03/2025")).toBeNull();
  });
});
