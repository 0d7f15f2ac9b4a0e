// A few routes under one base path: the History API and a link component are all the portal
// needs, and far lighter than a router library on a phone's first load.
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

export const BASE = "/cong-dan";

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** The path inside the portal: "/" for the home page, "/tra-cuu/PA-…" for a lookup. */
export function portalPath(pathname = window.location.pathname): string {
  if (!pathname.startsWith(BASE)) return "/";
  const rest = pathname.slice(BASE.length);
  return rest === "" ? "/" : rest.replace(/\/+$/, "") || "/";
}

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => portalPath(),
    () => "/",
  );
}

export function href(to: string): string {
  return to === "/" ? BASE : `${BASE}${to}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = href(to);
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  window.scrollTo(0, 0);
  notify();
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary link (it opens in a new tab, it can be copied) that moves within the page. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} {...rest} />;
}
