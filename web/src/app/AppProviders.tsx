import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, Grid } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import type { ReactNode } from "react";
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

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === "en" ? enUS : viVN} theme={appTheme(isPhone)}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
