/**
 * What the escrow routes share: the escrow service of this app (secrets from the key file, the
 * VOPRF evaluator, a mailer for membership codes), started on first use so that a deployment
 * without escrow keys still serves everything else, and retried after a failure so an operator
 * can fix the key file without a restart; and the reporter-page frame for the network's channel.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { smtpMailer } from '../../jobs/mail.ts';
import { networkChannel, supportResources } from '../../storage/channelQueries.ts';
import { loadEscrowKeys } from '../../storage/escrow/escrowKeys.ts';
import { startEscrowService, type EscrowContext, type EscrowService } from '../../usecases/escrow/escrowService.ts';
import type { App, AppServices } from '../app.ts';
import type { ReporterChrome } from '../components/ReporterLayout.tsx';
import { chromeFor } from './reporterChannel.tsx';

const services = new WeakMap<AppServices, Promise<EscrowService>>();

export function escrowService(app: App): Promise<EscrowService> {
  const existing = services.get(app.redress);
  if (existing) return existing;
  const { config } = app.redress;
  const starting = (async () => {
    const keys = loadEscrowKeys({ env: process.env, dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    return startEscrowService(keys, config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined);
  })();
  services.set(app.redress, starting);
  starting.catch(() => services.delete(app.redress));
  return starting;
}

export async function escrowContext(app: App): Promise<EscrowContext> {
  return { ...app.redress.context, escrow: await escrowService(app) };
}

/** Closes the membership-code mailer with the app. */
export function closeEscrowService(app: App): void {
  app.addHook('onClose', async () => {
    const running = services.get(app.redress);
    services.delete(app.redress);
    const service = await running?.catch(() => undefined);
    service?.mailer?.close();
  });
}

/** Escrow belongs to the network: its pages wear the network channel's frame. */
export async function escrowChrome(app: App, request: FastifyRequest): Promise<ReporterChrome> {
  const channel = await networkChannel(app.redress.context.db);
  if (!channel) throw new AppError('NOT_FOUND');
  return chromeFor(request, channel, await supportResources(app.redress.context.db, null));
}

/** Where alert e-mails link to: PUBLIC_URL, else this request's own origin; none without SMTP. */
export function mailLinkBase(app: App, request: FastifyRequest): string | undefined {
  const { config } = app.redress;
  if (!config.smtpUrl) return undefined;
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}
