import { describe, expect, it } from "vitest";
import { BASE, href, portalPath } from "./router.tsx";

describe("the portal's paths", () => {
  it("reads the page from the address under /cong-dan", () => {
    expect(portalPath(BASE)).toBe("/");
    expect(portalPath(`${BASE}/`)).toBe("/");
    expect(portalPath(`${BASE}/tra-cuu/PA-23456-789AB`)).toBe("/tra-cuu/PA-23456-789AB");
    expect(portalPath(`${BASE}/gui-phan-anh/`)).toBe("/gui-phan-anh");
    expect(portalPath("/somewhere-else")).toBe("/");
  });

  it("writes the address of a page", () => {
    expect(href("/")).toBe("/cong-dan");
    expect(href("/tra-loi")).toBe("/cong-dan/tra-loi");
  });
});
