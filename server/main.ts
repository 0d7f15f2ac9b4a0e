import { commands } from "./cli/commands.ts";
import { type CommandSpec, formatHelp, parseCommand, UsageError } from "./cli/parse.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/lock.ts";
import { AppError } from "./lib/errors.ts";
import { AuditKeyError } from "./modules/audit/key.ts";

function topHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "Đồng Thuận — the operator's command line.",
    "",
    "Usage: dongthuan <command> [options]     (dongthuan <command> --help for more)",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Configuration comes from the environment (PORT, DATA_DIR, DATABASE_URL, DEMO_PASSWORD,",
    "SMTP_HOST …); see README.md.",
  ].join("\n");
}

function findCommand(argv: string[]): { spec: CommandSpec; rest: string[] } | null {
  // Two-word commands ("users create", "audit verify") take precedence over one-word ones.
  const two = commands.find((command) => command.name === `${argv[0]} ${argv[1]}`);
  if (two) return { spec: two, rest: argv.slice(2) };
  const one = commands.find((command) => command.name === argv[0]);
  return one ? { spec: one, rest: argv.slice(1) } : null;
}

/** Runs one command; returns the process exit code (0 success, 1 failure, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    console.log(topHelp());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((command) => command.name.startsWith(`${argv[0]} `));
    if (group.length > 0 && (argv.length === 1 || argv[1] === "--help")) {
      console.log(group.map((command) => `dongthuan ${command.usage}\n    ${command.summary}`).join("\n"));
      return argv.length === 1 ? 2 : 0;
    }
    console.error(`dongthuan: unknown command "${argv.slice(0, 2).join(" ")}"\n\n${topHelp()}`);
    return 2;
  }
  const { spec, rest } = found;
  try {
    const parsed = parseCommand(spec, rest);
    if (parsed.values.help) {
      console.log(formatHelp(spec));
      return 0;
    }
    return await spec.run(parsed as { values: Record<string, unknown>; positionals: string[] });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`dongthuan ${spec.name}: ${error.message}\n\n${formatHelp(spec)}`);
      return 2;
    }
    if (
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof AuditKeyError
    ) {
      console.error(`dongthuan ${spec.name}: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      console.error(`dongthuan ${spec.name}: ${error.message}`);
      return 1;
    }
    console.error(`dongthuan ${spec.name}: ${(error as Error).message}`);
    if (process.env.DEBUG) console.error(error);
    return 1;
  }
}

export { loadConfig };
