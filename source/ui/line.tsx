/**
 * The one rendering primitive: a line is a list of styled segments rendered as ONE <Text>
 * with nested <Text> cells (architecture.md: one Text per row). Builders fit segments to the
 * width with display-width arithmetic, so Ink never wraps and the frame height is exact.
 */
import { createContext, memo, useContext } from 'react';
import { Text } from 'ink';
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
  return segments.map((segment) => ({ ...segment, ...style }));
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
