import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { isPrintableKey, keyLabel, splitChunk, toKeyName } from '../../source/ui/keys.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('toKeyName', () => {
  it.each<[string, Partial<Key>, string | null]>([
    ['j', {}, 'j'],
    ['G', { shift: true }, 'G'],
    ['/', {}, '/'],
    [' ', {}, 'space'],
    ['', { upArrow: true }, 'up'],
    ['', { pageDown: true }, 'pagedown'],
    ['', { home: true }, 'home'],
    ['\r', { return: true }, 'enter'],
    ['', { escape: true, meta: true }, 'escape'],
    ['\t', { tab: true }, 'tab'],
    ['', { tab: true, shift: true }, 'shift-tab'],
    ['', { delete: true }, 'backspace'],
    ['c', { ctrl: true }, 'ctrl-c'],
    ['x', { meta: true }, null],
    ['jjj', {}, null],
  ])('%j %j → %s', (input, flags, name) => expect(toKeyName(input, { ...none, ...flags })).toBe(name));
});

describe('splitChunk', () => {
  it('splits type-ahead that arrived in one read', () => {
    expect(splitChunk('/web 1\r')).toEqual(['/', 'w', 'e', 'b', 'space', '1', 'enter']);
    expect(splitChunk('jj\x7f\t\x15')).toEqual(['j', 'j', 'backspace', 'tab', 'ctrl-u']);
    expect(splitChunk('a\u009bb')).toEqual(['a', 'b']);
  });
});

describe('labels', () => {
  it('prints keys for people', () => {
    expect(['down', 'pageup', 'escape', 'ctrl-c', 'j'].map(keyLabel)).toEqual(['↓', 'PgUp', 'Esc', '^C', 'j']);
    expect(isPrintableKey('space')).toBe(true);
    expect(isPrintableKey('é')).toBe(true);
    expect(isPrintableKey('enter')).toBe(false);
  });
});
