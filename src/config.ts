/**
 * Configuration: everything Redress reads from the environment, parsed once with one schema.
 * A bad value is a clear start-up message, never a stack trace.
 */
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './core/errors.ts';

const databaseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'DATABASE_URL must look like postgres://user:password@host:5432/database');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  REDRESS_DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: databaseUrl.optional().or(z.literal('').transform(() => undefined)),
  PUBLIC_URL: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  SMTP_URL: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).default('Redress <redress@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto'),
  REDRESS_SWEEP_MINUTES: z.coerce.number().positive().max(24 * 60).default(5),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  sessionHours: number;
  sessionIdleMinutes: number;
  cookieSecure: 'auto' | 'true' | 'false';
  /** Minutes between two runs of the deadline sweeper (src/jobs/deadlineSweeper.ts). */
  sweepMinutes: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', { detail });
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.REDRESS_DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    logLevel: value.LOG_LEVEL,
    sessionHours: value.SESSION_HOURS,
    sessionIdleMinutes: value.SESSION_IDLE_MINUTES,
    cookieSecure: value.COOKIE_SECURE,
    sweepMinutes: value.REDRESS_SWEEP_MINUTES,
  };
}
