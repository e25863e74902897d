import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableActions, editorialActions, move, scheduleProblem } from './editorialWorkflow.ts';
import { isLive, isScheduled, parseSignatoryLines, parseTagList, postStatuses, signatoryLines, type PostStatus } from './post.ts';

describe('the editorial workflow', () => {
  it('takes a post from draft through review to publication and back', () => {
    const path: [PostStatus, (typeof editorialActions)[number], PostStatus][] = [
      ['draft', 'submit', 'in_review'],
      ['in_review', 'request-changes', 'changes_requested'],
      ['changes_requested', 'submit', 'in_review'],
      ['in_review', 'approve', 'approved'],
      ['approved', 'publish', 'published'],
      ['published', 'unpublish', 'unpublished'],
      ['unpublished', 'submit', 'in_review'],
    ];
    for (const [from, action, to] of path) expect(move(from, action)).toEqual({ ok: true, to });
  });

  it('refuses moves that skip review', () => {
    expect(move('draft', 'publish').ok).toBe(false);
    expect(move('draft', 'approve').ok).toBe(false);
    expect(move('changes_requested', 'publish').ok).toBe(false);
    expect(move('published', 'submit').ok).toBe(false);
  });

  it('never publishes a post that was not submitted for review, whatever the sequence of actions', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...editorialActions), { maxLength: 12 }), (actions) => {
        let status: PostStatus = 'draft';
        let reviewed = false;
        for (const action of actions) {
          const next = move(status, action);
          if (!next.ok) continue;
          if (next.to === 'in_review') reviewed = true;
          if (next.to === 'published') expect(reviewed).toBe(true);
          status = next.to;
        }
      }),
    );
  });

  it('offers only actions that lead somewhere', () => {
    for (const status of postStatuses) for (const action of availableActions(status)) expect(move(status, action).ok).toBe(true);
  });

  it('refuses a schedule in the past, with a minute of grace', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(scheduleProblem(new Date('2025-02-28T12:00:00Z'), now)).toBe('in-past');
    expect(scheduleProblem(new Date('2025-03-01T11:59:30Z'), now)).toBeUndefined();
    expect(scheduleProblem(new Date('2025-03-02T08:00:00Z'), now)).toBeUndefined();
    expect(scheduleProblem(undefined, now)).toBeUndefined();
  });

  it('treats a published post whose time has not come as scheduled, not live', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const later = { status: 'published' as const, publishedAt: new Date('2025-03-05T09:00:00Z') };
    expect(isLive(later, now)).toBe(false);
    expect(isScheduled(later, now)).toBe(true);
    expect(isLive(later, new Date('2025-03-05T09:00:00Z'))).toBe(true);
    expect(isLive({ status: 'approved', publishedAt: null }, now)).toBe(false);
  });
});

describe('signatories and tags as typed', () => {
  it('reads one signatory per line and writes them back the same way', () => {
    const text = 'Lucía Ferrer | Director | Red Andina de Mujeres\n\nTomás Ekwueme | | Open Hands Collective\nNadia Rahman';
    const parsed = parseSignatoryLines(text);
    expect(parsed).toEqual({
      ok: true,
      signatories: [
        { name: 'Lucía Ferrer', role: 'Director', organisation: 'Red Andina de Mujeres' },
        { name: 'Tomás Ekwueme', role: '', organisation: 'Open Hands Collective' },
        { name: 'Nadia Rahman', role: '', organisation: '' },
      ],
    });
    if (parsed.ok) expect(parseSignatoryLines(signatoryLines(parsed.signatories))).toEqual(parsed);
  });

  it('names the line that cannot be read', () => {
    expect(parseSignatoryLines('Ana Lima\n | Role only\n')).toEqual({ ok: false, line: 2 });
    expect(parseSignatoryLines('A | B | C | D')).toEqual({ ok: false, line: 1 });
  });

  it('de-duplicates tags regardless of case and keeps at most ten', () => {
    expect(parseTagList(' Safeguarding, safeguarding ,Gender audit,, ')).toEqual(['Safeguarding', 'Gender audit']);
    expect(parseTagList(Array.from({ length: 15 }, (_, index) => `t${index}`).join(','))).toHaveLength(10);
  });
});
