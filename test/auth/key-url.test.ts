/** Key URLs: https anywhere, plain http only on this machine's loopback (127.0.0.0/8, ::1, localhost). */
import { describe, expect, it } from 'vitest';
import { isSafeKeyUrl } from '../../src/auth/key-url.js';

describe('isSafeKeyUrl', () => {
  for (const url of [
    'https://ehr.example/jwks.json',
    'http://127.0.0.1:8080/jwks.json',
    'http://127.12.0.9/jwks.json',
    'http://localhost/jwks.json',
    'http://LOCALHOST:3000/jwks.json',
    'http://[::1]:9000/jwks.json',
  ])
    it(`accepts ${url}`, () => {
      expect(isSafeKeyUrl(url)).toBe(true);
    });

  for (const url of [
    'http://ehr.example/jwks.json',
    'http://10.0.0.5/jwks.json',
    'http://128.0.0.1/jwks.json',
    'http://127.0.0.1.evil.example/jwks.json',
    'http://localhost.evil.example/jwks.json',
    'http://[::2]/jwks.json',
    'ftp://127.0.0.1/jwks.json',
    'file:///etc/jwks.json',
    'not a url',
  ])
    it(`refuses ${url}`, () => {
      expect(isSafeKeyUrl(url)).toBe(false);
    });
});
