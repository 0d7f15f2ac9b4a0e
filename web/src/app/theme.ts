import type { ThemeConfig } from "antd";

// antd's default blue (#1677ff) and its 45 % grey text fall below the 4.5:1 contrast
// WCAG AA asks for on white; these colours keep every text/background pair above it.
export const BRAND_RED = "#a31d1d";
export const HEADER_BG = "#7a1414";

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
      Tree: { titleHeight: isPhone ? 44 : 28 },
    },
  };
}
