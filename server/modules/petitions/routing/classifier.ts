import { features } from "./features.ts";

/**
 * Multinomial naive Bayes over folded unigrams and bigrams, with Laplace (add-α) smoothing.
 * Small, fast to train on a province's whole history (thousands of petitions in milliseconds)
 * and easy to explain: a unit is suggested because the words of the petition were frequent in
 * the petitions that unit handled before.
 */

export interface LabelledText {
  text: string;
  label: string;
}

export interface Model {
  labels: string[];
  logPrior: Map<string, number>;
  logLikelihood: Map<string, Map<string, number>>;
  /** log P(feature | label) for a feature the label never saw. */
  logUnseen: Map<string, number>;
  vocabulary: Set<string>;
  documents: number;
}

export interface Prediction {
  label: string;
  /** Posterior probability among the labels, 0–1. */
  score: number;
}

export interface TrainOptions {
  alpha?: number;
  /**
   * A unit's mandate as key phrases ("học phí, tuyển sinh, …"): counted as words the unit's
   * petitions use, `weight` times, but not as petitions (they do not move the priors). They
   * carry a new province, and a unit with little history, until its own petitions do.
   */
  mandates?: readonly LabelledText[];
  mandateWeight?: number;
}

export function train(examples: readonly LabelledText[], options: TrainOptions = {}): Model {
  const alpha = options.alpha ?? 0.5;
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const docs = new Map<string, number>();
  const vocabulary = new Set<string>();
  const add = (example: LabelledText, weight: number) => {
    const byFeature = counts.get(example.label) ?? new Map<string, number>();
    counts.set(example.label, byFeature);
    for (const feature of features(example.text)) {
      vocabulary.add(feature);
      byFeature.set(feature, (byFeature.get(feature) ?? 0) + weight);
      totals.set(example.label, (totals.get(example.label) ?? 0) + weight);
    }
  };
  for (const example of examples) {
    docs.set(example.label, (docs.get(example.label) ?? 0) + 1);
    add(example, 1);
  }
  for (const mandate of options.mandates ?? []) {
    if (!docs.has(mandate.label)) docs.set(mandate.label, 1);
    add(mandate, options.mandateWeight ?? 4);
  }
  const labels = [...counts.keys()].sort();
  const size = vocabulary.size;
  const logPrior = new Map<string, number>();
  const logLikelihood = new Map<string, Map<string, number>>();
  const logUnseen = new Map<string, number>();
  for (const label of labels) {
    // Priors are flattened (square root of the counts): a unit that handled many petitions
    // should win ties, not drown a rarer unit whose words match better.
    logPrior.set(label, 0.5 * Math.log((docs.get(label) ?? 1) / Math.max(1, examples.length)));
    const denominator = (totals.get(label) ?? 0) + alpha * size;
    const map = new Map<string, number>();
    for (const [feature, count] of counts.get(label)!)
      map.set(feature, Math.log((count + alpha) / denominator));
    logLikelihood.set(label, map);
    logUnseen.set(label, Math.log(alpha / denominator));
  }
  return { labels, logPrior, logLikelihood, logUnseen, vocabulary, documents: examples.length };
}

export function predict(model: Model, text: string, top = 3): Prediction[] {
  if (model.labels.length === 0) return [];
  // Words no unit ever saw say nothing about which unit it is.
  const seen = features(text).filter((feature) => model.vocabulary.has(feature));
  const logScores = model.labels.map((label) => {
    const likelihood = model.logLikelihood.get(label)!;
    const unseen = model.logUnseen.get(label)!;
    let sum = model.logPrior.get(label)!;
    for (const feature of seen) sum += likelihood.get(feature) ?? unseen;
    return sum;
  });
  const max = Math.max(...logScores);
  const exp = logScores.map((score) => Math.exp(score - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return model.labels
    .map((label, i) => ({ label, score: exp[i] / total }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))
    .slice(0, top);
}
