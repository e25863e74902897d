/**
 * The question bank's model: a template is a list of domains, each with questions of three
 * kinds (agreement scale, yes/partly/no with optional evidence, free text), each question in
 * the long form and some also in the short form. Texts are either message keys (the shipped
 * default template) or per-language text written by an admin, so every question is translatable.
 * A round stores answers by question position, so a template version never changes once used.
 */
import { z } from 'zod';

export const questionKinds = ['agreement', 'yes_partly_no', 'free_text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const assessmentForms = ['long', 'short'] as const;
export type AssessmentForm = (typeof assessmentForms)[number];

const languageCode = z.string().regex(/^[a-z]{2,3}$/);

/** A text shown to people: a catalogue key, or text an admin wrote in one or more languages. */
export const localisedTextSchema = z.union([
  z.object({ key: z.string().regex(/^[a-zA-Z][\w-]*(\.[\w-]+)+$/).max(200) }).strict(),
  z
    .object({ text: z.record(languageCode, z.string().trim().min(1).max(1000)) })
    .strict()
    .refine((value) => Object.keys(value.text).length > 0, { message: 'at least one language' }),
]);
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const itemKey = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/).max(80);

export const questionSchema = z
  .object({
    key: itemKey,
    kind: z.enum(questionKinds),
    text: localisedTextSchema,
    /** Also asked in the short form. */
    short: z.boolean(),
  })
  .strict();
export type Question = z.infer<typeof questionSchema>;

export const domainSchema = z
  .object({
    key: itemKey,
    title: localisedTextSchema,
    summary: localisedTextSchema,
    questions: z.array(questionSchema).min(1).max(40),
  })
  .strict();
export type Domain = z.infer<typeof domainSchema>;

export const templateDefinitionSchema = z
  .object({
    domains: z.array(domainSchema).min(1).max(20),
  })
  .strict()
  .superRefine((definition, issues) => {
    const domainKeys = new Set<string>();
    const questionKeys = new Set<string>();
    for (const domain of definition.domains) {
      if (domainKeys.has(domain.key)) issues.addIssue({ code: 'custom', message: `domain ${domain.key} appears twice` });
      domainKeys.add(domain.key);
      if (!domain.questions.some((question) => question.short)) {
        issues.addIssue({ code: 'custom', message: `domain ${domain.key} has no question in the short form` });
      }
      for (const question of domain.questions) {
        if (questionKeys.has(question.key)) issues.addIssue({ code: 'custom', message: `question ${question.key} appears twice` });
        questionKeys.add(question.key);
      }
    }
    const total = definition.domains.reduce((sum, domain) => sum + domain.questions.length, 0);
    if (total > 200) issues.addIssue({ code: 'custom', message: 'a template holds at most 200 questions' });
  });
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;

/** A question with its place in the template: answers are stored by `position`. */
export type PlacedQuestion = Question & { position: number; domainKey: string; domainIndex: number };

/** Every question in template order, long form, with positions counted across domains. */
export function placedQuestions(definition: TemplateDefinition): PlacedQuestion[] {
  let position = 0;
  return definition.domains.flatMap((domain, domainIndex) =>
    domain.questions.map((question) => ({ ...question, position: position++, domainKey: domain.key, domainIndex })),
  );
}

/** The questions one form asks, in order. */
export function questionsInForm(definition: TemplateDefinition, form: AssessmentForm): PlacedQuestion[] {
  const all = placedQuestions(definition);
  return form === 'long' ? all : all.filter((question) => question.short);
}

/** The domains one form asks about, each with its questions in that form. */
export function domainsInForm(definition: TemplateDefinition, form: AssessmentForm): { domain: Domain; index: number; questions: PlacedQuestion[] }[] {
  const questions = questionsInForm(definition, form);
  return definition.domains.map((domain, index) => ({
    domain,
    index,
    questions: questions.filter((question) => question.domainIndex === index),
  }));
}

/**
 * The text in a language: a key goes through the catalogue; admin text falls back to English,
 * then to any language it was written in, so a question never shows blank.
 */
export function resolveText(text: LocalisedText, language: string, translate: (key: string) => string): string {
  if ('key' in text) return translate(text.key);
  return text.text[language] ?? text.text.en ?? Object.values(text.text)[0] ?? '';
}

/** Admin-editable copy: every key replaced by its text in each offered language. */
export function writtenOut(definition: TemplateDefinition, languages: readonly string[], translateIn: (language: string, key: string) => string): TemplateDefinition {
  const spell = (text: LocalisedText): LocalisedText =>
    'key' in text ? { text: Object.fromEntries(languages.map((language) => [language, translateIn(language, text.key)])) } : { text: { ...text.text } };
  return {
    domains: definition.domains.map((domain) => ({
      ...domain,
      title: spell(domain.title),
      summary: spell(domain.summary),
      questions: domain.questions.map((question) => ({ ...question, text: spell(question.text) })),
    })),
  };
}
