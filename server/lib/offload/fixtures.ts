/** Functions for the offload tests to run in a worker: one of each way a job can end. */

export function echo(value: unknown, bytes: Uint8Array): { value: unknown; length: number } {
  return { value, length: bytes.byteLength };
}

/** Keeps its thread busy for `ms` milliseconds, as a slow parser would. */
export function spin(ms: number): number {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}

/** Keeps everything it makes, as a document that unpacks without end would. */
export function swell(): number {
  const kept: string[][] = [];
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => `piece ${i} ${kept.length}`));
}

export class FixtureRefusal extends Error {
  constructor(
    readonly code: string,
    readonly detail: number,
  ) {
    super(`refused: ${code}`);
    this.name = "FixtureRefusal";
  }
}

export function refuse(): never {
  throw new FixtureRefusal("too-odd", 42);
}
