/** Carries out due outbox messages every few seconds, after the transactions that queued them commit. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Context } from '../usecases/context.ts';
import { claimDue, markDone, markFailed, type OutboxMessage } from '../storage/outboxStore.ts';
import { invitationMail, smtpMailer, type Mailer } from './mail.ts';
import { toolkitOutboxHandlers } from '../usecases/toolkit/toolkitMail.ts';
import { escrowOutboxHandlers } from '../usecases/escrow/escrowMail.ts';
import { caseOutboxHandlers } from '../usecases/cases/caseMail.ts';

export type OutboxWorker = { runOnce(): Promise<number>; stop(): Promise<void> };

type Handler = (message: OutboxMessage) => Promise<void>;

/** `publicUrl`: where links in e-mail point when the queued message does not say (case mail). */
export function outboxHandlers(mailer: Mailer | undefined, context?: Context, publicUrl?: string): Record<string, Handler> {
  return {
    ...toolkitOutboxHandlers(mailer, context),
    ...escrowOutboxHandlers(mailer, context),
    ...caseOutboxHandlers(mailer, context, publicUrl),
    'mail.staff-invitation': async (message) => {
      if (!mailer) throw new Error('SMTP is not configured');
      await mailer.send(invitationMail(message.payload as Parameters<typeof invitationMail>[0]));
    },
  };
}

export function startOutboxWorker(options: {
  context: Context;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'> & { publicUrl?: string | undefined };
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  intervalMs?: number;
  mailer?: Mailer;
}): OutboxWorker {
  const mailer = options.mailer ?? (options.config.smtpUrl ? smtpMailer(options.config.smtpUrl, options.config.mailFrom) : undefined);
  const handlers = outboxHandlers(mailer, options.context, options.config.publicUrl);
  const { db, clock } = options.context;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function runOnce(): Promise<number> {
    const due = await claimDue(db, clock(), 10);
    for (const message of due) {
      const handler = handlers[message.kind];
      try {
        if (!handler) throw new Error(`no handler for ${message.kind}`);
        await handler(message);
        await markDone(db, message.id, clock());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        options.log.warn({ outboxId: message.id, kind: message.kind, attempts: message.attempts }, `outbox message failed: ${reason}`);
        await markFailed(db, message, clock(), reason);
      }
    }
    return due.length;
  }

  const timer = setInterval(() => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'outbox worker failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs ?? 5000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      mailer?.close();
    },
  };
}
