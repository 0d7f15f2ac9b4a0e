/**
 * Routing accuracy of the petitions classifier on the labelled seed set: a stratified split
 * (30 % of each unit held out, fixed seed), trained on the rest, scored on the held-out part.
 * Prints top-1 and top-3 accuracy with and without the units' mandate phrases (the `@keywords`
 * lines of the seed files), the training time and the confusions.
 *
 *   node bin/run-ts.mjs bench/petition-routing.ts [--seed 42] [--test-share 0.3]
 */
import { performance } from "node:perf_hooks";
import { type Model, predict, train } from "../server/modules/petitions/routing/classifier.ts";
import { loadMandates, loadSeed, stratifiedSplit } from "../server/modules/petitions/routing/seed.ts";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const seed = option("seed", 42);
const testShare = option("test-share", 0.3);
const all = loadSeed();
const mandates = loadMandates().map((m) => ({ text: m.text, label: m.unit }));
const { train: trainSet, test } = stratifiedSplit(all, testShare, seed);
const examples = trainSet.map((p) => ({ text: p.text, label: p.unit }));

function evaluate(model: Model) {
  let top1 = 0;
  let top3 = 0;
  const misses = new Map<string, number>();
  const started = performance.now();
  for (const petition of test) {
    const ranked = predict(model, petition.text, 3).map((p) => p.label);
    if (ranked[0] === petition.unit) top1++;
    else
      misses.set(`${petition.unit} → ${ranked[0]}`, (misses.get(`${petition.unit} → ${ranked[0]}`) ?? 0) + 1);
    if (ranked.includes(petition.unit)) top3++;
  }
  return { top1, top3, misses, predictMs: (performance.now() - started) / test.length };
}

function timed(build: () => Model) {
  const rounds = 20;
  let model = build();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) model = build();
  return { model, ms: (performance.now() - started) / rounds };
}

const pct = (n: number) => `${((100 * n) / test.length).toFixed(1)} %`;
console.log("Petition routing — multinomial naive Bayes over folded unigrams + bigrams");
console.log(
  `  seed set: ${all.length} petitions across ${new Set(all.map((p) => p.unit)).size} units; split seed ${seed}`,
);
console.log(
  `  train: ${trainSet.length}, held out: ${test.length} (stratified, ${testShare * 100} % of each unit)`,
);

const runs = [
  { name: "petitions + unit mandates (as deployed)", build: () => train(examples, { mandates }) },
  { name: "petitions only", build: () => train(examples) },
];
for (const run of runs) {
  const { model, ms } = timed(run.build);
  const result = evaluate(model);
  console.log(`\n  ${run.name}`);
  console.log(`    top-1 accuracy: ${pct(result.top1)} (${result.top1}/${test.length})`);
  console.log(`    top-3 accuracy: ${pct(result.top3)} (${result.top3}/${test.length})`);
  console.log(
    `    training time: ${ms.toFixed(2)} ms; prediction: ${result.predictMs.toFixed(3)} ms a petition`,
  );
  if (result.misses.size > 0) {
    const list = [...result.misses].sort((a, b) => b[1] - a[1]).map(([pair, n]) => `${pair} (${n})`);
    console.log(`    top-1 misses: ${list.join(", ")}`);
  }
}
