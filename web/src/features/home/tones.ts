import type { z } from "zod";
import type { HomeItem } from "../../../../common/schemas/home.ts";

export type Tone = z.infer<typeof HomeItem>["tone"];

// Tag colours chosen for ≥ 4.5:1 text contrast; the tone is always also written as text.
export const TONE_STYLE: Record<Tone, { color: string; background: string; border: string }> = {
  normal: { color: "#3a3a3a", background: "#f2f2f2", border: "#cfcfcf" },
  warning: { color: "#7a4a00", background: "#fff4d6", border: "#e0b24c" },
  danger: { color: "#9b1c1c", background: "#fdeaea", border: "#e39a9a" },
  success: { color: "#1e5e2b", background: "#e7f5ea", border: "#8cc79a" },
};

export function toneOf(value: string): Tone {
  return value in TONE_STYLE ? (value as Tone) : "normal";
}
