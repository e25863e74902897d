/**
 * Unpadded base64url, the encoding of every byte string in the escrow JSON API. Written on
 * atob/btoa so the same module runs in the browser bundle (no Buffer) and in Node; decoding is
 * strict, so a malformed value is refused rather than half-read.
 */
const chunk = 0x8000;

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += chunk) binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64Url(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  // Unused low bits must be zero, so that each byte string has exactly one encoding.
  return encodeBase64Url(bytes) === text ? bytes : undefined;
}
