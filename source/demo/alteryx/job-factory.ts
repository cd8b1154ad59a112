/**
 * Generates simulated jobs: ObjectId-like ids, owners, priorities, how each run will end and
 * the engine messages it will emit while it runs. Draw order is part of the seeded output.
 */
import { ALTERYX_PROTECTED_OWNER, PRIORITIES, PROTECTED_WORKFLOW, TRANSIENT_BIT, USER_NAMES } from './constants.js';
import type {
  AlteryxEnding,
  AlteryxJobSeed,
  AlteryxSimulatedJob,
  AlteryxWorld,
  ScriptEntries,
  Workflow,
} from './types.js';

/** Makes a new Queued job from `seed` as of `at`, not yet placed in any other status. */
export type JobFactory = (seed: AlteryxJobSeed, at: number) => AlteryxSimulatedJob;

/** Creates the job generator of one simulator (its id counter is its own). */
export function createJobFactory(world: AlteryxWorld): JobFactory {
  const { dice, users, workflows } = world;
  let idCounter = 0;

  function newId(at: number): string {
    // why: ObjectIds start with their creation time in seconds, so ids sort like creation dates.
    idCounter = (idCounter + 1) % 0x1000;
    return (
      Math.floor(at / 1000)
        .toString(16)
        .padStart(8, '0') +
      dice.hex(13) +
      idCounter.toString(16).padStart(3, '0')
    );
  }

  function pickOutcome(): AlteryxEnding {
    const roll = dice.random();
    return roll < 0.7 ? 'Success' : roll < 0.83 ? 'Warning' : roll < 0.97 ? 'Error' : 'Cancelled';
  }

  function ownerFor(workflow: Workflow): string {
    if (workflow.name === PROTECTED_WORKFLOW) return ALTERYX_PROTECTED_OWNER;
    // why: the protected owner is last and left out, so only its own workflow runs as it.
    return dice.pick(USER_NAMES.slice(0, -1));
  }

  /** Plans the engine messages of a run, spread over `runMs`. */
  function planScript(job: AlteryxSimulatedJob, workflow: Workflow): ScriptEntries {
    const records = dice.between(1_000, 250_000);
    const at = (fraction: number) => Math.round(job.runMs * fraction);
    const script: ScriptEntries = [
      { atMs: 0, message: { status: 1, text: `Started running ${workflow.name}`, toolId: 0 } },
      { atMs: at(0.05), message: { status: 8, text: `\\\\fileshare\\analytics\\${workflow.input}`, toolId: 1 } },
      {
        atMs: at(0.2),
        message: { status: 1 | TRANSIENT_BIT, text: 'Input Data (1): Reading records (40%)', toolId: 1 },
      },
      {
        atMs: at(0.35),
        message: {
          status: 50,
          text: `Input Data (1): ${records.toLocaleString('en-US')} records were read`,
          toolId: 1,
        },
      },
      { atMs: at(0.5), message: { status: 1, text: `Formula (4): ${dice.between(1, 6)} fields updated`, toolId: 4 } },
    ];
    if (job.outcome === 'Warning') {
      script.push({
        atMs: at(0.6),
        message: { status: 5, text: 'Select (3): ConvError: Revenue: "n/a" is not a valid Double', toolId: 3 },
      });
      script.push({
        atMs: at(0.7),
        message: {
          status: 2,
          text: `Join (6): ${dice.between(2, 900)} records from the Left input were unjoined`,
          toolId: 6,
        },
      });
    }
    return script;
  }

  return (seed, at) => {
    const workflow = workflows.find((candidate) => candidate.name === seed.workflowName) ?? dice.pick(workflows);
    const submittedBy = seed.submittedBy ?? ownerFor(workflow);
    const queuedAt = seed.queuedAt ?? at;
    const job: AlteryxSimulatedJob = {
      id: seed.id ?? newId(queuedAt),
      workflowId: workflow.id,
      workflowName: seed.workflowName ?? workflow.name,
      submittedBy,
      userId: users.find((user) => user.name === submittedBy)?.id ?? dice.hex(24),
      priority: seed.priority ?? dice.pick(PRIORITIES),
      status: 'Queued',
      disposition: 'None',
      outcome: seed.disposition ?? pickOutcome(),
      queuedAt,
      statusSince: queuedAt,
      startedAt: null,
      finishedAt: null,
      initializingMs: dice.between(1_500, 5_000),
      runMs: seed.runMs ?? dice.between(10_000, 150_000),
      messages: [],
      script: [],
      outputs: [],
      workerTag: dice.chance(0.2) ? 'finance' : '',
      runWithE2: dice.chance(0.5),
    };
    job.script = planScript(job, workflow);
    return job;
  };
}
