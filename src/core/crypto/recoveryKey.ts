/**
 * Human-writable secrets: 160-bit recovery keys and one-time codes written in Crockford's base32
 * (no I, L, O, U; case-insensitive; 0/O and 1/I/L read alike), grouped by four for copying by hand.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function toCrockford(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/** Decodes Crockford base32 into exactly `length` bytes, or undefined. */
export function fromCrockford(text: string, length: number): Uint8Array | undefined {
  const normalised = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (normalised.length !== Math.ceil((length * 8) / 5)) return undefined;
  const output = new Uint8Array(length);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const character of normalised) {
    const digit = ALPHABET.indexOf(character);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (index < length) output[index] = (value >>> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
    }
  }
  return index === length ? output : undefined;
}

export function groupBy4(text: string): string {
  return text.match(/.{1,4}/g)?.join('-') ?? text;
}

export function formatRecoveryKey(secret: Uint8Array): string {
  return groupBy4(toCrockford(secret));
}

export function parseRecoveryKey(text: string): Uint8Array | undefined {
  return fromCrockford(text, 20);
}
