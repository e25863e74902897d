import { describe, expect, it } from 'vitest';
import { breakGlassInput, caseCategories, labelsInput, linkInput, parseLabels, referralInput } from './caseWorkInput.ts';

describe('case work input', () => {
  it('normalises labels to lower case, collapses spaces and drops duplicates', () => {
    expect(parseLabels(' Urgent ,  night   shift, urgent,, Zweite-Runde ')).toEqual({ ok: true, labels: ['urgent', 'night shift', 'zweite-runde'] });
    expect(parseLabels('')).toEqual({ ok: true, labels: [] });
  });

  it('refuses labels that are too long, have other characters, or are too many', () => {
    expect(parseLabels('a'.repeat(41))).toEqual({ ok: false, messageKey: 'caseWork.labels.tooLong' });
    expect(parseLabels('a'.repeat(40))).toMatchObject({ ok: true });
    expect(parseLabels('see: <script>')).toEqual({ ok: false, messageKey: 'caseWork.labels.characters' });
    expect(parseLabels('-leading hyphen')).toEqual({ ok: false, messageKey: 'caseWork.labels.characters' });
    expect(parseLabels(Array.from({ length: 11 }, (_, i) => `label ${i}`).join(','))).toEqual({ ok: false, messageKey: 'caseWork.labels.tooMany' });
    expect(parseLabels(Array.from({ length: 10 }, (_, i) => `label ${i}`).join(','))).toMatchObject({ ok: true });
  });

  it('takes a category only from the vocabulary of the kinds question, or none', () => {
    expect(caseCategories).toContain('sexual_harassment');
    expect(labelsInput.parse({ labels: 'a', category: 'bullying' })).toEqual({ labels: ['a'], category: 'bullying' });
    expect(labelsInput.parse({ category: '' })).toEqual({ labels: [], category: null });
    expect(labelsInput.safeParse({ labels: '', category: 'gossip' }).success).toBe(false);
  });

  it('reads a case number with or without a leading #', () => {
    expect(linkInput.parse({ caseNumber: ' #1234 ' })).toEqual({ caseNumber: 1234 });
    expect(linkInput.safeParse({ caseNumber: '12a' }).success).toBe(false);
    expect(linkInput.safeParse({ caseNumber: '' }).success).toBe(false);
  });

  it('wants a real day, a party and an answer about consent for a referral', () => {
    const referral = { referralService: 'Riverside Counselling', referralDate: '2026-03-04', referralParty: 'reporter', referralWhat: 'Six sessions', referralConsent: 'yes' };
    expect(referralInput.safeParse(referral).success).toBe(true);
    expect(referralInput.safeParse({ ...referral, referralDate: '2026-02-30' }).success).toBe(false);
    expect(referralInput.safeParse({ ...referral, referralParty: 'witness' }).success).toBe(false);
    expect(referralInput.safeParse({ ...referral, referralConsent: undefined }).success).toBe(false);
  });

  it('gives break-glass 4 hours unless told otherwise, and between 1 and 24', () => {
    const reason = 'Both handlers are away and the reporter wrote that she is in danger tonight.';
    expect(breakGlassInput.parse({ reason })).toEqual({ reason, hours: 4 });
    expect(breakGlassInput.parse({ reason, hours: '' })).toEqual({ reason, hours: 4 });
    expect(breakGlassInput.parse({ reason, hours: '24' })).toEqual({ reason, hours: 24 });
    for (const hours of ['0', '25', '2.5', 'four', '-1']) expect(breakGlassInput.safeParse({ reason, hours }).success).toBe(false);
    expect(breakGlassInput.safeParse({ reason: 'urgent' }).success).toBe(false);
  });
});
