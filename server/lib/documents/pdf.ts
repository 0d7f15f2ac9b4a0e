import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "../errors.ts";

/**
 * .docx → PDF through LibreOffice (`soffice --headless --convert-to pdf`). Each conversion runs in
 * a temporary folder with a user profile of its own, so that conversions in parallel (and a
 * LibreOffice the operator has open) never share a profile lock; the folder is removed after.
 * Vietnamese letters need the fonts-liberation2 package (Liberation Serif 2 stands in for Times
 * New Roman with the same metrics; Liberation 1.x lacks the letters).
 */

/** The Debian package that brings a headless LibreOffice Writer. */
export const SOFFICE_PACKAGE = "libreoffice-writer-nogui";
const DEFAULT_TIMEOUT_MS = 60_000;

/** The soffice executable: $SOFFICE_PATH, else `soffice` or `libreoffice` on the PATH; null when none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.SOFFICE_PATH
    ? [env.SOFFICE_PATH]
    : (env.PATH ?? "")
        .split(delimiter)
        .filter(Boolean)
        .flatMap((dir) => [join(dir, "soffice"), join(dir, "libreoffice")]);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function pdfAvailable(): boolean {
  return findSoffice() !== null;
}

function run(file: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stdout, stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** Converts a .docx to PDF; an AppError (503) naming the package when LibreOffice is missing. */
export async function convertToPdf(docx: Buffer, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new AppError(503, "pdf_unavailable", { package: SOFFICE_PACKAGE });
  const dir = mkdtempSync(join(tmpdir(), "dt-pdf-"));
  try {
    const input = join(dir, "document.docx");
    writeFileSync(input, docx);
    const profile = pathToFileURL(join(dir, "profile")).href;
    try {
      await run(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          "--headless",
          "--norestore",
          "--nologo",
          "--nolockcheck",
          "--convert-to",
          "pdf:writer_pdf_Export",
          "--outdir",
          dir,
          input,
        ],
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
    } catch (error) {
      const failure = error as Error & { killed?: boolean; stderr?: string };
      const detail = failure.killed
        ? `timed out after ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
        : (failure.stderr?.trim() || failure.message).slice(0, 300);
      throw new AppError(502, "pdf_failed", { detail });
    }
    try {
      return readFileSync(join(dir, "document.pdf"));
    } catch {
      throw new AppError(502, "pdf_failed", { detail: "LibreOffice wrote no PDF" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
