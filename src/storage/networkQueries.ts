/** The deployment's one network row. */
import type { Queryable } from './database.ts';
import { network } from './schema/index.ts';

export type NetworkRow = typeof network.$inferSelect;

export async function currentNetwork(db: Queryable): Promise<NetworkRow | undefined> {
  const [row] = await db.select().from(network).limit(1);
  return row;
}
