// Messages for the API's error codes, in Vietnamese and English. `{name}` marks a parameter.
// The server picks the language from the request; the web app shows `error.message` as sent.

export const ERROR_MESSAGES: Record<string, { vi: string; en: string }> = {
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
  locked: {
    vi: "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {until}.",
    en: "The account is locked after too many failed sign-ins. Try again after {until}.",
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
  import_invalid: { vi: "Tệp nhập không hợp lệ: {detail}", en: "The import file is not valid: {detail}" },
  plan_import: { vi: "{vi}", en: "{en}" },
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
  internal: {
    vi: "Đã xảy ra lỗi hệ thống; lỗi đã được ghi lại (mã {ref}).",
    en: "Something went wrong on our side; it has been logged (reference {ref}).",
  },
};

export type ErrorCode = keyof typeof ERROR_MESSAGES;
