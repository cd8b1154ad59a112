/** The Python tracebacks a failed MCRIT job attempt leaves in `last_error`. */
import { pick } from '../kit.js';

function traceback(method: string, file: string, fn: string, exception: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/opt/mcrit/mcrit/Worker.py", line 174, in _executeJobPayload',
    '    result = self._executeJob(job, payload)',
    `  File "/opt/mcrit/mcrit/Worker.py", line 233, in ${method}`,
    `    return self._${method}(*params, **kwparams)`,
    `  File "/opt/mcrit/mcrit/${file}", line ${200 + file.length * 7}, in ${fn}`,
    '    raise',
    exception,
    '',
  ].join('\n');
}

const FAILURES: readonly ((random: () => number) => string)[] = [
  (random) =>
    traceback(
      'getMatchesForSample',
      'storage/MongoDbStorage.py',
      'getSampleById',
      `ValueError: Sample with ID ${Math.floor(random() * 400)} does not exist.`,
    ),
  () =>
    traceback(
      'addBinarySample',
      'storage/MongoDbStorage.py',
      '_dbInsertMany',
      'pymongo.errors.AutoReconnect: mongodb:27017: [Errno 111] Connection refused',
    ),
  () => traceback('addBinarySample', 'minhash/MinHasher.py', 'calculateMinHashesFromStorage', 'MemoryError'),
  (random) =>
    traceback('getUniqueBlocks', 'index/MinHashIndex.py', 'getUniqueBlocks', `KeyError: ${Math.floor(random() * 400)}`),
];

/** A randomly chosen worker traceback, as a failed attempt writes it. */
export function randomFailureTraceback(random: () => number): string {
  return pick(random, FAILURES)(random);
}
