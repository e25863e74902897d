/**
 * A reporter returns to a saved draft with the receipt and saves it again or sends it. Sending
 * wraps the case key for the recipients, exactly as a report sent in one go. A draft already
 * sent (another tab, a second click) is not sent again.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import { sealAnswers, sealIdentity } from '../../core/intake/caseCrypto.ts';
import { receivingScope } from '../../core/intake/recipients.ts';
import { readReportForm, type FormProblem } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent, caseById } from '../../storage/caseQueries.ts';
import { questionnaireById } from '../../storage/questionnaireStore.ts';
import { cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { wrapForRecipients } from './recipientKeys.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';
import { dayOf } from './submitReport.ts';

export type DraftOutcome = { kind: 'saved' } | { kind: 'sent' } | { kind: 'invalid'; problems: Record<string, FormProblem> };

export async function finishDraft(context: Context, session: ReporterSession, fields: FormFields): Promise<DraftOutcome> {
  const draft = await caseById(context.db, session.caseId);
  if (!draft) throw new AppError('FOLLOW_UP_ENDED');
  if (draft.status !== 'draft') throw new AppError('DRAFT_ALREADY_SENT');
  const questionnaire = await questionnaireById(context.db, draft.questionnaireId);
  if (!questionnaire) throw new AppError('INTERNAL');
  const form = readReportForm(questionnaire.definition, fields, { channel: draft.channelOrgId === null ? 'network' : 'organisation', today: dayOf(context.clock()) });
  if (!form.ok) return { kind: 'invalid', problems: form.problems };
  const { submission } = form;
  const sending = submission.intent === 'submit';

  const done = await withReporterCase(context, session, fields.formToken, async (tx, found, caseKey, now) => {
    if (found.status !== 'draft') throw new AppError('DRAFT_ALREADY_SENT');
    const orgId = receivingScope(found.channelOrgId, submission.choices.recipient);
    const hasIdentity = submission.identity.name !== '' || submission.identity.contact !== '';
    await tx
      .update(cases)
      .set({
        orgId,
        status: sending ? 'submitted' : 'draft',
        path: submission.choices.path,
        identityMode: submission.choices.identityMode,
        sealedAnswers: sealAnswers(caseKey, found.id, submission.answers),
        sealedIdentity: hasIdentity ? sealIdentity(caseKey, found.id, submission.identity) : null,
        submittedAt: sending ? now : null,
        updatedAt: now,
      })
      .where(eq(cases.id, found.id));
    const delivery = sending ? await wrapForRecipients(tx, { caseId: found.id, orgId, caseKey, now }) : undefined;
    await addCaseEvent(tx, { caseId: found.id, kind: sending ? 'submitted' : 'draft-saved', actorKind: 'reporter', at: now });
    await recordAudit(
      tx,
      {
        actorId: null,
        action: sending ? 'case.submitted' : 'case.draft-saved',
        subjectType: 'case',
        subjectId: found.id,
        orgId: sending ? orgId : null,
        details: delivery ? { channel: found.channelOrgId ?? 'network', recipients: delivery.count, rule: delivery.rule } : {},
      },
      now,
    );
    return true;
  });
  // The same form sent twice: the first one did the work.
  if (!done && sending) throw new AppError('DRAFT_ALREADY_SENT');
  return { kind: sending ? 'sent' : 'saved' };
}
