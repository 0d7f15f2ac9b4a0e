import { foldKeepingOffsets } from "../../../common/search.ts";
/**
 * Masks personal data in text shown to the public or to staff who do not handle the case
 * (Nghị định 13/2023/NĐ-CP: show personal data only to those who need it).
 *
 * What it finds: e-mail addresses, phone numbers, ID numbers (CCCD, CMND, passport, tax code,
 * or a bare run of 9 or 12 digits), house addresses (a house number with its street), and
 * people's names — the names the caller knows (the petitioner's), names after a form of address
 * ("ông", "bà", "anh", "chị", "tôi tên là" …) and names that start with a common Vietnamese or
 * Khmer family name. Place names after their keyword ("đường Nguyễn Trung Trực", "xã Thoại Sơn")
 * stay: they do not name a person.
 *
 * Citizens often type without diacritics or capitals ("toi ten la nguyen van muoi") and spell
 * a number out ("không chín một hai …"): the petitioner's own name is found whatever its accents
 * and case, a family name after a form of address is found written the same way, and a run of
 * eight or more digits in words is a phone number.
 *
 * It errs towards masking: a masked place name costs a reader little, a published phone number
 * cannot be taken back. It is a safety net, not a licence: the officer who publishes an answer
 * still reads it.
 */

export const MASK = {
  name: "[họ tên]",
  phone: "[số điện thoại]",
  email: "[email]",
  id: "[số giấy tờ]",
  address: "[địa chỉ]",
} as const;

export interface MaskOptions {
  /** Names known to belong to the case (the petitioner's), masked wherever they appear. */
  knownNames?: readonly string[];
}

const UPPER_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]*`;
const NAME = String.raw`${UPPER_WORD}(?:[ \t]+${UPPER_WORD}){0,4}`;

const bothCases = (words: readonly string[]) =>
  words.flatMap((word) => [word, word[0].toUpperCase() + word.slice(1)]).join("|");

/** Forms of address and phrases that introduce a person's name. */
const ADDRESS_FORMS = [
  "tôi tên là",
  "tên tôi là",
  "tên là",
  "họ và tên",
  "họ tên",
  "tôi là",
  "ông",
  "bà",
  "anh",
  "chị",
  "cô",
  "chú",
  "bác",
  "cụ",
  "cháu",
  "em",
  "thầy",
  "thím",
  "dì",
  "cậu",
  "mợ",
  "con trai tôi là",
  "con gái tôi là",
  "vợ tôi là",
  "chồng tôi là",
  "hộ gia đình",
  "hộ",
];

const FAMILY_NAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đinh",
  "Trương",
  "Lâm",
  "Mai",
  "Tô",
  "Trịnh",
  "Đoàn",
  "Lương",
  "Cao",
  "Châu",
  "Thái",
  "Tạ",
  "Quách",
  "Lưu",
  "Kim",
  "Thạch",
  "Danh",
  "Chau",
  "Néang",
  "Triệu",
  "Diệp",
  "Khưu",
  "Tăng",
  "Văng",
  "Mạc",
  "Từ",
];

/** Words after which capitalised words name a place, a body or a street, not a person. */
const PLACE_KEYWORDS = new Set(
  [
    "đường",
    "phố",
    "hẻm",
    "ngõ",
    "kiệt",
    "trường",
    "viện",
    "xã",
    "phường",
    "ấp",
    "khóm",
    "khu",
    "cầu",
    "chợ",
    "kênh",
    "rạch",
    "sông",
    "quận",
    "huyện",
    "tỉnh",
    "phố",
    "thành",
    "đặc",
    "tên",
    "thpt",
    "thcs",
    "học",
    "non",
    "sở",
    "ubnd",
    "ban",
    "công",
    "viên",
    "giải",
    "tượng",
    "đài",
    "lăng",
    "đền",
    "chùa",
    "nhà",
    "tư",
    "tưởng",
    "minh",
    "tịch",
    "lộ",
    "tuyến",
  ].map((w) => w.toLowerCase()),
);

/** Public figures and places that look like a person's name; never masked. */
const NOT_PEOPLE = new Set([
  "Hồ Chí Minh",
  "Tôn Đức Thắng",
  "Nguyễn Trung Trực",
  "Võ Văn Kiệt",
  "Trần Hưng Đạo",
  "Lê Lợi",
  "Nguyễn Huệ",
  "Lý Thường Kiệt",
  "Hà Tiên",
  "Hà Nội",
  "Châu Đốc",
  "Châu Thành",
  "Châu Phú",
  "Châu Phong",
  "Tân Châu",
  "Lê Hồng Phong",
  "Mạc Cửu",
  "Mạc Thiên Tích",
  "Phan Thị Ràng",
  "Trần Phú",
  "Lâm Quang Ky",
]);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** "+84 912 345 678", "0912.345.678", "(0297) 3 862 123": a 0 or +84 and 9–10 more digits. */
const PHONE =
  /(?<![\p{L}\p{N}+.,])(?:(?:\+\s?84|0084|0)(?:[ .-]?\d){8,10}|\(0\d{2,3}\)(?:[ .-]?\d){6,8})(?!\d)/gu;
const ID_LABEL = `CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh (?:nhân dân|thư)|số định danh(?: cá nhân)?|hộ chiếu|mã số thuế|MST`;
const LABELLED_ID = new RegExp(
  String.raw`((?:${ID_LABEL})(?:\s*(?:số|là|:|#))*\s*)([A-Z]?\d(?:[ .]?\d){6,14})(?!\d)`,
  "giu",
);
/** A bare run of 9 (CMND) or 12 (CCCD) digits that is not part of a formatted number. */
const BARE_ID = /(?<![\d\p{L}]|\d[.,])(?:\d{12}|\d{9})(?![\d\p{L}]|[.,]\d)/gu;
const HOUSE = String.raw`(?:[Ss]ố nhà|[Nn]hà số|[Ss]ố)\s*\d{1,4}[A-Za-z]?(?:\/\d{1,4}[A-Za-z]?)*(?![\d.,/])`;
const STREET = String.raw`(?:,?\s*(?:[Hh]ẻm|[Nn]gõ|[Nn]gách|[Kk]iệt)\s*\d+[A-Za-z]?(?:\/\d+)*)?(?:,?\s*(?:[Đđ]ường|[Pp]hố)\s+(?:\d+(?:\/\d+)?|${NAME}))?`;
const ADDRESS = new RegExp(`${HOUSE}${STREET}`, "gu");
/** "12/3 đường Mạc Cửu", "45 hẻm 7 Lâm Quang Ky": a house number right before a street. */
const NUMBERED_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)*,?\s+(?:[Đđ]ường|[Hh]ẻm|[Pp]hố)\s+(?:\d+\s+)?${NAME}`,
  "gu",
);
const AFTER_ADDRESS_FORM = new RegExp(
  String.raw`(?<![\p{L}])((?:${bothCases(ADDRESS_FORMS)})\s*:?\s+)(${NAME})`,
  "gu",
);
const FAMILY_NAMED = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:${FAMILY_NAMES.join("|")})(?:[ \t]+${UPPER_WORD}){1,3}(?![\p{L}\p{M}])`,
  "gu",
);

