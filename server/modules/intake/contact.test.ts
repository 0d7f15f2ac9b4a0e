import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import {
  contactMatches,
  formatVietnamesePhone,
  normalizeContact,
  normalizeVietnamesePhone,
} from "./contact.ts";

describe("Vietnamese phone numbers", () => {
  it("normalise the ways people write them to E.164", () => {
    for (const form of [
      "0912 345 678",
      "0912.345.678",
      "+84 912 345 678",
      "84912345678",
      "0084912345678",
      "+84 0912345678",
    ]) {
      expect(normalizeVietnamesePhone(form), form).toBe("+84912345678");
    }
    expect(normalizeVietnamesePhone("0297 3862 123")).toBe("+842973862123");
    for (const bad of ["12345", "0112345678", "091234567", "abc", "+1 202 555 0100"]) {
      expect(normalizeVietnamesePhone(bad), bad).toBeNull();
    }
    expect(formatVietnamesePhone("+84912345678")).toBe("0912 345 678");
  });

  it("prove the citizen by the phone or e-mail given at intake", () => {
    const stored = { phone: "+84912345678", email: "a@b.vn" };
    expect(contactMatches("0912-345-678", stored)).toBe(true);
    expect(contactMatches("A@B.VN", stored)).toBe(true);
    expect(contactMatches("0912345679", stored)).toBe(false);
    expect(contactMatches("a@b.vn", { phone: "+84912345678", email: null })).toBe(false);
  });
});

describe("a submission's contact", () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const { status, code, field } = error as AppError;
      return { status, code, field };
    }
    throw new Error("not refused");
  };

  it("is a name in NFC and a phone in E.164 or an e-mail", () => {
    const decomposed = "Nguyễn Văn A".normalize("NFD");
    expect(normalizeContact({ name: decomposed, phone: "0912 345 678" }, "petition")).toEqual({
      name: "Nguyễn Văn A".normalize("NFC"),
      phone: "+84912345678",
      email: null,
    });
    expect(normalizeContact({ name: "B", email: "b@x.vn" }, "civic")).toEqual({
      name: "B",
      phone: null,
      email: "b@x.vn",
    });
  });

  it("is refused without a way to answer, or with a number that is not Vietnamese, in each kind's own code", () => {
    expect(refusal(() => normalizeContact({ name: "C", phone: "12345" }, "petition"))).toEqual({
      status: 400,
      code: "petition_phone_invalid",
      field: "contact.phone",
    });
    expect(refusal(() => normalizeContact({ name: "C" }, "petition")).code).toBe("petition_contact_missing");
    expect(refusal(() => normalizeContact({ name: "C", phone: "12345" }, "civic")).code).toBe(
      "civic_phone_invalid",
    );
    expect(refusal(() => normalizeContact({ name: "C" }, "civic"))).toEqual({
      status: 400,
      code: "civic_contact_missing",
      field: "contact.phone",
    });
  });
});
