/**
 * Screen geometry shared by the reducer (page sizes, scroll bounds) and the views, so
 * both agree on how many lines each part gets. The frame is at most rows-1 lines: a frame
 * as tall as the terminal makes Ink clear the screen and scrollback on every update.
 */

/** Terminal size in cells. */
export interface Viewport {
  columns: number;
  rows: number;
}

/** Used when stdout reports no size (ink-testing-library has 100 columns and no rows). */
export const DEFAULT_VIEWPORT: Viewport = { columns: 100, rows: 30 };

/** Narrowest cell of the compact source-health area. */
export const MIN_SOURCE_CELL = 36;

/** Lines the frame may use. */
export function frameHeight(viewport: Viewport): number {
  return Math.max(1, viewport.rows - 1);
}

/** Which parts of the main screen are shown and how tall the table body is. */
export interface MainLayout {
  title: boolean;
  /** Lines of the source-health area and how many source cells share a line. */
  sourceLines: number;
  perLine: number;
  counts: boolean;
  tableHeader: boolean;
  footer: boolean;
  body: number;
}

/** Lays out the main screen; small terminals drop counts, then title, sources and table header. */
export function mainLayout(viewport: Viewport, sourceCount: number, perSource: boolean): MainLayout {
  const height = frameHeight(viewport);
  const perLine = perSource ? 1 : Math.max(1, Math.floor(viewport.columns / MIN_SOURCE_CELL));
  const wanted = sourceCount === 0 ? 0 : Math.ceil(sourceCount / perLine);
  const cap = Math.max(1, Math.floor((height - 4) / 3));
  const layout: MainLayout = {
    title: true,
    sourceLines: Math.min(wanted, cap),
    perLine,
    counts: true,
    tableHeader: true,
    footer: height >= 2,
    body: 0,
  };
  const chrome = () =>
    Number(layout.title) +
    layout.sourceLines +
    Number(layout.counts) +
    Number(layout.tableHeader) +
    Number(layout.footer);
  if (height - chrome() < 1) layout.counts = false;
  if (height - chrome() < 1) layout.title = false;
  if (height - chrome() < 1) layout.sourceLines = 0;
  if (height - chrome() < 1) layout.tableHeader = false;
  layout.body = Math.max(1, height - chrome());
  return layout;
}

/** Which parts of the detail screen are shown and how tall its body is. */
export interface DetailLayout {
  title: boolean;
  tabs: boolean;
  status: boolean;
  footer: boolean;
  body: number;
}

/** Lays out the detail screen: title, tabs, status line, body, footer. */
export function detailLayout(viewport: Viewport): DetailLayout {
  const height = frameHeight(viewport);
  const layout: DetailLayout = { title: true, tabs: true, status: true, footer: height >= 2, body: 0 };
  const chrome = () => Number(layout.title) + Number(layout.tabs) + Number(layout.status) + Number(layout.footer);
  if (height - chrome() < 1) layout.status = false;
  if (height - chrome() < 1) layout.title = false;
  if (height - chrome() < 1) layout.tabs = false;
  layout.body = Math.max(1, height - chrome());
  return layout;
}

/** Body lines of the help overlay (title and footer around it). */
export function helpBodyHeight(viewport: Viewport): number {
  return Math.max(1, frameHeight(viewport) - 2);
}

/** First visible line so that `index` stays inside a window of `height`, moving the window as little as possible. */
export function windowTop(previousTop: number, index: number, height: number, count: number): number {
  const maxTop = Math.max(0, count - height);
  let top = Math.min(Math.max(0, previousTop), maxTop);
  if (index < 0) return top;
  if (index < top) top = index;
  if (index >= top + height) top = index - height + 1;
  return Math.min(Math.max(0, top), maxTop);
}

/** Clamps a scroll offset of a pager to its content. */
export function clampTop(top: number, height: number, count: number): number {
  return Math.min(Math.max(0, top), Math.max(0, count - height));
}

/** What the main screen shows above an overlay of `overlay` lines: title, then the table, then counts and source health. */
export function mainLayoutWithOverlay(
  viewport: Viewport,
  sourceCount: number,
  perSource: boolean,
  overlay: number,
): MainLayout {
  const layout = mainLayout(viewport, sourceCount, perSource);
  if (overlay === 0) return layout;
  let avail = frameHeight(viewport) - Number(layout.footer) - overlay;
  const title = layout.title && avail >= 1;
  avail -= Number(title);
  const tableMin = Math.min(2, Math.max(0, avail));
  const counts = layout.counts && avail - tableMin >= 1;
  avail -= Number(counts);
  const sourceLines = Math.min(layout.sourceLines, Math.max(0, avail - tableMin));
  avail -= sourceLines;
  const tableHeader = layout.tableHeader && avail >= 2;
  return { ...layout, title, counts, sourceLines, tableHeader, body: Math.max(0, avail - Number(tableHeader)) };
}

/** What the detail screen shows above an overlay: the title first, then its body, then status and tabs. */
export function detailLayoutWithOverlay(viewport: Viewport, overlay: number): DetailLayout {
  const layout = detailLayout(viewport);
  if (overlay === 0) return layout;
  let avail = frameHeight(viewport) - Number(layout.footer) - overlay;
  const title = layout.title && avail >= 1;
  avail -= Number(title);
  const tabs = layout.tabs && avail >= 3;
  avail -= Number(tabs);
  const status = layout.status && avail >= 2;
  avail -= Number(status);
  return { ...layout, title, tabs, status, body: Math.max(0, avail) };
}
