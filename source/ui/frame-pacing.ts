/**
 * How often Ink may draw the TUI: every commit at once, with no frame-rate cap (Ink's `maxFps`).
 *
 * why: Ink's cap is a debounce, not a pure throttle (ink/build/ink.js: es-toolkit's throttle
 * with leading and trailing edges): a commit within 1000 / maxFps ms of the last frame waits for
 * the timer, and every further commit in that window moves the timer again. A key pressed just
 * after a poll round's frame (one to three a second) waited up to 17 ms at 60 fps, and an opened
 * job up to ~30 ms behind the detail's own follow-up commits. jobtop needs no cap: the store
 * publishes poll results coalesced (store/fleet-store.ts), the clock draws only when shown text
 * changes (screen-clock.ts), and a frame is cheap (finished rows; docs/performance.md).
 */
export const INK_MAX_FPS = 0;
