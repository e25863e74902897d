/** Someone who writes sets the role and short biography their byline and author page show. */
import { eq } from 'drizzle-orm';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { ensureAuthorProfile } from '../../storage/publishing/postStore.ts';
import { blogAuthors } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export async function updateAuthorProfile(context: Context, actor: Actor & { name: string }, profile: { role: string; bio: string }): Promise<void> {
  authorize(actor, 'blog.enter', { kind: 'network' });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await ensureAuthorProfile(tx, actor.staffId, actor.name);
    await tx.update(blogAuthors).set({ displayName: actor.name, role: profile.role, bio: profile.bio }).where(eq(blogAuthors.staffId, actor.staffId));
    await recordAudit(tx, { actorId: actor.staffId, action: 'blog.author-profile-updated', subjectType: 'staff', subjectId: actor.staffId }, now);
  });
}
