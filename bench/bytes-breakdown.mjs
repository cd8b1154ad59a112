/**
 * What jobtop's terminal bytes are, by kind: `node bench/bytes-breakdown.mjs [seconds] [cli]`
 * (after `npm run build`; default 60 s and dist/cli.js) runs the realistic fleet (the demo fleet,
 * 5 × 200 jobs ticking, 2 s interval) at 120×40 in a pseudo-terminal and sorts every byte it
 * sent after a warm-up: cells' text, cursor addressing, SGR, line moves (insert/delete lines),
 * erases, synchronized-update brackets, anything else. docs/performance.md "Session 5: bytes on
 * the wire" has what the figures were and what was cut.
 */
import { resolve } from 'node:path';
import { startFleetHost, writeConfig } from './fleet-client.mjs';
import { startSession, sleep } from './pty-session.mjs';

const TOKEN =
  /\x1b\[\?2026[hl]|\x1b\[[\d;]*[HGCABDdf]|\r\n|\r|\n|\x1b\[[\d;:]*m|\x1b\[\d*[LM]|\x1b\[\d*[KJ]|\x1b\[[^a-zA-Z]*[a-zA-Z]|\x1b[^[]|[^\x1b\r\n]+/gy;

/** Bytes of `output` by kind. */
export function classifyBytes(output) {
  const kinds = { text: 0, cursor: 0, sgr: 0, lineMoves: 0, erase: 0, sync: 0, other: 0 };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(output); match; match = TOKEN.exec(output)) {
    const token = match[0];
    const bytes = Buffer.byteLength(token);
    if (!token.startsWith('\x1b') && !/^[\r\n]/.test(token)) kinds.text += bytes;
    else if (token.startsWith('\x1b[?2026')) kinds.sync += bytes;
    else if (/^(\x1b\[[\d;]*[HGCABDdf]|\r\n|\r|\n)$/.test(token)) kinds.cursor += bytes;
    else if (/^\x1b\[[\d;:]*m$/.test(token)) kinds.sgr += bytes;
    else if (/^\x1b\[\d*[LM]$/.test(token)) kinds.lineMoves += bytes;
    else if (/^\x1b\[\d*[KJ]$/.test(token)) kinds.erase += bytes;
    else kinds.other += bytes;
  }
  return kinds;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 60);
  const cli = process.argv[3] ? resolve(process.argv[3]) : resolve(import.meta.dirname, '../dist/cli.js');
  const host = await startFleetHost();
  const { sources } = await host.call('demo', 200);
  const config = writeConfig(sources, { interval: '2s', limit: 200, timeout: '30s' });
  const session = startSession(process.execPath, [cli, `--config=${config}`], { env: { NODE_ENV: 'production' } });
  const sent = [];
  session.child.onData((data) => sent.push({ at: Date.now(), data }));
  try {
    await session.until((text) => (text.match(/ OK /g) ?? []).length >= 5);
    await sleep(5000);
    const from = Date.now();
    await sleep(seconds * 1000);
    const to = Date.now();
    const output = sent
      .filter((chunk) => chunk.at >= from && chunk.at < to)
      .map((chunk) => chunk.data)
      .join('');
    const kinds = classifyBytes(output);
    const total = Object.values(kinds).reduce((sum, bytes) => sum + bytes, 0);
    const perSecond = (bytes) => (bytes / ((to - from) / 1000)).toFixed(1);
    console.log(`${cli}: ${perSecond(total)} B/s over ${seconds} s (${total} bytes)`);
    for (const [kind, bytes] of Object.entries(kinds))
      console.log(`  ${kind.padEnd(10)} ${perSecond(bytes).padStart(7)} B/s  ${((bytes / total) * 100).toFixed(1)} %`);
  } finally {
    await session.stop();
    await host.call('close');
    await host.stop();
  }
}
