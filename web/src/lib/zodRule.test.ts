import type { RuleObject } from "antd/es/form";
import { describe, expect, it } from "vitest";
import { PetitionContact, StaffPetitionCreate } from "../../../common/schemas/petitions.ts";
import { maximumOf, schemaIssue } from "./schemaIssue.ts";
import { zodRule } from "./zodRule.ts";

/** What antd does with the rule: the message it shows, or null when the value passes. */
async function refusal(rule: ReturnType<typeof zodRule>, value: unknown): Promise<string | null> {
  const { validator } = rule as RuleObject;
  try {
    await validator?.({} as RuleObject, value, () => undefined);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const body = {
  channel: "letter",
  kind: "phan-anh",
  text: "Đèn đường ven kênh đã hỏng hơn một tháng, buổi tối rất tối.",
  contact: { name: "Nguyễn Văn A", phone: "0912345678" },
};

/** Whether the server's schema refuses the whole request with this value at `path`. */
function serverRefuses(path: string[], value: unknown): boolean {
  const request = structuredClone(body) as Record<string, unknown>;
  let target = request;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path[path.length - 1]] = value;
  const result = StaffPetitionCreate.safeParse(request);
  return !result.success && result.error.issues.some((i) => i.path.join(".") === path.join("."));
}

describe("zodRule", () => {
  it("refuses in the form exactly what the server's schema refuses", async () => {
    const cases: [string[], ReturnType<typeof zodRule>, string[]][] = [
      [
        ["text"],
        zodRule(StaffPetitionCreate.shape.text, "short"),
        ["x".repeat(19), `  ${"x".repeat(19)}  `, "x".repeat(20), "x".repeat(10_000), "x".repeat(10_001)],
      ],
      [
        ["title"],
        zodRule(StaffPetitionCreate.shape.title, "long"),
        ["Đèn hỏng", "x".repeat(300), "x".repeat(301)],
      ],
      [
        ["contact", "phone"],
        zodRule(PetitionContact.shape.phone, "phone"),
        ["12345", "123456", "0".repeat(31)],
      ],
      [
        ["contact", "email"],
        zodRule(PetitionContact.shape.email, "email"),
        ["a@b", "ten@example.vn", " Ten@Example.VN ", "ten@", "x y@example.vn"],
      ],
      [
        ["contact", "name"],
        zodRule(PetitionContact.shape.name, "name"),
        ["A", "x".repeat(200), "x".repeat(201)],
      ],
    ];
    for (const [path, rule, values] of cases) {
      for (const value of values) {
        const refused = (await refusal(rule, value)) !== null;
        expect(refused, `${path.join(".")} = ${JSON.stringify(value)}`).toBe(serverRefuses(path, value));
      }
    }
  });

  it("says the form's message, chosen by the refusal when given a function", async () => {
    const rule = zodRule(StaffPetitionCreate.shape.text, (issue) =>
      issue.code === "too_big" ? `at most ${maximumOf(issue)}` : "at least 20",
    );
    expect(await refusal(rule, "ngắn quá")).toBe("at least 20");
    expect(await refusal(rule, "x".repeat(10_001))).toBe("at most 10000");
    expect(await refusal(zodRule(PetitionContact.shape.email, "Email không hợp lệ."), "a@b")).toBe(
      "Email không hợp lệ.",
    );
  });

  it("leaves a blank value to the field's required rule", async () => {
    const rule = zodRule(StaffPetitionCreate.shape.text, "short");
    for (const blank of [undefined, null, "", "   "]) expect(await refusal(rule, blank)).toBeNull();
  });
});

describe("schemaIssue", () => {
  it("is the first refusal, or null", () => {
    expect(schemaIssue(StaffPetitionCreate.shape.text, "x".repeat(25))).toBeNull();
    expect(schemaIssue(StaffPetitionCreate.shape.text, "ngắn")?.code).toBe("too_small");
    expect(maximumOf(schemaIssue(StaffPetitionCreate.shape.title, "x".repeat(301))!)).toBe(300);
  });
});
