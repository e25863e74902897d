/** A staff member chooses the language of their pages and e-mails. */
import { eq } from 'drizzle-orm';
import type { Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export async function changeLanguage(context: Context, staffId: string, language: Language): Promise<void> {
  await context.db.transaction(async (tx) => {
    await tx.update(staff).set({ language }).where(eq(staff.id, staffId));
    await recordAudit(tx, { actorId: staffId, action: 'staff.language-changed', subjectType: 'staff', subjectId: staffId, details: { language } }, context.clock());
  });
}
