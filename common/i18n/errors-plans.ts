// Messages of the plans module's newer error codes (spread into ERROR_MESSAGES in errors.ts).

export const PLAN_ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  plan_duplicate_document: {
    vi: "Kế hoạch này đã được nhập: “{title}” có cùng số, ký hiệu, ngày và cơ quan ban hành. Hãy mở kế hoạch đã có; chỉ nhập lại nếu chắc chắn đây là một văn bản khác.",
    en: "This plan has been imported already: “{title}” has the same number, symbol, date and issuer. Open the existing plan; import it again only if you are sure it is a different document.",
  },
  plan_duplicate_text: {
    vi: "Kế hoạch này đã được nhập: “{title}” có nội dung giống hệt. Hãy mở kế hoạch đã có; chỉ nhập lại nếu chắc chắn cần một bản nữa.",
    en: "This plan has been imported already: “{title}” has the same text. Open the existing plan; import it again only if you are sure another copy is needed.",
  },
  plan_duplicate_similar: {
    vi: "Kế hoạch này gần như trùng với “{title}” (cùng cơ quan ban hành, cùng ngày, nội dung gần giống hệt). Hãy mở kế hoạch đã có; chỉ nhập lại nếu chắc chắn đây là một văn bản khác.",
    en: "This plan is nearly the same as “{title}” (same issuer, same date, almost the same text). Open the existing plan; import it again only if you are sure it is a different document.",
  },
  publish_date_future: {
    vi: "Ngày ban hành {date} chưa tới: không thể ghi nhận một kế hoạch ban hành trong tương lai (hôm nay là {today}).",
    en: "The publishing date {date} has not come yet: a plan cannot be recorded as published in the future (today is {today}).",
  },
  publish_date_before_issue: {
    vi: "Ngày ban hành {date} trước ngày của văn bản ({issued}): kế hoạch không thể được ban hành trước khi ký.",
    en: "The publishing date {date} is before the document's own date ({issued}): a plan cannot be published before it was signed.",
  },
  publish_date_amendment: {
    vi: "Chỉ lần ban hành đầu tiên mới ghi nhận được ngày ban hành trước đây; một lần sửa đổi được ban hành hôm nay.",
    en: "Only a plan's first publishing can be recorded on an earlier day; an amendment is published today.",
  },
};
