/** Commands added by feature areas (create-admin, backup, restore, …). */
import type { Command } from 'commander';

export function registerExtraCommands(_program: Command): void {}
