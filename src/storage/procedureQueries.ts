/** The procedure definitions stored as data (adapted copies of the templates), newest version first. */
import { desc, asc } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { procedureDefinitions } from './schema/index.ts';

export type StoredProcedureRow = typeof procedureDefinitions.$inferSelect;

export async function storedProcedureDefinitions(db: Queryable): Promise<StoredProcedureRow[]> {
  return db.select().from(procedureDefinitions).orderBy(asc(procedureDefinitions.id), desc(procedureDefinitions.version));
}
