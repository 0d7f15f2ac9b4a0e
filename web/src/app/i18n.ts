// Vietnamese first: it is the default and the fallback; English is the second language.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES, type Locale } from "../../../common/enums.ts";
import { messages } from "./messages.ts";

export const LOCALE_STORAGE_KEY = "dongthuan.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : "vi";
  } catch {
    return "vi"; // storage can be blocked (private mode, policies)
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: messages.vi }, en: { translation: messages.en } },
  lng: storedLocale(),
  fallbackLng: "vi",
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  showSupportNotice: false, // keep the browser console for our own messages
});

document.documentElement.lang = i18n.language;
i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, lng);
  } catch {
    // the choice then lasts only for this page load
  }
});

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : "vi";
}

export default i18n;
