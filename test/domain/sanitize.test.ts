import { describe, it, expect } from 'vitest';
import { PLACEHOLDERS, sanitizeInline, sanitizeMultiline } from '../../source/domain/sanitize.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../../source/domain/text-width.js';

// The properties over random hostile text (thousands of cases each) are in sanitize.property.test.ts.

const { newline: NEWLINE, bidi: BIDI, hidden: HIDDEN, ellipsis: ELLIPSIS } = PLACEHOLDERS;
describe('sanitizeInline: escape sequences', () => {
  it('removes an OSC 0 title change and its payload', () => {
    expect(sanitizeInline('build\x1b]0;you have been pwned\x07 ok')).toBe('build ok');
  });
  it('removes an OSC 52 clipboard write terminated by ST', () => {
    expect(sanitizeInline('a\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x1b\\b')).toBe('ab');
  });
  it('removes an unterminated OSC to the end of the text', () => {
    expect(sanitizeInline('job\x1b]52;c;Y3VybCBldmlsLnNo')).toBe('job');
  });
  it('removes an OSC 8 hyperlink but keeps its visible text', () => {
    expect(sanitizeInline('\x1b]8;;https://evil.example\x1b\\docs\x1b]8;;\x1b\\')).toBe('docs');
  });
  it('removes a CSI clear screen', () => {
    expect(sanitizeInline('\x1b[2J\x1b[3Jfailed')).toBe('failed');
  });
  it('removes cursor moves, save/restore and colours', () => {
    expect(sanitizeInline('\x1b7\x1b[10;10H\x1b[1A\x1b[31mred\x1b[0m\x1b8')).toBe('red');
  });
  it('removes a private-mode CSI that would leave the alternate screen', () => {
    expect(sanitizeInline('x\x1b[?1049ly')).toBe('xy');
  });
  it('removes a DCS with its payload', () => {
    expect(sanitizeInline('\x1bP1$r0m\x1b\\done')).toBe('done');
  });
  it('removes SOS, PM and APC strings', () => {
    expect(sanitizeInline('a\x1bXsos\x1b\\b\x1b^pm\x1b\\c\x1b_apc\x07d')).toBe('abcd');
  });
  it('removes an 8-bit CSI', () => {
    expect(sanitizeInline('\x9b2Jstill here')).toBe('still here');
  });
  it('removes 8-bit OSC and DCS strings terminated by 8-bit ST', () => {
    expect(sanitizeInline('a\x9d0;title\x9cb\x90q#0;2\x9cc')).toBe('abc');
  });
  it('removes a lone ESC and a charset switch', () => {
    expect(sanitizeInline('a\x1b(0lqk\x1b(Bb\x1b')).toBe('alqkb');
  });
});

describe('sanitizeInline: control characters', () => {
  it('removes BEL', () => {
    expect(sanitizeInline('ding\x07\x07')).toBe('ding');
  });
  it('defeats a backspace overwrite: both words stay visible', () => {
    expect(sanitizeInline('safe\b\b\b\bevil')).toBe('safeevil');
  });
  it('defeats a carriage-return overwrite', () => {
    expect(sanitizeInline('FAILED\rsucceeded')).toBe('FAILEDsucceeded');
  });
  it('removes NUL, vertical tab, form feed, DEL and C1 controls', () => {
    expect(sanitizeInline('a\0b\vc\fd\x7fe\x85f\x9cg')).toBe('abcdefg');
  });
  it('turns tabs into one space', () => {
    expect(sanitizeInline('a\tb\t\tc')).toBe('a b  c');
  });
  it('shows newlines as ↵ so a log line cannot break a table row', () => {
    expect(sanitizeInline('one\ntwo\r\nthree\u2028four\u2029five')).toBe(
      `one${NEWLINE}two${NEWLINE}three${NEWLINE}four${NEWLINE}five`,
    );
  });
});

