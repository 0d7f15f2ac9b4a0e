import { type ThemeConfig, theme } from "antd";

// antd's default blue (#1677ff) and its 45 % grey text fall below the 4.5:1 contrast
// WCAG AA asks for on white; these colours keep every text/background pair above it.
export const BRAND_RED = "#a31d1d";
export const HEADER_BG = "#7a1414";

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// The colour names a Tag takes (<Tag color="green">). antd writes a tag's text in shade 7 of the
// colour on shade 1: green (3.4:1), gold (2.8:1), orange, lime, cyan, yellow and volcano fall
// under the 4.5:1 that 12 px text needs.
export const TAG_COLORS = [
  "blue",
  "purple",
  "cyan",
  "green",
  "magenta",
  "pink",
  "red",
  "orange",
  "yellow",
  "volcano",
  "geekblue",
  "lime",
  "gold",
] as const;
export const SMALL_TEXT_CONTRAST = 4.5;

/**
 * For every tag colour, the first of its shades 7–10 that reads at 4.5:1 on the tag's background,
 * set as the Tag's shade 7: every status tag of every page follows, whatever colour it was given.
 */
export function readableTagShades(): Record<string, string> {
  const base = theme.getDesignToken() as unknown as Record<string, string>;
  const shades: Record<string, string> = {};
  for (const color of TAG_COLORS) {
    const background = base[`${color}1`];
    const text = [7, 8, 9, 10]
      .map((shade) => base[`${color}${shade}`])
      .find((candidate) => contrastRatio(candidate, background) >= SMALL_TEXT_CONTRAST);
    shades[`${color}7`] = text ?? base[`${color}10`];
  }
  return shades;
}
const TAG_SHADES = readableTagShades();

export function appTheme(isPhone: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: BRAND_RED,
      colorLink: "#0b57a4",
      colorLinkHover: "#08437f",
      colorError: "#b3261e",
      colorWarning: "#8a5300",
      colorSuccess: "#1e6b2e",
      colorInfo: "#0b57a4",
      // Light backgrounds stay light: antd would derive them from the darker text colours above.
      colorWarningBg: "#fff8e6",
      colorWarningBorder: "#f0c36d",
      colorErrorBg: "#fdecea",
      colorErrorBorder: "#f1aeae",
      colorSuccessBg: "#ecf7ee",
      colorSuccessBorder: "#9fd3a9",
      colorInfoBg: "#e8f1fb",
      colorInfoBorder: "#a7c6ea",
      colorText: "rgba(0, 0, 0, 0.88)",
      colorTextSecondary: "#4a4a4a",
      colorTextTertiary: "#595959",
      colorTextDescription: "#595959",
      colorTextPlaceholder: "#6b6b6b",
      colorTextDisabled: "#6b6b6b",
      borderRadius: 6,
      // No animations. A button's loading icon leaves through a CSS transition with no deadline:
      // when a request answers within the icon's entry (a fast 401), the transition never ends and
      // the spinner stays on a button that is no longer loading (its accessible name then reads
      // "loading Sign in"). Seen about once in fifteen sign-in failures; without motion it cannot
      // happen, and officials on old office PCs lose nothing by it.
      motion: false,
      fontFamily: '-apple-system, "Segoe UI", Roboto, "Liberation Sans", "Noto Sans", Arial, sans-serif',
      // Fingers need 44 px targets on a phone (WCAG 2.5.5); a mouse is fine with less.
      controlHeight: isPhone ? 44 : 34,
      fontSize: isPhone ? 16 : 14,
    },
    components: {
      Layout: { headerBg: HEADER_BG, headerPadding: isPhone ? "0 8px" : "0 24px", siderBg: "#ffffff" },
      Menu: { itemHeight: 44 },
      Tag: TAG_SHADES,
      Tree: { titleHeight: isPhone ? 44 : 28 },
    },
  };
}
