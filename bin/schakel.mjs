#!/usr/bin/env node
// Launcher of the `schakel` command (npx schakel …). Schakel is TypeScript that Node runs directly by
// stripping the types, which Node does from 22.18 (23.6 on the 23 line). On an older Node this shim
// runs the same command with the project's own Node 24 (the `node` devDependency) instead of failing
// on the first type annotation. Plain JavaScript on purpose: it must load on any Node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
const main = new URL('../src/cli/main.ts', import.meta.url);

if (stripsTypes) {
  await import(main.href);
} else {
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(projectNode)) {
    process.stderr.write(
      `error: schakel needs Node 22.18 or newer (this is ${process.version}), and the project's own Node was not found at ${projectNode}; ` +
        'run "npm install" in the project, or install a newer Node\n',
    );
    process.exit(1);
  }
  const child = spawn(projectNode, [fileURLToPath(main), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches the child directly (same process group); signals sent to this process only are passed on.
  // SIGINT is not forwarded, so that one Ctrl+C is not delivered twice; it is ignored here while the child runs.
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGHUP', forward('SIGHUP'));
  child.on('error', (e) => {
    process.stderr.write(`error: could not start ${projectNode}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
}
