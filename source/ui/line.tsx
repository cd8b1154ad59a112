/**
 * The one rendering primitive: a line is a list of styled segments rendered as ONE <Text>
 * with nested <Text> cells (one Text per row; rows are React.memo: docs/performance.md). Builders fit segments to the
 * width with display-width arithmetic, so Ink never wraps and the frame height is exact.
 */
import { createContext, memo, useContext, type ReactElement, type ReactNode } from 'react';
import { Text } from 'ink';
import chalk from 'chalk';
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize } from '@alcalzone/ansi-tokenize';
import { displayWidth, truncateToWidth } from '../domain/text-width.js';

/** A run of text with one style; `text` must already be sanitized. */
export interface Segment {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** One screen line. */
export type LineSegments = readonly Segment[];

/** Style of a segment without its text. */
export type SegmentStyle = Omit<Segment, 'text'>;

/** True when colours are off (NO_COLOR); provided once by the App. */
export const NoColorContext = createContext(false);

/** Builds a segment. */
export function seg(text: string, style: SegmentStyle = {}): Segment {
  return { text, ...style };
}

/** Cells the segments occupy. */
export function lineWidth(segments: LineSegments): number {
  let width = 0;
  for (const segment of segments) width += displayWidth(segment.text);
  return width;
}

/** Cuts segments to at most `width` cells; with `padStyle`, pads to exactly `width` with that style. */
export function fitLine(segments: LineSegments, width: number, padStyle?: SegmentStyle): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    if (used >= width) break;
    const cells = displayWidth(segment.text);
    if (used + cells <= width) {
      out.push(segment);
      used += cells;
    } else {
      const cut = truncateToWidth(segment.text, width - used);
      out.push({ ...segment, text: cut });
      used += displayWidth(cut);
      break;
    }
  }
  if (padStyle && used < width) out.push({ ...padStyle, text: ' '.repeat(width - used) });
  return out;
}

/** Applies `style` on top of every segment (e.g. inverse for the selected row). */
export function restyle(segments: LineSegments, style: SegmentStyle): Segment[] {
  const out = new Array<Segment>(segments.length);
  for (let index = 0; index < segments.length; index++) out[index] = restyled(segments[index], style);
  return out;
}

/**
 * `{ ...segment, ...style }` as one literal: every restyled segment has the same six fields.
 * why: on Node 20's V8 a spread whose site has seen many shapes (megamorphic) followed by more
 * properties gives each object a map of its own; optimised code that meets those maps is
 * deoptimised, and compiled again, when they die (docs/performance.md "Session 6: steady-state
 * compiling").
 */
function restyled(segment: Segment, style: SegmentStyle): Segment {
  return {
    text: segment.text,
    color: 'color' in style ? style.color : segment.color,
    bold: 'bold' in style ? style.bold : segment.bold,
    dim: 'dim' in style ? style.dim : segment.dim,
    inverse: 'inverse' in style ? style.inverse : segment.inverse,
    underline: 'underline' in style ? style.underline : segment.underline,
  };
}

/**
 * Where finished lines go instead of Ink's layout (the diff writer's finished rows,
 * source/terminal/finished-rows.ts): `intern` returns the short placeholder Ink draws for a line.
 * Absent (null) when Ink's own output reaches the terminal (JOBTOP_RENDERER=full, tests).
 */
export interface FinishedLines {
  intern(text: string): string;
}

/** Provided by the TUI when the diff writer is on. */
export const FinishedLinesContext = createContext<FinishedLines | null>(null);

/** Narrower than this, lines are drawn by Ink (a placeholder takes 6 cells). */
export const FINISHED_MIN_WIDTH = 8;

// why: the same colour rules as Ink's colorize (ink/build/colorize.js), so a finished line shows
// exactly what <Line> would; jobtop's theme uses named colours, the rest are Ink's other forms.
function colorize(text: string, color: string): string {
  if (color in chalk) return (chalk[color as 'red'] as (value: string) => string)(text);
  if (color.startsWith('#')) return chalk.hex(color)(text);
  const ansi = /^ansi256\(\s?(\d+)\s?\)$/.exec(color);
  if (ansi) return chalk.ansi256(Number(ansi[1]))(text);
  const rgb = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/.exec(color);
  return rgb ? chalk.rgb(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]))(text) : text;
}

