/**
 * The case file PDF, in two stages: `caseFileContents` turns what exportCasePdf.ts loaded into
 * plain text lines (in the reader's language), and `renderCaseFile` lays them out with pdfkit
 * (standard fonts, a "confidential" header and page numbers on every page). Everything printed
 * passes through the contents, so a test can check the exact text given to pdfkit; the version
 * rules (core/cases/redaction.ts) were applied before: a redacted version has only the
 * redacted answers, no identity, no evidence file names and no reasons.
 */
import PDFDocument from 'pdfkit';
import { documentIdOf, isTextField, shippedTemplate } from '../../core/cases/handling.ts';
import { deadlineInCaseFile, historyEntryInCaseFile, reasonsInCaseFile, type CaseFileVersion } from '../../core/cases/redaction.ts';
import type { Answer, Answers } from '../../core/intake/answers.ts';
import type { AttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import type { LocalText, Question } from '../../core/intake/questionnaire.ts';
import type { ReporterIdentity } from '../../core/intake/reportForm.ts';
import { currentSteps, stepRecord, type CaseState } from '../../core/procedures/caseState.ts';
import { deadlines, type CaseAction, type ProcedureDefinition } from '../../core/procedures/index.ts';
import type { Translate } from '../../i18n/index.ts';

export type CaseFileDocument = { id: string; kind: string; at: Date; author: { kind: string; staffId: string | null }; text: string };

/** What the export loaded, already limited to what this version may hold. */
export type CaseFileRecord = {
  version: CaseFileVersion;
  ref: number;
  organisation: string;
  channel: string;
  receivedAt: Date | null;
  status: string;
  definition: ProcedureDefinition;
  state: CaseState;
  exportedAt: Date;
  exportedBy: string;
  questions: Question[];
  answers: Answers;
  /** Full version only. */
  identity: ReporterIdentity | undefined;
  redaction: { title: string; version: number; at: Date } | null;
  documents: CaseFileDocument[];
  /** The text of reasons by document id (full version only). */
  reasons: ReadonlyMap<string, string>;
  staffNames: ReadonlyMap<string, string>;
  evidence: (AttachmentMetadata & { id: string; at: Date })[];
};

export type CaseFileItem = { heading?: string; lines: string[] };
export type CaseFileSection = { heading: string; items: CaseFileItem[] };
export type CaseFileContents = { title: string; subtitle: string; header: string; summary: string[]; sections: CaseFileSection[]; pageLabel: (page: number, pages: number) => string };

export type CaseFileLabels = { t: Translate; language: string };

function dateTime(language: string, date: Date | string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(typeof date === 'string' ? new Date(date) : date);
}

function day(language: string, value: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

function local(labels: CaseFileLabels, text: LocalText | undefined): string {
  if (!text) return '';
  if ('key' in text) return labels.t(text.key);
  return text.text[labels.language] ?? text.text.en ?? Object.values(text.text)[0] ?? '';
}

/** Runs of blocks become a word a reader (and the standard PDF fonts) can take. */
function withMarks(labels: CaseFileLabels, text: string): string {
  return text.replace(/█+/g, labels.t('caseExport.redactedMark'));
}

function answerText(labels: CaseFileLabels, record: CaseFileRecord, question: Question, answer: Answer): string {
  const { t } = labels;
  if (question.type === 'file') {
    const ids = Array.isArray(answer) ? answer : [];
    if (record.version !== 'full') return t('caseExport.answers.files', { count: ids.length });
    return ids.map((id) => record.evidence.find((file) => file.id === id)?.name ?? t('caseExport.evidence.unnamed')).join(', ');
  }
  const option = (value: string) => {
    if (question.type === 'yes_no') return value === 'yes' ? t('intake.form.yes') : t('intake.form.no');
    if (question.type === 'single_choice' || question.type === 'multiple_choice') return local(labels, question.options.find((choice) => choice.value === value)?.label) || value;
    return value;
  };
  if (typeof answer === 'string') return withMarks(labels, question.type === 'single_choice' || question.type === 'yes_no' ? option(answer) : answer);
  if (Array.isArray(answer)) return answer.map(option).join(', ');
  return t('intake.form.dateRange', { from: answer.from ?? '…', to: answer.to ?? '…' });
}

type Describe = { labels: CaseFileLabels; record: CaseFileRecord; documentNumbers: ReadonlyMap<string, number> };

function who(context: Describe, by: CaseState['history'][number]['by']): string {
  const { t } = context.labels;
  if (by.kind !== 'staff') return t(`caseExport.parties.${by.kind}`);
  const name = context.record.staffNames.get(by.staffId) ?? t('caseExport.formerStaff');
  return by.caseRoles.length === 0 ? name : `${name} (${by.caseRoles.map((role) => t(`caseExport.roles.${role}`)).join(', ')})`;
}

function value(context: Describe, key: string, raw: unknown): string {
  const { t } = context.labels;
  if (typeof raw === 'boolean') return t(raw ? 'intake.form.yes' : 'intake.form.no');
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw)) return raw.map((item) => value(context, key, item)).join(', ');
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const ref = raw as { id: string; version: number };
    const template = shippedTemplate(ref.id, ref.version);
    return template ? `${t(template.nameKey)} (v${ref.version})` : `${ref.id} v${ref.version}`;
  }
  const text = String(raw);
  if (key === 'staffId') return context.record.staffNames.get(text) ?? t('caseExport.formerStaff');
  if (key === 'as') return t(`caseExport.roles.${text}`);
  if (key === 'party' || key === 'by' || key === 'for' || key === 'with') return t(`caseExport.parties.${text}`);
  const { definition } = context.record;
  if (key === 'step') return t(definition.steps.find((step) => step.id === text)?.nameKey ?? text);
  if (key === 'deadline') return t(definition.deadlines.find((deadline) => deadline.id === text)?.nameKey ?? text);
  return t(`caseExport.values.${text}`, { defaultValue: text });
}

