/**
 * A line of a detail tab: what to draw, plus what keys act on (a job link, searchable text,
 * a tree node). Builders return these; the reducer counts them, the views draw a window.
 */
import type { LineSegments } from '../line.js';
import type { TreeNodeLine } from './json-tree.js';

/** One line of tab content. */
export interface ContentLine {
  segments: LineSegments;
  /** A job key Enter opens (Overview: parent and children). */
  link?: string;
  /** The searchable text; when present it is the last segment (Messages tab). */
  text?: string;
  /** The tree node this line draws (Result tab). */
  node?: TreeNodeLine;
}
