import { useRouter } from "@tanstack/react-router";
import type { ReactNode } from "react";

/** True for a link that stays inside this web app (not the API, not another site). */
export function isAppHref(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/api/");
}

/**
 * A link given as a plain string by the server (path plus query, e.g. "/directory?unit=…"):
 * a real <a> for screen readers and new tabs, a client-side navigation on a plain click.
 */
export function AppLink({
  href,
  className,
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  if (!isAppHref(href)) {
    return (
      <a href={href} className={className}>
        {children}
      </a>
    );
  }
  return (
    <a
      href={href}
      className={className}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.history.push(href);
      }}
    >
      {children}
    </a>
  );
}
