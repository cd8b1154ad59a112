/**
 * The layering check (`npm run lint:layers`, dependency-cruiser with .dependency-cruiser.cjs)
 * fails on an import that points the wrong way, and names the rule it broke. Each case plants
 * one import in a scratch tree that reuses the real config, tsconfig and node_modules.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs dependency-cruiser on `paths` under `cwd`; the violations it reports and its exit code. */
async function cruise(
  cwd: string,
  paths: string[],
  extra: string[] = [],
): Promise<{ code: number; violations: Violation[]; text: string }> {
  // why: the `json` report goes to a file and the `err` report (what `npm run lint:layers` prints) to stdout, from one run.
  const report = join(mkdtempSync(join(tmpdir(), 'jobtop-cruise-')), 'report.json');
  const args = [...paths, '--config', CONFIG, ...extra];
  const text = await run(DEPCRUISE, args, { cwd }).then(
    (done) => ({ code: 0, out: done.stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, out: error.stdout }),
  );
  await run(DEPCRUISE, [...args, '--output-type', 'json', '--output-to', report], { cwd }).catch(() => undefined);
  const result = JSON.parse(readFileSync(report, 'utf8')) as { summary: { violations: Violation[] } };
  rmSync(dirname(report), { recursive: true, force: true });
  return { code: text.code, violations: result.summary.violations, text: text.out };
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A scratch project: the real tsconfig and node_modules, and `files` under source/. */
function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobtop-layers-'));
  scratch.push(dir);
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** One wrong-way import per rule: [rule, importing file, what it imports, whether as `import type`]. */
const PLANTED: [rule: string, from: string, specifier: string, typeOnly?: 'type-only'][] = [
  ['domain-imports-nothing-of-ours', 'source/domain/job.ts', '../store/fleet-store.js'],
  ['adapters-import-only-domain', 'source/adapters/osapi/source.ts', '../../store/fleet-store.js'],
  ['store-imports-no-upper-layer', 'source/store/fleet-store.ts', '../ui/keymap.js'],
  ['ui-imports-no-command-or-cli', 'source/ui/keymap.ts', '../commands/list/list-command.js'],
  ['views-import-no-store-or-adapter', 'source/ui/views/job-table.tsx', '../../adapters/osapi/index.js'],
  ['views-read-store-types-only-as-types', 'source/ui/views/header-lines.ts', '../../store/types.js'],
  // why: a view naming the state only as a type still reads fields it does not draw; type-only imports count too.
  ['views-take-props-not-navigation-state', 'source/ui/views/sources-view.tsx', '../navigation-state.js', 'type-only'],
  ['views-take-props-not-navigation-state', 'source/ui/views/detail-view.tsx', '../navigation-detail.js'],
  ['demo-shares-only-domain', 'source/demo/mcrit-server.ts', '../adapters/mcrit/index.js'],
  ['terminal-imports-only-domain', 'source/terminal/diff-writer.ts', '../ui/keymap.js'],
  ['config-imports-only-adapters-and-domain', 'source/config/load-config.ts', '../store/fleet-store.js'],
  ['commands-import-no-cli', 'source/commands/list/list-command.ts', '../../cli.js'],
  ['only-http-imports-undici', 'source/adapters/source-http.ts', 'undici'],
];

describe('the layering check', () => {
  // why: one scratch tree holds every planted import, so dependency-cruiser starts once (it takes
  // seconds to load TypeScript).
  it('fails on an import that points the wrong way, naming the rule it broke', async () => {
    const files: Record<string, string> = {};
    for (const [, from, specifier, typeOnly] of PLANTED) {
      files[from] = typeOnly
        ? `import type { value } from '${specifier}';\nexport type Planted = typeof value;\n`
        : `import { value } from '${specifier}';\nexport const planted = value;\n`;
      if (specifier.startsWith('.')) {
        const target = join(dirname(from), specifier).replace(/\.js$/, '.ts');
        files[target] ??= 'export const value = 1;\n';
      }
    }
    const dir = plant(files);
    const result = await cruise(dir, ['source']);
    expect(result.code).not.toBe(0);
    for (const [rule, from] of PLANTED) expect(result.text).toContain(`error ${rule}: ${from}`);
    expect(new Set(result.violations.map((violation) => violation.rule.name))).toEqual(
      new Set(PLANTED.map(([rule]) => rule)),
    );
  }, 120_000);

  it('passes a scratch tree whose imports point down', async () => {
    const dir = plant({
      'source/ui/views/job-table.tsx':
        "import type { FleetSnapshot } from '../../store/types.js';\nexport type Table = FleetSnapshot;\n",
      'source/ui/views/footer-line.ts':
        "import type { Flash } from '../footer-state.js';\nexport type Footer = Flash;\n",
      'source/ui/footer-state.ts': 'export interface Flash { text: string }\n',
      'source/ui/app.tsx':
        "import type { NavigationState } from './navigation-state.js';\nexport type App = NavigationState;\n",
      'source/ui/navigation-state.ts': 'export interface NavigationState { view: string }\n',
      'source/ui/keymap.ts': "import { store } from '../store/fleet-store.js';\nexport const keymap = store;\n",
      'source/store/types.ts': 'export interface FleetSnapshot { jobs: number }\n',
      'source/store/fleet-store.ts': "import { job } from '../domain/job.js';\nexport const store = job;\n",
      'source/adapters/http.ts': "import { request } from 'undici';\nexport const get = request;\n",
      'source/domain/job.ts': 'export const job = 1;\n',
    });
    const result = await cruise(dir, ['source']);
    expect(result.violations).toEqual([]);
    expect(result.code).toBe(0);
  }, 120_000);
});

describe('the known layering exceptions (.dependency-cruiser-known-violations.json)', () => {
  // why: `npm run lint:layers` ignores the listed violations. Once one is fixed its entry must go,
  // or the same import could come back unnoticed: this test fails on any entry that no longer happens.
  it('lists only violations the tree still has', async () => {
    const known = JSON.parse(
      readFileSync(join(ROOT, '.dependency-cruiser-known-violations.json'), 'utf8'),
    ) as Violation[];
    const sources = [...new Set(known.map((violation) => violation.from))];
    const found = sources.length === 0 ? [] : (await cruise(ROOT, sources, ['--do-not-follow', '^source/'])).violations;
    const key = (violation: Violation): string => `${violation.rule.name}: ${violation.from} → ${violation.to}`;
    expect(known.map(key).filter((entry) => !found.map(key).includes(entry))).toEqual([]);
  }, 120_000);
});