/** The details of one action: its choices, its documents by number, its reason (full version only). */
function actionDetails(context: Describe, action: CaseAction): string[] {
  const { t } = context.labels;
  const lines: string[] = [];
  for (const [key, raw] of Object.entries(action)) {
    if (key === 'type') continue;
    const label = t(`caseExport.fields.${key}`, { defaultValue: key });
    if (!isTextField(key)) {
      lines.push(`${label}: ${value(context, key, raw)}`);
      continue;
    }
    const refs = (Array.isArray(raw) ? raw : [raw]).filter((item): item is string => typeof item === 'string');
    if (key === 'reason') {
      const documentId = refs[0] ? documentIdOf(refs[0]) : null;
      const reason = documentId ? context.record.reasons.get(documentId) : undefined;
      lines.push(`${label}: ${reasonsInCaseFile(context.record.version) && reason !== undefined ? reason : t('caseExport.history.reasonWithheld')}`);
      continue;
    }
    const numbers = refs.map((ref) => {
      const documentId = documentIdOf(ref);
      const number = documentId ? context.documentNumbers.get(documentId) : undefined;
      return number === undefined ? t('caseExport.history.notInVersion') : t('caseExport.documents.number', { number });
    });
    if (numbers.length > 0) lines.push(`${label}: ${numbers.join(', ')}`);
  }
  return lines;
}

function kindLabel(t: Translate, kind: string): string {
  const [type = kind, field = ''] = kind.split('.');
  return `${t(`caseExport.actions.${type}`, { defaultValue: type })} — ${t(`caseExport.fields.${field}`, { defaultValue: field })}`;
}