describe('sanitizeInline: invisible and reordering characters', () => {
  it('makes a Trojan Source right-to-left override visible', () => {
    expect(sanitizeInline('invoice\u202Etxt.exe')).toBe(`invoice${BIDI}txt.exe`);
  });
  it('makes isolates, marks and the Arabic letter mark visible', () => {
    expect(sanitizeInline('if\u2066admin\u2069\u2067x\u2068\u200E\u200F\u061C\u202A\u202B\u202C\u202D')).toBe(
      `if${BIDI}admin${BIDI}${BIDI}x${BIDI}${BIDI}${BIDI}${BIDI}${BIDI}${BIDI}${BIDI}${BIDI}`,
    );
  });
  it('makes a zero-width space inside a name visible', () => {
    expect(sanitizeInline('pro\u200Bd')).toBe(`pro${HIDDEN}d`);
  });
  it('makes word joiners, Mongolian vowel separators and Hangul fillers visible', () => {
    expect(sanitizeInline('a\u2060b\u180Ec\u115Fd\u1160e\u3164f\uFFA0g')).toBe(
      `a${HIDDEN}b${HIDDEN}c${HIDDEN}d${HIDDEN}e${HIDDEN}f${HIDDEN}g`,
    );
  });
  it('makes a soft hyphen visible', () => {
    expect(sanitizeInline('de\u00ADploy')).toBe(`de${HIDDEN}ploy`);
  });
  it('removes a leading byte-order mark and shows any other', () => {
    expect(sanitizeInline('\uFEFFname\uFEFF')).toBe(`name${HIDDEN}`);
  });
  it('keeps a zero-width joiner between emoji', () => {
    expect(sanitizeInline('👩‍💻 🏳️‍🌈 👩🏽‍💻')).toBe('👩‍💻 🏳️‍🌈 👩🏽‍💻');
  });
  it('shows a zero-width joiner between Latin letters', () => {
    expect(sanitizeInline('ad\u200Dmin\u200C')).toBe(`ad${HIDDEN}min${HIDDEN}`);
  });
  it('keeps joiners that Persian and Devanagari need', () => {
    expect(sanitizeInline('می\u200Cخواهم क्\u200Dष')).toBe('می\u200Cخواهم क्\u200Dष');
  });
  it('keeps one variation selector after a character and drops standalone or repeated ones', () => {
    expect(sanitizeInline('\uFE0F❤\uFE0F\uFE0F\u{E0100}x')).toBe('❤\uFE0Fx');
  });
  it('keeps an emoji subdivision flag and shows stray tag characters once per run', () => {
    const england = '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    expect(sanitizeInline(`${england} ok\u{E0069}\u{E0067}\u{E006E}\u{E007F}`)).toBe(`${england} ok${HIDDEN}`);
  });
  it('keeps combining marks on their base', () => {
    expect(sanitizeInline('cafe\u0301 n\u0303')).toBe('cafe\u0301 n\u0303');
  });
  it('keeps CJK and emoji untouched', () => {
    expect(sanitizeInline('构建 失败 🚀')).toBe('构建 失败 🚀');
  });
  it('replaces lone surrogates with U+FFFD and keeps pairs', () => {
    expect(sanitizeInline('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});

describe('sanitizeInline: values and length', () => {
  it('renders null and undefined as empty and other values with String()', () => {
    expect([sanitizeInline(null), sanitizeInline(undefined), sanitizeInline(42), sanitizeInline(false)]).toEqual([
      '',
      '',
      '42',
      'false',
    ]);
  });
  it('renders an object whose toString throws as empty', () => {
    expect(sanitizeInline(Object.create(null))).toBe('');
  });
  it('cuts a long line to maxLength characters ending with …', () => {
    expect(sanitizeInline('abcdefghij', 5)).toBe(`abcd${ELLIPSIS}`);
  });
  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    expect(sanitizeInline('😀😀😀😀', 4)).toBe('😀😀😀😀');
    expect(sanitizeInline('😀😀😀😀😀', 4)).toBe(`😀😀😀${ELLIPSIS}`);
  });
  it('does not split a grapheme cluster when cutting', () => {
    expect(sanitizeInline('abe\u0301\u0302xyz', 5)).toBe(`ab${ELLIPSIS}`);
  });
  it('cuts a 10 MB line to 500 characters', () => {
    const result = sanitizeInline('x'.repeat(10 * 1024 * 1024));
    expect(result).toBe(`${'x'.repeat(499)}${ELLIPSIS}`);
  });
  it('cuts a 10 MB hostile line without leaking a sequence that straddles the window', () => {
    const line = `${'ok '.repeat(500)}\x1b]52;c;${'A'.repeat(10 * 1024 * 1024)}\x07tail`;
    const result = sanitizeInline(line, 2000);
    expect(result).toBe(`${'ok '.repeat(500)}${ELLIPSIS}`);
  });
  it('marks a cut even when the kept window sanitizes to almost nothing', () => {
    expect(sanitizeInline(`\x1b]0;${'t'.repeat(50_000)}`, 10)).toBe(ELLIPSIS);
  });
  it('returns an empty string for maxLength 0', () => {
    expect(sanitizeInline('abc', 0)).toBe('');
  });
});

describe('sanitizeMultiline', () => {
  it('keeps newlines, normalises \\r\\n and drops a lone \\r', () => {
    expect(sanitizeMultiline('one\r\ntwo\nthree\rFOUR\n')).toBe('one\ntwo\nthreeFOUR\n');
  });
  it('turns line and paragraph separators into newlines', () => {
    expect(sanitizeMultiline('a\u2028b\u2029c')).toBe('a\nb\nc');
  });
  it('turns tabs into four spaces', () => {
    expect(sanitizeMultiline('key\tvalue')).toBe('key    value');
  });
  it('removes escape sequences spanning a log', () => {
    expect(sanitizeMultiline('step 1\n\x1b[2J\x1b[Hstep 2\x1b]0;hi\x07\n')).toBe('step 1\nstep 2\n');
  });
  it('makes bidi controls visible', () => {
    expect(sanitizeMultiline('x = 1 \u202E// y\n')).toBe(`x = 1 ${BIDI}// y\n`);
  });
  it('cuts at maxLength characters with …', () => {
    expect(sanitizeMultiline('ab\ncd\nef', 5)).toBe(`ab\nc${ELLIPSIS}`);
  });
});

describe('displayWidth', () => {
  it('counts ASCII one cell per character', () => {
    expect(displayWidth('running')).toBe(7);
  });
  it('counts CJK and emoji two cells', () => {
    expect(displayWidth('构建失败')).toBe(8);
    expect(displayWidth('🚀ok')).toBe(4);
  });
  it('counts a ZWJ family, a flag and a skin-tone emoji as one wide character each', () => {
    expect(displayWidth('👩‍👩‍👧‍👦🇫🇷👍🏽')).toBe(6);
  });
  it('counts combining marks as zero cells', () => {
    expect(displayWidth('cafe\u0301')).toBe(4);
  });
  it('counts every placeholder glyph as one cell', () => {
    expect(Object.values(PLACEHOLDERS).map(displayWidth)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('truncateToWidth', () => {
  it('leaves text that fits untouched', () => {
    expect(truncateToWidth('queued', 6)).toBe('queued');
  });
  it('cuts ASCII with …', () => {
    expect(truncateToWidth('succeeded', 5)).toBe('succ…');
  });
  it('never leaves half a wide character', () => {
    expect(truncateToWidth('构建失败', 4)).toBe('构…');
  });
  it('never splits an emoji ZWJ sequence or a base from its combining mark', () => {
    expect(truncateToWidth('👩‍💻👩‍💻x', 4)).toBe('👩‍💻…');
    expect(truncateToWidth('abe\u0301\u0301cd', 4)).toBe('abe\u0301\u0301…');
  });
  it('returns an empty string for zero or negative widths', () => {
    expect([truncateToWidth('abc', 0), truncateToWidth('abc', -3), truncateToWidth('中', 0)]).toEqual(['', '', '']);
  });
});

describe('fitToWidth', () => {
  it('pads on the right by default and on the left for right alignment', () => {
    expect(fitToWidth('ok', 5)).toBe('ok   ');
    expect(fitToWidth('42', 5, 'right')).toBe('   42');
  });
  it('pads with a space where a wide character does not fit', () => {
    expect(fitToWidth('构建失败', 5)).toBe('构建…');
    expect(fitToWidth('构建失败', 6)).toBe('构建… ');
  });
  it('keeps a combining mark on its base when padding', () => {
    expect(fitToWidth('e\u0301', 3, 'right')).toBe('  e\u0301');
  });
  it('still fills the width when a cluster merges with the padding', () => {
    expect(displayWidth(fitToWidth('\u0d4e', 3))).toBe(3);
    expect(displayWidth(fitToWidth('\u{1f3fb}', 4, 'right'))).toBe(4);
  });
});
