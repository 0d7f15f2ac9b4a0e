import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SourceLine } from "./api.ts";

type Props = {
  lines: SourceLine[];
  /** The selected item's lines, [from, to], highlighted and scrolled into view. */
  range: [number, number] | null;
  onPick: (code: string) => void;
};

/**
 * The normalized source, one option per line. One line at a time is in the tab order (roving
 * focus): arrows, Home and End move, Enter or Space selects the item that covers the line.
 */
export function SourcePane({ lines, range, onPick }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number>(range?.[0] ?? lines[0]?.number ?? 1);

  // A selection made in the tree brings its lines into view, inside this pane only.
  useEffect(() => {
    if (!range || !box.current) return;
    setActive(range[0]);
    const el = box.current.querySelector<HTMLElement>(`[data-line="${range[0]}"]`);
    if (el) box.current.scrollTop = el.offsetTop - box.current.offsetTop - box.current.clientHeight / 4;
  }, [range]);

  const focusLine = (n: number) => {
    const target = Math.min(Math.max(n, lines[0]?.number ?? 1), lines[lines.length - 1]?.number ?? 1);
    setActive(target);
    box.current?.querySelector<HTMLElement>(`[data-line="${target}"]`)?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent, line: SourceLine) => {
    const page = 15;
    const moves: Record<string, number> = {
      ArrowDown: line.number + 1,
      ArrowUp: line.number - 1,
      PageDown: line.number + page,
      PageUp: line.number - page,
      Home: lines[0]?.number ?? 1,
      End: lines[lines.length - 1]?.number ?? 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      focusLine(moves[e.key]);
    } else if ((e.key === "Enter" || e.key === " ") && line.code) {
      e.preventDefault();
      onPick(line.code);
    }
  };

  return (
    <div
      ref={box}
      className="plans-source"
      role="listbox"
      aria-label={t("plans.sourceLabel")}
      aria-describedby="plans-source-help"
    >
      {lines.map((line) => {
        const lit = !!range && line.number >= range[0] && line.number <= range[1];
        return (
          <div
            key={line.number}
            data-line={line.number}
            role="option"
            aria-selected={lit}
            tabIndex={line.number === active ? 0 : -1}
            className={`plans-source-line${lit ? " is-lit" : ""}${line.code ? " has-code" : ""}`}
            onClick={() => {
              setActive(line.number);
              if (line.code) onPick(line.code);
            }}
            onKeyDown={(e) => onKeyDown(e, line)}
          >
            <span className="plans-line-no" aria-hidden>
              {line.number}
            </span>
            <span className="visually-hidden">{t("plans.line", { n: line.number })}: </span>
            <span className="plans-line-text">{line.text || "\u00a0"}</span>
          </div>
        );
      })}
    </div>
  );
}
