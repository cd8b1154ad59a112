/**
 * What each detail tab shows for the opened job, as content lines: the builders' output,
 * or one sentence when the source cannot fill the tab (never a blank pane). Shared by the
 * reducer (line counts, links, matches) and the view (drawing); cached per data and width.
 */
import type { Job, JobDetail } from '../../domain/job.js';
import { VENDOR_NAMES, parseJobKey } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { describeTooLargeResult, formatAge, formatCount } from '../../domain/format.js';
import type { DetailProvenance } from '../../domain/detail-model.js';
import { sourceStaleness, staleSentence } from '../staleness.js';
import type { SourceSnapshot } from '../../store/types.js';
import { seg } from '../line.js';
import type { DetailTab, NavigationState } from '../navigation-state.js';
import { childKeys, jobTriageFlags, detailJob, detailKey, detailPayload, detailSource, jobsByKey } from '../select.js';
import type { ContentLine } from './content-line.js';
import { flattenTree, type TreeNodeLine } from './json-tree.js';
import { messageLines } from './message-lines.js';
import { overviewLines } from './overview-lines.js';
import { describeTriage } from '../../domain/triage.js';
import { rawLines } from './raw-lines.js';
import { stepsLines } from './steps-lines.js';
import { wrapText } from './wrap.js';

const cache = new WeakMap<object, Map<string, ContentLine[]>>();

function cached(owner: unknown, signature: string, build: () => ContentLine[]): ContentLine[] {
  if (owner === null || (typeof owner !== 'object' && typeof owner !== 'function')) return build();
  let entries = cache.get(owner);
  if (!entries) cache.set(owner, (entries = new Map<string, ContentLine[]>()));
  let lines = entries.get(signature);
  if (!lines) {
    if (entries.size > 8) entries.clear();
    lines = build();
    entries.set(signature, lines);
  }
  return lines;
}

function notice(text: string, width: number): ContentLine[] {
  return wrapText(sanitizeInline(text, 1000), Math.max(10, width)).map((piece) => ({
    segments: [seg(piece, { dim: true })],
  }));
}

function vendorName(job: Job | null, source: SourceSnapshot | undefined): string {
  const vendor = job?.vendor ?? source?.vendor;
  return vendor ? VENDOR_NAMES[vendor] : 'This source';
}

/**
 * "could not fetch messages: connection refused; the list record (1m04s old) has none — the Raw tab shows it as sent",
 * or with what the list record carries: "could not fetch messages: connection refused; showing the list record's 3 log lines, 1m04s old".
 */
export function couldNotFetch(
  tab: 'steps' | 'messages' | 'result',
  reason: string,
  listAt: number | null,
  now: number,
  fromList: { count: number } | null = null,
): string {
  const ageText = listAt === null ? null : `${formatAge(Math.max(0, now - listAt))} old`;
  const head = `could not fetch ${tab}: ${sanitizeInline(reason, 200)}`;
  const age = ageText === null ? '' : `, ${ageText},`;
  if (fromList && fromList.count > 0 && tab === 'result')
    return `${head}; the list record${age} carries one — the Raw tab shows it as sent.`;
  if (fromList && fromList.count > 0) {
    const what =
      tab === 'messages'
        ? `${formatCount(fromList.count)} log line${fromList.count === 1 ? '' : 's'}`
        : `${formatCount(fromList.count)} step${fromList.count === 1 ? '' : 's'}`;
    return `${head}; showing the list record's ${what}${ageText ? `, ${ageText}` : ''}`;
  }
  return `${head}; the list record${age} has no ${tab} — the Raw tab shows it as sent. This is not the vendor reporting none.`;
}

