/** The series' texts as network editors edit them, per language. */
import { authorize, type Actor } from '../../core/policy.ts';
import type { SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';
import { readSeries } from './readSeries.ts';

export async function readSeriesSettings(context: Context, actor: Actor): Promise<SeriesTexts> {
  authorize(actor, 'blog.series', { kind: 'network' });
  return readSeries(context);
}
