/**
 * The series' own words (title, description, disclaimer) per language, and the secret that
 * signs comment form tokens. Both live in the settings table; the secret is drawn once, on
 * first use, and shared by every app process through the database.
 */
import { randomBytes, toBase64Url, fromBase64Url } from '../../core/crypto/bytes.ts';
import { settings } from '../schema/index.ts';
import type { Queryable } from '../database.ts';
import { readSetting, writeSetting } from '../settings.ts';

export type SeriesText = { title: string; description: string; disclaimer: string };
/** Keyed by language code; a language without its own text falls back to the translations. */
export type SeriesTexts = Record<string, SeriesText>;

const SERIES_SETTING = 'publishing.series';
const COMMENT_KEY_SETTING = 'publishing.comment-form-key';

export async function readSeriesTexts(db: Queryable): Promise<SeriesTexts> {
  return (await readSetting<SeriesTexts>(db, SERIES_SETTING)) ?? {};
}

export async function writeSeriesTexts(db: Queryable, texts: SeriesTexts): Promise<void> {
  await writeSetting(db, SERIES_SETTING, texts);
}

const keyCache = new WeakMap<object, Uint8Array>();

export async function commentFormKey(db: Queryable): Promise<Uint8Array> {
  const cached = keyCache.get(db);
  if (cached) return cached;
  // Two processes starting together both try to insert; the first wins and both read it.
  await db
    .insert(settings)
    .values({ key: COMMENT_KEY_SETTING, value: toBase64Url(randomBytes(32)) })
    .onConflictDoNothing({ target: settings.key });
  const stored = await readSetting<string>(db, COMMENT_KEY_SETTING);
  if (typeof stored !== 'string') throw new Error('the comment form key could not be stored');
  const key = fromBase64Url(stored);
  keyCache.set(db, key);
  return key;
}
