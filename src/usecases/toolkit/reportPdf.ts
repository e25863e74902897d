/**
 * Results as a PDF report (pdfkit, standard fonts): the same published cells as the page —
 * scores by domain drawn as bars with their spread, role groups, questions and comments, or
 * for the network, the roll-up by domain and organisation. Hidden cells print their reason.
 */
import PDFDocument from 'pdfkit';
import type { Hidden, PublishedScore, Report, Rollup } from '../../core/toolkit/results.ts';
import { roleGroups } from '../../core/toolkit/roleGroups.ts';

export type PdfLabels = {
  title: string;
  subtitle: string;
  respondents: string;
  byDomain: string;
  byRole: string;
  byQuestion: string;
  comments: string;
  byOrganisation: string;
  domain: (key: string) => string;
  question: (key: string) => string;
  role: (role: string) => string;
  hidden: (hidden: Hidden) => string;
  score: (score: PublishedScore) => string;
  count: (cell: { shown: true; n: number } | Hidden) => string;
  footer: string;
};

const BAND_GREYS = ['#e3e8f2', '#b7c4dd', '#8399c2', '#4f6ea5', '#1d3b72'];

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

function start(labels: PdfLabels): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: labels.title, Creator: 'Redress' } });
  doc.font('Helvetica-Bold').fontSize(16).text(labels.title);
  doc.font('Helvetica').fontSize(10).fillColor('#4a4a55').text(labels.subtitle).fillColor('#1b1b1f').moveDown();
  return doc;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
}

/** One row: label, a bar split by band with a mean line, and the figure. */
function scoreBar(doc: PDFKit.PDFDocument, label: string, score: PublishedScore, text: string): void {
  if (doc.y > 760) doc.addPage();
  const y = doc.y;
  const x = 230;
  const width = 220;
  doc.fontSize(9).text(label, 50, y, { width: 170 });
  if (score.shown) {
    let offset = x;
    score.summary.bands.forEach((count, band) => {
      const segment = score.summary.n === 0 ? 0 : (count / score.summary.n) * width;
      if (segment > 0) doc.rect(offset, y, segment, 10).fill(BAND_GREYS[band] ?? '#000000');
      offset += segment;
    });
    const meanX = x + (score.summary.mean / 100) * width;
    doc.moveTo(meanX, y - 2).lineTo(meanX, y + 12).lineWidth(2).stroke('#1b1b1f');
  }
  doc.fillColor('#1b1b1f').fontSize(9).text(text, x + width + 10, y, { width: 95 });
  doc.x = 50;
  doc.y = Math.max(doc.y, y + 16);
}

export async function organisationReportPdf(report: Report, comments: readonly { questionKey: string; text: string }[], labels: PdfLabels): Promise<Uint8Array> {
  const doc = start(labels);
  const done = collect(doc);
  doc.fontSize(11).text(`${labels.respondents}: ${labels.count(report.respondents)}`);
  heading(doc, labels.byDomain);
  for (const domain of report.domains) scoreBar(doc, labels.domain(domain.key), domain.overall, labels.score(domain.overall));
  heading(doc, labels.byRole);
  doc.fontSize(9).text(roleGroups.map((role) => `${labels.role(role)}: ${labels.count(report.respondentsByRole[role])}`).join('   ·   '));
  for (const domain of report.domains) {
    doc.moveDown(0.3).font('Helvetica-Bold').text(labels.domain(domain.key)).font('Helvetica');
    doc.text(roleGroups.map((role) => `${labels.role(role)}: ${labels.score(domain.byRole[role])}`).join('   ·   '));
  }
  heading(doc, labels.byQuestion);
  for (const question of report.questions) {
    if (doc.y > 760) doc.addPage();
    const result = question.result;
    doc.fontSize(9).text(`${labels.question(question.key)} — ${result.shown ? `${result.mean} (${result.scored}/${result.asked})` : labels.hidden(result)}`);
  }
  if (comments.length > 0) {
    heading(doc, labels.comments);
    for (const comment of comments) doc.fontSize(9).text(`“${comment.text}” — ${labels.question(comment.questionKey)}`).moveDown(0.2);
  }
  doc.moveDown().fontSize(8).fillColor('#4a4a55').text(labels.footer);
  doc.end();
  return done;
}

export async function rollupPdf(rollup: Rollup, domainKeys: readonly string[], organisationName: (orgId: string) => string, labels: PdfLabels): Promise<Uint8Array> {
  const doc = start(labels);
  const done = collect(doc);
  heading(doc, labels.byDomain);
  for (const domain of rollup.network) scoreBar(doc, labels.domain(domain.key), domain.score, `${labels.score(domain.score)} · ${domain.organisations}`);
  heading(doc, labels.byOrganisation);
  for (const row of rollup.organisations) {
    if (doc.y > 740) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(`${organisationName(row.orgId)} — ${labels.respondents}: ${labels.count(row.respondents)}`).font('Helvetica');
    doc.fontSize(9).text(row.domains.map((score, index) => `${labels.domain(domainKeys[index] ?? '')}: ${score.shown ? score.summary.mean : labels.hidden(score)}`).join('   ·   '));
    doc.moveDown(0.3);
  }
  doc.moveDown().fontSize(8).fillColor('#4a4a55').text(labels.footer);
  doc.end();
  return done;
}
