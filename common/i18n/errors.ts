// Messages for the API's error codes, in Vietnamese and English. `{name}` marks a parameter.
// The server picks the language from the request; the web app shows `error.message` as sent.

import { ACCOUNT_ERROR_MESSAGES } from "./errors-accounts.ts";
import { CIVIC_ERROR_MESSAGES } from "./errors-civic.ts";
import { PLAN_ERROR_MESSAGES } from "./errors-plans.ts";
import { REPORT_ERROR_MESSAGES } from "./errors-reports.ts";

export const ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
  ...ACCOUNT_ERROR_MESSAGES,
  ...CIVIC_ERROR_MESSAGES,
  ...PLAN_ERROR_MESSAGES,
  ...REPORT_ERROR_MESSAGES,
  bad_request: { vi: "Yêu cầu không hợp lệ.", en: "The request is not valid." },
  invalid_json: {
    vi: "Nội dung gửi lên không phải JSON hợp lệ: {detail}",
    en: "The request body is not valid JSON: {detail}",
  },
  validation: { vi: "Trường “{field}” không hợp lệ: {detail}", en: "Field “{field}” is not valid: {detail}" },
  unknown_field: {
    vi: "Trường “{field}” không được chấp nhận ở đây.",
    en: "Field “{field}” is not accepted here.",
  },
  unsupported_media_type: {
    vi: "Định dạng nội dung không được hỗ trợ: {detail}",
    en: "Unsupported content type: {detail}",
  },
  payload_too_large: {
    vi: "Nội dung gửi lên quá lớn (tối đa {limit}).",
    en: "The request is too large (at most {limit}).",
  },
  unauthenticated: { vi: "Vui lòng đăng nhập.", en: "Please sign in." },
  session_expired: {
    vi: "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.",
    en: "Your session has expired; please sign in again.",
  },
  csrf: {
    vi: "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang.",
    en: "Missing or wrong anti-forgery (CSRF) token. Reload the page.",
  },
  invalid_credentials: {
    vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: "Wrong username or password.",
  },
  sign_in_throttled: {
    vi: "Đăng nhập sai quá nhiều lần. Vui lòng chờ {wait} rồi thử lại.",
    en: "Too many failed sign-ins. Please wait {wait} and try again.",
  },
  disabled: { vi: "Tài khoản đã bị vô hiệu hóa.", en: "This account is disabled." },
  totp_required: {
    vi: "Nhập mã xác thực 6 chữ số từ ứng dụng xác thực.",
    en: "Enter the 6-digit code from your authenticator app.",
  },
  totp_invalid: { vi: "Mã xác thực không đúng.", en: "The authentication code is wrong." },
  totp_not_set_up: {
    vi: "Chưa thiết lập xác thực hai bước.",
    en: "Two-step verification has not been set up.",
  },
  wrong_password: { vi: "Mật khẩu hiện tại không đúng.", en: "The current password is wrong." },
  weak_password: {
    vi: "Mật khẩu mới cần ít nhất 10 ký tự và không trùng tên đăng nhập.",
    en: "The new password needs at least 10 characters and must differ from the username.",
  },
  forbidden: { vi: "Bạn không có quyền thực hiện thao tác này.", en: "You are not allowed to do this." },
  not_found: { vi: "Không tìm thấy {what}.", en: "{what} not found." },
  route_not_found: { vi: "Không có địa chỉ API này: {detail}", en: "No such API address: {detail}" },
  bad_url: {
    vi: "Địa chỉ không hợp lệ: {detail}",
    en: "The address is not valid: {detail}",
  },
  conflict: {
    vi: "Dữ liệu đã được người khác thay đổi (phiên bản {current}, bạn sửa phiên bản {yours}). Hãy tải lại và áp dụng lại thay đổi.",
    en: "Someone else changed this (version {current}; you edited version {yours}). Reload and apply your change again.",
  },
  duplicate: { vi: "{what} đã tồn tại.", en: "{what} already exists." },
  cycle: {
    vi: "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
    en: "A unit cannot be moved under itself or one of its descendants.",
  },
  has_children: {
    vi: "Đơn vị còn {count} đơn vị trực thuộc; hãy chuyển hoặc xóa chúng trước.",
    en: "The unit still has {count} sub-units; move or delete them first.",
  },
  in_use: {
    vi: "Đơn vị đang được dùng ({detail}); không thể xóa. Có thể đặt ngày hết hiệu lực.",
    en: "The unit is in use ({detail}) and cannot be deleted. Set an end date instead.",
  },
  invalid_dates: {
    vi: "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
    en: "The end date must come after the start date.",
  },
  event_invalid: {
    vi: "Sự kiện sắp xếp không hợp lệ ({count} lỗi), trước hết: {first}",
    en: "The restructuring event is not valid ({count} problems), first: {first}",
  },
  event_blocked: {
    vi: "Không thể áp dụng sự kiện: {count} nghĩa vụ không có đơn vị kế thừa, trước hết: {first}",
    en: "The event cannot be applied: {count} obligations have no successor, first: {first}",
  },
  split_unmapped: {
    vi: "Chưa thể áp dụng việc chia tách: {count} nhiệm vụ chưa hoàn thành chưa được xác nhận giao cho đơn vị kế thừa nào, trước hết: {first}",
    en: "The split cannot be applied: {count} open assignments are not mapped to a successor, first: {first}",
  },
  import_invalid: { vi: "Tệp nhập không hợp lệ: {detail}", en: "The import file is not valid: {detail}" },
  document_limit: {
    vi: "Tệp quá phức tạp để đọc trong giới hạn của máy chủ ({detail}); hãy chia nhỏ tệp, hoặc đề nghị quản trị nâng giới hạn.",
    en: "The file is too complex to read within the server's limits ({detail}); split it, or ask the administrator to raise the limit.",
  },
  render_limit: {
    vi: "Tài liệu quá lớn để tạo trong giới hạn của máy chủ ({detail}); đề nghị quản trị nâng giới hạn.",
    en: "The document is too large to produce within the server's limits ({detail}); ask the administrator to raise the limit.",
  },
  plan_import: { vi: "{detail}", en: "{detail}" },
  plan_tree_invalid: {
    vi: "Tệp không đúng định dạng plan-tree/1: {detail}",
    en: "The file is not valid plan-tree/1: {detail}",
  },
  plan_not_editable: {
    vi: "Kế hoạch đã ban hành (phiên bản {version}): muốn thay đổi, hãy mở một lần sửa đổi, bổ sung.",
    en: "The plan is published (version {version}): open an amendment to change it.",
  },
  plan_not_published: {
    vi: "Kế hoạch chưa ban hành: hãy sửa trực tiếp bản dự thảo, không cần mở sửa đổi.",
    en: "The plan is not published yet: edit the draft itself, no amendment is needed.",
  },
  amendment_open: {
    vi: "Kế hoạch đang có một lần sửa đổi chưa ban hành ({number}).",
    en: "The plan already has an amendment in progress ({number}).",
  },
  unresolved_mentions: {
    vi: "Chưa thể ban hành: còn {count} tên đơn vị chưa được xác nhận ({list}).",
    en: "Cannot publish yet: {count} unit mentions are not confirmed ({list}).",
  },
  mention_not_in_plan: {
    vi: "Kế hoạch không có tên đơn vị “{mention}”.",
    en: "The plan does not mention “{mention}”.",
  },
  unknown_units: {
    vi: "Không có đơn vị này trong danh bạ: {ids}",
    en: "These units are not in the directory: {ids}",
  },
  parent_not_published: {
    vi: "Kế hoạch cấp trên chưa ban hành: chưa thể nhập kế hoạch cụ thể thực hiện nó.",
    en: "The parent plan is not published: a sub-plan cannot be imported under it yet.",
  },
  owner_unit_required: {
    vi: "Hãy chọn đơn vị ban hành kế hoạch cụ thể (tham số unit).",
    en: "Choose the unit that issues this sub-plan (the unit parameter).",
  },
  not_a_sub_plan: {
    vi: "Kế hoạch này không phải kế hoạch cụ thể của một kế hoạch cấp trên.",
    en: "This plan is not a sub-plan of another plan.",
  },
  link_code_not_found: {
    vi: "Không có mục {code} trong {plan}.",
    en: "There is no item {code} in {plan}.",
  },
  nothing_to_change: { vi: "Không có gì để sửa.", en: "There is nothing to change." },
  invalid_kind: {
    vi: "Mục {code} không thể là “{kind}”; chỉ có thể là: {allowed}.",
    en: "Item {code} cannot be “{kind}”; it can only be: {allowed}.",
  },
  title_on_leaf: {
    vi: "Chỉ phần và đề mục có tiêu đề; mục {code} không có mục con.",
    en: "Only sections and headings have a title; item {code} has no sub-items.",
  },
  split_section: {
    vi: "Không tách được phần {code}: hãy tách các mục bên trong nó.",
    en: "Section {code} cannot be split: split the items inside it.",
  },
  split_position: {
    vi: "Vị trí tách {at} không hợp lệ: phải từ 1 đến {max}, và mỗi phần phải còn nội dung.",
    en: "Split position {at} is not valid: it must be from 1 to {max}, leaving text on both sides.",
  },
  merge_no_next: {
    vi: "Mục {code} không có mục liền sau cùng cấp để gộp.",
    en: "Item {code} has no next sibling to merge with.",
  },
  merge_has_children: {
    vi: "Không gộp được mục {code} vì nó có mục con; hãy gộp hoặc chuyển các mục con trước.",
    en: "Item {code} cannot be merged because it has sub-items; deal with them first.",
  },
  code_in_use: {
    vi: "Mã mục {code} đã được dùng.",
    en: "Item code {code} is already in use.",
  },
  rate_limited: {
    vi: "Quá nhiều yêu cầu. Vui lòng thử lại sau {retry}.",
    en: "Too many requests. Please try again in {retry}.",
  },
  petition_rate_limited: {
    vi: "Đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau {minutes} phút.",
    en: "Too many submissions within an hour. Please try again in {minutes} minutes.",
  },
  petition_commune_missing: {
    vi: "Hãy chọn xã, phường, đặc khu nơi xảy ra sự việc (trường communeName).",
    en: "Choose the commune where it happened (the communeName field).",
  },
  petition_commune_unknown: {
    vi: "Không tìm thấy xã, phường, đặc khu “{name}” trong danh mục hiện hành.",
    en: "No commune “{name}” is in force in the directory today.",
  },
  petition_phone_invalid: {
    vi: "Số điện thoại không đúng định dạng Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678).",
    en: "The phone number is not a Vietnamese number (e.g. 0912 345 678 or +84 912 345 678).",
  },
  petition_contact_missing: {
    vi: "Hãy cho biết số điện thoại hoặc địa chỉ email để cơ quan liên hệ và trả lời.",
    en: "Give a phone number or an e-mail address so that the answer can reach you.",
  },
  petition_date_future: {
    vi: "Ngày tiếp nhận không thể sau hôm nay.",
    en: "The day of receipt cannot be after today.",
  },
  petition_idempotency_key: {
    vi: "Tiêu đề Idempotency-Key phải dài 8–200 ký tự, chỉ gồm chữ, số và . _ : -",
    en: "The Idempotency-Key header must be 8–200 letters, digits or . _ : -",
  },
  idempotency_mismatch: {
    vi: "Mã Idempotency-Key này đã được dùng cho một nội dung khác. Hãy tạo mã mới cho lần gửi mới.",
    en: "This Idempotency-Key was already used with a different body. Use a new key for a new submission.",
  },
  petition_file_type: {
    vi: "Loại tệp không được chấp nhận (nhận diện: {detected}). Chỉ nhận PDF, JPEG, PNG, WebP, DOCX, XLSX.",
    en: "This kind of file is not accepted (detected: {detected}). Only PDF, JPEG, PNG, WebP, DOCX and XLSX are.",
  },
  petition_file_missing: {
    vi: "Không có tệp trong trường “file”.",
    en: "No file in the “file” field.",
  },
  petition_upload_unknown: {
    vi: "Tệp đính kèm không tồn tại, đã hết hạn hoặc đã được dùng: {ids}",
    en: "These attachments do not exist, have expired or are already used: {ids}",
  },
  petition_state: {
    vi: "Không thể thực hiện “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
    en: "“{action}” cannot be done while the petition is “{status}”.",
  },
  petition_same_unit: {
    vi: "Hồ sơ đã do {unit} xử lý.",
    en: "{unit} already holds this petition.",
  },
  petition_reason_required: {
    vi: "Hãy nêu rõ lý do.",
    en: "Give the reason.",
  },
  petition_extension_not_allowed: {
    vi: "Thời hạn này không được gia hạn theo quy định.",
    en: "The rules allow no extension of this deadline.",
  },
  petition_extension_limit: {
    vi: "Đã gia hạn tối đa số lần pháp luật cho phép.",
    en: "The deadline was already extended as often as the law allows.",
  },
  petition_extension_needs_flag: {
    vi: "Gia hạn lần hai chỉ dành cho vụ việc đặc biệt phức tạp (veryComplex).",
    en: "A second extension is only for very complex cases (veryComplex).",
  },
  petition_merge_self: {
    vi: "Không thể gộp hồ sơ vào chính nó.",
    en: "A petition cannot be merged into itself.",
  },
  petition_contact_mismatch: {
    vi: "Số điện thoại hoặc email không khớp với thông tin đã gửi kèm hồ sơ.",
    en: "The phone number or e-mail does not match the one given with the petition.",
  },
  petition_not_answered: {
    vi: "Hồ sơ chưa có trả lời.",
    en: "The petition has not been answered yet.",
  },
  petition_already_rated: {
    vi: "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.",
    en: "This petition was already rated; each can be rated once.",
  },
  petition_already_followed_up: {
    vi: "Đã ghi nhận ý kiến của ông/bà về kết quả giải quyết.",
    en: "Your answer about the outcome was already recorded.",
  },
  contact_confirmation_off: {
    vi: "Tỉnh chưa bật xác nhận số điện thoại, email bằng mã; có thể gửi phản ánh mà không cần mã.",
    en: "Confirmation by code is not turned on here; petitions can be sent without a code.",
  },
  contact_code_required: {
    vi: "Nhập mã xác nhận 6 chữ số đã gửi đến số điện thoại hoặc email của ông/bà.",
    en: "Enter the 6-digit confirmation code sent to your phone or e-mail.",
  },
  contact_code_expired: {
    vi: "Mã xác nhận đã hết hạn hoặc chưa được gửi; hãy bấm “Gửi mã” để nhận mã mới.",
    en: "The confirmation code has expired or was never sent; ask for a new one.",
  },
  contact_code_wrong: {
    vi: "Mã xác nhận không đúng (còn {left} lần thử).",
    en: "The confirmation code is wrong ({left} tries left).",
  },
  contact_code_attempts: {
    vi: "Đã nhập sai mã quá số lần cho phép; hãy bấm “Gửi mã” để nhận mã mới.",
    en: "Too many wrong codes; ask for a new one.",
  },
  contact_code_used: {
    vi: "Mã xác nhận này đã được dùng; hãy nhận mã mới.",
    en: "This confirmation code was already used; ask for a new one.",
  },
  contact_code_send_failed: {
    vi: "Chưa gửi được mã xác nhận; vui lòng thử lại sau ít phút.",
    en: "The confirmation code could not be sent; try again in a few minutes.",
  },
  assignment_closed: {
    vi: "Nhiệm vụ này đã đóng (trạng thái “{status}”): không thể cập nhật thêm.",
    en: "This assignment is closed (status “{status}”) and takes no more updates.",
  },
  assignment_transition: {
    vi: "Không thể chuyển nhiệm vụ từ “{from}” sang “{to}”.",
    en: "An assignment cannot go from “{from}” to “{to}”.",
  },
  assignment_pause_reason: {
    vi: "Hãy nêu lý do tạm dừng (trường reason).",
    en: "Give the reason for the pause (the reason field).",
  },
  assignment_children_open: {
    vi: "Chưa thể đánh dấu hoàn thành nhiệm vụ {code}: đơn vị còn {count} mục con chưa hoàn thành ({list}).",
    en: "Task {code} cannot be marked completed: the unit still has {count} open sub-items ({list}).",
  },
  evidence_file_type: {
    vi: "Tệp “{name}” không được chấp nhận (nhận diện theo nội dung: {detected}). Chỉ nhận PDF, ảnh JPEG/PNG/WebP, Word (.docx), Excel (.xlsx), PowerPoint (.pptx).",
    en: "The file “{name}” is not accepted (detected from its content: {detected}). Only PDF, JPEG/PNG/WebP images, Word (.docx), Excel (.xlsx) and PowerPoint (.pptx) are.",
  },
  evidence_too_many: {
    vi: "Mỗi lần báo cáo đính kèm tối đa {max} tệp minh chứng.",
    en: "A report takes at most {max} evidence files.",
  },
  pdf_unavailable: {
    vi: "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; quản trị viên cài gói {package} (và fonts-liberation2). Vẫn tải được tệp .docx.",
    en: "LibreOffice is not installed on the server, so no PDF can be made; the operator installs the {package} package (and fonts-liberation2). The .docx can still be downloaded.",
  },
  pdf_failed: {
    vi: "Chuyển văn bản sang PDF không thành công: {detail}",
    en: "Converting the document to PDF failed: {detail}",
  },
  consolidation_no_reports: {
    vi: "Kỳ {period} chưa có báo cáo nào của đơn vị được chấp nhận: chưa thể tổng hợp báo cáo của tỉnh.",
    en: "No unit report for {period} has been accepted yet: the provincial report cannot be consolidated.",
  },
  consolidation_finalised: {
    vi: "Bản tổng hợp này đã hoàn thành và được khóa: không thể sửa hoặc làm mới.",
    en: "This consolidated report is finalised and locked: it can no longer be edited or refreshed.",
  },
  consolidation_section_unknown: {
    vi: "Bản tổng hợp không có mục “{section}”.",
    en: "The consolidated report has no section “{section}”.",
  },
  consolidation_directions_empty: {
    vi: "Mục “Phương hướng, nhiệm vụ năm tới” còn trống: cần soạn trước khi hoàn thành báo cáo.",
    en: "The “next year's directions” section is empty: write it before finalising the report.",
  },
  urging_no_late_units: {
    vi: "Không có đơn vị nào chậm báo cáo: không cần văn bản đôn đốc.",
    en: "No unit is late: no urging letter is needed.",
  },
  urging_new_deadline: {
    vi: "Thời hạn mới phải sau ngày {date}.",
    en: "The new deadline must be after {date}.",
  },
  consolidation_unavailable: {
    vi: "Chưa đọc được dữ liệu báo cáo của kế hoạch này.",
    en: "The reports of this plan cannot be read yet.",
  },
  database_unavailable: {
    vi: "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau {retry} giây.",
    en: "The server cannot reach its database at the moment. Please try again in {retry} seconds.",
  },
  internal: {
    vi: "Đã xảy ra lỗi hệ thống; lỗi đã được ghi lại (mã {ref}).",
    en: "Something went wrong on our side; it has been logged (reference {ref}).",
  },
};

export type ErrorCode = keyof typeof ERROR_MESSAGES;
