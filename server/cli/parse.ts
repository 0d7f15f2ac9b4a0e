import { type ParseArgsConfig, parseArgs } from "node:util";

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Lines of help after the usage: one per option, and examples. */
  help: string[];
  run(args: { values: Record<string, unknown>; positionals: string[] }): Promise<number>;
}

export function parseCommand(spec: CommandSpec, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function formatHelp(spec: CommandSpec): string {
  return [`Usage: dongthuan ${spec.usage}`, "", spec.summary, "", ...spec.help].join("\n");
}
