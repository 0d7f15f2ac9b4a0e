import { useEffect } from "react";

// Ant Design tables with `scroll` scroll inside their own boxes. A box that overflows and holds
// nothing focusable cannot be scrolled by keyboard (WCAG 2.1.1, axe scrollable-region-focusable):
// each such box becomes a named region that takes focus. One watcher serves every table, so a new
// screen needs nothing of its own.
const SCROLLERS = ".ant-table-content, .ant-table-body";
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
const MARK = "data-scroll-region";

export function markScrollRegions(root: ParentNode, label: string): void {
  for (const box of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    const needsFocus = overflows && !box.querySelector(FOCUSABLE);
    if (needsFocus && !box.hasAttribute(MARK)) {
      box.setAttribute(MARK, "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label);
    } else if (!needsFocus && box.hasAttribute(MARK)) {
      for (const name of [MARK, "tabindex", "role", "aria-label"]) box.removeAttribute(name);
    } else if (needsFocus) {
      box.setAttribute("aria-label", label);
    }
  }
}

/** Keeps every scrolling table of the page reachable by keyboard, named in the page's language. */
export function useScrollRegions(label: string): void {
  useEffect(() => {
    let frame = 0;
    const run = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => markScrollRegions(document, label));
    };
    run();
    const observer = new MutationObserver(run);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", run);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("resize", run);
    };
  }, [label]);
}
