// `npm run screenshots`: runs the built jobtop against its embedded demo fleet in a real
// pseudo-terminal (node-pty, emulated by @xterm/headless), and writes what the screen shows —
// characters, colours and attributes, cell by cell — as SVG images into docs/images/.
// Run `npm run build` first (the npm script does).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI, startSession } from '../bench/pty-session.mjs';

const OUT = resolve(import.meta.dirname, '../docs/images');
const COLS = 100;
const ROWS = 30;
const CELL_W = 8.4;
const CELL_H = 17;
const FONT_SIZE = 14;
const PAD = 12;

// A dark terminal theme for the 16 ANSI colours; 16–255 follow xterm's cube and grey ramp.
const ANSI = [
  '#1e1e1e',
  '#e05561',
  '#8cc265',
  '#d18f52',
  '#4aa5f0',
  '#c162de',
  '#42b3c2',
  '#d7dae0',
  '#5c6370',
  '#ff616e',
  '#a5e075',
  '#f0a45d',
  '#4dc4ff',
  '#de73ff',
  '#4cd1e0',
  '#ffffff',
];
const BACKGROUND = '#1e1e1e';
const FOREGROUND = '#d7dae0';

function paletteColor(index) {
  if (index < 16) return ANSI[index];
  if (index < 232) {
    const n = index - 16;
    const level = (v) => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
  }
  const grey = 8 + (index - 232) * 10;
  return rgb(grey, grey, grey);
}

function rgb(r, g, b) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function colorOf(cell, which) {
  const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return null;
  const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const isRgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  return isRgb ? rgb((value >> 16) & 255, (value >> 8) & 255, value & 255) : paletteColor(value);
}

function escapeXml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The screen as SVG: one rect per run of background colour, one text per run of style. */
function toSvg(terminal, title) {
  const buffer = terminal.buffer.active;
  const parts = [];
  const cell = buffer.getNullCell();
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    if (!line) continue;
    let run = null;
    const flush = () => {
      if (!run) return;
      const x = PAD + run.col * CELL_W;
      const y = PAD + row * CELL_H;
      if (run.bg)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${(run.cells * CELL_W).toFixed(1)}" height="${CELL_H}" fill="${run.bg}"/>`,
        );
      if (run.text.trim() !== '') {
        const attributes = [`x="${x.toFixed(1)}"`, `y="${y + CELL_H - 4}"`];
        if (run.fg) attributes.push(`fill="${run.fg}"`);
        if (run.bold) attributes.push('font-weight="bold"');
        if (run.dim) attributes.push('opacity="0.6"');
        if (run.italic) attributes.push('font-style="italic"');
        if (run.underline) attributes.push('text-decoration="underline"');
        attributes.push(`textLength="${(run.cells * CELL_W).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"');
        parts.push(`<text ${attributes.join(' ')}>${escapeXml(run.text)}</text>`);
      }
      run = null;
    };
    for (let col = 0; col < terminal.cols; col++) {
      line.getCell(col, cell);
      const width = cell.getWidth();
      if (width === 0) continue; // the second half of a wide character
      let fg = colorOf(cell, 'fg');
      let bg = colorOf(cell, 'bg');
      if (cell.isInverse()) [fg, bg] = [bg ?? BACKGROUND, fg ?? FOREGROUND];
      const style = {
        fg,
        bg,
        bold: Boolean(cell.isBold()),
        dim: Boolean(cell.isDim()),
        italic: Boolean(cell.isItalic()),
        underline: Boolean(cell.isUnderline()),
      };
      const key = JSON.stringify(style);
      // why: a wide character gets its own run, so every run's cells and characters line up.
      if (!run || run.key !== key || width > 1 || run.wide) {
        flush();
        run = { ...style, key, col, cells: 0, text: '', wide: width > 1 };
      }
      run.text += cell.getChars() || ' ';
      run.cells += width;
    }
    flush();
  }
  const width = PAD * 2 + terminal.cols * CELL_W;
  const height = PAD * 2 + terminal.rows * CELL_H;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height}" viewBox="0 0 ${width.toFixed(1)} ${height}" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<rect width="100%" height="100%" rx="6" fill="${BACKGROUND}"/>
<g font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', ui-monospace, monospace" font-size="${FONT_SIZE}" fill="${FOREGROUND}" xml:space="preserve">
${parts.join('\n')}
</g>
</svg>
`;
}

const LIVE = (screen) => (screen.match(/\bOK\b/g) ?? []).length >= 5;

const session = startSession(process.execPath, [CLI, '--demo'], { cols: COLS, rows: ROWS });
try {
  mkdirSync(OUT, { recursive: true });
  const shots = [];
  await session.until(LIVE);
  // why: let the first poll rounds settle (progress bars, ages) so the picture is a steady frame.
  await session.until(() => true);
  shots.push([
    'main.svg',
    'jobtop: the merged job list of the demo fleet',
    toSvg(session.terminal, 'jobtop: the merged job list of the demo fleet'),
  ]);
  await session.press('\r', (screen) => screen.includes('Overview') && !screen.includes('loading detail'));
  shots.push(['detail.svg', 'jobtop: one job in detail', toSvg(session.terminal, 'jobtop: one job in detail')]);
  await session.press('\x1b', (screen) => !screen.includes('Overview'));
  await session.press('?', (screen) => /show all keys|close help|Esc close {2}j\/k scroll/.test(screen));
  shots.push([
    'help.svg',
    'jobtop: the help overlay with every key',
    toSvg(session.terminal, 'jobtop: the help overlay with every key'),
  ]);
  for (const [name, , svg] of shots) {
    writeFileSync(join(OUT, name), svg);
    console.log(`docs/images/${name}`);
  }
} finally {
  await session.stop();
}
