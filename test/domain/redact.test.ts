import { describe, expect, it } from 'vitest';
import {
  bodyExcerpt,
  isCredentialKey,
  redactCredentialFields,
  redactSecrets,
  redactText,
} from '../../source/domain/redact.js';

describe('credential-looking keys lose their values', () => {
  it.each([
    [
      'complete JSON',
      '{"access_token":"4X9oeXcmrQ70FkODz4wlyoq","token_type":"bearer"}',
      '{"access_token":"***","token_type":"bearer"}',
    ],
    ['JSON cut inside the token', '{"access_token":"4X9oeXcmrQ70FkO', '{"access_token":"***'],
    ['JSON cut after an escape', '{"password":"ab\\', '{"password":"***'],
    [
      'a nested object under a credential key',
      '{"token":{"id":"vcs_a0634f1e","userId":1},"user":{"name":"ops"}}',
      '{"token":{"id":"***","userId":1},"user":{"name":"ops"}}',
    ],
    ['a nested object cut off', '{"token":{"id":"vcs_a063', '{"token":{"id":"***'],
    [
      'several keys',
      '{"refresh_token": "r1r1r1", "id_token": "i2i2", "clientSecret": "s3s3", "apiKey": "k4k4", "name": "x"}',
      '{"refresh_token": "***", "id_token": "***", "clientSecret": "***", "apiKey": "***", "name": "x"}',
    ],
    [
      'form-encoded',
      'access_token=abcd1234&token_type=bearer&expires_in=3600',
      'access_token=***&token_type=bearer&expires_in=3600',
    ],
    ['a query string', 'GET /x?api_key=zzzz9999&page=2', 'GET /x?api_key=***&page=2'],
    ['a bearer header echoed', 'rejected Bearer eyJhbGciOi1.xyz', 'rejected Bearer ***'],
    ['a server sentence about bearer tokens', 'Bearer token required', 'Bearer token required'],
    ['nothing to redact', '{"jobs":[{"id":"a1","state":"running"}]}', '{"jobs":[{"id":"a1","state":"running"}]}'],
  ])('%s', (_name, input, expected) => {
    expect(redactCredentialFields(input)).toBe(expected);
  });

  it.each([
    'access_token',
    'refresh_token',
    'id_token',
    'token',
    'password',
    'client_secret',
    'apiKey',
    'x-api-key',
    'Authorization',
  ])('%s is a credential key', (key) => {
    expect(isCredentialKey(key)).toBe(true);
  });
  it.each(['token_type', 'expires_in', 'id', 'state', 'tokens_used'])('%s is not', (key) => {
    expect(isCredentialKey(key)).toBe(false);
  });
});

describe('known secrets are removed as whole values', () => {
  it('a short secret is not masked inside an unrelated word', () => {
    expect(redactSecrets('os-nopenorm: nope refused', ['nope'])).toBe('os-nopenorm: *** refused');
  });
  it('a short secret between punctuation is masked', () => {
    expect(redactSecrets('token "abcd", key=abcd&x', ['abcd'])).toBe('token "***", key=***&x');
  });
  it('a long secret is masked even inside a word', () => {
    expect(redactSecrets('xx0123456789abcdefyy', ['0123456789abcdef'])).toBe('xx***yy');
  });
  it('secrets shorter than 4 characters are ignored', () => {
    expect(redactSecrets('a b c', ['b'])).toBe('a b c');
  });
  it('the longer of two overlapping secrets goes whole', () => {
    expect(redactSecrets('key pass-word-1 end', ['pass', 'pass-word-1'])).toBe('key *** end');
  });
});

describe('a body excerpt', () => {
  it('is redacted before it is cut, so a secret straddling the cut never shows in part', () => {
    const secret = 'S3cr3tS3cr3tS3cr3tS3cr3t';
    const excerpt = bodyExcerpt(`{"note":"${secret}"}`, 15, [secret]);
    expect(excerpt).toBe('{"note":"***"}');
  });
  it('never shows a cut-off token', () => {
    const excerpt = bodyExcerpt('{"access_token":"4X9oeXcmrQ70FkODz4wlyoq', 40);
    expect(excerpt).toBe('{"access_token":"***');
  });
  it('redactText applies both rules', () => {
    expect(redactText('{"token":"t0t0t0"} sent by abcdef', ['abcdef'])).toBe('{"token":"***"} sent by ***');
  });
});
