// Messages for the error codes of dialogues and public consultation, merged into ERROR_MESSAGES.

export const CIVIC_ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  civic_rate_limited: {
    vi: "Đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau {minutes} phút.",
    en: "Too many submissions within an hour. Please try again in {minutes} minutes.",
  },
  civic_contact_missing: {
    vi: "Vui lòng cho biết số điện thoại hoặc địa chỉ email để cơ quan liên hệ khi cần.",
    en: "Give a phone number or an e-mail address so that the authority can reach you.",
  },
  civic_phone_invalid: {
    vi: "Số điện thoại không hợp lệ (ví dụ: 0912 345 678).",
    en: "The phone number is not valid (for example 0912 345 678).",
  },
  civic_idempotency_key: {
    vi: "Khóa Idempotency-Key không hợp lệ (8–200 ký tự chữ, số, _ . : -).",
    en: "The Idempotency-Key is not valid (8–200 letters, digits, _ . : -).",
  },
  civic_reason_required: {
    vi: "Hãy chọn lý do không đăng (xúc phạm, không đúng chủ đề, chứa thông tin cá nhân, trùng lặp, lý do khác).",
    en: "Choose why it is not published (offensive, off topic, personal data, duplicate, other).",
  },
  civic_note_required: {
    vi: "Với lý do “khác”, hãy ghi rõ lý do.",
    en: "With the reason “other”, write the reason out.",
  },
  civic_already_moderated: {
    vi: "Nội dung này đã được xử lý (trạng thái “{status}”).",
    en: "This was already moderated (status “{status}”).",
  },
  civic_unit_unknown: {
    vi: "Không tìm thấy đơn vị đang hoạt động với mã đã chọn.",
    en: "No unit in force was found with the chosen id.",
  },
  dialogue_not_accepting: {
    vi: "Buổi đối thoại này không còn nhận câu hỏi gửi trước.",
    en: "This dialogue no longer takes questions in advance.",
  },
  dialogue_state: {
    vi: "Không thể thực hiện thao tác này với buổi đối thoại ở trạng thái “{status}”.",
    en: "This cannot be done with a dialogue whose status is “{status}”.",
  },
  dialogue_question_not_published: {
    vi: "Chỉ ghi câu trả lời cho câu hỏi đã được duyệt đăng.",
    en: "Only a published question takes an answer.",
  },
  commitment_due_missing: {
    vi: "Hãy chọn hạn hoàn thành (ngày) hoặc số ngày làm việc.",
    en: "Give the due date or a number of working days.",
  },
  commitment_due_both: {
    vi: "Chỉ chọn một trong hai: hạn hoàn thành (ngày) hoặc số ngày làm việc.",
    en: "Give either the due date or a number of working days, not both.",
  },
  commitment_due_past: {
    vi: "Hạn hoàn thành không được trước ngày của buổi đối thoại ({date}).",
    en: "The due date cannot be before the day of the dialogue ({date}).",
  },
  commitment_state: {
    vi: "Cam kết đang ở trạng thái “{status}”: không thể thực hiện thao tác này.",
    en: "The commitment is “{status}”: this cannot be done.",
  },
  commitment_question_other: {
    vi: "Câu hỏi được chọn không thuộc buổi đối thoại này.",
    en: "The chosen question does not belong to this dialogue.",
  },
  consultation_dates: {
    vi: "Ngày kết thúc lấy ý kiến phải sau hoặc bằng ngày bắt đầu.",
    en: "The closing date must be on or after the opening date.",
  },
  consultation_state: {
    vi: "Không thể thực hiện thao tác này khi dự thảo ở giai đoạn “{phase}”.",
    en: "This cannot be done while the draft is in the “{phase}” phase.",
  },
  consultation_not_open: {
    vi: "Dự thảo này hiện không nhận góp ý (thời gian lấy ý kiến: {from} – {to}).",
    en: "This draft does not take comments now (consultation period: {from} – {to}).",
  },
  consultation_section_other: {
    vi: "Mục được chọn không thuộc dự thảo này.",
    en: "The chosen section does not belong to this draft.",
  },
  consultation_comment_not_published: {
    vi: "Chỉ trả lời (tiếp thu, giải trình) góp ý đã được duyệt đăng; góp ý này đang ở trạng thái “{status}”.",
    en: "Only a published comment takes an answer; this one is “{status}”.",
  },
  consultation_no_sections: {
    vi: "Không tìm thấy mục nào trong nội dung dán vào.",
    en: "No section was found in the pasted text.",
  },
};
