import { lowerWord } from "./fold.ts";

/**
 * The words the mention reader knows: heads that open a unit's name, the verbs that end a
 * list of units, levels, and the usual names of departments. Lists are written as prose,
 * comma-separated, and split into words in the normalized lower case the tokens carry.
 */

function list(text: string): string[][] {
  return text
    .split(",")
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .map((w) => w.split(/\s+/).map(lowerWord));
}

/** Heads written with a capital that name a unit only when a capitalised name follows ("Sở Nội vụ", not "Sở,"). */
export const NAMED_HEADS = list(`
sở, ban, bộ, phòng, cục, chi cục, hội, đoàn, đài, báo, trung tâm, văn phòng, viện, học viện, trường,
liên đoàn, liên minh, ngân hàng, kho bạc, tòa án, công ty, tổng công ty, quỹ, ủy ban, hội đồng, bệnh
viện, chi nhánh, cảnh sát, bộ chỉ huy, tổ công tác
`);

/** Heads that name a unit whatever follows them; these may be written in lower case inside a list. */
export const PLAIN_HEADS = list(`
ủy ban nhân dân, hội đồng nhân dân, mặt trận tổ quốc, ubnd, hđnd, mttq, công an, bảo hiểm xã hội,
lực lượng vũ trang, chủ tịch ubnd, chủ tịch ủy ban nhân dân, thủ trưởng, giám đốc, người đứng đầu,
chính quyền các cấp, cấp ủy, tỉnh ủy, thành ủy, huyện ủy, đảng ủy, tỉnh đoàn, thành đoàn, huyện
đoàn, thường trực
`);

/** Heads that need their capital: in lower case they are ordinary words or verbs. */
export const CAPITAL_HEADS = list(`
mặt trận, thanh tra, chủ tịch, bộ đội, kiểm toán, hiệp hội
`);

/** "các …" opens a mention when a kind of unit follows. */
export const UNIT_NOUNS = list(`
sở, ban, ngành, cơ quan, đơn vị, địa phương, đoàn thể, tổ chức, hội, lực lượng, huyện, xã, phường,
trường, doanh nghiệp, bộ, phòng, cấp, thành viên, bệnh viện, trung tâm, trạm y tế, cơ sở y tế, hợp
tác xã, chi bộ, đảng bộ, tỉnh
`);

/** After "và" or ";" a bare noun opens a new mention: "UBND các huyện và đơn vị liên quan". */
export const BARE_NOUNS = list(`
đơn vị, cơ quan, địa phương, doanh nghiệp
`);

/** Bodies named after their task: "Ban Chỉ đạo chuyển đổi số tỉnh", "Tổ công tác phòng, chống dịch huyện". */
export const TOPIC_HEADS = list(`
ban chỉ đạo, tổ công tác, ban quản lý, ban điều hành, tổ giúp việc, hội đồng
`);

/** Administrative levels and their plurals, which end a unit's name ("… tỉnh", "… các huyện"). */
export const LEVELS = list(`
tỉnh, huyện, thành phố, thị xã, thị trấn, xã, phường, đặc khu, quận, địa phương, cấp tỉnh, cấp
huyện, cấp xã, các tỉnh, các huyện, các thành phố, các thị xã, các xã, các phường, các quận, các địa
phương
`);

/** Heads that are a whole name: only their level and place may follow ("UBND các huyện, thành phố"). */
export const CLOSED_HEADS = list(`
ủy ban nhân dân, hội đồng nhân dân, ubnd, hđnd, công an, bảo hiểm xã hội, chủ tịch ubnd, chủ tịch ủy
ban nhân dân, tỉnh ủy, thành ủy, huyện ủy, tỉnh đoàn, thành đoàn, huyện đoàn
`);

