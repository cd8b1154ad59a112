// Regenerates docs/keys.md's key table from source/ui/keymap.ts (the one keymap table) and its
// legend of screen marks from source/ui/legend.ts, and docs/usage.md's `jobtop --help` block from
// the built CLI (run `npm run build` first). test/ui/readme-keys.test.ts and
// test/commands/docs-help.test.ts fail when the docs and the code disagree.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(await mkdtemp(join(tmpdir(), 'jobtop-keys-')), 'keymap.mjs');
await build({
  entryPoints: ['source/ui/keymap.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: out,
  logLevel: 'error',
});
const { renderKeyTableMarkdown } = await import(pathToFileURL(out).href);
const readme = await readFile('docs/keys.md', 'utf8');
const pattern = /(<!-- keys:start -->\n)[\s\S]*?(<!-- keys:end -->)/;
if (!pattern.test(readme)) throw new Error('docs/keys.md has no <!-- keys:start --> … <!-- keys:end --> block');
const legendOut = join(await mkdtemp(join(tmpdir(), 'jobtop-legend-')), 'legend.mjs');
await build({
  entryPoints: ['source/ui/legend.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: legendOut,
  logLevel: 'error',
});
const { renderLegendMarkdown } = await import(pathToFileURL(legendOut).href);
const legendPattern = /(<!-- legend:start -->\n)[\s\S]*?(<!-- legend:end -->)/;
let updated = readme.replace(pattern, `$1${renderKeyTableMarkdown()}\n$2`);
if (legendPattern.test(updated)) updated = updated.replace(legendPattern, `$1${renderLegendMarkdown()}\n$2`);
await writeFile('docs/keys.md', updated);
console.log('docs/keys.md key table updated');

const help = execFileSync(process.execPath, ['dist/cli.js', '--help'], {
  encoding: 'utf8',
  env: { ...process.env, HOME: tmpdir(), JOBTOP_CONFIG: '', XDG_CONFIG_HOME: '' },
});
const usage = await readFile('docs/usage.md', 'utf8');
const helpBlock = /(<!-- help:start -->\n```\n)[\s\S]*?(```\n<!-- help:end -->)/;
if (!helpBlock.test(usage)) throw new Error('docs/usage.md has no <!-- help:start --> … <!-- help:end --> block');
await writeFile(
  'docs/usage.md',
  usage.replace(helpBlock, (_, start, end) => `${start}${help.trimEnd()}\n${end}`),
);
console.log('docs/usage.md help block updated');
