/** Evidence attached to a domain of a round: documents (kept in the database) and focus-group notes. */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { toolkitEvidence } from '../schema/index.ts';

export type EvidenceKind = 'document' | 'focus_group_notes';

export type EvidenceItem = {
  id: string;
  domainKey: string;
  kind: EvidenceKind;
  title: string;
  notes: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  createdAt: Date;
};

const listed = {
  id: toolkitEvidence.id,
  domainKey: toolkitEvidence.domainKey,
  kind: toolkitEvidence.kind,
  title: toolkitEvidence.title,
  notes: toolkitEvidence.notes,
  fileName: toolkitEvidence.fileName,
  contentType: toolkitEvidence.contentType,
  size: toolkitEvidence.size,
  sha256: toolkitEvidence.sha256,
  createdAt: toolkitEvidence.createdAt,
};

function toItem(row: Omit<EvidenceItem, 'kind'> & { kind: string }): EvidenceItem {
  return { ...row, kind: row.kind === 'document' ? 'document' : 'focus_group_notes' };
}

export async function evidenceOf(db: Queryable, roundId: string, orgId: string): Promise<EvidenceItem[]> {
  const rows = await db
    .select(listed)
    .from(toolkitEvidence)
    .where(and(eq(toolkitEvidence.roundId, roundId), eq(toolkitEvidence.orgId, orgId)))
    .orderBy(asc(toolkitEvidence.domainKey), asc(toolkitEvidence.createdAt));
  return rows.map(toItem);
}

export async function insertEvidence(
  db: Queryable,
  values: {
    roundId: string;
    orgId: string;
    domainKey: string;
    kind: EvidenceKind;
    title: string;
    notes: string | null;
    file: { name: string; contentType: string; content: Uint8Array; sha256: string } | null;
    addedBy: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(toolkitEvidence)
    .values({
      roundId: values.roundId,
      orgId: values.orgId,
      domainKey: values.domainKey,
      kind: values.kind,
      title: values.title,
      notes: values.notes,
      fileName: values.file?.name ?? null,
      contentType: values.file?.contentType ?? null,
      content: values.file?.content ?? null,
      sha256: values.file?.sha256 ?? null,
      size: values.file?.content.length ?? null,
      addedBy: values.addedBy,
      createdAt: values.now,
    })
    .returning({ id: toolkitEvidence.id });
  if (!row) throw new Error('evidence was not stored');
  return row.id;
}

export async function evidenceFile(db: Queryable, id: string): Promise<{ roundId: string; orgId: string; fileName: string; contentType: string; content: Uint8Array } | undefined> {
  const [row] = await db
    .select({ roundId: toolkitEvidence.roundId, orgId: toolkitEvidence.orgId, fileName: toolkitEvidence.fileName, contentType: toolkitEvidence.contentType, content: toolkitEvidence.content })
    .from(toolkitEvidence)
    .where(eq(toolkitEvidence.id, id));
  if (!row?.content || !row.fileName || !row.contentType) return undefined;
  return { roundId: row.roundId, orgId: row.orgId, fileName: row.fileName, contentType: row.contentType, content: row.content };
}
