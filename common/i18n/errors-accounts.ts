// Messages of the accounts administration's error codes (spread into ERROR_MESSAGES in errors.ts).

export const ACCOUNT_ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  second_factor_required: {
    vi: "Vai trò của tài khoản này bắt buộc xác thực hai bước. Hãy thiết lập xác thực hai bước (ứng dụng xác thực trên điện thoại) trước khi làm việc khác.",
    en: "This account's role requires two-step verification. Set it up (with an authenticator app on your phone) before doing anything else.",
  },
  second_factor_mandatory: {
    vi: "Không thể tắt xác thực hai bước: vai trò của tài khoản này bắt buộc phải có. Nếu mất điện thoại, hãy nhờ quản trị viên đặt lại.",
    en: "Two-step verification cannot be turned off: this account's role requires it. If you lost your phone, ask an administrator to reset it.",
  },
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
