// Messages of the reporting module's error codes (spread into ERROR_MESSAGES in errors.ts).

export const REPORT_ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  report_indicator_unknown: {
    vi: "Chỉ tiêu “{code}” không có trong mẫu báo cáo.",
    en: "Indicator “{code}” is not on the report form.",
  },
  report_indicator_not_reported: {
    vi: "Loại đơn vị này không báo cáo chỉ tiêu “{name}”.",
    en: "Units of this type do not report “{name}”.",
  },
  report_value_not_number: {
    vi: "Chỉ tiêu “{name}” phải là một số.",
    en: "“{name}” must be a number.",
  },
  report_value_negative: {
    vi: "Chỉ tiêu “{name}” không được là số âm.",
    en: "“{name}” cannot be negative.",
  },
  report_value_too_large: {
    vi: "Giá trị của chỉ tiêu “{name}” vượt quá mức cho phép.",
    en: "The value of “{name}” is out of range.",
  },
  report_heading_unknown: {
    vi: "Mục “{code}” không có trong mẫu báo cáo.",
    en: "Heading “{code}” is not on the report form.",
  },
  report_indicator_duplicate: {
    vi: "Mã chỉ tiêu “{code}” bị trùng.",
    en: "Indicator code “{code}” is used twice.",
  },
  report_no_form: {
    vi: "Kế hoạch “{plan}” chưa có mẫu báo cáo.",
    en: "Plan “{plan}” has no report form yet.",
  },
  report_conflict: {
    vi: "Báo cáo vừa được người khác lưu (phiên bản {current}, bạn sửa phiên bản {yours}). Các mục khác nhau: {sections}. Hãy xem bản hiện tại, hợp nhất rồi lưu lại.",
    en: "Someone else saved this report (version {current}; you edited version {yours}). Sections that differ: {sections}. Review the current text, merge and save again.",
  },
  report_not_editable: {
    vi: "Báo cáo đang ở trạng thái “{status}”: không thể sửa nội dung.",
    en: "The report is “{status}”; its content cannot be changed.",
  },
  report_transition: {
    vi: "Không thể “{action}” khi báo cáo đang ở trạng thái “{status}”.",
    en: "Cannot “{action}” a report that is “{status}”.",
  },
  report_period_locked: {
    vi: "Kỳ báo cáo {period} đã khóa từ ngày {day}; liên hệ Sở Nội vụ để mở lại cho đơn vị.",
    en: "The {period} period locked on {day}; ask the coordinator to reopen it for your unit.",
  },
  report_unit_not_expected: {
    vi: "{unit} không thuộc danh sách đơn vị báo cáo kỳ {period}.",
    en: "{unit} is not expected to report for {period}.",
  },
  report_return_comment: {
    vi: "Khi trả lại báo cáo, hãy ghi ý kiến chung hoặc ý kiến cho từng mục.",
    en: "Returning a report needs a comment, overall or per section.",
  },
  report_period_not_locked: {
    vi: "Kỳ báo cáo {period} chưa khóa (khóa sau ngày {day}); đơn vị vẫn sửa được.",
    en: "The {period} period is not locked (it locks after {day}); the unit can still edit.",
  },
  report_reopen_until: {
    vi: "Ngày mở lại đến ({until}) phải từ hôm nay ({today}) trở đi.",
    en: "The reopening must last until today ({today}) or later, not {until}.",
  },
  report_request_dates: {
    vi: "Thời gian báo cáo không hợp lệ: từ {from} đến {to}, hạn gửi {deadline}.",
    en: "The dates are not valid: from {from} to {to}, due {deadline}.",
  },
  report_request_units: {
    vi: "Yêu cầu báo cáo phải có ít nhất một đơn vị báo cáo hợp lệ.",
    en: "The request needs at least one valid reporting unit.",
  },
  report_scan_type: {
    vi: "Tệp “{name}” không được chấp nhận (nhận diện theo nội dung: {detected}). Bản ký số/bản scan chỉ nhận PDF hoặc ảnh JPEG/PNG.",
    en: "The file “{name}” is not accepted (detected from its content: {detected}). The signed scan must be a PDF or a JPEG/PNG image.",
  },
  report_file_missing: {
    vi: "Chưa chọn tệp bản ký (trường file).",
    en: "No signed scan was sent (the file field).",
  },
  escalation_transition: {
    vi: "Kiến nghị đang ở trạng thái “{from}”: không thể chuyển sang “{to}”.",
    en: "The escalation is “{from}” and cannot become “{to}”.",
  },
  escalation_decision_required: {
    vi: "Hãy ghi nội dung quyết định, trả lời đối với kiến nghị.",
    en: "Write the decision on the escalation.",
  },
  escalation_report_unit: {
    vi: "Kiến nghị gắn với báo cáo phải do chính đơn vị của báo cáo đó nêu.",
    en: "An escalation inside a report must be raised by that report's unit.",
  },
  urging_none_late: {
    vi: "Kỳ {period} không có đơn vị nào chậm báo cáo: không cần văn bản đôn đốc.",
    en: "No unit is late for {period}: no urging letter is needed.",
  },
  urging_before_deadline: {
    vi: "Chưa đến hạn gửi báo cáo kỳ {period} ({deadline}): chỉ đôn đốc sau hạn.",
    en: "The {period} deadline ({deadline}) has not passed; urging comes after it.",
  },
  urging_unavailable: {
    vi: "Chức năng soạn văn bản đôn đốc chưa sẵn sàng trên máy chủ này.",
    en: "Urging letters cannot be generated on this server yet.",
  },
};