/** Words that begin what a unit does; a list of mentions ends at the first one in lower case. */
export const VERBS = list(`
chủ trì, phối hợp, tập trung, tiếp tục, thực hiện, triển khai, tổ chức, xây dựng, chỉ đạo, hướng
dẫn, tham mưu, tăng cường, đẩy mạnh, nâng cao, rà soát, báo cáo, theo dõi, kiểm tra, đôn đốc, giám
sát, tuyên truyền, vận động, quan tâm, tạo điều kiện, bố trí, đảm bảo, bảo đảm, ban hành, có trách
nhiệm, chịu trách nhiệm, căn cứ, nghiên cứu, đề xuất, cập nhật, hoàn thành, hoàn thiện, phát huy,
phát động, duy trì, hỗ trợ, bổ sung, chuẩn bị, điều tra, thống kê, tổng hợp, phân công, gửi, thường
xuyên, định kỳ, khẩn trương, chủ động, tích cực, áp dụng, vận hành, sử dụng, nhân rộng, cải thiện,
tiếp nhận, giải quyết, cung cấp, xử lý, đánh giá, sơ kết, tổng kết, lập, xác định, điều hành, tham
gia, ứng dụng, chuyển đổi, kết nối, đào tạo, bồi dưỡng, tập huấn, thiết lập, ưu tiên, nắm bắt, xem
xét, trình, thông báo, công khai, thành lập, kiện toàn, cử, thúc đẩy, khuyến khích, đổi mới, phê
duyệt, quy định, tiếp xúc, lãnh đạo, là, làm, theo, trong, để, nhằm, về, tại, khi, nếu, thì, cần,
phải, được, sẽ, đã, đang, sau, trước, kết quả, tình hình, việc, tiến độ, nội dung, những, kịp thời,
hằng năm, hằng quý, hằng tháng, hàng năm, hàng quý, hàng tháng, mọi, đều, còn, bằng, từ, đến, trên,
dưới, này, do, cho, với, thẩm định, thẩm tra, góp ý, lấy ý kiến, sắp xếp, kiểm soát, phát hiện, ngăn
chặn, đấu tranh, củng cố, huy động, phân bổ, quyết toán, khảo sát, nghiệm thu, bàn giao, tiếp thu,
giải trình, thực thi, số hóa, tích hợp, chia sẻ, đăng tải, phổ biến, quán triệt, đẩy nhanh, khắc
phục, bảo vệ, nâng cấp, mua sắm, sửa đổi, công bố, niêm yết, biểu dương, khen thưởng, giao, đề nghị,
yêu cầu, hướng, rà, tiến hành, tạo, xây, chăm lo, vận hành, cải cách, tuyên dương, liên hệ, trao
đổi, gắn, hoàn tất
`);

/**
 * The usual names of provincial departments and district offices: once one is read the
 * mention is closed, so "Sở Nội vụ thẩm định" stops before a verb missing from VERBS.
 * Separated by ";" since a name may hold a comma ("Văn hóa, Thể thao và Du lịch").
 */
function names(text: string): string[][] {
  return text
    .split(";")
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .map((w) =>
      w
        .split(/\s+/)
        .flatMap((word) => (word.endsWith(",") ? [lowerWord(word.slice(0, -1)), ","] : [lowerWord(word)])),
    );
}

export const KNOWN_NAMES: Record<string, string[][]> = {
  sở: names(`
nội vụ; tư pháp; tài chính; kế hoạch và đầu tư; công thương; nông nghiệp và phát triển nông thôn;
nông nghiệp và môi trường; tài nguyên và môi trường; giao thông vận tải; xây dựng; khoa học và công
nghệ; thông tin và truyền thông; lao động - thương binh và xã hội; văn hóa, thể thao và du lịch; văn
hóa và thể thao; du lịch; giáo dục và đào tạo; y tế; ngoại vụ; dân tộc và tôn giáo
`),
  phòng: names(`
nội vụ; tư pháp; tài chính - kế hoạch; kinh tế; kinh tế - hạ tầng; kinh tế, hạ tầng và đô thị; quản
lý đô thị; tài nguyên và môi trường; lao động - thương binh và xã hội; văn hóa và thông tin; văn
hóa, khoa học và thông tin; giáo dục và đào tạo; y tế; nông nghiệp và phát triển nông thôn; nông
nghiệp và môi trường; dân tộc
`),
};
