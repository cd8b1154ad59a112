/**
 * `--demo` starts the demo fleet's worker first thing, before the rest of jobtop is even loaded,
 * and the command that opens the demo fleet takes it: the fleet is listening by the time the
 * monitor polls it, instead of starting only after the CLI's modules were loaded and evaluated
 * (docs/performance.md "Session 3: start-up"). The simulators' chunk is still imported on the
 * worker only.
 */
import type { DemoFleetHandle } from './fleet-worker.js';

/** A prestarted fleet nobody took within this long is closed (a command that had no use for it). */
export const UNTAKEN_FLEET_MS = 10_000;

let early: Promise<DemoFleetHandle> | undefined;

/** Starts the default demo fleet on its thread now, for takePrestartedDemoFleet(). */
export function prestartDemoFleet(): void {
  if (early) return;
  const starting = import('./fleet-worker.js').then(({ startDemoFleetInWorker }) => startDemoFleetInWorker());
  early = starting;
  // Whoever takes it hears of a failure; until then it is no unhandled rejection.
  starting.catch(() => undefined);
  setTimeout(() => {
    if (early === starting) discardPrestartedDemoFleet();
  }, UNTAKEN_FLEET_MS).unref();
}

/** The prestarted fleet, handed out once; undefined when none was started or it was taken. */
export function takePrestartedDemoFleet(): Promise<DemoFleetHandle> | undefined {
  const taken = early;
  early = undefined;
  return taken;
}

/** Closes a prestarted fleet that nobody took (the command ran without the demo fleet). */
export function discardPrestartedDemoFleet(): void {
  void takePrestartedDemoFleet()?.then(
    (fleet) => fleet.close(),
    () => undefined,
  );
}

/** Whether the command line asks for the demo fleet (`--demo`), and not only for help. */
export function wantsDemoFleet(argv: readonly string[]): boolean {
  return argv.includes('--demo') && !argv.some((arg) => arg === '--help' || arg === '-h' || arg === '--');
}
