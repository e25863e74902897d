/**
 * The escrow JSON API for reporters' clients (the browser page and `redress escrow`), and the
 * well-known document whose public key clients pin. Every route parses its body with one
 * schema, calls one use-case and answers JSON; every refusal is `{ error: { code, message } }`
 * with the catalogue's status, and stores nothing. No cookie is read: a reporter is known only
 * by the token in the body, and nothing here logs more than method and path.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { decodeBase64Url, encodeBase64Url } from '../../../client/escrow/base64url.ts';
import { WELL_KNOWN_PATH } from '../../../client/escrow/escrowApi.ts';
import { AppError, isAppError } from '../../../core/errors.ts';
import { isLanguage, translator } from '../../../i18n/index.ts';
import { checkEscrowStatus, escrowChallenge, type StatusOutcome } from '../../../usecases/escrow/checkEscrowStatus.ts';
import { decideOnMatch } from '../../../usecases/escrow/decideOnMatch.ts';
import { evaluateForReporter } from '../../../usecases/escrow/evaluateForReporter.ts';
import { placeAllegation } from '../../../usecases/escrow/placeAllegation.ts';
import { readEscrowConfiguration } from '../../../usecases/escrow/readEscrowConfiguration.ts';
import { redeemInvitation } from '../../../usecases/escrow/redeemInvitation.ts';
import { sendMembershipCode } from '../../../usecases/escrow/sendMembershipCode.ts';
import { verifyMembershipCode } from '../../../usecases/escrow/verifyMembershipCode.ts';
import type { App } from '../../app.ts';
import { parseOrThrow } from '../../forms.ts';
import { escrowContext, mailLinkBase } from '../escrowShared.tsx';

/** Eight entries of at most 256 KiB and 4 MiB of evidence, as base64url, with room to spare. */
const PLACEMENT_BODY_LIMIT = 12 * 1024 * 1024;

const token = z.string().max(64);
const encoded = (max: number) => z.string().max(max);
const receiptAttempt = { receipt: z.string().max(200), challenge: z.string().max(500), pow: z.string().max(40).default('') };

const schemas = {
  invitation: z.object({ code: z.string().max(100) }),
  emailCode: z.object({ email: z.string().max(400), language: z.string().max(10).optional() }),
  email: z.object({ email: z.string().max(400), code: z.string().max(20) }),
  evaluations: z.object({ token, blinded: z.array(encoded(64)).max(64) }),
  allegation: z.object({
    token,
    entries: z
      .array(
        z.object({
          tag: encoded(64),
          ciphertext: encoded(400_000),
          sealedForCounsellors: z.array(z.object({ counsellorId: z.string().max(64), envelope: encoded(400) })).max(64),
        }),
      )
      .max(16),
    evidence: encoded(6_000_000).optional(),
  }),
  status: z.object(receiptAttempt),
  decision: z.object({ ...receiptAttempt, decision: z.enum(['proceed', 'declined']) }),
};

function bytes(value: string): Uint8Array {
  const decoded = decodeBase64Url(value);
  if (!decoded) throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'a value is not unpadded base64url' });
  return decoded;
}

async function apiError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const status = isAppError(error) ? error.status : typeof (error as { statusCode?: unknown }).statusCode === 'number' ? Number((error as { statusCode: number }).statusCode) : 500;
  const code = isAppError(error) ? error.code : status === 413 || (status >= 400 && status < 500) ? 'BAD_INPUT' : 'INTERNAL';
  if (status >= 500) request.log.error({ err: error }, 'escrow request failed');
  const t = typeof (request as { t?: unknown }).t === 'function' ? request.t : translator('en');
  const params = isAppError(error) ? error.params : {};
  return reply
    .status(status >= 400 ? status : 500)
    .header('cache-control', 'no-store')
    .send({ error: { code, message: t(`errors.${code}`, params), params: 'seconds' in params ? { seconds: params.seconds } : {} } });
}