export function caseFileContents(record: CaseFileRecord, labels: CaseFileLabels): CaseFileContents {
  const { t, language } = labels;
  const documentNumbers = new Map(record.documents.map((document, index) => [document.id, index + 1]));
  const context: Describe = { labels, record, documentNumbers };
  const { definition, state } = record;
  const versionLabel = t(`caseExport.versions.${record.version}`);
  const current = new Set(currentSteps(definition, state).map((step) => step.id));

  const steps = definition.steps.map((step): CaseFileItem => {
    const done = stepRecord(definition, state, step);
    const status = done
      ? t(done.status === 'skipped' ? 'caseExport.steps.skipped' : 'caseExport.steps.done', { date: dateTime(language, done.at), by: who(context, done.by) })
      : t(current.has(step.id) ? 'caseExport.steps.current' : 'caseExport.steps.waiting');
    return { lines: [`${t(step.nameKey)}: ${status}`] };
  });
  const history = state.history.filter((entry) => historyEntryInCaseFile(record.version, entry.action, state)).map((entry): CaseFileItem => ({
    heading: `${dateTime(language, entry.at)} — ${t(`caseExport.actions.${entry.action.type}`, { defaultValue: entry.action.type })} — ${who(context, entry.by)}`,
    lines: actionDetails(context, entry.action),
  }));
  const due = deadlines(definition, state, record.exportedAt)
    .filter((deadline) => deadlineInCaseFile(record.version, deadline, state))
    .map((deadline): CaseFileItem => ({
    lines: [
      `${t(deadline.nameKey)}: ${t('caseExport.deadlines.due', { date: day(language, deadline.dueOn) })} — ${t(`caseExport.deadlines.status.${deadline.status}`)}${deadline.metOn ? ` (${day(language, deadline.metOn)}${deadline.late ? `, ${t('caseExport.deadlines.late')}` : ''})` : ''}${deadline.legalReference ? ` — ${deadline.legalReference}` : ''}`,
    ],
  }));
  const answers = record.questions.flatMap((question): CaseFileItem[] => {
    const answer = Object.hasOwn(record.answers, question.id) ? record.answers[question.id] : undefined;
    return answer === undefined ? [] : [{ heading: local(labels, question.label), lines: answerText(labels, record, question, answer).split('\n') }];
  });
  const reporter: CaseFileItem[] =
    record.version !== 'full'
      ? [{ lines: [t('caseExport.reporter.withheld')] }]
      : record.identity && (record.identity.name || record.identity.contact)
        ? [{ lines: [`${t('intake.form.name')}: ${record.identity.name}`, `${t('intake.form.contact')}: ${record.identity.contact}`] }]
        : [{ lines: [t('caseExport.reporter.none')] }];
  const documents = record.documents.map((document, index): CaseFileItem => ({
    heading: `${t('caseExport.documents.number', { number: index + 1 })}. ${kindLabel(t, document.kind)} — ${dateTime(language, document.at)} — ${
      document.author.kind === 'staff' ? (record.staffNames.get(document.author.staffId ?? '') ?? t('caseExport.formerStaff')) : t(`caseExport.parties.${document.author.kind}`)
    }`,
    lines: withMarks(labels, document.text).split('\n'),
  }));
  const evidence = record.evidence.map((file, index): CaseFileItem => ({
    heading: `${t('caseExport.evidence.number', { number: index + 1 })}. ${record.version === 'full' ? file.name : t('caseExport.evidence.unnamed')}`,
    lines: [
      `${t('caseExport.evidence.received', { date: dateTime(language, file.at) })} — ${file.type} — ${t('caseExport.evidence.size', { bytes: file.receivedSize })}${file.cleaned ? ` — ${t('caseExport.evidence.cleaned')}` : ''}`,
      `SHA-256: ${file.receivedSha256}`,
    ],
  }));
  const none = (items: CaseFileItem[]) => (items.length > 0 ? items : [{ lines: [t('caseExport.none')] }]);

  return {
    title: t('caseExport.title', { ref: record.ref }),
    subtitle: versionLabel,
    header: t('caseExport.header', { ref: record.ref, version: versionLabel }),
    pageLabel: (page, pages) => t('caseExport.page', { page, pages }),
    summary: [
      `${t('caseExport.summary.organisation')}: ${record.organisation}`,
      `${t('caseExport.summary.channel')}: ${record.channel}`,
      `${t('caseExport.summary.received')}: ${record.receivedAt ? dateTime(language, record.receivedAt) : '—'}`,
      `${t('caseExport.summary.procedure')}: ${t(definition.nameKey)} (v${definition.version})`,
      `${t('caseExport.summary.status')}: ${t(`intake.status.${record.status}`)}`,
      ...(state.closure ? [`${t('caseExport.summary.closed')}: ${dateTime(language, state.closure.at)}`] : []),
      ...(record.redaction
        ? [t('caseExport.summary.redaction', { title: record.redaction.title, version: record.redaction.version, date: dateTime(language, record.redaction.at) })]
        : []),
      t('caseExport.summary.exported', { date: dateTime(language, record.exportedAt), name: record.exportedBy }),
    ],
    sections: [
      { heading: t('caseExport.sections.reporter'), items: reporter },
      { heading: t('caseExport.sections.answers'), items: none(answers) },
      { heading: t('caseExport.sections.steps'), items: steps },
      { heading: t('caseExport.sections.deadlines'), items: none(due) },
      { heading: t('caseExport.sections.history'), items: none(history) },
      { heading: t('caseExport.sections.documents'), items: none(documents) },
      { heading: t('caseExport.sections.evidence'), items: none(evidence) },
    ],
  };
}

// The standard PDF fonts write WinAnsi: other characters would print as garbage, so they print as "?".
const WIN_ANSI = /[^\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu;

function printable(text: string): string {
  return text.replace(/\t/g, ' ').replace(WIN_ANSI, '?');
}

export type RenderedCaseFile = { bytes: Uint8Array; written: string[] };

export async function renderCaseFile(contents: CaseFileContents, options: { compress?: boolean } = {}): Promise<RenderedCaseFile> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 50, right: 50 }, bufferPages: true, compress: options.compress ?? true, info: { Title: printable(contents.title), Creator: 'Redress' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const written: string[] = [];
  const write = (text: string, font: 'Helvetica' | 'Helvetica-Bold', size: number, at?: { x: number; y: number; width: number; align: 'center' | 'left' }) => {
    const line = printable(text);
    written.push(line);
    doc.font(font).fontSize(size);
    if (at) doc.text(line, at.x, at.y, { width: at.width, align: at.align });
    else doc.text(line);
  };

  write(contents.title, 'Helvetica-Bold', 16);
  write(contents.subtitle, 'Helvetica', 11);
  doc.moveDown(0.5);
  for (const line of contents.summary) write(line, 'Helvetica', 10);
  for (const section of contents.sections) {
    doc.moveDown(0.8);
    write(section.heading, 'Helvetica-Bold', 13);
    doc.moveDown(0.2);
    for (const item of section.items) {
      if (item.heading) write(item.heading, 'Helvetica-Bold', 10);
      for (const line of item.lines) write(line, 'Helvetica', 10);
      doc.moveDown(0.3);
    }
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Header and footer sit in the margins; without this pdfkit would start a new page for them.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 100;
    doc.fillColor('#8a1c1c');
    write(contents.header, 'Helvetica-Bold', 8, { x: 50, y: 25, width, align: 'center' });
    doc.fillColor('#4a4a55');
    write(contents.pageLabel(index + 1, range.count), 'Helvetica', 8, { x: 50, y: doc.page.height - 40, width, align: 'center' });
    doc.fillColor('#1b1b1f');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return { bytes: await done, written };
}
