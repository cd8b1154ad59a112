/**
 * jobtop's entry point (dist/cli.js): with `--demo` it starts the demo fleet's thread first, then
 * loads the CLI (source/cli.ts).
 * why: the CLI's modules take a while to load and evaluate; the fleet's worker starts meanwhile
 * and listens by the time the monitor polls it (docs/performance.md "Session 3: start-up").
 */
import { prestartDemoFleet, wantsDemoFleet } from './demo/prestart.js';

if (wantsDemoFleet(process.argv.slice(2))) prestartDemoFleet();
await import('./cli.js');