/** A receipt check either finds the allegation or is refused with the guard's reason. */
function found(outcome: StatusOutcome): Extract<StatusOutcome, { kind: 'found' }> {
  if (outcome.kind === 'found') return outcome;
  throw new AppError(outcome.code, outcome.code === 'RECEIPT_TOO_SOON' ? { seconds: outcome.seconds } : {});
}

function statusAnswer(view: Extract<StatusOutcome, { kind: 'found' }>['view']) {
  return { status: view.status, placedAt: view.placedAt.toISOString(), decision: view.decision, reportSince: view.reportSince?.toISOString() ?? null };
}

export async function escrowApiRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    scope.setErrorHandler(async (error, request, reply) => apiError(error, request, reply));
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    scope.get(WELL_KNOWN_PATH, async () => readEscrowConfiguration(await escrowContext(app)));

    scope.post('/api/escrow/reporters/invitation', async (request) => {
      const body = parseOrThrow(schemas.invitation, request.body);
      return { token: await redeemInvitation(await escrowContext(app), body) };
    });

    scope.post('/api/escrow/reporters/email-code', async (request, reply) => {
      const body = parseOrThrow(schemas.emailCode, request.body);
      await sendMembershipCode(await escrowContext(app), { email: body.email, language: isLanguage(body.language) ? body.language : request.language });
      return reply.status(202).send({ sent: true });
    });

    scope.post('/api/escrow/reporters/email', async (request) => {
      const body = parseOrThrow(schemas.email, request.body);
      return { token: await verifyMembershipCode(await escrowContext(app), body) };
    });

    scope.post('/api/escrow/evaluations', async (request) => {
      const body = parseOrThrow(schemas.evaluations, request.body);
      // A malformed element reaches admission as an empty one and is refused there, by index.
      const blinded = body.blinded.map((element) => decodeBase64Url(element) ?? new Uint8Array());
      const evaluation = await evaluateForReporter(await escrowContext(app), { token: body.token, blinded });
      return { evaluated: evaluation.evaluated.map(encodeBase64Url), proof: encodeBase64Url(evaluation.proof) };
    });

    scope.post('/api/escrow/allegations', { bodyLimit: PLACEMENT_BODY_LIMIT }, async (request, reply) => {
      const body = parseOrThrow(schemas.allegation, request.body);
      const entries = body.entries.map((entry) => ({
        tag: bytes(entry.tag),
        ciphertext: bytes(entry.ciphertext),
        sealedForCounsellors: entry.sealedForCounsellors.map((sealed) => ({ counsellorId: sealed.counsellorId, envelope: bytes(sealed.envelope) })),
      }));
      const evidence = body.evidence === undefined ? undefined : bytes(body.evidence);
      const placed = await placeAllegation(await escrowContext(app), { token: body.token, entries, evidence, mailLinkBase: mailLinkBase(app, request) });
      return reply.status(201).send({ receipt: placed.receipt, placedAt: placed.placedAt.toISOString() });
    });

    scope.get('/api/escrow/challenge', async () => {
      const challenge = await escrowChallenge(context.db, context.clock());
      return { challenge: challenge.token, wait: challenge.wait, difficulty: challenge.difficulty };
    });

    scope.post('/api/escrow/status', async (request) => {
      const body = parseOrThrow(schemas.status, request.body);
      return statusAnswer(found(await checkEscrowStatus(context, body)).view);
    });

    scope.post('/api/escrow/decision', async (request) => {
      const body = parseOrThrow(schemas.decision, request.body);
      const { view } = found(await checkEscrowStatus(context, body));
      const decided = await decideOnMatch(context, { allegationId: view.allegationId, decision: body.decision, mailLinkBase: mailLinkBase(app, request) });
      // The new report's receipt appears in this answer only, once.
      return { ...statusAnswer(decided.view), ...(decided.reportReceipt ? { reportReceipt: decided.reportReceipt } : {}) };
    });
  });
}
