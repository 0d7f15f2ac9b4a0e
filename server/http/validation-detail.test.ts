import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationDetail } from "./validation-detail.ts";

function issueOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a refusal");
  const [issue] = result.error.issues;
  return { ...issue, input: value } as Parameters<typeof validationDetail>[0];
}

describe("schema refusals in the request's language", () => {
  const cases: [z.ZodType, unknown, string, string][] = [
    [z.string(), undefined, "bắt buộc phải có", "is required"],
    [z.number(), "abc", "phải là một số", "must be a number"],
    [z.string().min(1), "", "không được để trống", "must not be empty"],
    [z.string().min(10), "short", "cần ít nhất 10 ký tự", "needs at least 10 characters"],
    [z.string().max(3), "too long", "không được quá 3 ký tự", "must have at most 3 characters"],
    [z.number().min(0), -1, "phải từ 0 trở lên", "must be at least 0"],
    [z.number().positive(), 0, "phải lớn hơn 0", "must be greater than 0"],
    [z.number().max(5), 6, "phải không quá 5", "must be at most 5"],
    [z.array(z.string()).min(1), [], "cần ít nhất một mục", "needs at least one item"],
    [z.email(), "not-mail", "phải là một địa chỉ e-mail", "must be an e-mail address"],
    [z.uuid(), "x", "phải là một mã định danh (UUID)", "must be an identifier (UUID)"],
    [z.enum(["a", "b"]), "c", "phải là một trong: a, b", "must be one of: a, b"],
  ];
  it.each(cases)("%#: refuses and says why in both languages", (schema, value, vi, en) => {
    const issue = issueOf(schema, value);
    expect(validationDetail(issue, "fallback", "vi")).toBe(vi);
    expect(validationDetail(issue, "fallback", "en")).toBe(en);
  });

  it("tells a missing value from a wrong one without the input, by Zod's message", () => {
    const missing = {
      code: "invalid_type",
      expected: "string",
      message: "Invalid input: expected string, received undefined",
    };
    const wrong = {
      code: "invalid_type",
      expected: "string",
      message: "Invalid input: expected string, received number",
    };
    expect(validationDetail(missing, "", "vi")).toBe("bắt buộc phải có");
    expect(validationDetail(wrong, "", "en")).toBe("must be text");
  });

  it("keeps the schema's own words for what it cannot name", () => {
    expect(validationDetail({ code: "custom", message: "x" }, "the schema's words", "vi")).toBe(
      "the schema's words",
    );
    expect(validationDetail(undefined, "the schema's words", "en")).toBe("the schema's words");
  });
});
