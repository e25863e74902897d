/**
 * The whole report form, pure: who receives it, the path, how the reporter wants to be known
 * (with a name and contact address sealed apart from the account), the answers, and whether
 * the reporter is sending it or saving it to finish later. Problems are keyed by form field,
 * so the page can show each next to its field. Never throws.
 */
import { cleanText, readAnswers, single, type AnswerProblem, type Answers, type FormFields, type Mode } from './answers.ts';
import {
  isIdentityMode,
  isReportPath,
  recipientChoices,
  type IdentityMode,
  type RecipientChoice,
  type ReportPath,
} from './caseModel.ts';
import type { EvidenceProblem } from './evidence.ts';
import type { QuestionnaireDefinition } from './questionnaire.ts';

export type ReportIntent = 'submit' | 'save';

export type ReporterIdentity = { name: string; contact: string };

export type ReportChoices = { recipient: RecipientChoice; path: ReportPath; identityMode: IdentityMode };

export type ReportSubmission = { intent: ReportIntent; choices: ReportChoices; identity: ReporterIdentity; answers: Answers };

export type FormProblem = AnswerProblem | { code: 'nameWhenAnonymous' } | EvidenceProblem;

export type ReportFormResult =
  | { ok: true; submission: ReportSubmission }
  | { ok: false; intent: ReportIntent; problems: Record<string, FormProblem> };

export const NAME_MAX = 200;
export const CONTACT_MAX = 500;

/** Which channel the form came through: only an organisation's channel offers a choice of recipient. */
export type ChannelKind = 'network' | 'organisation';

export function readIntent(fields: FormFields): ReportIntent {
  return single(fields, 'intent') === 'save' ? 'save' : 'submit';
}

export function readReportForm(
  definition: QuestionnaireDefinition,
  fields: FormFields,
  options: { channel: ChannelKind; today: string; intent?: ReportIntent },
): ReportFormResult {
  const intent = options.intent ?? readIntent(fields);
  const mode: Mode = intent === 'save' ? 'draft' : 'final';
  const problems: Record<string, FormProblem> = {};

  const recipient = readRecipient(fields, options.channel);
  if (!recipient) problems.recipient = { code: 'notAChoice' };
  const path = readChoice(fields, 'path', isReportPath, 'not_sure', mode);
  if (typeof path !== 'string') problems.path = path.problem;
  const identityMode = readChoice(fields, 'identity', isIdentityMode, 'anonymous', mode);
  if (typeof identityMode !== 'string') problems.identity = identityMode.problem;

  const name = cleanText(single(fields, 'name'), NAME_MAX);
  if (!name.ok) problems.name = name.problem;
  const contact = cleanText(single(fields, 'contact'), CONTACT_MAX);
  if (!contact.ok) problems.contact = contact.problem;
  if (mode === 'final' && name.ok) {
    // Anonymous means no name is kept; being known to the handlers or named needs one.
    if (identityMode === 'anonymous' && name.text !== '') problems.name = { code: 'nameWhenAnonymous' };
    if ((identityMode === 'confidential' || identityMode === 'named') && name.text === '') problems.name = { code: 'required' };
  }

  const answers = readAnswers(definition, fields, mode, options.today);
  if (!answers.ok) for (const [id, problem] of Object.entries(answers.problems)) problems[`q_${id}`] = problem;

  if (Object.keys(problems).length > 0 || !recipient || typeof path !== 'string' || typeof identityMode !== 'string' || !name.ok || !contact.ok || !answers.ok) {
    return { ok: false, intent, problems };
  }
  return {
    ok: true,
    submission: {
      intent,
      choices: { recipient, path, identityMode },
      identity: { name: name.text, contact: contact.text },
      answers: answers.answers,
    },
  };
}

function readRecipient(fields: FormFields, channel: ChannelKind): RecipientChoice | undefined {
  if (channel === 'network') return 'network';
  const value = single(fields, 'recipient').trim() || 'organisation';
  return (recipientChoices as readonly string[]).includes(value) ? (value as RecipientChoice) : undefined;
}

/** A radio choice: its value, a default for a draft, or a problem. */
function readChoice<T extends string>(
  fields: FormFields,
  name: string,
  isValid: (value: unknown) => value is T,
  draftDefault: T,
  mode: Mode,
): T | { problem: FormProblem } {
  const value = single(fields, name).trim();
  if (value === '') return mode === 'draft' ? draftDefault : { problem: { code: 'required' } };
  return isValid(value) ? value : { problem: { code: 'notAChoice' } };
}
