/**
 * The shapes of the Alteryx Server v3 simulator: its job records, the seeds tests inject,
 * its options and its test hooks, plus the internal world every part of it works on.
 */
import type { SimulatorOptions, VendorSimulator } from '../kit.js';
import type { Dice } from './dice.js';

/** Job statuses as the server reports them. */
export type AlteryxStatus = 'Created' | 'Queued' | 'Initializing' | 'Running' | 'Completed' | 'Cancelled';
/** How a job ended (`None` while it has not). */
export type AlteryxDisposition = 'None' | 'Success' | 'Warning' | 'Error' | 'Cancelled';
/** How a run ends: any disposition but `None`. */
export type AlteryxEnding = Exclude<AlteryxDisposition, 'None'>;

/** One engine message as the API returns it. */
export interface AlteryxEngineMessage {
  status: number;
  text: string;
  toolId: number;
}

/** One output file as the API returns it. */
export interface AlteryxOutputFile {
  id: string;
  availableFormats: string[];
  fileName: string;
}

/** A job held by the simulator. */
export interface AlteryxSimulatedJob {
  id: string;
  workflowId: string;
  workflowName: string;
  submittedBy: string;
  userId: string;
  /** As the list shows it: "Low".."Critical", "Default" or a numeric string. */
  priority: string;
  status: AlteryxStatus;
  disposition: AlteryxDisposition;
  /** How the run will end when it finishes on its own. */
  outcome: Exclude<AlteryxDisposition, 'None'>;
  queuedAt: number;
  /** When the current status began. */
  statusSince: number;
  /** When a worker picked it up (Initializing began); null before. */
  startedAt: number | null;
  finishedAt: number | null;
  initializingMs: number;
  runMs: number;
  messages: AlteryxEngineMessage[];
  /** Messages still to come while it runs, by offset from the start of Running. */
  script: { atMs: number; message: AlteryxEngineMessage }[];
  outputs: AlteryxOutputFile[];
  workerTag: string;
  runWithE2: boolean;
}

/** The planned engine messages of a run (AlteryxSimulatedJob['script']). */
export type ScriptEntries = AlteryxSimulatedJob['script'];

/** Fields a test may fix when injecting a job; the rest is generated. */
export interface AlteryxJobSeed {
  id?: string;
  workflowName?: string;
  submittedBy?: string;
  priority?: string;
  status?: AlteryxStatus;
  /** For Completed jobs: how it ended (default from the generator). */
  disposition?: Exclude<AlteryxDisposition, 'None'>;
  queuedAt?: number;
  startedAt?: number;
  /** Total run time of a finished job, or planned run time of an active one. */
  runMs?: number;
}

/** Simulator options beyond the shared ones. */
export interface AlteryxSimulatorOptions extends SimulatorOptions {
  /** Token lifetime in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Largest page size the server applies (default 100). */
  maxPageSize?: number;
  /**
   * Where the token endpoint takes the client credentials: `basic` (Authorization: Basic only; a
   * form-body secret gets 401 invalid_client), `form` (form body only; a Basic header gets 401),
   * or `either` (default).
   */
  tokenCredentials?: 'basic' | 'form' | 'either';
  /**
   * Every n-th job (by creation order) is a non-app workflow: listed, but `GET /v3/jobs/{id}`
   * answers 404 for it, as the docs say the detail works for app workflows only. 0 = none (default).
   */
  noDetailEvery?: number;
}

/** The simulator with its test hooks. */
export interface AlteryxSimulator extends VendorSimulator {
  /** The jobs, oldest first (live objects: do not mutate). */
  readonly jobs: readonly AlteryxSimulatedJob[];
  /** Adds a job in a chosen state (tests), returning it. */
  inject(seed?: AlteryxJobSeed): AlteryxSimulatedJob;
  /** Makes every issued token invalid at once (an admin revoked access). */
  revokeTokens(): void;
}

/** A workflow of the simulated gallery, with the files its runs read and write. */
export interface Workflow {
  id: string;
  name: string;
  input: string;
  output: string;
}

/** A user of the simulated server. */
export interface AlteryxUser {
  name: string;
  id: string;
}

/** The simulator's state, shared by its parts. `jobs` is replaced (not only mutated) on delete and prune. */
export interface AlteryxWorld {
  dice: Dice;
  users: readonly AlteryxUser[];
  workflows: readonly Workflow[];
  jobs: AlteryxSimulatedJob[];
}
