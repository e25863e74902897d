/**
 * What every request carries once the shell has read it: the language and its translator, the
 * signed-in staff member if any, and the form token for that session.
 */
import type { Translate, Language } from '../i18n/index.ts';
import type { AppServices } from './app.ts';
import type { SignedIn } from '../usecases/session/sessions.ts';

declare module 'fastify' {
  interface FastifyInstance {
    redress: AppServices;
  }
  interface FastifyRequest {
    language: Language;
    t: Translate;
    signedIn: SignedIn | undefined;
    csrfToken: string | undefined;
  }
}

export {};
