/** What an Alteryx source can show and do. */
import type { SourceCapabilities } from '../contract.js';
import { cancelSpec } from './actions.js';

/** The Alteryx source's capabilities: detail, messages, outputs and cancel; no steps or result. */
export const ALTERYX_CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: false,
  messages: true,
  result: false,
  // why: `pagination.totalItems` is a vendor-side total beyond the fetched pages (no per-state counts).
  stats: true,
  actions: { cancel: cancelSpec() },
  missing: {
    steps: 'Alteryx Server has no per-job steps; the engine messages name the tools instead',
    result: 'Alteryx jobs have no result value; the files they wrote are listed as outputs',
  },
};