/**
 * A line as the finished string Ink writes for `<Line segments>`: each segment styled by chalk
 * in the order of Ink's Text transform (dim, colour, bold, underline, inverse), then tokenised
 * and serialised again by the same functions as Ink's Output (its SGR reordering included: Ink
 * drops a bold that follows a bold+dim run), trailing blanks trimmed as Ink trims its lines.
 * Checked cell by cell against Ink (test/terminal/diff-writer.property.test.ts).
 *
 * why: styling and serialising every character of a changed row was most of a row's render; the
 * escapes Ink writes depend only on the segments' styles, not their text (chalk wraps a text
 * without escapes or newlines as open + text + close, and the serialiser writes escapes only
 * where a style changes). So a line's escapes are serialised once per sequence of styles, with
 * one stand-in character per segment, and the texts are put between them.
 */
export function finishedLine(segments: LineSegments, noColor: boolean): string {
  let key = `${noColor ? 1 : 0}${chalk.level}`;
  for (const segment of segments) {
    if (segment.text === '') continue;
    // why: a text the styling or the tokeniser would treat specially takes the full path.
    if (SPECIAL.test(segment.text)) return finishedLineDirect(segments, noColor);
    key += `\u0000${segment.color ?? ''}\u0001${segment.bold ? 1 : 0}${segment.dim ? 1 : 0}${segment.inverse ? 1 : 0}${segment.underline ? 1 : 0}`;
  }
  let escapes = escapesByStyles.get(key);
  if (escapes === undefined) {
    const skeleton = segments
      .filter((segment) => segment.text !== '')
      .map((segment) => ({ ...segment, text: STAND_IN }));
    escapes = serializeLikeInk(styledText(skeleton, noColor)).split(STAND_IN);
    if (escapesByStyles.size >= FINISHED_CACHE_LIMIT) escapesByStyles.clear();
    escapesByStyles.set(key, escapes);
  }
  let out = escapes[0];
  let index = 1;
  for (const segment of segments) {
    if (segment.text === '') continue;
    out += segment.text + escapes[index++];
  }
  return out.trimEnd();
}

// A private-use character: not an escape, one cell, and never in a segment's text (SPECIAL).
const STAND_IN = '\uf8ff';
// Escapes, C1 controls and newlines: what chalk and the tokeniser treat specially.
const SPECIAL = /[\u001b\u009b\n\r\uf8ff]/;
const escapesByStyles = new Map<string, string[]>();

/** The segments styled by chalk in the order of Ink's Text transform (dim, colour, bold, underline, inverse). */
function styledText(segments: LineSegments, noColor: boolean): string {
  let out = '';
  for (const segment of segments) {
    let text = segment.text;
    if (text === '') continue;
    if (segment.dim && !noColor) text = chalk.dim(text);
    if (segment.color && !noColor) text = colorize(text, segment.color);
    if (segment.bold) text = chalk.bold(text);
    if (segment.underline) text = chalk.underline(text);
    if (segment.inverse) text = chalk.inverse(text);
    out += text;
  }
  return out;
}

/** finishedLine the direct way, every character styled and serialised (the reference its tests compare with). */
export function finishedLineDirect(segments: LineSegments, noColor: boolean): string {
  return serializeLikeInk(styledText(segments, noColor)).trimEnd();
}

type AnsiCodes = ReturnType<typeof reduceAnsiCodesIncremental>;

/**
 * What Ink's serialiser (`styledCharsToString(styledCharsFromTokens(tokenize(text)))`, its
 * `Output.get`) makes of `text`, byte for byte, without a style array and a style diff per
 * character. why: that per-character work was ~0.1 ms a row warm and several times that cold,
 * most of the first frame's row building; the style can change only where an escape is.
 */
export function serializeLikeInk(text: string): string {
  let active: AnsiCodes = [];
  let written: AnsiCodes | undefined; // the style of the last character written
  let changed = false;
  let out = '';
  for (const token of tokenize(text)) {
    if (token.type === 'ansi') {
      active = reduceAnsiCodesIncremental(active, [token]);
      changed = true;
    } else if (token.type === 'char') {
      if (written === undefined) out += ansiCodesToString(active);
      else if (changed) out += ansiCodesToString(diffAnsiCodes(written, active));
      written = active;
      changed = false;
      out += token.value;
    }
  }
  return written === undefined ? out : out + ansiCodesToString(diffAnsiCodes(written, []));
}

// why: chrome lines are rebuilt as new segment arrays on every render but rarely change; their
// finished strings are kept by content so an unchanged line costs a key, not a tokenise.
const finishedByContent = new Map<string, { text: string; cells: number }>();
const FINISHED_CACHE_LIMIT = 512;

