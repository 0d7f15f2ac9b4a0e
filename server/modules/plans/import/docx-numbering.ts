import { toRoman } from "./markers.ts";
import { child, childElements, parseXml, val, type XmlElement } from "./xml.ts";

/**
 * Word's automatic numbering: the number is not in the text but computed from
 * word/numbering.xml (abstract definitions, instances, start overrides) and each
 * paragraph's numPr — directly or through its style. Rendering it back to "II.",
 * "2.", "a)", "-" lets the .docx give the same codes as the plan typed by hand.
 */

interface Level {
  start: number;
  format: string;
  text: string;
  legal: boolean;
}

interface Instance {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

export interface NumberingRef {
  numId: string;
  ilvl: number;
}

function readLevel(lvl: XmlElement): Level {
  return {
    start: Number(val(child(lvl, "start")) ?? 1) || 0,
    format: val(child(lvl, "numFmt")) ?? "decimal",
    text: val(child(lvl, "lvlText")) ?? "",
    legal: child(lvl, "isLgl") !== undefined,
  };
}

const BULLET_GLYPHS: Record<string, string> = { "-": "-", "–": "-", "—": "-", "+": "+", "*": "*" };

function bulletLabel(text: string): string {
  return BULLET_GLYPHS[text.trim()] ?? "•";
}

function letters(n: number, upper: boolean): string {
  let out = "";
  let rest = n;
  while (rest > 0) {
    const r = (rest - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  // Word repeats the letter past z: aa, bb …
  if (n > 26) out = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
  return upper ? out.toUpperCase() : out;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case "upperRoman":
      return toRoman(n);
    case "lowerRoman":
      return toRoman(n).toLowerCase();
    case "upperLetter":
      return letters(n, true);
    case "lowerLetter":
      return letters(n, false);
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "none":
      return "";
    default:
      return String(n);
  }
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly instances = new Map<string, Instance>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(xml: string | null) {
    if (!xml) return;
    const doc = parseXml(xml);
    const root = childElements(doc).find((e) => e.name === "numbering");
    if (!root) return;
    for (const abs of childElements(root, "abstractNum")) {
      const levels = new Map<number, Level>();
      for (const lvl of childElements(abs, "lvl")) levels.set(Number(lvl.attrs.ilvl ?? 0), readLevel(lvl));
      this.abstracts.set(abs.attrs.abstractNumId ?? "", levels);
    }
    for (const num of childElements(root, "num")) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of childElements(num, "lvlOverride")) {
        const startOverride = val(child(o, "startOverride"));
        const lvl = child(o, "lvl");
        overrides.set(Number(o.attrs.ilvl ?? 0), {
          start: startOverride !== undefined ? Number(startOverride) : undefined,
          level: lvl ? readLevel(lvl) : undefined,
        });
      }
      this.instances.set(num.attrs.numId ?? "", {
        abstractId: val(child(num, "abstractNumId")) ?? "",
        overrides,
      });
    }
  }

  private level(instance: Instance, ilvl: number): Level | undefined {
    return instance.overrides.get(ilvl)?.level ?? this.abstracts.get(instance.abstractId)?.get(ilvl);
  }

  /** The label Word shows for the next paragraph of this list at this level ("II.", "a)", "-"), or null. */
  next(ref: NumberingRef): string | null {
    const instance = this.instances.get(ref.numId);
    if (!instance || ref.numId === "0") return null;
    const level = this.level(instance, ref.ilvl);
    if (!level) return null;
    if (level.format === "bullet") return bulletLabel(level.text);
    // Instances restarting a level count on their own; others share their abstract's count.
    const restarts = [...instance.overrides.values()].some((o) => o.start !== undefined);
    const key = restarts ? `num:${ref.numId}` : `abs:${instance.abstractId}`;
    let counts = this.counters.get(key);
    if (!counts) {
      counts = [];
      this.counters.set(key, counts);
    }
    if (restarts && !this.started.has(key)) {
      this.started.add(key);
      for (const [ilvl, o] of instance.overrides) if (o.start !== undefined) counts[ilvl] = o.start - 1;
    }
    counts[ref.ilvl] = (counts[ref.ilvl] ?? level.start - 1) + 1;
    for (let deeper = ref.ilvl + 1; deeper < 9; deeper++) {
      counts[deeper] = undefined;
    }
    const label = level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const l = this.level(instance, i);
      const n = counts[i] ?? l?.start ?? 1;
      return formatNumber(n, level.legal ? "decimal" : (l?.format ?? "decimal"));
    });
    return label.trim() || null;
  }
}