/** The tab's lines from what the last good list record carries (VectorCharts inline logs and steps), and how many items; null when it carries none. */
function listRecordLines(
  record: JobDetail | null | undefined,
  tab: 'steps' | 'messages' | 'result',
  width: number,
): { count: number; lines: ContentLine[] } | null {
  const messages = record?.messages;
  const steps = record?.steps;
  if (tab === 'messages' && messages && messages.length > 0)
    return {
      count: messages.length,
      lines: cached(messages, `messages:${width}`, () => messageLines(messages, width)),
    };
  if (tab === 'steps' && steps && steps.length > 0)
    return { count: steps.length, lines: cached(steps, `steps:${width}`, () => stepsLines(steps, width)) };
  return null;
}

function unavailable(
  state: NavigationState,
  tab: 'steps' | 'messages' | 'result',
  width: number,
  now: number,
): ContentLine[] | null {
  const source = detailSource(state);
  const job = detailJob(state);
  const vendor = vendorName(job, source);
  const capability = source?.capabilities;
  const sentences = {
    steps: `${vendor} does not report steps for its jobs.`,
    messages: `${vendor} has no per-job messages.`,
    result: `${vendor} does not return job results.`,
  };
  if (capability && !capability[tab]) return notice(capability.missing[tab] ?? sentences[tab], width);
  if (capability && !capability.detail)
    return notice(
      capability.missing[tab] ?? `${vendor} has no per-job detail endpoint, so there is nothing more to show here.`,
      width,
    );
  const snapshot = state.detail?.snapshot;
  // why: until a detail arrived, the payload is the list's record: a tab it cannot fill is "not fetched", never "the vendor has none".
  const neverFetched =
    snapshot !== null && snapshot !== undefined && snapshot.key === detailKey(state) && snapshot.lastSuccessAt === null;
  if (neverFetched && snapshot.status === 'error') {
    const reason = snapshot.error?.short ?? 'error';
    const listAt = source?.lastSuccessAt ?? null;
    const fromList = listRecordLines(snapshot.listRecord, tab, width);
    if (tab === 'result' && snapshot.listRecord?.result != null)
      return notice(couldNotFetch(tab, reason, listAt, now, { count: 1 }), width);
    if (!fromList) return notice(couldNotFetch(tab, reason, listAt, now), width);
    const sentence = notice(couldNotFetch(tab, reason, listAt, now, fromList), width);
    // why: Messages follows its last line, so the sentence goes below the lines there and stays in view.
    return tab === 'messages' ? [...fromList.lines, ...sentence] : [...sentence, ...fromList.lines];
  }
  if (neverFetched && snapshot.status === 'loading') {
    const fromList = listRecordLines(snapshot.listRecord, tab, width);
    if (!fromList) return notice(`Fetching ${tab}… (the list's record has none to show meanwhile)`, width);
    const sentence = notice(`Fetching ${tab}…; showing the list record's meanwhile.`, width);
    return tab === 'messages' ? [...fromList.lines, ...sentence] : [...sentence, ...fromList.lines];
  }
  if (detailPayload(state)) return null;
  const name = sanitizeInline(job?.source ?? parseJobKey(detailKey(state) ?? '')?.source ?? 'its source', 120);
  if (snapshot?.status === 'gone') return notice(`This job no longer exists on ${name}.`, width);
  if (snapshot?.status === 'error')
    return notice(`The detail could not be loaded: ${sanitizeInline(snapshot.error?.short ?? 'error', 200)}.`, width);
  return notice('Waiting for the job detail…', width);
}

/** Where the Overview's data comes from when it is not a fresh read: a detail that could not be fetched, or data gone stale. */
function overviewProvenance(state: NavigationState, now: number): DetailProvenance {
  const snapshot = state.detail?.snapshot;
  const source = detailSource(state);
  if (!snapshot || snapshot.key !== detailKey(state)) return {};
  if (snapshot.status === 'error' && snapshot.lastSuccessAt === null)
    return { fetchError: snapshot.error?.short ?? 'error' };
  if (snapshot.status === 'error' && snapshot.lastSuccessAt !== null)
    return {
      stale: staleSentence(
        { reason: 'failing', ageMs: Math.max(0, now - snapshot.lastSuccessAt), fetchedAt: snapshot.lastSuccessAt },
        snapshot.error?.short,
      ),
    };
  const stale = source ? sourceStaleness(source, state.fleet.paused, now) : null;
  return stale ? { stale: staleSentence(stale, source?.error?.short) } : {};
}

