/**
 * Test-only stand-in for the monitor's `App` (swapped in by test/helpers/crash-cli.ts, never in
 * the shipped bundle): the real App, plus a failure chosen by JOBTOP_TEST_CRASH once every source
 * answered and the first full frame is up — `1`/`throw` an uncaught exception, `rejection` an
 * unhandled rejection, `render` an error thrown while rendering — or, with `console`, writes to
 * console, stderr and process warnings, which must all land in the log.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { App as RealApp, type AppProps } from '../../source/ui/app.js';
import type { FleetStore } from '../../source/store/fleet-store.js';

/** The real App inside the crash switch. */
export function App(props: AppProps) {
  return (
    <TestCrash kind={process.env.JOBTOP_TEST_CRASH} ready={(props.store as FleetStore).firstRound()}>
      <RealApp {...props} />
    </TestCrash>
  );
}

function TestCrash({ kind, ready, children }: { kind: string | undefined; ready: Promise<void>; children: ReactNode }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!kind) return;
    void ready.then(() =>
      setImmediate(() => {
        if (kind === '1' || kind === 'throw') throw new Error('JOBTOP_TEST_CRASH: a test-only uncaught exception');
        if (kind === 'rejection') void Promise.reject(new Error('JOBTOP_TEST_CRASH: a test-only unhandled rejection'));
        if (kind === 'render') setArmed(true);
        if (kind === 'console') {
          console.log('JOBTOP_TEST_CRASH console.log line');
          console.error('JOBTOP_TEST_CRASH console.error line');
          process.stderr.write('JOBTOP_TEST_CRASH direct stderr line\n');
          process.emitWarning('JOBTOP_TEST_CRASH process warning');
        }
      }),
    );
  }, [kind, ready]);
  if (armed) throw new Error('JOBTOP_TEST_CRASH: a test-only error thrown while rendering');
  return <>{children}</>;
}
