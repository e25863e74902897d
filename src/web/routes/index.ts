/** Every route module, registered in one place. */
import type { App } from '../app.ts';
import { homeRoutes } from './home.tsx';
import { setupRoutes } from './setup.tsx';
import { signInRoutes } from './signIn.tsx';
import { accountRoutes } from './account.tsx';
import { adminOrganisationsRoutes } from './adminOrganisations.tsx';
import { adminStaffRoutes } from './adminStaff.tsx';
import { adminAuditRoutes } from './adminAudit.tsx';
import { invitationRoutes } from './invitation.tsx';
import { reporterRoutes } from './reporterRoutes.tsx';
import { inboxRoutes } from './inbox.tsx';
import { inboxListRoutes } from './inboxList.tsx';
import { reportSettingsRoutes } from './reportSettings.tsx';
import { adminProcedureRoutes } from './adminProcedures.tsx';
import { blogRoutes } from './blog.tsx';
import { editorialRoutes } from './editorial.tsx';
import { escrowRoutes } from './escrowRoutes.tsx';
import { toolkitActionRoutes } from './toolkitActions.tsx';
import { toolkitAnswerRoutes } from './toolkitAnswer.tsx';
import { toolkitResultRoutes } from './toolkitResults.tsx';
import { toolkitRoundRoutes } from './toolkitRounds.tsx';
import { toolkitTemplateRoutes } from './toolkitTemplates.tsx';

export async function registerRoutes(app: App): Promise<void> {
  await homeRoutes(app);
  await setupRoutes(app);
  await signInRoutes(app);
  await accountRoutes(app);
  await adminOrganisationsRoutes(app);
  await adminStaffRoutes(app);
  await adminAuditRoutes(app);
  await invitationRoutes(app);
  await reporterRoutes(app);
  await inboxListRoutes(app);
  await inboxRoutes(app);
  await reportSettingsRoutes(app);
  await adminProcedureRoutes(app);
  await blogRoutes(app);
  await editorialRoutes(app);
  await escrowRoutes(app);
  await toolkitAnswerRoutes(app);
  await toolkitRoundRoutes(app);
  await toolkitResultRoutes(app);
  await toolkitActionRoutes(app);
  await toolkitTemplateRoutes(app);
}
