/**
 * Opening a report channel: the network's (/report) or an organisation's (/o/<slug>/report),
 * with its current questionnaire, its support resources and a freshly signed form token.
 * Nothing is written and no cookie is set: the form carries all it needs.
 */
import { AppError } from '../../core/errors.ts';
import { REPORT_FORM_HOURS, signFormToken, verifyFormToken, type FormTokenCheck } from '../../core/intake/formToken.ts';
import { networkChannel, organisationChannel, supportResources, type Channel, type SupportResources } from '../../storage/channelQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { currentQuestionnaire, type QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import type { Context } from '../context.ts';

export type ReportFormView = {
  channel: Channel;
  /** The network's name, for "send it to the network instead". */
  networkName: string;
  questionnaire: QuestionnaireVersion;
  support: SupportResources;
  formToken: string;
};

/** A slug names an organisation's channel; null is the network's. Unknown → NOT_FOUND. */
export async function findChannel(db: Queryable, slug: string | null): Promise<Channel> {
  const channel = slug === null ? await networkChannel(db) : await organisationChannel(db, slug);
  if (!channel) throw new AppError('NOT_FOUND');
  return channel;
}

/** The form token binds the channel and the questionnaire version the form was drawn from. */
export function reportFormPurpose(channel: Channel, questionnaireId: string): string {
  return `report:${channel.orgId ?? 'network'}:${questionnaireId}`;
}

export async function signReportForm(db: Queryable, channel: Channel, questionnaireId: string, now: Date): Promise<string> {
  const { formKey } = await intakeSecrets(db);
  return signFormToken(formKey, reportFormPurpose(channel, questionnaireId), now);
}

export async function checkReportForm(db: Queryable, channel: Channel, questionnaireId: string, token: unknown, now: Date): Promise<FormTokenCheck> {
  const { formKey } = await intakeSecrets(db);
  return verifyFormToken(formKey, token, reportFormPurpose(channel, questionnaireId), now, REPORT_FORM_HOURS);
}

/** The form as it is shown: with `formToken` kept when the form comes back, else a fresh one. */
export async function reportFormView(db: Queryable, channel: Channel, questionnaire: QuestionnaireVersion, now: Date, formToken?: string): Promise<ReportFormView> {
  return {
    channel,
    networkName: (await networkChannel(db))?.name ?? channel.name,
    questionnaire,
    support: await supportResources(db, channel.orgId),
    formToken: formToken ?? (await signReportForm(db, channel, questionnaire.id, now)),
  };
}

export async function openReportChannel(context: Context, slug: string | null): Promise<ReportFormView> {
  const channel = await findChannel(context.db, slug);
  return reportFormView(context.db, channel, await currentQuestionnaire(context.db, channel.orgId), context.clock());
}
