/** Fixed values of the MCRIT demo server: its credentials, version, queue settings and malware families. */

/** The `apitoken` the demo server accepts (MCRIT's `AUTH_TOKEN`), used by `sourceConfig`. */
export const MCRIT_DEMO_TOKEN = 'mcrit-demo-token-5e0f2c9a';

/** The MCRIT version the demo server reports. */
export const MCRIT_DEMO_VERSION = '1.4.3';

/** QUEUE_MAX_ATTEMPTS default. */
export const MAX_ATTEMPTS = 3;

/** How often a running job reports progress (`progressor()`), in ms. */
export const REPORT_EVERY_MS = 1_000;

/** How far back the seeded history reaches, in ms. */
export const HISTORY_MS = 2 * 60 * 60 * 1000;

/** The malware families the demo's samples and results belong to. */
export const FAMILIES = [
  'win.citadel',
  'win.dridex',
  'win.vmzeus',
  'win.emotet',
  'win.qakbot',
  'win.trickbot',
  'elf.mirai',
  'win.cobalt_strike',
  'win.icedid',
  'win.raccoon',
];