const LOWER_FAMILY_NAMES = new Set(FAMILY_NAMES.map((n) => n.toLowerCase()));
const FOLDED_FAMILY_NAMES = [...new Set(FAMILY_NAMES.map((n) => foldKeepingOffsets(n)))];
/** Middle names common enough to tell "nguyen van muoi" (a name) from "nguyen nhan" (a word). */
const MIDDLE_NAMES = [
  "van",
  "thi",
  "huu",
  "duc",
  "minh",
  "ngoc",
  "thanh",
  "quoc",
  "hoang",
  "kim",
  "thanh",
  "cong",
  "xuan",
  "thu",
  "hong",
  "bao",
  "gia",
  "tan",
  "trung",
  "nhu",
];
/**
 * After a form of address, a family name written in lower case or without diacritics, then up to
 * two middle names and one given name, found in the folded text: "ong tran van a", "chị lê thị b".
 */
const FOLDED_AFTER_ADDRESS_FORM = new RegExp(
  String.raw`(?<![a-z])((?:${[...new Set(ADDRESS_FORMS.map(foldKeepingOffsets))].join("|")})\s*:?\s+)((?:${FOLDED_FAMILY_NAMES.join("|")})(?:\s+(?:${MIDDLE_NAMES.join("|")})){0,2}\s+[a-z]+)(?![a-z])`,
  "g",
);

const DIGIT_WORDS = [
  "không",
  "một",
  "mốt",
  "hai",
  "ba",
  "bốn",
  "tư",
  "năm",
  "lăm",
  "sáu",
  "bảy",
  "bẩy",
  "tám",
  "chín",
];
const FOLDED_DIGIT_WORDS = new Set(DIGIT_WORDS.map(foldKeepingOffsets));
/**
 * A run of digits written as words or figures ("không chín 1 hai …"), in the folded text: a phone
 * number when it holds nine digits or more, at least three of them spelled out (figures alone
 * are the PHONE pattern's, and a list of years is no phone).
 */
