import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, Grid } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { queryClient } from "./queryClient.ts";
import { appTheme } from "./theme.ts";

export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const lang = i18n.language === "en" ? "en" : "vi";

  // Set before the children render, so a DatePicker's first paint is already in the right language.
  dayjs.locale(lang);

  // The server words some of what it sends in the request's language (labels, reasons, names of
  // groups): after a switch, the page's data is fetched again and what other pages fetched is
  // dropped, so that no text in the other language lingers until the cache goes stale.
  useEffect(() => {
    const refetch = () => {
      queryClient.removeQueries({ type: "inactive" });
      void queryClient.invalidateQueries({ type: "active" });
    };
    i18n.on("languageChanged", refetch);
    return () => i18n.off("languageChanged", refetch);
  }, [i18n]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === "en" ? enUS : viVN} theme={appTheme(isPhone)}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
