// Entry point of the `schakel` CLI: `node src/cli/main.ts <command>` (npm run schakel, bin/schakel.mjs).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2));
