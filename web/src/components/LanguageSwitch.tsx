import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../common/enums.ts";

type Props = { onChange?: (locale: Locale) => void; dark?: boolean };

/** VI / EN switch; the parent decides whether the choice is also saved on the account. */
export function LanguageSwitch({ onChange, dark }: Props) {
  const { t, i18n } = useTranslation();
  const value = i18n.language === "en" ? "en" : "vi";
  return (
    <Segmented<Locale>
      aria-label={t("lang.label")}
      // One tab stop: the radios share a name (arrows move between them) and the group itself is
      // not a stop of its own.
      name="ui-language"
      tabIndex={-1}
      size="middle"
      value={value}
      style={dark ? { background: "rgba(255,255,255,0.9)" } : undefined}
      options={[
        {
          value: "vi",
          label: (
            <span lang="vi" title="Tiếng Việt">
              VI
            </span>
          ),
        },
        {
          value: "en",
          label: (
            <span lang="en" title="English">
              EN
            </span>
          ),
        },
      ]}
      onChange={(next) => {
        void i18n.changeLanguage(next);
        onChange?.(next);
      }}
    />
  );
}
