// Regenerates docs/keys.md's key table from source/ui/keymap.ts (the one keymap table).
// test/ui/readme-keys.test.ts fails when the README and the keymap disagree.
import { build } from 'esbuild';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(await mkdtemp(join(tmpdir(), 'jobtop-keys-')), 'keymap.mjs');
await build({ entryPoints: ['source/ui/keymap.ts'], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
const { renderKeyTableMarkdown } = await import(pathToFileURL(out).href);
const readme = await readFile('docs/keys.md', 'utf8');
const pattern = /(<!-- keys:start -->\n)[\s\S]*?(<!-- keys:end -->)/;
if (!pattern.test(readme)) throw new Error('docs/keys.md has no <!-- keys:start --> … <!-- keys:end --> block');
await writeFile('docs/keys.md', readme.replace(pattern, `$1${renderKeyTableMarkdown()}\n$2`));
console.log('docs/keys.md key table updated');
