import { useCallback, useEffect, useState } from "react";
import { request } from "./api.ts";
import { useLocale } from "./i18n.ts";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads a public API answer, again when the language changes (the server words some fields). */
export function useLoad<T>(url: string | null): Loaded<T> {
  const locale = useLocale();
  const [state, setState] = useState<{
    data: T | null;
    error: unknown;
    loading: boolean;
    from: string | null;
  }>({
    data: null,
    error: null,
    loading: url !== null,
    from: null,
  });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` (reload) and `locale` (the server words some fields in the request's language) ask for the same URL again
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    request<T>(url).then(
      (data) => live && setState({ data, error: null, loading: false, from: url }),
      (error) => live && setState({ data: null, error, loading: false, from: url }),
    );
    return () => {
      live = false;
    };
  }, [url, round, locale]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // What another address answered is never shown for this one (a reload keeps the page meanwhile).
  const current = state.from === url;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: state.loading || (url !== null && !current),
    reload,
  };
}
