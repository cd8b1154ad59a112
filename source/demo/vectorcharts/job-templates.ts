/** How each VectorCharts job type behaves (steps, timings, outputs, failures) and how often it arrives. */
import { pick, randomHex } from '../kit.js';

/** How one job type behaves: its steps, timings, outputs and failures. */
export interface JobTemplate {
  jobType: string;
  /** System-wide maintenance jobs have no account. */
  system: boolean;
  priority: number;
  steps: readonly string[];
  stepSeconds: readonly [number, number];
  parameters(random: () => number): Record<string, unknown>;
  result(random: () => number, parameters: Record<string, unknown>): Record<string, unknown> | null;
  failures: readonly string[];
  /** An upload spawns ingestion children when this step completes. */
  spawnsAfter?: string;
}

/** ENC cell names an upload's ingestion children are given. */
export const CELLS = [
  'US5CA52M',
  'US4CA11M',
  'US5WA22M',
  'US3EC10M',
  'US5NY1CM',
  'US4FL31M',
  'US5TX51M',
  'US5MA1SK',
  'US4AK5HM',
  'US5LA13M',
];
const UPLOAD_FILES = [
  'ENC_ROOT.zip',
  'harbor-survey-2024.zip',
  'US5CA52M.zip',
  'custom-encs-q3.zip',
  'pilot-charts.zip',
];
/** Errors of a step attempt that fails and is retried. */
export const TRANSIENT_ERRORS = [
  'ETIMEDOUT connecting to charts.noaa.gov:443',
  'database connection reset by peer',
  'worker lost heartbeat; step rescheduled',
];
/** Warnings a succeeding step may log. */
export const WARNINGS = [
  'Cell has no update files; using the base edition',
  'Skipped 3 features with invalid geometry',
  'Tile cache is above 80% of its volume',
];

/** A system-wide maintenance job: no account, no parameters, priority 0. */
function maintenance(
  jobType: string,
  fields: Pick<JobTemplate, 'steps' | 'stepSeconds' | 'result' | 'failures'>,
): JobTemplate {
  return { jobType, system: true, priority: 0, parameters: () => ({}), ...fields };
}

const TEMPLATE_LIST: readonly JobTemplate[] = [
  maintenance('refresh-public-charts', {
    steps: ['step_download_noaa', 'step_diff_catalog', 'step_index_noaa', 'step_publish_tiles'],
    stepSeconds: [8, 45],
    result: (random) => ({
      cellsAdded: Math.floor(random() * 12),
      cellsUpdated: Math.floor(random() * 240),
      cellsRemoved: Math.floor(random() * 4),
    }),
    failures: [
      'NOAA ENC catalog download failed: HTTP 503 from charts.noaa.gov',
      'ENC_ROOT/CATALOG.031 checksum mismatch',
    ],
  }),
  maintenance('clear-tiles', {
    steps: ['step_clear_tile_cache'],
    stepSeconds: [4, 20],
    result: (random) => ({ tilesDeleted: Math.floor(random() * 2_000_000) }),
    failures: ['tile cache volume /var/lib/vectorcharts/tiles is read-only'],
  }),
  maintenance('vacuum-analyze', {
    steps: ['step_vacuum', 'step_analyze'],
    stepSeconds: [6, 30],
    result: (random) => ({ tablesProcessed: 18 + Math.floor(random() * 6) }),
    failures: ['canceling statement due to lock timeout on relation "chart_features"'],
  }),
  {
    jobType: 'index-custom-encs',
    system: false,
    priority: 0,
    steps: ['step_scan_encs', 'step_index_encs'],
    stepSeconds: [5, 25],
    parameters: (random) => ({ datasetId: `ds_${randomHex(random, 8)}` }),
    result: (random) => ({ cellsIndexed: 1 + Math.floor(random() * 40) }),
    failures: ['no S-57 base cells (*.000) found in the dataset'],
  },
  {
    jobType: 'process-chart-upload',
    system: false,
    priority: 5,
    steps: ['step_receive_upload', 'step_unpack_archive', 'step_validate_cells', 'step_spawn_ingestion'],
    stepSeconds: [2, 10],
    parameters: (random) => ({
      uploadId: `upl_${randomHex(random, 10)}`,
      fileName: pick(random, UPLOAD_FILES),
      sizeBytes: 200_000 + Math.floor(random() * 80_000_000),
    }),
    result: () => null,
    failures: ['archive is corrupt: unexpected end of central directory', 'upload contains no ENC cells'],
    spawnsAfter: 'step_spawn_ingestion',
  },
  {
    jobType: 'ingest-enc-cell',
    system: false,
    priority: 5,
    steps: ['step_parse_s57', 'step_build_tiles', 'step_index_features'],
    stepSeconds: [5, 25],
    parameters: () => ({}),
    result: (random) => ({
      featuresIndexed: 500 + Math.floor(random() * 20_000),
      tilesBuilt: 100 + Math.floor(random() * 5000),
    }),
    failures: [
      'S-57 parse error: unexpected end of record at offset 48213',
      'cell is encrypted (S-63); no permit installed',
    ],
  },
];

/** Every job type's template, by job type. */
export const TEMPLATES: Record<string, JobTemplate> = Object.fromEntries(
  TEMPLATE_LIST.map((template) => [template.jobType, template]),
);

/** Top-level job types arriving over time, weighted (ingestion jobs only come from uploads). */
const ARRIVAL_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['process-chart-upload', 4],
  ['index-custom-encs', 2],
  ['refresh-public-charts', 2],
  ['clear-tiles', 1],
  ['vacuum-analyze', 1],
];

/** The type of the next arriving job, drawn by ARRIVAL_WEIGHTS. */
export function weightedType(random: () => number): string {
  const total = ARRIVAL_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [jobType, weight] of ARRIVAL_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return jobType;
  }
  return ARRIVAL_WEIGHTS[0][0];
}

/** The progress note a step logs half way through. */
export function stepNote(random: () => number, stepName: string): string {
  const total = 40 + Math.floor(random() * 400);
  const done = Math.floor(total / 2);
  if (stepName === 'step_download_noaa') return `Downloaded ${done} of ${total} ENC cells from charts.noaa.gov`;
  if (stepName === 'step_build_tiles') return `Rendered ${done * 37} tiles for zoom levels 8-16`;
  if (stepName === 'step_vacuum')
    return `Vacuumed ${Math.floor(done / 20) + 1} of ${Math.floor(total / 20) + 2} tables`;
  if (stepName.startsWith('step_index')) return `Indexed ${done * 113} features`;
  if (stepName === 'step_receive_upload') return `Received ${done} of ${total} chunks`;
  if (stepName === 'step_unpack_archive') return `Unpacked ${done} of ${total} files`;
  if (stepName === 'step_validate_cells' || stepName === 'step_scan_encs')
    return `Checked ${Math.floor(done / 10) + 1} of ${Math.floor(total / 10) + 2} cells`;
  if (stepName === 'step_parse_s57') return `Parsed ${done * 50} of ${total * 50} S-57 records`;
  return `${stepName}: ${done} of ${total} items processed`;
}
