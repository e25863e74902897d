import { describe, expect, it } from 'vitest';
import { loggablePath } from './logging.ts';

describe('what request logs may contain', () => {
  it('drops the query string', () => {
    expect(loggablePath('/report?lang=es&x=1')).toBe('/report');
  });

  it('masks one-time secrets carried in setup and invitation links', () => {
    expect(loggablePath('/setup/abcDEF123_-xyz')).toBe('/setup/[secret]');
    expect(loggablePath('/invite/abcDEF123_-xyz?lang=es')).toBe('/invite/[secret]');
    expect(loggablePath('/toolkit/answer/K7QM-3XDA-9PZT-H2WE')).toBe('/toolkit/answer/[secret]');
    expect(loggablePath('/staff')).toBe('/staff');
  });
});
