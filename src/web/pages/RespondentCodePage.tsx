/** The invitation link's page: the access code, given separately from the link, opens the portal. */
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { RespondentLayout } from './RespondentLayout.tsx';

export function RespondentCodePage(props: { context: PageContext; action: string; adviser: boolean; lockAfter: number; problem?: string | undefined; notice?: string | undefined }) {
  const { t } = props.context;
  const describedBy = props.problem ? 'field-code-hint field-code-error' : 'field-code-hint';
  return (
    <RespondentLayout context={props.context} title={t('respondent.code.title')}>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <p>{props.adviser ? t('respondent.code.introAdviser') : t('respondent.code.intro')}</p>
      <p>{t('respondent.code.separately')}</p>
      <form method="post" action={props.action} novalidate>
        {props.context.csrfToken ? <input type="hidden" name="_csrf" value={props.context.csrfToken} /> : null}
        <div class={props.problem ? 'field field-error' : 'field'}>
          <label for="field-code">{t('respondent.code.label')}</label>
          <p class="hint" id="field-code-hint">
            {t('respondent.code.hint')}
          </p>
          {props.problem ? (
            <p class="error" id="field-code-error">
              {props.problem}
            </p>
          ) : null}
          <input
            id="field-code"
            name="code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={40}
            required
            aria-describedby={describedBy}
            aria-invalid={props.problem ? 'true' : undefined}
          />
        </div>
        <p class="hint">{t('respondent.code.limit', { count: props.lockAfter })}</p>
        <button type="submit">{t('respondent.code.submit')}</button>
      </form>
    </RespondentLayout>
  );
}
