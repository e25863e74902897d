/**
 * What the post form offers a person: the organisations they may write for (and the network,
 * if they may write in its name), and their byline role to start from.
 */
import { AppError } from '../../core/errors.ts';
import { allowed, type Actor } from '../../core/policy.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { allOrganisations, authorProfile } from '../../storage/publishing/editorialQueries.ts';
import type { Context } from '../context.ts';
import { writingScopes } from './postAccess.ts';

export type WritingOptions = {
  scopes: { orgId: string | null; name: string }[];
  networkName: string;
  bylineRole: string;
  authorSlug: string | undefined;
  bio: string;
};

export async function readWritingOptions(context: Context, actor: Actor): Promise<WritingOptions> {
  if (!allowed(actor, 'blog.enter', { kind: 'network' })) throw new AppError('NOT_FOUND');
  const organisations = await allOrganisations(context.db);
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  const networkName = (await currentNetwork(context.db))?.name ?? '';
  const profile = await authorProfile(context.db, actor.staffId);
  return {
    scopes: writingScopes(actor, organisations.map((organisation) => organisation.id)).map((orgId) => ({ orgId, name: orgId === null ? networkName : (names.get(orgId) ?? '') })),
    networkName,
    bylineRole: profile?.role ?? '',
    authorSlug: profile?.slug,
    bio: profile?.bio ?? '',
  };
}
