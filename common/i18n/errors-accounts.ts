// Messages of the accounts administration's error codes (spread into ERROR_MESSAGES in errors.ts).

export const ACCOUNT_ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  account_unit_unknown: {
    vi: "Không tìm thấy đơn vị này trong danh mục.",
    en: "This unit is not in the directory.",
  },
  account_unit_not_closed: {
    vi: "Đơn vị “{unit}” vẫn đang hoạt động: chỉ chuyển sang đơn vị kế thừa các vai trò tại đơn vị đã chấm dứt hoạt động.",
    en: "“{unit}” is still in force: only roles on a closed unit are moved to a successor.",
  },
  account_target_closed: {
    vi: "Đơn vị “{unit}” cũng đã chấm dứt hoạt động (từ sau ngày {date}): hãy chọn một đơn vị kế thừa đang hoạt động.",
    en: "“{unit}” is closed too (after {date}): pick a successor that is in force.",
  },
  account_target_not_successor: {
    vi: "“{unit}” không phải đơn vị kế thừa của “{from}”. Đơn vị kế thừa: {successors}.",
    en: "“{unit}” does not succeed “{from}”. Its successors: {successors}.",
  },
  account_no_role_there: {
    vi: "Tài khoản {username} không còn vai trò nào tại “{unit}”: có thể đã được chuyển. Hãy tải lại danh sách.",
    en: "Account {username} no longer holds a role on “{unit}”: it may have been moved already. Reload the list.",
  },
};
