/** `redress migrate`: applies pending migrations on the configured backend and says which. */
import type { Config } from '../config.ts';
import { migrationsFolder, openDatabase } from '../storage/database.ts';
import { applyMigrations } from '../storage/migrations.ts';

export async function migrateCommand(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  try {
    const outcome = await applyMigrations(database.db, migrationsFolder, { apply: true });
    console.log(
      outcome.applied.length === 0
        ? `The database at ${database.location} is up to date (${outcome.current.length} migrations).`
        : `Applied ${outcome.applied.length} migrations to ${database.location}: ${outcome.applied.join(', ')}`,
    );
  } finally {
    await database.close();
  }
}
