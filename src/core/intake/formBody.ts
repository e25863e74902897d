/**
 * Reading an application/x-www-form-urlencoded body the way browsers define it (WHATWG URL
 * standard): bytes that are not UTF-8 — raw or percent-encoded — become U+FFFD, which the
 * answer rules then refuse with a clear message instead of storing mangled text. Repeated
 * fields become lists. The result has no prototype, so a field named `__proto__` is just a field.
 */
export type FormBody = Record<string, string | string[]>;

/** More fields than any reporter form has; the rest of a hostile body is ignored. */
const MAX_FIELDS = 1_000;

export function parseUrlEncoded(body: Uint8Array | string): FormBody {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const fields: FormBody = Object.create(null) as FormBody;
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    count += 1;
    if (count > MAX_FIELDS) break;
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}
