/** E-mail in tests: a mailer that keeps what it is asked to send, and the outbox worker run until nothing is due. */
import type { Mail, Mailer } from '../../src/jobs/mail.ts';
import { startOutboxWorker } from '../../src/jobs/outboxWorker.ts';
import type { Context } from '../../src/usecases/context.ts';

export type RecordingMailer = Mailer & { sent: Mail[]; refused: string[]; failFor: Set<string> };

/** Keeps what it is asked to send; refuses addresses in `failFor` as an SMTP server would. */
export function recordingMailer(): RecordingMailer {
  const mailer: RecordingMailer = {
    sent: [],
    refused: [],
    failFor: new Set(),
    async send(mail) {
      if (mailer.failFor.has(mail.to)) {
        mailer.refused.push(mail.to);
        throw new Error(`550 mailbox unavailable: ${mail.to}`);
      }
      mailer.sent.push(mail);
    },
    close: () => undefined,
  };
  return mailer;
}

/** Runs the outbox worker (with `mailer`, at `now`) until nothing more is due; answers its warnings. */
export async function deliverOutbox(context: Context, mailer: Mailer | undefined, now: Date): Promise<string[]> {
  const warnings: string[] = [];
  const worker = startOutboxWorker({
    context: { ...context, clock: () => now },
    config: { smtpUrl: undefined, mailFrom: 'Redress <redress@example.org>', publicUrl: 'https://redress.example.org/' },
    log: { warn: (_object: unknown, message?: string) => void warnings.push(String(message)), error: () => undefined },
    intervalMs: 3_600_000,
    ...(mailer ? { mailer } : {}),
  });
  try {
    for (let round = 0; round < 5 && (await worker.runOnce()) > 0; round += 1);
  } finally {
    await worker.stop();
  }
  return warnings;
}
