// Both languages' messages: the core files and every area file (see common/i18n/merge.ts).
import en from "../../../common/i18n/en.json";
import { areasFor, type MessageTree, mergeMessages } from "../../../common/i18n/merge.ts";
import vi from "../../../common/i18n/vi.json";

const areaFiles = import.meta.glob<MessageTree>("../../../common/i18n/areas/*.json", {
  eager: true,
  import: "default",
});

export const messages = {
  vi: mergeMessages(vi, areasFor("vi", areaFiles)),
  en: mergeMessages(en, areasFor("en", areaFiles)),
};
