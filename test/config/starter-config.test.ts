import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { VENDORS } from '../../source/domain/job.js';
import { parseConfigText } from '../../source/config/load-config.js';
import { SHARED_FIELDS, SOURCE_FIELDS, VENDOR_FIELDS, commandFieldsOf } from '../../source/config/schema.js';
import { envVarFor, renderStarterConfig } from '../../source/config/starter-config.js';

describe('starter config (jobtop init)', () => {
  const { text, envVars } = renderStarterConfig('9.9.9');

  it('validates as written once its environment variables are set, with one source per vendor', () => {
    const env = Object.fromEntries(envVars.map((name) => [name, `placeholder-${name.toLowerCase()}`]));
    const config = parseConfigText(text, 'starter.yaml', env);
    expect(config.sources.map((source) => [source.spec.name, source.spec.type])).toEqual([
      ['charts', 'vectorcharts'],
      ['ops', 'osapi'],
      ['search', 'vectara'],
      ['malware', 'mcrit'],
      ['analytics', 'alteryx'],
    ]);
    expect(config.sources[4].spec).toMatchObject({
      clientId: 'api-access-key',
      clientSecret: 'placeholder-alteryx_client_secret',
    });
    expect(config.secrets.sort()).toEqual(Object.values(env).sort());
  });

  it('names exactly the environment variables its active lines read', () => {
    expect(envVars).toEqual(['VECTORCHARTS_TOKEN', 'OSAPI_TOKEN', 'VECTARA_API_KEY', 'ALTERYX_CLIENT_SECRET']);
    const active = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .map((line) => line.replace(/\s#.*$/, ''));
    const referenced = active.flatMap((line) => [...line.matchAll(/\$\{([A-Z_]+)\}/g)].map((match) => match[1]));
    expect(referenced).toEqual(envVars);
    expect(parseConfigText.bind(null, text, 'starter.yaml', {})).toThrow(
      'starter.yaml:26: sources[0].token: environment variable VECTORCHARTS_TOKEN is not set',
    );
  });

  it('shows every key of the schema: global settings, per-source settings, every vendor key and its command', () => {
    const keysIn = (lines: string[]) =>
      new Set(lines.map((line) => /^\s*(?:- )?(?:# )?([A-Za-z]+):/.exec(line)?.[1]).filter(Boolean));
    const [globalPart, sourcesPart] = text.split('\nsources:\n');
    expect([...keysIn(globalPart.split('\n'))]).toEqual(Object.keys(SHARED_FIELDS));
    const sections = sourcesPart.split(/\n(?= {2}# )/);
    expect(sections).toHaveLength(VENDORS.length);
    VENDORS.forEach((vendor, index) => {
      const keys = keysIn(sections[index].split('\n'));
      const expected = [
        'name',
        'type',
        'url',
        ...Object.keys(VENDOR_FIELDS[vendor]),
        ...Object.keys(commandFieldsOf(vendor)),
      ];
      for (const key of expected) expect(keys, `${vendor}: ${key}`).toContain(key);
    });
    const perSource = keysIn(sections[0].split('\n'));
    for (const key of [...Object.keys(SOURCE_FIELDS), ...Object.keys(SHARED_FIELDS)])
      expect(perSource, key).toContain(key);
  });

  it('writes secrets only as ${ENV} references, never as values', () => {
    const document = parseDocument(text);
    const sources = (document.toJS() as { sources: Record<string, unknown>[] }).sources;
    VENDORS.forEach((vendor, index) => {
      for (const [key, rule] of Object.entries(VENDOR_FIELDS[vendor])) {
        if (rule.secret && key in sources[index]) expect(sources[index][key]).toBe(`\${${envVarFor(vendor, key)}}`);
      }
    });
    expect(text).toContain('# jobtop configuration, written by `jobtop init` (jobtop 9.9.9).');
  });
});
