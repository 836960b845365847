// A real Schakel node as a child process (`node src/cli/main.ts start`), for the reliability suite:
// start it, wait until /healthz answers, SIGKILL it at any moment, restart it on the same data and
// port, run `schakel` commands against its store, and read its logs when a test fails.
//
//   const node = await launchNode({ name: 'supplier' });    // temp PGlite dir, free port
//   await node.cli(['company', 'add', '--name', 'X', '--id', '0106:12345678']);
//   await node.start();
//   … traffic to node.url …
//   await node.kill();                                       // SIGKILL, nothing flushed
//   await node.start();                                      // same data, same port
//
// Inside a test, launchNode prints the logs when the test fails and kills the process and removes
// its temporary directory when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFailed, onTestFinished, type TestContext } from 'vitest';
import { freePort } from './free-port.ts';

export const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

export interface NodeProcessOptions {
  /** Label in the logs, e.g. "buyer". */
  name?: string;
  /** PGlite data directory; default a fresh temporary one (removed by cleanup). Unused with databaseUrl. */
  dataDir?: string;
  /** PostgreSQL instead of PGlite (passed as DATABASE_URL). */
  databaseUrl?: string;
  /** Default: a free port, kept across restarts so partners can keep its URL. */
  port?: number;
  /** Extra environment, e.g. settings that compress time. */
  env?: Record<string, string>;
  /** How long start() waits for /healthz; default 120 s (PGlite's first start creates the database). */
  readyTimeoutMs?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliRun extends ExitInfo {
  stdout: string;
  stderr: string;
}

const MAX_LOG_LINES = 5000;
/** Children still running, killed when the test process exits so none outlives the suite. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function exitOf(child: ChildProcess): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export class NodeProcess {
  readonly name: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly port: number;
  readonly url: string;
  /** Every start so far (1 after the first start). */
  starts = 0;
  private child: ChildProcess | null = null;
  private readonly lines: string[] = [];
  private readonly env: Record<string, string>;
  private readonly ownsDataDir: boolean;
  private readonly readyTimeoutMs: number;

  constructor(options: NodeProcessOptions & { port: number }) {
    this.name = options.name ?? 'node';
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `schakel-${this.name}-`));
    this.databaseUrl = options.databaseUrl;
    this.port = options.port;
    this.url = `http://127.0.0.1:${options.port}`;
    this.env = options.env ?? {};
    this.readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  }

  /** Process id of the running node (undefined when it is not running). */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The child's environment: no inherited store or port settings, DATABASE_URL when configured. */
  private childEnv(): NodeJS.ProcessEnv {
    const { DATABASE_URL: _d, PORT: _p, SCHAKEL_PASSWORD: _s, ...rest } = process.env;
    return { ...rest, ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : {}), ...this.env };
  }

  private spawn(args: string[]): ChildProcess {
    // process.execPath: the Node the tests run on (the project's Node 24, which runs .ts directly).
    const store = this.databaseUrl ? [] : ['--data', this.dataDir];
    const child = spawn(process.execPath, [MAIN, ...args, ...store], {
      env: this.childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  }

  private capture(child: ChildProcess, label: string): void {
    for (const [stream, tag] of [
      [child.stdout, 'out'],
      [child.stderr, 'err'],
    ] as const) {
      let partial = '';
      stream?.on('data', (d: Buffer) => {
        const text = partial + d.toString();
        const complete = text.split('\n');
        partial = complete.pop() ?? '';
        for (const line of complete) this.log(`[${label} ${tag}] ${line}`);
      });
      stream?.on('end', () => partial && this.log(`[${label} ${tag}] ${partial}`));
    }
  }

  private log(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
  }

  /** Runs `schakel …args` on this node's store (PGlite: only while the node is stopped). */
  async cli(args: string[]): Promise<CliRun> {
    const child = this.spawn(args);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    this.capture(child, `${this.name} ${args.slice(0, 2).join(' ')}`);
    const exit = await exitOf(child);
    return { ...exit, stdout, stderr };
  }

  /** Like cli(), but throws with the output when the command fails; returns stdout trimmed. */
  async cliOk(args: string[]): Promise<string> {
    const run = await this.cli(args);
    if (run.code !== 0) {
      throw new Error(
        `schakel ${args.join(' ')} failed (${run.code ?? run.signal}): ${run.stderr || run.stdout}`,
      );
    }
    return run.stdout.trim();
  }

  /** Starts the node and resolves once GET /healthz answers 200; throws with the logs if it exits first. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    const child = this.spawn(['start', '--port', String(this.port), '--host', '127.0.0.1']);
    this.child = child;
    this.starts++;
    this.log(`--- ${this.name}: start #${this.starts}, pid ${child.pid}`);
    this.capture(child, `${this.name}#${this.starts}`);
    const deadline = Date.now() + this.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        const exit = await exitOf(child);
        throw new Error(
          `${this.name} exited (${exit.code ?? exit.signal}) before it was ready:\n${this.logs()}`,
        );
      }
      try {
        const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (r.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`${this.name} did not answer /healthz within ${this.readyTimeoutMs} ms:\n${this.logs()}`);
  }

  /** Sends `signal` (default SIGKILL: no cleanup at all) and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitInfo> {
    const child = this.child;
    if (!child) throw new Error(`${this.name} was never started`);
    if (this.running) {
      this.log(`--- ${this.name}: ${signal} to pid ${child.pid}`);
      child.kill(signal);
    }
    return exitOf(child);
  }

  /** Graceful stop: SIGTERM, wait for the exit. */
  stop(): Promise<ExitInfo> {
    return this.kill('SIGTERM');
  }

  /** SIGKILL and start again on the same data and port. */
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Everything the node and its commands printed, one line each, labelled. */
  logs(): string {
    return this.lines.join('\n');
  }

  /** Kills the node and removes a temporary data directory. */
  async cleanup(): Promise<void> {
    if (this.running) await this.kill();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The test a node belongs to; concurrent tests must pass their own context. */
export type TestHooks = Pick<TestContext, 'onTestFailed' | 'onTestFinished'>;

/**
 * Creates a node process handle (not started). Inside a test, its logs are printed when the test
 * fails and it is killed and cleaned up when the test ends (pass the test's context from a
 * concurrent test, so that the hooks land on the right one).
 */
export async function launchNode(options: NodeProcessOptions = {}, test?: TestHooks): Promise<NodeProcess> {
  const node = new NodeProcess({ ...options, port: options.port ?? (await freePort()) });
  const hooks: TestHooks = test ?? { onTestFailed, onTestFinished };
  try {
    hooks.onTestFailed(() => console.error(`--- logs of ${node.name} (${node.url}):\n${node.logs()}`));
    hooks.onTestFinished(() => node.cleanup());
  } catch {
    // Outside a test (a hook or a script): the caller cleans up.
  }
  return node;
}
