/**
 * The question bank for network coordinators and admins: copy a template (the default one is
 * written out in every offered language so each word can be edited), change a draft question
 * by question, publish it, and start a new version of a published one. Published versions are
 * frozen because rounds store answers by question position.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { templateDefinitionSchema, writtenOut, type LocalisedText, type Question, type QuestionKind, type TemplateDefinition } from '../../core/toolkit/template.ts';
import { languages, translator } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { insertTemplate, latestVersion, listTemplates, templateById, updateDraft, type TemplateRow } from '../../storage/toolkit/templateStore.ts';
import type { Context } from '../context.ts';

export async function templatesFor(context: Context, actor: Actor): Promise<TemplateRow[]> {
  authorize(actor, 'toolkit.enter', { kind: 'network' });
  return listTemplates(context.db);
}

export async function templateFor(context: Context, actor: Actor, id: string): Promise<TemplateRow> {
  authorize(actor, 'toolkit.enter', { kind: 'network' });
  return templateById(context.db, id);
}

function spelled(text: LocalisedText): LocalisedText {
  if (!('key' in text)) return { text: { ...text.text } };
  return { text: Object.fromEntries(languages.map((language) => [language, translator(language)(text.key)])) };
}

/** A new template family from any version, as an editable draft. */
export async function copyTemplate(context: Context, actor: Actor, sourceId: string, name: Record<string, string>): Promise<string> {
  authorize(actor, 'toolkit.templates', { kind: 'network' });
  const source = await templateById(context.db, sourceId);
  const definition = writtenOut(source.definition, languages, (language, key) => translator(language)(key));
  return saveNew(context, actor, { familyId: randomUUID(), version: 1, name: { text: name }, definition }, 'toolkit.template-copied', { from: source.id });
}

/** The next version of a published template, as a draft with the same words. */
export async function newVersion(context: Context, actor: Actor, sourceId: string): Promise<string> {
  authorize(actor, 'toolkit.templates', { kind: 'network' });
  const source = await templateById(context.db, sourceId);
  if (source.builtIn) throw new AppError('TOOLKIT_TEMPLATE_FROZEN');
  const version = (await latestVersion(context.db, source.familyId)) + 1;
  return saveNew(context, actor, { familyId: source.familyId, version, name: spelled(source.name), definition: source.definition }, 'toolkit.template-versioned', { from: source.id });
}

async function saveNew(
  context: Context,
  actor: Actor,
  values: { familyId: string; version: number; name: LocalisedText; definition: TemplateDefinition },
  action: string,
  details: Record<string, unknown>,
): Promise<string> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const id = await insertTemplate(tx, { ...values, createdBy: actor.staffId });
    await recordAudit(tx, { actorId: actor.staffId, action, subjectType: 'toolkit-template', subjectId: id, details }, now);
    return id;
  });
}

export type QuestionEdit = { text: Record<string, string>; kind: QuestionKind; short: boolean };

/** Changes one draft by a pure function of its definition, re-validated before it is saved. */
async function changeDraft(context: Context, actor: Actor, id: string, change: (definition: TemplateDefinition) => TemplateDefinition, what: string): Promise<void> {
  authorize(actor, 'toolkit.templates', { kind: 'network' });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const template = await templateById(tx, id);
    if (template.status !== 'draft' || template.builtIn) throw new AppError('TOOLKIT_TEMPLATE_FROZEN');
    const parsed = templateDefinitionSchema.safeParse(change(structuredClone(template.definition)));
    if (!parsed.success) throw new AppError('TOOLKIT_TEMPLATE_INVALID', { detail: parsed.error.issues.map((issue) => issue.message).join('; ') });
    await updateDraft(tx, id, { definition: parsed.data });
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.template-edited', subjectType: 'toolkit-template', subjectId: id, details: { change: what } }, now);
  });
}

function findQuestion(definition: TemplateDefinition, key: string): { domainIndex: number; index: number } {
  for (const [domainIndex, domain] of definition.domains.entries()) {
    const index = domain.questions.findIndex((question) => question.key === key);
    if (index >= 0) return { domainIndex, index };
  }
  throw new AppError('NOT_FOUND');
}

export function editQuestion(context: Context, actor: Actor, id: string, questionKey: string, edit: QuestionEdit): Promise<void> {
  return changeDraft(
    context,
    actor,
    id,
    (definition) => {
      const { domainIndex, index } = findQuestion(definition, questionKey);
      const domain = definition.domains[domainIndex];
      const question = domain?.questions[index];
      if (!domain || !question) throw new AppError('NOT_FOUND');
      domain.questions[index] = { ...question, text: { text: edit.text }, kind: edit.kind, short: edit.short };
      return definition;
    },
    `question ${questionKey}`,
  );
}

export function addQuestion(context: Context, actor: Actor, id: string, domainKey: string, edit: QuestionEdit): Promise<void> {
  return changeDraft(
    context,
    actor,
    id,
    (definition) => {
      const domain = definition.domains.find((candidate) => candidate.key === domainKey);
      if (!domain) throw new AppError('NOT_FOUND');
      const taken = new Set(definition.domains.flatMap((candidate) => candidate.questions.map((question) => question.key)));
      let number = domain.questions.length + 1;
      while (taken.has(`${domainKey}.q${number}`)) number += 1;
      const question: Question = { key: `${domainKey}.q${number}`, kind: edit.kind, text: { text: edit.text }, short: edit.short };
      domain.questions.push(question);
      return definition;
    },
    `add to ${domainKey}`,
  );
}

export function removeQuestion(context: Context, actor: Actor, id: string, questionKey: string): Promise<void> {
  return changeDraft(
    context,
    actor,
    id,
    (definition) => {
      const { domainIndex, index } = findQuestion(definition, questionKey);
      definition.domains[domainIndex]?.questions.splice(index, 1);
      return definition;
    },
    `remove ${questionKey}`,
  );
}

export function editDomain(context: Context, actor: Actor, id: string, domainKey: string, title: Record<string, string>, summary: Record<string, string>): Promise<void> {
  return changeDraft(
    context,
    actor,
    id,
    (definition) => {
      const domain = definition.domains.find((candidate) => candidate.key === domainKey);
      if (!domain) throw new AppError('NOT_FOUND');
      domain.title = { text: title };
      domain.summary = { text: summary };
      return definition;
    },
    `domain ${domainKey}`,
  );
}

export async function publishTemplate(context: Context, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'toolkit.templates', { kind: 'network' });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateDraft(tx, id, { status: 'published' });
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.template-published', subjectType: 'toolkit-template', subjectId: id }, now);
  });
}
