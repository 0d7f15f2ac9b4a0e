// Every colour pair the theme sets for small text reads at 4.5:1 or more (WCAG 1.4.3).
import { theme } from "antd";
import { describe, expect, it } from "vitest";
import { appTheme, contrastRatio, SMALL_TEXT_CONTRAST, TAG_COLORS } from "./theme.ts";

const base = theme.getDesignToken() as unknown as Record<string, string>;

describe("theme contrast", () => {
  it("computes the WCAG ratio", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // antd's own green tag, the one that failed: 3.37:1.
    expect(contrastRatio("#389e0d", "#f6ffed")).toBeCloseTo(3.37, 2);
  });

  it("gives every tag colour a text shade that reads on its background", () => {
    const tag = appTheme(false).components?.Tag as Record<string, string>;
    for (const color of TAG_COLORS) {
      const text = tag[`${color}7`];
      expect(text, color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrastRatio(text, base[`${color}1`]), color).toBeGreaterThanOrEqual(SMALL_TEXT_CONTRAST);
    }
    // The phone theme is the same for tags.
    expect(appTheme(true).components?.Tag).toEqual(tag);
  });

  it("keeps the status colours readable on their light backgrounds and on white", () => {
    const token = appTheme(false).token as Record<string, string>;
    for (const status of ["Success", "Warning", "Error", "Info"]) {
      const text = token[`color${status}`];
      expect(contrastRatio(text, token[`color${status}Bg`]), status).toBeGreaterThanOrEqual(
        SMALL_TEXT_CONTRAST,
      );
      expect(contrastRatio(text, "#ffffff"), status).toBeGreaterThanOrEqual(SMALL_TEXT_CONTRAST);
    }
    expect(contrastRatio(token.colorLink, "#ffffff")).toBeGreaterThanOrEqual(SMALL_TEXT_CONTRAST);
    expect(contrastRatio(token.colorTextTertiary, "#ffffff")).toBeGreaterThanOrEqual(SMALL_TEXT_CONTRAST);
  });

  it("draws the focus ring at 3:1 or more against the pages, the selected menu item and the header", () => {
    const ring = "#1a56b8";
    for (const background of ["#ffffff", "#f5f5f5", "#fbeaea", "#f2f2f2"])
      expect(contrastRatio(ring, background), background).toBeGreaterThanOrEqual(3);
    expect(contrastRatio("#ffd54a", "#7a1414")).toBeGreaterThanOrEqual(3);
    // The current menu entry's text.
    expect(contrastRatio("#8f1919", "#fbeaea")).toBeGreaterThanOrEqual(SMALL_TEXT_CONTRAST);
  });
});
