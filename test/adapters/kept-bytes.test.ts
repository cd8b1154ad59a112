/**
 * The bytes an identical-answer check compares with: chunk by chunk at their offsets, whatever
 * the chunking on either side, and in a buffer that stays about one answer's size.
 */
import { describe, expect, it } from 'vitest';
import { KeptBytes } from '../../source/adapters/kept-bytes.js';
import { createReusedAnswers, type ReusedAnswers } from '../../source/adapters/reused-answers.js';

/** `text` cut into chunks at the given offsets. */
function chunked(text: string, cuts: number[] = []): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

function kept(text: string): KeptBytes {
  const bytes = new KeptBytes();
  bytes.write(chunked(text, [3]), Buffer.byteLength(text));
  return bytes;
}

describe('KeptBytes', () => {
  const answer = '{"jobs":[{"id":"a","state":"done"},{"id":"b","state":"running"}]}';

  it.each([
    ['one chunk', []],
    ['chunks cut elsewhere than the kept ones', [1, 2, 17, 40]],
    ['a chunk per byte', Array.from({ length: answer.length - 1 }, (_, index) => index + 1)],
  ])('recognises the same bytes arriving as %s', (_name, cuts) => {
    expect(kept(answer).equals(chunked(answer, cuts), answer.length)).toBe(true);
  });

  it.each([
    ['only its last byte', `${answer.slice(0, -1)} `],
    ['only its first byte', ` ${answer.slice(1)}`],
    ['one byte in the middle', answer.replace('running', 'runnimg')],
  ])('tells apart an answer of the same size that differs in %s', (_name, other) => {
    expect(other.length).toBe(answer.length);
    expect(kept(answer).equals(chunked(other, [5, 30]), other.length)).toBe(false);
  });

  it('tells apart an answer that only adds or drops bytes at the end', () => {
    expect(kept(answer).equals(chunked(`${answer} `), answer.length + 1)).toBe(false);
    expect(kept(answer).equals(chunked(answer.slice(0, -1)), answer.length - 1)).toBe(false);
  });

  it('holds nothing before the first answer, and an empty answer equals an empty one', () => {
    const bytes = new KeptBytes();
    expect(bytes.heldBytes).toBe(0);
    expect(bytes.equals([], 0)).toBe(true);
    expect(bytes.equals(chunked('x'), 1)).toBe(false);
  });

  it('writes a changed answer over the kept one in the same buffer, and compares with the new bytes', () => {
    const bytes = kept(answer);
    const held = bytes.heldBytes;
    const changed = answer.replace('"a"', '"c"');
    bytes.write(chunked(changed, [10]), changed.length);
    expect(bytes.heldBytes).toBe(held);
    expect(bytes.equals(chunked(changed), changed.length)).toBe(true);
    expect(bytes.equals(chunked(answer), answer.length)).toBe(false);
  });

  it('stays about one answer in size: grows with a larger answer, shrinks after a much smaller one', () => {
    const bytes = kept('x'.repeat(1000));
    expect(bytes.heldBytes).toBeGreaterThanOrEqual(1000);
    expect(bytes.heldBytes).toBeLessThan(1100);
    bytes.write(chunked('y'.repeat(5000)), 5000);
    expect(bytes.heldBytes).toBeGreaterThanOrEqual(5000);
    expect(bytes.heldBytes).toBeLessThan(5500);
    bytes.write(chunked('z'.repeat(100)), 100);
    expect(bytes.heldBytes).toBeLessThan(200);
    expect(bytes.equals(chunked('z'.repeat(100), [50]), 100)).toBe(true);
  });
});

describe('kept answers: the bytes kept stay within their budget', () => {
  const KB = 1024;
  const body = (size: number, fill: string) => ({ chunks: [Buffer.alloc(size, fill)], size });
  /** One good answer to `key`, through compare() and remember() as the HTTP client does; whether it was reused. */
  function poll(answers: ReusedAnswers, key: string, size: number, fill: string, status = 200): boolean {
    const compared = answers.compare(key, status, 'application/json', body(size, fill));
    if (!compared.kept && status === 200) answers.remember(key, compared, 'application/json', { fill });
    return compared.kept;
  }

  it('keeps the bytes of an unchanged answer, and none of one that changed or failed', () => {
    const answers = createReusedAnswers();
    poll(answers, 'page', 86 * KB, 'a');
    expect(answers.heldBytes()).toBeGreaterThanOrEqual(86 * KB);
    expect(poll(answers, 'page', 86 * KB, 'a')).toBe(true);
    expect(poll(answers, 'page', 86 * KB, 'b')).toBe(false);
    expect(answers.heldBytes()).toBe(0);
    expect(poll(answers, 'page', 86 * KB, 'b')).toBe(false);
    expect(answers.heldBytes()).toBeGreaterThanOrEqual(86 * KB);
    expect(poll(answers, 'page', 86 * KB, 'b')).toBe(true);
    poll(answers, 'page', 86 * KB, 'b', 500);
    expect(answers.heldBytes()).toBe(0);
  });

  it('keeps at most about 256 KB for many unchanged pages, and still reuses every one of them', () => {
    const answers = createReusedAnswers();
    for (let page = 0; page < 10; page++) poll(answers, `page-${page}`, 60 * KB, String(page));
    expect(answers.heldBytes()).toBeLessThanOrEqual(256 * KB * (1 + 1 / 16));
    expect(answers.heldBytes()).toBeGreaterThan(0);
    for (let page = 0; page < 10; page++) expect(poll(answers, `page-${page}`, 60 * KB, String(page))).toBe(true);
  });
});
