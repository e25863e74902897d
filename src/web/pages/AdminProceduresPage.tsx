/** Administrators' procedures: the shipped templates and each scope's adapted versions, and the editor for a copy. */
import type { DefinitionProblem, ProcedureDefinition } from '../../core/procedures/index.ts';
import type { ProcedureLibrary } from '../../usecases/procedures/procedureLibrary.ts';
import type { StoredProcedure } from '../../storage/procedureStore.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';

export function procedurePath(definition: Pick<ProcedureDefinition, 'id' | 'version'>): string {
  return `/admin/procedures/${encodeURIComponent(definition.id)}/${definition.version}`;
}

function ProcedureTable(props: { context: PageContext; caption: string; procedures: StoredProcedure[] }) {
  const { t, language } = props.context;
  if (props.procedures.length === 0) return <p>{t('adminProcedures.noneAdapted', { scope: props.caption })}</p>;
  return (
    <ScrollTable t={t} name={props.caption}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adminProcedures.name')}</th>
          <th scope="col">{t('adminProcedures.id')}</th>
          <th scope="col">{t('adminProcedures.version')}</th>
          <th scope="col">{t('adminProcedures.path')}</th>
          <th scope="col">{t('adminProcedures.saved')}</th>
        </tr>
      </thead>
      <tbody>
        {props.procedures.map(({ definition, createdAt }) => (
          <tr key={`${definition.id}@${definition.version}`}>
            <td>
              <a href={procedurePath(definition)}>{t(definition.nameKey)}</a>
            </td>
            <td>
              <code>{definition.id}</code>
            </td>
            <td>{definition.version}</td>
            <td>{t(`adminProcedures.paths.${definition.path}`)}</td>
            <td>{createdAt ? createdAt.toLocaleDateString(language, { timeZone: 'UTC' }) : t('adminProcedures.shipped')}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function scopeName(context: PageContext, scope: { orgId: string | null; name: string | null }): string {
  return scope.orgId === null ? context.t('adminProcedures.network') : (scope.name ?? '');
}

export function AdminProceduresPage(props: { context: PageContext; library: ProcedureLibrary; saved?: string | undefined }) {
  const { context, library } = props;
  const { t } = context;
  return (
    <Layout context={context} title={t('adminProcedures.title')}>
      {props.saved ? <Notice kind="success">{t('adminProcedures.savedNotice', { id: props.saved })}</Notice> : null}
      <p>{t('adminProcedures.lead')}</p>
      <h2>{t('adminProcedures.templatesTitle')}</h2>
      <ProcedureTable context={context} caption={t('adminProcedures.templatesTitle')} procedures={library.templates} />
      {library.scopes.map((scope) => (
        <section key={scope.orgId ?? 'network'} aria-labelledby={`scope-${scope.orgId ?? 'network'}`}>
          <h2 id={`scope-${scope.orgId ?? 'network'}`}>{t('adminProcedures.adaptedFor', { scope: scopeName(context, scope) })}</h2>
          <ProcedureTable context={context} caption={t('adminProcedures.adaptedFor', { scope: scopeName(context, scope) })} procedures={scope.procedures} />
        </section>
      ))}
    </Layout>
  );
}

export function ProcedureEditorPage(props: {
  context: PageContext;
  /** The definition being looked at; absent when a submitted copy comes back with problems. */
  definition?: ProcedureDefinition | undefined;
  scopes: ProcedureLibrary['scopes'];
  draft: string;
  scope: string;
  problems?: DefinitionProblem[] | undefined;
}) {
  const { context, definition } = props;
  const { t } = context;
  const problems = props.problems ?? [];
  return (
    <Layout context={context} title={definition ? t('adminProcedures.editorTitle', { name: t(definition.nameKey), version: definition.version }) : t('adminProcedures.adaptTitle')}>
      {definition ? (
        <>
          <p>{t(definition.descriptionKey)}</p>
          <h2>{t('adminProcedures.stepsTitle')}</h2>
          <ol>
            {definition.steps.map((step) => (
              <li key={step.id}>
                {t(step.nameKey)} — <code>{step.action}</code> ({step.roles.map((role) => t(`adminProcedures.roles.${role}`)).join(', ')})
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h2>{t('adminProcedures.adaptTitle')}</h2>
      <p>{t('adminProcedures.adaptLead')}</p>
      {problems.length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h3>{t('adminProcedures.problemsTitle')}</h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{t(problem.messageKey, problem.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.scopes.length === 0 ? (
        <p>{t('adminProcedures.noScope')}</p>
      ) : (
        <form method="post" action="/admin/procedures" novalidate>
          <CsrfField token={context.csrfToken} />
          <div class="field">
            <label for="field-scope">{t('adminProcedures.scope')}</label>
            <select id="field-scope" name="scope">
              {props.scopes.map((scope) => (
                <option key={scope.orgId ?? 'network'} value={scope.orgId ?? 'network'} selected={(scope.orgId ?? 'network') === props.scope}>
                  {scopeName(context, scope)}
                </option>
              ))}
            </select>
          </div>
          <div class={problems.length > 0 ? 'field field-error' : 'field'}>
            <label for="field-definition">{t('adminProcedures.definition')}</label>
            <p class="hint" id="field-definition-hint">
              {t('adminProcedures.definitionHint')}
            </p>
            <textarea id="field-definition" name="definition" rows={30} spellcheck={false} aria-describedby="field-definition-hint" aria-invalid={problems.length > 0 ? 'true' : undefined}>
              {props.draft}
            </textarea>
          </div>
          <button type="submit">{t('adminProcedures.save')}</button>
        </form>
      )}
    </Layout>
  );
}
