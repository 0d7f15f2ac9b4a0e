// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { markScrollRegions } from "./scrollRegions.ts";

function box(html: string, size: { scroll: number; client: number }) {
  const root = document.createElement("div");
  root.innerHTML = `<div class="ant-table-content">${html}</div>`;
  const content = root.firstElementChild as HTMLElement;
  Object.defineProperty(content, "scrollWidth", { configurable: true, get: () => size.scroll });
  Object.defineProperty(content, "clientWidth", { configurable: true, get: () => size.client });
  return { root, content, size };
}

describe("scrolling tables reachable by keyboard", () => {
  it("makes an overflowing table with nothing focusable a named region that takes focus", () => {
    const { root, content } = box("<table><tr><td>Ý kiến</td></tr></table>", { scroll: 1200, client: 600 });
    markScrollRegions(root, "Bảng cuộn được");
    expect(content.getAttribute("tabindex")).toBe("0");
    expect(content.getAttribute("role")).toBe("region");
    expect(content.getAttribute("aria-label")).toBe("Bảng cuộn được");
  });

  it("leaves a table alone when it fits or when a link inside already takes focus", () => {
    const fits = box("<table><tr><td>x</td></tr></table>", { scroll: 600, client: 600 });
    markScrollRegions(fits.root, "label");
    expect(fits.content.hasAttribute("tabindex")).toBe(false);
    const linked = box('<table><tr><td><a href="/x">x</a></td></tr></table>', { scroll: 1200, client: 600 });
    markScrollRegions(linked.root, "label");
    expect(linked.content.hasAttribute("tabindex")).toBe(false);
  });

  it("takes the region back when the table no longer overflows, and follows the language", () => {
    const table = box("<table><tr><td>x</td></tr></table>", { scroll: 1200, client: 600 });
    markScrollRegions(table.root, "Bảng cuộn được");
    markScrollRegions(table.root, "Scrollable table");
    expect(table.content.getAttribute("aria-label")).toBe("Scrollable table");
    table.size.scroll = 500;
    markScrollRegions(table.root, "Scrollable table");
    expect(table.content.hasAttribute("tabindex")).toBe(false);
    expect(table.content.hasAttribute("role")).toBe(false);
  });
});
