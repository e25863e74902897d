/** A network editor sets the series' title, description and disclaimer in one language. */
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { readSeriesTexts, writeSeriesTexts, type SeriesText } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';

export async function updateSeries(context: Context, actor: Actor, language: string, text: SeriesText): Promise<void> {
  authorize(actor, 'blog.series', { kind: 'network' });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const texts = await readSeriesTexts(tx);
    await writeSeriesTexts(tx, { ...texts, [language]: text });
    await recordAudit(tx, { actorId: actor.staffId, action: 'blog.series-updated', subjectType: 'blog-series', details: { language } }, now);
  });
}
