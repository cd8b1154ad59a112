import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MONITOR_BUDGET_FACTOR,
  raiseOptimisationThreshold,
  V8_DEFAULT_INTERRUPT_BUDGET,
} from '../../source/optimisation-threshold.js';

describe('raiseOptimisationThreshold', () => {
  it('sets V8 interrupt budget to the monitor factor times the default', () => {
    const set: string[] = [];
    raiseOptimisationThreshold((flags) => void set.push(flags));
    expect(set).toEqual([`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET * MONITOR_BUDGET_FACTOR}`]);
  });

  it('names V8 default budget as this Node has it', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(options).toMatch(new RegExp(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}\\b`));
  });
});

// V8 itself: the budget works only because V8 reads it at run time, so a Node whose V8 stops
// reading it (or optimises by another measure) must fail here. A child process, since the flag
// is process-wide; compiles on the main thread, so "optimised yet?" is exact after every call.
describe('the optimisation threshold on this Node', () => {
  let script: string;
  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jobtop-opt-threshold-'));
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../source/optimisation-threshold.ts')],
      outfile: join(directory, 'optimisation-threshold.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    script = join(directory, 'warm.mjs');
    // Calls a small function until TurboFan has optimised it; prints how many calls that took.
    writeFileSync(
      script,
      `import { raiseOptimisationThreshold } from './optimisation-threshold.mjs';
if (process.argv[2] === 'raise') raiseOptimisationThreshold();
function work(a) { let s = 0; for (let i = 0; i < 20; i++) s += (a * i) % 7; return s; }
let calls = 0;
const isOptimised = (fn) => (%GetOptimizationStatus(fn) & 16) !== 0;
while (calls < 1e6 && !isOptimised(work)) work(calls++);
process.stdout.write(String(calls));
`,
    );
  });

  const callsUntilOptimised = (mode: string) =>
    Number(
      execFileSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', script, mode], {
        encoding: 'utf8',
      }),
    );

  it('takes a function into TurboFan several times later once raised', () => {
    const plain = callsUntilOptimised('default');
    const raised = callsUntilOptimised('raise');
    expect(plain).toBeGreaterThan(0);
    expect(plain).toBeLessThan(1e6);
    expect(raised).toBeGreaterThan(plain * (MONITOR_BUDGET_FACTOR / 2));
  });
});
