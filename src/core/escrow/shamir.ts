/**
 * Shamir secret sharing over the ristretto255 scalar field (ℓ = 2^252 + 27742317777372353535851937790883648493,
 * prime): a share is a point (x, y) on a polynomial of degree t−1 whose value at 0 is the secret;
 * any t points with distinct x give it back by Lagrange interpolation, t−1 points say nothing
 * about it. Plain bigint arithmetic; the values are not secret from the counsellor who runs it.
 */
export const fieldOrder = 2n ** 252n + 27742317777372353535851937790883648493n;

export type SharePoint = { x: bigint; y: bigint };

export function mod(value: bigint): bigint {
  const reduced = value % fieldOrder;
  return reduced < 0n ? reduced + fieldOrder : reduced;
}

/** Inverse by Fermat's little theorem (ℓ is prime); the caller guarantees value ≠ 0 mod ℓ. */
export function invert(value: bigint): bigint {
  let base = mod(value);
  let exponent = fieldOrder - 2n;
  let result = 1n;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % fieldOrder;
    base = (base * base) % fieldOrder;
    exponent >>= 1n;
  }
  return result;
}

/** f(x) = c₀ + c₁x + … by Horner's rule; `coefficients[0]` is the secret. */
export function evaluatePolynomial(coefficients: readonly bigint[], x: bigint): bigint {
  let result = 0n;
  for (let index = coefficients.length - 1; index >= 0; index -= 1) result = mod(result * x + (coefficients[index] ?? 0n));
  return result;
}

export class DuplicateAbscissaError extends Error {
  constructor() {
    super('Interpolation needs points with distinct, non-zero x');
    this.name = 'DuplicateAbscissaError';
  }
}

/** The value at `at` of the unique polynomial of degree < points.length through the points. */
export function interpolateAt(points: readonly SharePoint[], at: bigint): bigint {
  const xs = points.map((point) => mod(point.x));
  if (xs.length === 0 || new Set(xs).size !== xs.length || xs.includes(0n)) throw new DuplicateAbscissaError();
  let sum = 0n;
  points.forEach((point, j) => {
    let numerator = 1n;
    let denominator = 1n;
    xs.forEach((xm, m) => {
      if (m === j) return;
      numerator = mod(numerator * (at - xm));
      denominator = mod(denominator * ((xs[j] ?? 0n) - xm));
    });
    sum = mod(sum + point.y * numerator * invert(denominator));
  });
  return sum;
}

export function interpolateAtZero(points: readonly SharePoint[]): bigint {
  return interpolateAt(points, 0n);
}

export function scalarToBytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  let rest = mod(value);
  for (let index = 0; index < 32; index += 1) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** Little-endian bytes to a field element; wide inputs (64 bytes from a hash) reduce with negligible bias. */
export function bytesToScalar(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let index = bytes.length - 1; index >= 0; index -= 1) value = (value << 8n) | BigInt(bytes[index] ?? 0);
  return mod(value);
}
