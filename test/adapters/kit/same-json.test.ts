import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../source/adapters/kit/same-json.js';

const parse = (text: string): unknown => JSON.parse(text);

describe('sameJson: equality of parsed JSON values', () => {
  it.each([
    [
      'equal records',
      '{"id":"a","n":1,"steps":[{"s":"ok"}],"x":null}',
      '{"id":"a","n":1,"steps":[{"s":"ok"}],"x":null}',
    ],
    ['the same keys in another order', '{"a":1,"b":{"c":[1,2]}}', '{"b":{"c":[1,2]},"a":1}'],
    ['empty containers', '{"a":[],"b":{}}', '{"a":[],"b":{}}'],
    ['a __proto__ key as data', '{"__proto__":{"a":1}}', '{"__proto__":{"a":1}}'],
  ])('%s are the same', (_name, a, b) => {
    expect(sameJson(parse(a), parse(b))).toBe(true);
  });

  it.each([
    ['a changed number deep inside', '{"steps":[{"p":1}]}', '{"steps":[{"p":2}]}'],
    ['a changed string', '{"state":"running"}', '{"state":"failed"}'],
    ['a key more', '{"a":1}', '{"a":1,"b":2}'],
    ['a key fewer', '{"a":1,"b":2}', '{"a":1}'],
    ['another key, same count', '{"a":1}', '{"b":1}'],
    ['null against a missing key', '{"a":null}', '{"b":null}'],
    ['an array longer', '[1,2]', '[1,2,3]'],
    ['an array against an object', '{"a":[]}', '{"a":{}}'],
    ['an object against an array with its keys', '{"0":1,"length":1}', '[1]'],
    ['null against an object', '{"a":null}', '{"a":{}}'],
    ['a number against its text', '{"a":1}', '{"a":"1"}'],
    ['false against 0', '[false]', '[0]'],
    ['an element order', '[1,2]', '[2,1]'],
    ['a __proto__ value', '{"__proto__":{"a":1}}', '{"__proto__":{"a":2}}'],
  ])('%s is a difference', (_name, a, b) => {
    expect(sameJson(parse(a), parse(b))).toBe(false);
    expect(sameJson(parse(b), parse(a))).toBe(false);
  });
});
