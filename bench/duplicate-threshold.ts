import { randomBytes } from "node:crypto";
import { openDatabase } from "../server/db/connection.ts";
import { migrate } from "../server/db/migrate.ts";
/**
 * Precision of the "likely duplicate" offer across similarity thresholds, on the demo's petitions.
 *
 * What is measured is what staff see: a pair of petitions is offered when the trigram similarity
 * of their folded texts (PostgreSQL pg_trgm `similarity(vi_fold(a), vi_fold(b))`, the engine's own
 * function, here on the embedded engine) reaches the threshold. Precision is the share of offered
 * pairs that really are the same matter; recall the share of real duplicates that are offered.
 *
 * The labelled set, and the rule that labels it:
 * - The demo (demo/petitions.ts) draws its petitions from the labelled seed set
 *   (server/modules/petitions/routing/seed/), one line each, never the same line twice: every
 *   pair of distinct seed lines is a different matter, so NOT a duplicate. All seed lines are
 *   used, not only the sixty the demo happens to draw: they are the hard negatives (two road
 *   complaints, two school complaints…), and what real intake brings.
 * - The demo generates no real duplicate (its two "merged" petitions are merged into whatever
 *   case came last, for the timeline only), so each petition the demo draws is re-sent the ways
 *   citizens re-send a matter, and every such copy IS a duplicate of its original and of the
 *   other copies of it: (1) re-sent with a note that the first got no answer, (2) typed without
 *   diacritics, (3) cut short to its first clause with a closing request, (4) reworded: clauses in
 *   another order, a greeting, common words swapped for their synonyms, (5) the same matter with
 *   the place named.
 *
 *   node bin/run-ts.mjs bench/duplicate-threshold.ts [--target 0.9]
 */
import { auditKeyFrom, installAuditKey } from "../server/modules/audit/key.ts";
import { DUPLICATE_MIN_SIMILARITY } from "../server/modules/petitions/duplicates.ts";
import { loadSeed, seededRandom } from "../server/modules/petitions/routing/seed.ts";

const targetIndex = process.argv.indexOf("--target");
const target = targetIndex > 0 ? Number(process.argv[targetIndex + 1]) : 0.9;

// The demo's draw: PLAN in demo/petitions.ts has 60 petitions, seed line (index * 37) mod n.
const DEMO_PETITIONS = 60;
const seeds = loadSeed();
const drawn = [...new Set(Array.from({ length: DEMO_PETITIONS }, (_, i) => (i * 37) % seeds.length))];

const SYNONYMS: [RegExp, string][] = [
  [/\bđề nghị\b/gi, "kiến nghị"],
  [/\bngười dân\b/gi, "bà con"],
  [/\bkhu phố\b/gi, "khóm"],
  [/\bnhiều\b/gi, "rất nhiều"],
  [/\bđã lâu\b/gi, "mấy tháng nay"],
  [/\bkiểm tra\b/gi, "xem xét"],
  [/\bxử lý\b/gi, "giải quyết"],
];
const PLACES = ["ấp Phú Hòa", "khu phố 3", "tổ 7, ấp Tân Lập", "đường Nguyễn Trung Trực", "ấp Vĩnh Thạnh"];

function unaccented(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

function resubmissions(text: string, random: () => number): string[] {
  const clauses = text.replace(/\.$/, "").split(/,\s*/);
  const reordered = clauses.length > 1 ? [...clauses.slice(1), clauses[0]].join(", ") : text;
  let reworded = `Kính gửi cơ quan chức năng. ${reordered}.`;
  for (const [pattern, replacement] of SYNONYMS) reworded = reworded.replace(pattern, replacement);
  const place = PLACES[Math.floor(random() * PLACES.length)];
  return [
    `Tôi đã gửi phản ánh này nhưng đến nay chưa nhận được trả lời, nay gửi lại: ${text}`,
    unaccented(text),
    `${clauses[0]}. Đề nghị cơ quan có thẩm quyền xem xét, giải quyết.`,
    reworded,
    `${text} Địa điểm: ${place}.`,
  ];
}

async function main() {
  const started = Date.now();
  // A throwaway database: its audit trail is written under a throwaway key.
  installAuditKey(auditKeyFrom(randomBytes(32)));
  const database = await openDatabase({ dataDir: null });
  await migrate(database);
  const random = seededRandom(20250701);
  const items: { origin: number; text: string }[] = seeds.map((s, i) => ({ origin: i, text: s.text }));
  for (const index of drawn)
    for (const text of resubmissions(seeds[index].text, random)) items.push({ origin: index, text });

  await database.query("CREATE TEMP TABLE bench_items (id int PRIMARY KEY, origin int, folded text)");
  for (const [id, item] of items.entries())
    await database.query("INSERT INTO bench_items VALUES ($1, $2, vi_fold($3))", [
      id,
      item.origin,
      item.text,
    ]);
  const pairs = await database.query<{ same: boolean; similarity: number }>(
    `SELECT a.origin = b.origin AS same, similarity(a.folded, b.folded)::float8 AS similarity
       FROM bench_items a JOIN bench_items b ON a.id < b.id`,
  );
  await database.close();

  const positives = pairs.filter((p) => p.same).length;
  console.log("Likely-duplicate offer — precision by similarity threshold (pg_trgm on vi_fold)");
  console.log(
    `  ${seeds.length} seed petitions (the demo draws ${drawn.length}), ${items.length - seeds.length} re-sent copies; ` +
      `${pairs.length} pairs, ${positives} real duplicates`,
  );
  console.log("  threshold  offered  right  precision  recall");
  const rows: { threshold: number; precision: number; recall: number; offered: number }[] = [];
  for (let step = 20; step <= 90; step += 5) {
    const threshold = step / 100;
    const offered = pairs.filter((p) => p.similarity >= threshold);
    const right = offered.filter((p) => p.same).length;
    const precision = offered.length ? right / offered.length : 1;
    const recall = right / positives;
    rows.push({ threshold, precision, recall, offered: offered.length });
    const mark = Math.abs(threshold - DUPLICATE_MIN_SIMILARITY) < 1e-9 ? "  ← in use" : "";
    console.log(
      `  ${threshold.toFixed(2).padStart(9)}  ${String(offered.length).padStart(7)}  ${String(right).padStart(5)}  ` +
        `${(precision * 100).toFixed(1).padStart(8)} %  ${(recall * 100).toFixed(1).padStart(5)} %${mark}`,
    );
  }
  const chosen = rows.find((r) => r.precision >= target);
  const negatives = pairs.filter((p) => !p.same).map((p) => p.similarity);
  console.log(`  most alike pair of different matters: ${(Math.max(...negatives) * 100).toFixed(0)} %`);
  console.log(
    chosen
      ? `  lowest threshold with precision ≥ ${target * 100} %: ${chosen.threshold.toFixed(2)} ` +
          `(precision ${(chosen.precision * 100).toFixed(1)} %, recall ${(chosen.recall * 100).toFixed(1)} %)`
      : `  no threshold reaches precision ${target * 100} %`,
  );
  console.log(
    `  in use: ${DUPLICATE_MIN_SIMILARITY.toFixed(2)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

await main();
