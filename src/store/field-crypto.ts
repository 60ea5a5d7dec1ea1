// Residents' phone numbers and rooms encrypted at rest (LINLI_DATA_KEY). Only the values are
// sealed, each on its own (AES-256-GCM, a fresh 12-byte nonce each time), so the stores keep their
// shape: a sealed value is still a string ("enc1:" + base64 of nonce, tag, ciphertext). The stores
// seal at the edge (snapshot, journal lines, rows, change log) and open on load: the bot and the
// domain only ever see plain values.
//
// The key: 64 hex characters are the 32-byte key itself; anything else is a passphrase, stretched
// with scrypt (N=2^15, r=8, p=1) and a fixed salt, so the same passphrase opens the data anywhere.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Patch } from './patches.ts';

export const KEY_ENV = 'LINLI_DATA_KEY';
const PREFIX = 'enc1:';
const SALT = 'linli-data-key-v1';

/**
 * Where the sealed values sit in the state: `*` is any index of a list. The roster's and visit
 * campaigns' phones and rooms, and the text of messages waiting in the outbox (a worker's
 * briefing quotes them until it is sent).
 */
export const SEALED_PATHS: readonly (readonly string[])[] = [
  ['roster', '*', 'phone'],
  ['roster', '*', 'room'],
  ['campaigns', '*', 'people', '*', 'phone'],
  ['campaigns', '*', 'people', '*', 'room'],
  ['outbox', '*', 'out', 'text'],
];

/** A key that is wrong, or missing for data that was sealed. */
export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

const derived = new Map<string, Buffer>();

/** The 32-byte key from the setting: 64 hex characters as they are, anything else through scrypt. */
export function dataKey(setting: string): Buffer {
  const text = setting.trim();
  if (!text) throw new DataKeyError(`${KEY_ENV} is empty`);
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  let key = derived.get(text);
  if (!key) {
    key = scryptSync(text, SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    derived.set(text, key);
  }
  return key;
}

/** The key from LINLI_DATA_KEY, or null when it is not set (values are stored as they are). */
export function dataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const v = env[KEY_ENV];
  return v === undefined || v === '' ? null : dataKey(v);
}

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(PREFIX);

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(key: Buffer | null, sealed: string): string {
  if (!key) throw new DataKeyError(`the data is encrypted and ${KEY_ENV} is not set`);
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new DataKeyError(`${KEY_ENV} does not open the encrypted data (a different key, or the data was changed)`);
  }
}

type Leaf = (v: string) => string;

/**
 * `value` sitting at `path` in the state, with every sealed-path leaf under it passed through
 * `leaf`. Copies only what it changes; the value given is never modified.
 */
export function mapSealed(path: readonly (string | number)[], value: unknown, leaf: Leaf): unknown {
  let out = value;
  for (const pattern of SEALED_PATHS) {
    if (path.length > pattern.length) continue;
    if (!path.every((seg, i) => pattern[i] === '*' || pattern[i] === String(seg))) continue;
    out = walk(out, pattern.slice(path.length), leaf);
  }
  return out;
}

function walk(value: unknown, rest: readonly string[], leaf: Leaf): unknown {
  if (rest.length === 0) return typeof value === 'string' ? leaf(value) : value;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...tail] = rest as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = walk(item, tail, leaf);
      if (next !== item) {
        copy ??= [...value];
        copy[i] = next;
      }
    });
    return copy ?? value;
  }
  const obj = value as Record<string, unknown>;
  if (!(head in obj)) return value;
  const next = walk(obj[head], tail, leaf);
  return next === obj[head] ? value : { ...obj, [head]: next };
}

/** Seals plain leaves (already sealed ones stay as they are). */
export const sealAt = (key: Buffer, path: readonly (string | number)[], value: unknown): unknown =>
  mapSealed(path, value, (v) => (isSealed(v) ? v : seal(key, v)));

/** Opens sealed leaves; a plain leaf (written before a key was set) stays as it is. */
export const unsealAt = (key: Buffer | null, path: readonly (string | number)[], value: unknown): unknown =>
  mapSealed(path, value, (v) => (isSealed(v) ? unseal(key, v) : v));

export function sealPatches(key: Buffer, patches: readonly Patch[]): Patch[] {
  return patches.map((p) => ('value' in p ? { ...p, value: sealAt(key, p.path, p.value) } : p));
}

export function unsealPatches(key: Buffer | null, patches: readonly Patch[]): Patch[] {
  return patches.map((p) => ('value' in p ? { ...p, value: unsealAt(key, p.path, p.value) } : p));
}
