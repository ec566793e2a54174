// Encoding, Base64, Url (STDLIB §18), Crypto and Uuid (§19). Wyn strings are
// byte strings (one char code per byte), which is exactly what `btoa`/`atob`
// take and give. Digests come from the Host (node:crypto in the real one).

import type { Runtime } from '../runtime/runtime';
import { bytesOf, fromBytes } from '../runtime/values';
import * as I from '../runtime/int64';
import { INT, STRING } from '../types';
import { type Entry, fn, type ModuleTable } from './entry';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Bytes of an even-length hex string, or null when it is not one. */
function unhex(s: string): Uint8Array | null {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const b64encode = fn([STRING], STRING, (_rt, [s]) => btoa(s as string));
// Invalid input is unspecified (STDLIB §18); give "" rather than fail.
const b64decode = fn([STRING], STRING, (_rt, [s]) => {
  try {
    return atob(s as string);
  } catch {
    return '';
  }
});

/** Percent-encodes every byte except `A-Z a-z 0-9 - _ . ~`, uppercase hex. */
const urlEncode = (s: string): string => s.replace(/[^A-Za-z0-9\-_.~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
const urlDecode = (s: string): string => s.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

const digest = (algorithm: string) => fn([STRING], STRING, (rt, [s]) => hex(rt.host.hash(algorithm, bytesOf(s as string))));

/** FNV-1a over the bytes; 32-bit as a non-negative int, 64-bit reinterpreted as int64. */
function fnv32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
function fnv64(s: string): I.Int {
  let h = 14695981039346656037n;
  for (let i = 0; i < s.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(s.charCodeAt(i))) * 1099511628211n);
  return I.norm(BigInt.asIntN(64, h));
}

/** Random version-4 UUID: version nibble 4, variant bits 10 (STDLIB §19). */
function uuid(rt: Runtime): string {
  const b = rt.host.randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const v4: Entry = fn([], STRING, uuid);

export const CODEC_MODULES: ModuleTable = {
  Encoding: {
    base64_encode: b64encode,
    base64_decode: b64decode,
    hex_encode: fn([STRING], STRING, (_rt, [s]) => hex(bytesOf(s as string))),
    hex_decode: fn([STRING], STRING, (_rt, [s]) => {
      const b = unhex(s as string);
      return b === null ? '' : fromBytes(b);
    }),
  },
  Base64: { encode: b64encode, decode: b64decode },
  Url: {
    encode: fn([STRING], STRING, (_rt, [s]) => urlEncode(s as string)),
    decode: fn([STRING], STRING, (_rt, [s]) => urlDecode(s as string)),
  },
  Crypto: {
    sha256: digest('sha256'),
    sha1: digest('sha1'),
    md5: digest('md5'),
    sha1_base64: fn([STRING], STRING, (rt, [s]) => btoa(fromBytes(rt.host.hash('sha1', bytesOf(s as string))))),
    hmac_sha256: fn([STRING, STRING], STRING, (rt, [k, m]) => hex(rt.host.hmac('sha256', bytesOf(k as string), bytesOf(m as string)))),
    hmac_sha256_hex: fn([STRING, STRING], STRING, (rt, [k, m]) => {
      const key = unhex(k as string);
      return key === null ? '' : hex(rt.host.hmac('sha256', key, bytesOf(m as string)));
    }),
    hash32: fn([STRING], INT, (_rt, [s]) => fnv32(s as string)),
    hash64: fn([STRING], INT, (_rt, [s]) => fnv64(s as string)),
    random_bytes: fn([INT], STRING, (rt, [n]) => hex(rt.host.randomBytes(Math.max(0, Number(n))))),
  },
  Uuid: { generate: v4, v4 },
};
