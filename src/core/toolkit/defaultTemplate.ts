/**
 * The default question bank shipped with Redress, written for this product and modelled on
 * participatory gender audits: eight domains, 92 questions in the long form, 24 of them also in
 * the short form. The words live in the message catalogues (toolkit.bank.*, toolkit.domains.*),
 * so the template is translated like every other string.
 */
import type { QuestionKind, TemplateDefinition } from './template.ts';

type Row = readonly [slug: string, kind: QuestionKind, short: boolean];

const A = 'agreement' as const;
const Y = 'yes_partly_no' as const;
const T = 'free_text' as const;

const bank: readonly (readonly [domain: string, rows: readonly Row[]])[] = [
  [
    'policy',
    [
      ['written-policy', Y, true],
      ['code-of-conduct', Y, true],
      ['policy-known', A, true],
      ['policy-signed', Y, false],
      ['policy-reviewed', Y, false],
      ['policy-participation', A, false],
      ['policy-budget', Y, false],
      ['policy-partners', Y, false],
      ['policy-languages', A, false],
      ['policy-applied', A, false],
      ['policy-accountability', A, false],
      ['policy-comment', T, false],
    ],
  ],
  [
    'leadership',
    [
      ['leaders-speak', A, true],
      ['leaders-example', A, true],
      ['leaders-act', A, true],
      ['board-oversight', Y, false],
      ['leadership-balance', Y, false],
      ['leaders-resources', A, false],
      ['leaders-objectives', Y, false],
      ['leaders-listen', A, false],
      ['leaders-decisions', A, false],
      ['focal-point', Y, false],
      ['leaders-mistakes', A, false],
      ['leadership-comment', T, false],
    ],
  ],
  [
    'staffing',
    [
      ['recruitment-fair', A, true],
      ['pay-equal', Y, true],
      ['vetting', Y, true],
      ['parental-leave', Y, false],
      ['flexible-work', A, false],
      ['induction', Y, false],
      ['training', A, false],
      ['workload', A, false],
      ['contracts', A, false],
      ['exit-interviews', Y, false],
      ['career-development', A, false],
      ['staffing-comment', T, false],
    ],
  ],
  [
    'culture',
    [
      ['safe-to-speak', A, true],
      ['respect', A, true],
      ['remarks-challenged', A, true],
      ['credit', A, false],
      ['meetings', A, false],
      ['informal-power', A, false],
      ['bystander', A, false],
      ['wellbeing', A, false],
      ['team-reflection', Y, false],
      ['open-identity', A, false],
      ['no-retaliation-past', A, false],
      ['culture-comment', T, false],
    ],
  ],
  [
    'safeguarding',
    [
      ['know-how-to-report', A, true],
      ['trust-handling', A, true],
      ['survivor-centred', A, true],
      ['trained-focal-points', Y, false],
      ['external-channel', Y, false],
      ['due-process', A, false],
      ['timely', A, false],
      ['support-offered', Y, false],
      ['no-retaliation', A, false],
      ['records', Y, false],
      ['communities', Y, false],
      ['safeguarding-comment', T, false],
    ],
  ],
  [
    'partnership',
    [
      ['wro-partners', Y, true],
      ['equal-partners', A, true],
      ['wro-funding', Y, true],
      ['partner-voice', A, false],
      ['partner-strength', A, false],
      ['partner-safeguarding', Y, false],
      ['partner-feedback', Y, false],
      ['partner-credit', A, false],
      ['partner-burden', A, false],
      ['partner-learning', A, false],
      ['partnership-comment', T, false],
    ],
  ],
  [
    'programmes',
    [
      ['gender-analysis', Y, true],
      ['disaggregated-data', Y, true],
      ['participation', A, true],
      ['budget-tracking', Y, false],
      ['do-no-harm', A, false],
      ['indicators', Y, false],
      ['skills', A, false],
      ['evaluation', Y, false],
      ['root-causes', A, false],
      ['accessibility', A, false],
      ['programmes-comment', T, false],
    ],
  ],
  [
    'image',
    [
      ['dignity', A, true],
      ['consent', Y, true],
      ['public-stance', A, true],
      ['spokespeople', A, false],
      ['inclusive-language', A, false],
      ['consistency', A, false],
      ['public-accountability', Y, false],
      ['balanced-panels', Y, false],
      ['outside-feedback', Y, false],
      ['image-comment', T, false],
    ],
  ],
];

export const DEFAULT_TEMPLATE_NAME_KEY = 'toolkit.bank.name';

export const defaultTemplate: TemplateDefinition = {
  domains: bank.map(([domain, rows]) => ({
    key: domain,
    title: { key: `toolkit.domains.${domain}.title` },
    summary: { key: `toolkit.domains.${domain}.summary` },
    questions: rows.map(([slug, kind, short]) => ({
      key: `${domain}.${slug}`,
      kind,
      text: { key: `toolkit.bank.${domain}.${slug}` },
      short,
    })),
  })),
};
