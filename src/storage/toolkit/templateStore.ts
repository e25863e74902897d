/**
 * Reading and writing question templates. The default template is written into the database
 * the first time the toolkit needs it, and again as a new version of the same family whenever
 * a Redress upgrade changes it; rounds keep pointing at the version they were opened with.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { defaultTemplate, DEFAULT_TEMPLATE_NAME_KEY } from '../../core/toolkit/defaultTemplate.ts';
import { templateDefinitionSchema, type LocalisedText, type TemplateDefinition } from '../../core/toolkit/template.ts';
import type { Queryable } from '../database.ts';
import { toolkitTemplates } from '../schema/index.ts';

export const DEFAULT_TEMPLATE_FAMILY = '00000000-0000-4000-8000-00000000a11d';

export type TemplateStatus = 'draft' | 'published';

export type TemplateRow = {
  id: string;
  familyId: string;
  version: number;
  name: LocalisedText;
  definition: TemplateDefinition;
  status: TemplateStatus;
  builtIn: boolean;
};

function toTemplate(row: typeof toolkitTemplates.$inferSelect): TemplateRow {
  const definition = templateDefinitionSchema.parse(row.definition);
  return {
    id: row.id,
    familyId: row.familyId,
    version: row.version,
    name: row.name,
    definition,
    status: row.status === 'published' ? 'published' : 'draft',
    builtIn: row.builtIn,
  };
}

export async function ensureDefaultTemplate(db: Queryable): Promise<void> {
  const [latest] = await db
    .select()
    .from(toolkitTemplates)
    .where(eq(toolkitTemplates.familyId, DEFAULT_TEMPLATE_FAMILY))
    .orderBy(desc(toolkitTemplates.version))
    .limit(1);
  if (latest && JSON.stringify(latest.definition) === JSON.stringify(defaultTemplate)) return;
  await db
    .insert(toolkitTemplates)
    .values({
      familyId: DEFAULT_TEMPLATE_FAMILY,
      version: (latest?.version ?? 0) + 1,
      name: { key: DEFAULT_TEMPLATE_NAME_KEY },
      definition: defaultTemplate,
      status: 'published',
      builtIn: true,
    })
    .onConflictDoNothing();
}

export async function listTemplates(db: Queryable): Promise<TemplateRow[]> {
  await ensureDefaultTemplate(db);
  const rows = await db.select().from(toolkitTemplates).orderBy(asc(toolkitTemplates.builtIn), asc(toolkitTemplates.familyId), desc(toolkitTemplates.version));
  return rows.map(toTemplate);
}

export async function templateById(db: Queryable, id: string): Promise<TemplateRow> {
  const [row] = await db.select().from(toolkitTemplates).where(eq(toolkitTemplates.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return toTemplate(row);
}

export async function latestVersion(db: Queryable, familyId: string): Promise<number> {
  const [row] = await db
    .select({ version: toolkitTemplates.version })
    .from(toolkitTemplates)
    .where(eq(toolkitTemplates.familyId, familyId))
    .orderBy(desc(toolkitTemplates.version))
    .limit(1);
  return row?.version ?? 0;
}

export async function insertTemplate(
  db: Queryable,
  values: { familyId: string; version: number; name: LocalisedText; definition: TemplateDefinition; createdBy: string },
): Promise<string> {
  const [row] = await db
    .insert(toolkitTemplates)
    .values({ ...values, status: 'draft', builtIn: false })
    .returning({ id: toolkitTemplates.id });
  if (!row) throw new AppError('INTERNAL');
  return row.id;
}

/** Changes a draft; a published or built-in version is frozen. */
export async function updateDraft(db: Queryable, id: string, changes: { name?: LocalisedText; definition?: TemplateDefinition; status?: TemplateStatus }): Promise<void> {
  const updated = await db
    .update(toolkitTemplates)
    .set(changes)
    .where(and(eq(toolkitTemplates.id, id), eq(toolkitTemplates.status, 'draft'), eq(toolkitTemplates.builtIn, false)))
    .returning({ id: toolkitTemplates.id });
  if (updated.length === 0) throw new AppError('TOOLKIT_TEMPLATE_FROZEN');
}
