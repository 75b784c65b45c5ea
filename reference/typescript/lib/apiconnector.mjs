// Drives the project's command from Node: builds it, runs `apiconnector serve` on a free
// loopback port, and runs `apiconnector validate --json` on recorded exchanges.

import { execFile, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Builds internal/testpfx/mkpfx into dir; makePFX runs it. */
export async function buildMkpfx(dir) {
  const bin = join(dir, "mkpfx");
  await run("go", ["build", "-o", bin, "./internal/testpfx/mkpfx"], { cwd: repoRoot });
  return bin;
}

/**
 * A fresh test .pfx, valid for a day, protected by password ("" for none):
 * `{pkcs12Value, thumbprint}`.
 */
export async function makePFX(mkpfx, password) {
  const { stdout } = await run(mkpfx, [], { env: { ...process.env, MKPFX_PASSWORD: password } });
  return JSON.parse(stdout);
}

/** Builds cmd/apiconnector into dir and returns the binary's path. */
export async function buildApiconnector(dir) {
  const bin = join(dir, "apiconnector");
  await run("go", ["build", "-o", bin, "./cmd/apiconnector"], { cwd: repoRoot });
  return bin;
}

/**
 * Starts `apiconnector serve` on a port the kernel picks, with any further arguments (such
 * as `--seed FILE`), and waits for the base URLs it prints. `exited` settles with the exit
 * code and signal; `stderr()` is what it logged.
 */
export async function startServe(bin, { timeoutMs = 15000, args = [] } = {}) {
  const child = spawn(bin, ["serve", "--addr", "127.0.0.1:0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (s) => (stderr += s));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

  const v1 = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no v1.0 URL in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (s) => {
      stdout += s;
      const match = /^v1\.0: (http:\/\/127\.0\.0\.1:\d+\/v1\.0)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}, signal ${signal}) before printing its URL: ${stderr}`));
    });
  });
  return { child, v1, exited, stderr: () => stderr };
}

/**
 * Runs `apiconnector validate --json` on a recorded exchange and returns its exit code and
 * verdict, `{request: {valid, violations}, response: {...}}`.
 */
export async function validateExchange(bin, requestFile, responseFile) {
  try {
    const { stdout } = await run(bin, ["validate", "--json", requestFile, responseFile]);
    return { exitCode: 0, report: JSON.parse(stdout) };
  } catch (err) {
    // Exit 1 is a verdict (violations, printed as JSON); anything else is a failure to run.
    if (err.code !== 1) throw err;
    return { exitCode: 1, report: JSON.parse(err.stdout) };
  }
}
