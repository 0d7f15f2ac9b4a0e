import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { checkIdempotencyKey, isHoneypot, submissionBodyHash } from "./submission.ts";

describe("what every submission goes through", () => {
  it("takes an Idempotency-Key of 8–200 safe characters and refuses others in each kind's own code", () => {
    expect(checkIdempotencyKey(undefined, "petition")).toBeNull();
    expect(checkIdempotencyKey("portal:2026-01-01.a_b-c", "civic")).toBe("portal:2026-01-01.a_b-c");
    expect(checkIdempotencyKey(["first-key-1", "second-key"], "petition")).toBe("first-key-1");
    for (const [raw, kind, code] of [
      ["short", "petition", "petition_idempotency_key"],
      ["has space in it", "civic", "civic_idempotency_key"],
      ["x".repeat(201), "civic", "civic_idempotency_key"],
    ] as const) {
      const refused = (() => {
        try {
          checkIdempotencyKey(raw, kind);
        } catch (error) {
          return error as AppError;
        }
      })();
      expect(refused, raw).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ status: 400, code, field: "Idempotency-Key" });
    }
  });

  it("sees a robot only in a hidden field with something in it", () => {
    expect(isHoneypot({})).toBe(false);
    expect(isHoneypot({ website: "" })).toBe(false);
    expect(isHoneypot({ website: "   " })).toBe(false);
    expect(isHoneypot({ website: "http://spam.example" })).toBe(true);
  });

  it("hashes a body as the keys already stored were hashed, without the hidden field", () => {
    // Keys stored before a release must still match their retries after it: these values pin the form.
    const body = {
      text: "Đường hỏng",
      kind: "phan-anh",
      contact: { name: "A", phone: "0912345678" },
      website: "",
    };
    expect(submissionBodyHash(body)).toBe("09c263999238a497b13ea23f3a01987e5b837bc4d176f1bd753224e8c8103f8b");
    expect(submissionBodyHash(body, "question")).toBe(
      "a7ba5d957d903b9b01ad0d3b0c143dfa09f813013fbcefb9249d61672ec7e036",
    );
    const reordered = { website: "filled", contact: { phone: "0912345678", name: "A" }, kind: "phan-anh" };
    expect(submissionBodyHash({ ...reordered, text: "Đường hỏng" })).toBe(submissionBodyHash(body));
    expect(submissionBodyHash({ ...body, text: "Đường hỏng nặng" })).not.toBe(submissionBodyHash(body));
  });
});
