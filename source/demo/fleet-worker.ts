/**
 * The demo fleet on its own thread (`node:worker_threads`): `jobtop --demo` serves the
 * simulators from a worker so generating and answering their jobs does not compete with the
 * monitor's first frame on the main thread (docs/performance.md "Start-up"). Its servers listen
 * on loopback as in process; the fault switch works over HTTP (`/__jobtop/fault`) as ever.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { DemoFleetOptions } from './fleet.js';

/** A fleet served from a worker: the config entries that monitor it, and a stop. */
export interface DemoFleetHandle {
  /** Config `sources:` entries (type, url, credentials), named `demo-<vendor>`. */
  sources: Record<string, unknown>[];
  close(): Promise<void>;
}

type WorkerOptions = Pick<DemoFleetOptions, 'port' | 'host' | 'seed' | 'tickMs'>;
type FromWorker = { ready: Record<string, unknown>[] } | { failed: string } | { closed: true };

/**
 * Starts the demo fleet in a worker thread; resolves once every server listens. Unbundled
 * (tests running the TypeScript sources) it runs in process: a worker cannot load `.ts` files.
 */
export async function startDemoFleetInWorker(options: WorkerOptions = {}): Promise<DemoFleetHandle> {
  if (!import.meta.url.endsWith('.js')) return (await import('./fleet.js')).startDemoFleet(options);
  // why: the worker imports the very chunk this code is bundled into (its exports keep their
  // names); the simulators' chunk is imported there only, never by the main thread.
  const worker = new Worker(
    `import(${JSON.stringify(import.meta.url)}).then((module) => module.serveFleetInWorker())`,
    {
      eval: true,
      workerData: options,
    },
  );
  const messages: ((message: FromWorker) => void)[] = [];
  worker.on('message', (message: FromWorker) => messages.shift()?.(message));
  const next = () =>
    new Promise<FromWorker>((resolve, reject) => {
      messages.push(resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the demo fleet's worker exited (${code})`)));
    });
  const first = await next();
  if (!('ready' in first)) {
    await worker.terminate();
    throw new Error('failed' in first ? first.failed : 'the demo fleet did not start');
  }
  // why: the monitor's own handles keep the process alive; the fleet must not hold an exit.
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    sources: first.ready,
    close() {
      closing ??= (async () => {
        // why: unreferenced, a worker whose answer is the only thing awaited lets the process end early.
        worker.ref();
        const closed = next().catch(() => undefined);
        worker.postMessage('close');
        await closed;
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/** The worker's side: starts the fleet, reports its sources, closes it when asked. */
export async function serveFleetInWorker(): Promise<void> {
  const port = parentPort!;
  try {
    const { startDemoFleet } = await import('./fleet.js');
    const fleet = await startDemoFleet(workerData as WorkerOptions);
    port.on('message', (message) => {
      if (message === 'close')
        void fleet.close().finally(() => port.postMessage({ closed: true } satisfies FromWorker));
    });
    port.postMessage({ ready: fleet.sources } satisfies FromWorker);
  } catch (error) {
    port.postMessage({ failed: (error as Error).message } satisfies FromWorker);
  }
}
