/**
 * The real server as an operator runs it (`node bin/dongthuan.mjs serve`), started, killed with
 * SIGKILL at seeded moments while clients write to it, and restarted; then what it stored is
 * checked against what it acknowledged. Shared by the Vitest suite (server/reliability/crash.test.ts,
 * 3 kills per engine) and the soak (bench/soak.ts, `npm run bench -- --soak`, 20 per engine).
 *
 * No Vitest here: the soak runs it as a plain script.
 */

export * from "./crash-run.ts";
export * from "./served-process.ts";
