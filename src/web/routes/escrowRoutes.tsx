/** Allegation escrow's routes, registered together: the reporter's pages, the JSON API, and the staff pages. */
import type { App } from '../app.ts';
import { escrowApiRoutes } from './api/escrow.ts';
import { escrowCounsellorRoutes } from './escrowCounsellor.tsx';
import { escrowReporterRoutes } from './escrowReporter.tsx';
import { escrowSettingsRoutes } from './escrowSettings.tsx';
import { closeEscrowService } from './escrowShared.tsx';

export async function escrowRoutes(app: App): Promise<void> {
  closeEscrowService(app);
  await escrowReporterRoutes(app);
  await escrowApiRoutes(app);
  await escrowCounsellorRoutes(app);
  await escrowSettingsRoutes(app);
}
