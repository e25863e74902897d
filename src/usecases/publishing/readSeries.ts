/** The series' own words, per language, as network editors set them. */
import { readSeriesTexts, type SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';

export function readSeries(context: Context): Promise<SeriesTexts> {
  return readSeriesTexts(context.db);
}
