/**
 * Route guards: who must be signed in, and the rule that a member who still owes TOTP
 * enrolment can reach nothing but the enrolment page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../core/policy.ts';
import { requiresTotp } from '../core/roles.ts';
import type { SignedIn } from '../usecases/session/sessions.ts';

export function needsEnrolment(signedIn: SignedIn): boolean {
  return !signedIn.totpEnrolled && requiresTotp(signedIn.grants);
}

/** The signed-in, fully enrolled staff member, or an error the shell turns into a redirect. */
export function requireStaff(request: FastifyRequest): SignedIn & { actor: Actor } {
  const signedIn = request.signedIn;
  if (!signedIn) throw new AppError('SIGN_IN_REQUIRED');
  if (needsEnrolment(signedIn)) throw new AppError('SIGN_IN_REQUIRED');
  return { ...signedIn, actor: { staffId: signedIn.staffId, grants: signedIn.grants } };
}

/** Sends a member who owes enrolment to it; returns true when it did. */
export function redirectToEnrolment(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.signedIn && needsEnrolment(request.signedIn)) {
    void reply.redirect('/account/totp', 303);
    return true;
  }
  return false;
}