const DIGIT_RUN = new RegExp(
  String.raw`(?<![a-z0-9])(?:(?:${[...FOLDED_DIGIT_WORDS].join("|")}|\d{1,4})(?![a-z0-9])[\s.,-]*){4,}`,
  "g",
);

function spelledPhone(run: string): boolean {
  // "năm 2024" is a year, whatever follows it.
  if (/\bnam[\s.,-]+(?:19|20)\d\d\b/.test(run)) return false;
  let digits = 0;
  let words = 0;
  for (const token of run.split(/[\s.,-]+/).filter(Boolean)) {
    if (/^\d+$/.test(token)) digits += token.length;
    else if (FOLDED_DIGIT_WORDS.has(token)) {
      digits++;
      words++;
    }
  }
  return digits >= 9 && words >= 3;
}

/** Replaces what `pattern` finds in the folded copy of `text` at the same places in `text`. */
function replaceFolded(
  text: string,
  pattern: RegExp,
  replacement: (match: RegExpExecArray) => { from: number; to: number; with: string } | null,
): string {
  const folded = foldKeepingOffsets(text);
  const cuts: { from: number; to: number; with: string }[] = [];
  for (const match of folded.matchAll(pattern)) {
    const cut = replacement(match as RegExpExecArray);
    if (cut) cuts.push(cut);
  }
  let out = text;
  for (const cut of cuts.reverse()) out = out.slice(0, cut.from) + cut.with + out.slice(cut.to);
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function previousWord(text: string, offset: number): string {
  const before = text.slice(0, offset).trimEnd();
  const match = /([\p{L}\p{M}]+)[^\p{L}\p{M}]*$/u.exec(before);
  return match ? match[1] : "";
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

export function maskPersonalData(input: string, options: MaskOptions = {}): string {
  let text = input.normalize("NFC");
  for (const name of options.knownNames ?? []) {
    // Found with or without its accents, in any case: "Nguyễn Văn Mười", "nguyen van muoi".
    const folded = foldKeepingOffsets(name.normalize("NFC").trim()).replace(/\s+/g, " ");
    if (folded.length < 2) continue;
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{M}\\u0000])${escapeRegExp(folded).replaceAll(" ", "\\s+")}(?![\\p{L}\\p{M}])`,
      "gu",
    );
    text = replaceFolded(text, pattern, (m) => ({
      from: m.index,
      to: m.index + m[0].length,
      with: MASK.name,
    }));
  }
  text = text.replace(EMAIL, MASK.email);
  text = text.replace(LABELLED_ID, (_match, label: string) => `${label}${MASK.id}`);
  text = text.replace(BARE_ID, MASK.id);
  text = text.replace(PHONE, MASK.phone);
  text = replaceFolded(text, DIGIT_RUN, (m) => {
    if (!spelledPhone(m[0])) return null;
    const spelled = m[0].replace(/[\s.,-]+$/, "");
    return { from: m.index, to: m.index + spelled.length, with: MASK.phone };
  });
  text = text.replace(ADDRESS, MASK.address);
  text = text.replace(NUMBERED_STREET, MASK.address);
  text = text.replace(AFTER_ADDRESS_FORM, (match, form: string, name: string) =>
    NOT_PEOPLE.has(name) ? match : `${form}${MASK.name}`,
  );
  const before = text;
  text = replaceFolded(text, FOLDED_AFTER_ADDRESS_FORM, (m) => {
    const from = m.index + m[1].length;
    // Written as a family name is written, or with no marks at all: "lê", "le" — not "lễ".
    const family = before.slice(from).split(/\s/, 1)[0].toLowerCase();
    if (!LOWER_FAMILY_NAMES.has(family) && !FOLDED_FAMILY_NAMES.includes(family)) return null;
    return { from, to: from + m[2].length, with: MASK.name };
  });
  text = text.replace(FAMILY_NAMED, (match, offset: number, whole: string) => {
    if (NOT_PEOPLE.has(match)) return match;
    const before = previousWord(whole, offset);
    // Part of a longer proper name ("Thoại Sơn"), or a place after its keyword ("đường Lê Lợi").
    if (before && (PLACE_KEYWORDS.has(before.toLowerCase()) || isCapitalised(before))) {
      const sentenceStart = /[.!?:\n]\s*$/.test(whole.slice(0, offset));
      if (!sentenceStart) return match;
    }
    return MASK.name;
  });
  return text;
}