function cachedFinishedLine(segments: LineSegments, noColor: boolean): { text: string; cells: number } {
  let key = finishedStyleKey(noColor);
  for (const segment of segments)
    key += `\u0000${segment.color ?? ''}\u0001${segment.bold ? 1 : 0}${segment.dim ? 1 : 0}${segment.inverse ? 1 : 0}${segment.underline ? 1 : 0}\u0001${segment.text}`;
  let line = finishedByContent.get(key);
  if (line === undefined) {
    line = { text: finishedLine(segments, noColor), cells: lineWidth(segments) };
    if (finishedByContent.size >= FINISHED_CACHE_LIMIT) finishedByContent.clear();
    finishedByContent.set(key, line);
  }
  return line;
}

/**
 * The finished string of a line fitted to `width` cells, when the diff writer takes finished
 * lines (`finished` non-null); null when Ink must draw it: no diff writer, a screen narrower than
 * a placeholder, or a line wider than `width` (Ink truncates it).
 */
export function fittedFinished(
  finished: FinishedLines | null,
  segments: LineSegments,
  width: number,
  noColor: boolean,
): string | null {
  if (!finished || width < FINISHED_MIN_WIDTH) return null;
  // why: <Line> of segments whose texts are all empty is an empty Ink text, which takes no row.
  if (segments.length > 0 && allEmpty(segments)) return null;
  const line = cachedFinishedLine(segments, noColor);
  return line.cells > width ? null : line.text;
}

function allEmpty(segments: LineSegments): boolean {
  for (const segment of segments) if (segment.text !== '') return false;
  return true;
}

/** What a finished line depends on besides its segments (NO_COLOR and chalk's colour level), for caches of finished lines. */
export function finishedStyleKey(noColor: boolean): string {
  return `${noColor ? 1 : 0}${chalk.level}`;
}

/**
 * Finished lines, each drawn by Ink as a text of its placeholder (FinishedLinesContext must be
 * non-null). why not one Ink text for all of them: Ink keeps the size of every text it measured,
 * by its content, for the life of the process; a joined text is new whenever any of its lines
 * changes, while a placeholder comes from a small recycled set (finished-rows.ts).
 */
export function FinishedText({ lines }: { lines: readonly string[] }) {
  const finished = useContext(FinishedLinesContext);
  if (!finished) throw new Error('FinishedText needs FinishedLinesContext');
  const texts: ReactElement[] = [];
  for (let index = 0; index < lines.length; index++)
    texts.push(<Text key={index}>{finished.intern(lines[index])}</Text>);
  return <>{texts}</>;
}

/**
 * Lines already fitted to `width` cells: drawn as finished lines (FinishedText) when the diff
 * writer takes them (FinishedLinesContext); a line wider than
 * `width` goes to Ink, which truncates it, and so does every line without the diff writer.
 */
export function FittedLines({ lines, width }: { lines: readonly LineSegments[]; width: number }) {
  const finished = useContext(FinishedLinesContext);
  const noColor = useContext(NoColorContext);
  const parts: ReactNode[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 0) parts.push(<FinishedText key={parts.length} lines={run} />);
    run = [];
  };
  for (const segments of lines) {
    const text = fittedFinished(finished, segments, width, noColor);
    if (text !== null) run.push(text);
    else {
      endRun();
      parts.push(<Line key={parts.length} segments={segments} />);
    }
  }
  endRun();
  return <>{parts}</>;
}

/** One line fitted to `width` cells (FittedLines with one line). */
export function FittedLine({ segments, width }: { segments: LineSegments; width: number }) {
  return <FittedLines lines={[segments]} width={width} />;
}

/** Renders one line; blank lines render as a space so Ink keeps their height. */
export const Line = memo(function Line({ segments }: { segments: LineSegments }) {
  const noColor = useContext(NoColorContext);
  if (segments.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {segments.map((segment, index) => (
        <Text
          key={index}
          color={noColor ? undefined : segment.color}
          bold={segment.bold}
          dimColor={noColor ? undefined : segment.dim}
          inverse={segment.inverse}
          underline={segment.underline}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
});

/** Renders a list of lines, one per row, keyed by position. */
export function Lines({ lines }: { lines: readonly LineSegments[] }) {
  return (
    <>
      {lines.map((segments, index) => (
        <Line key={index} segments={segments} />
      ))}
    </>
  );
}
