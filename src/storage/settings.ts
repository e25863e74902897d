/** Small named values kept in the database (the pending setup link, deployment secrets). */
import { eq } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { settings } from './schema/index.ts';

export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function writeSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

export async function deleteSetting(db: Queryable, key: string): Promise<void> {
  await db.delete(settings).where(eq(settings.key, key));
}
