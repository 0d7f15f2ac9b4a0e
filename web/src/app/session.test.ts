import { describe, expect, it } from "vitest";
import { isAppHref } from "../components/AppLink.tsx";
import { safeNext } from "./session.ts";

describe("safeNext", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNext("/directory?unit=abc")).toBe("/directory?unit=abc");
  });

  it("refuses other sites, protocol-relative links and the sign-in page itself", () => {
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/login?next=/x")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(42)).toBe("/");
  });
});

describe("isAppHref", () => {
  it("routes app paths in the app and leaves the API and other sites alone", () => {
    expect(isAppHref("/account")).toBe(true);
    expect(isAppHref("/api/units/export?format=csv")).toBe(false);
    expect(isAppHref("https://example.org")).toBe(false);
    expect(isAppHref("//example.org")).toBe(false);
  });
});