/** The value the Result tab browses: the result, else the outputs; undefined when there is neither. */
export function resultValue(detail: JobDetail | null): unknown {
  if (!detail) return undefined;
  if (detail.result !== undefined) return detail.result;
  if (detail.outputs && detail.outputs.length > 0) return { outputs: detail.outputs };
  return undefined;
}

/** The lines of `tab` for the opened job. `now` only changes ages, never the number of lines. */
export function tabLines(state: NavigationState, tab: DetailTab, now = 0): ContentLine[] {
  const width = state.viewport.columns;
  const job = detailJob(state);
  const detail = detailPayload(state);
  if (tab === 'overview') {
    if (!job) return notice('Waiting for the job detail…', width);
    const triage = describeTriage(
      jobTriageFlags(
        state.fleet.jobs,
        job,
        state.durations,
        now || state.now,
        state.triageOptions,
        state.fleet.actions,
      ),
      now || state.now,
    );
    return overviewLines({
      job,
      childKeys: childKeys(state.fleet.jobs, job),
      jobs: jobsByKey(state.fleet.jobs),
      now,
      width,
      provenance: overviewProvenance(state, now),
      triage,
    });
  }
  if (tab === 'raw') {
    const raw = detail?.raw ?? job?.raw;
    if (raw === undefined) return notice('The source sent no record for this job.', width);
    return cached(raw, `raw:${width}`, () => rawLines(raw, width));
  }
  // why: a source without result values (Alteryx) still lists the files a job wrote: show them here.
  const outputsOnly = tab === 'result' && (detail?.outputs?.length ?? 0) > 0;
  const missing = outputsOnly ? null : unavailable(state, tab, width, now);
  if (missing) return missing;
  const payload = detail as JobDetail;
  if (tab === 'steps') {
    if (payload.steps === null)
      return notice(`${vendorName(job, detailSource(state))} reported no steps for this job.`, width);
    if (payload.steps.length === 0) return notice('This job has no steps (yet).', width);
    return cached(payload.steps, `steps:${width}`, () => stepsLines(payload.steps ?? [], width));
  }
  if (tab === 'messages') {
    if (payload.messages === null)
      return notice(`${vendorName(job, detailSource(state))} reported no messages for this job.`, width);
    if (payload.messages.length === 0) return notice('No messages (yet).', width);
    return cached(payload.messages, `messages:${width}`, () => messageLines(payload.messages ?? [], width));
  }
  if (payload.resultTooLarge)
    return notice(`${sanitizeInline(describeTooLargeResult(payload.key, payload.resultTooLarge), 400)}.`, width);
  const value = resultValue(payload);
  if (value === undefined) return notice('This job has no result (yet).', width);
  const pane = state.detail?.result;
  const view = { toggles: pane?.toggles ?? new Map(), limits: pane?.limits ?? new Map(), width };
  return treeLines(value, view);
}

const treeCache = new WeakMap<object, { view: object; limits: object; width: number; lines: ContentLine[] }>();

function treeLines(
  value: unknown,
  view: { toggles: ReadonlyMap<string, boolean>; limits: ReadonlyMap<string, number>; width: number },
): ContentLine[] {
  const build = () => flattenTree(value, view).map((node: TreeNodeLine) => ({ segments: node.segments, node }));
  if (value === null || typeof value !== 'object') return build();
  const hit = treeCache.get(value);
  if (hit && hit.view === view.toggles && hit.limits === view.limits && hit.width === view.width) return hit.lines;
  const lines = build();
  treeCache.set(value, { view: view.toggles, limits: view.limits, width: view.width, lines });
  return lines;
}
