/**
 * The no-conflict declaration a staff member makes the first time they open a case, before
 * anything written in it is decrypted or shown (SPEC: every handler declares no conflict on
 * first opening a case). Only the case's unsealed facts are on this page. Declaring a conflict
 * instead takes the person off the case at once.
 */
import type { ComponentChildren } from 'preact';
import { REASON_MAX_CHARS } from '../../core/cases/actionForms.ts';
import type { CaseCover } from '../../usecases/cases/openCase.ts';
import { CsrfField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { ActionProblem, formId, formKey, type ActionFeedback } from './CaseProcedureActions.tsx';
import { Choices, Hidden, TextArea, type FormState } from './CaseProcedureFields.tsx';
import { refusalText } from './CaseProcedureText.tsx';

function GateForm(props: { context: PageContext; cover: CaseCover; type: 'declareNoConflict' | 'recordConflict'; feedback: ActionFeedback | undefined; children?: (form: FormState) => ComponentChildren }) {
  const { context, cover, type, feedback } = props;
  const { t } = context;
  const key = formKey(type, null);
  const mine = feedback?.form === key ? feedback : undefined;
  const form: FormState = { t, id: formId(key), typed: mine?.typed, errors: mine?.fields };
  const text = type === 'declareNoConflict' ? 'noConflict' : 'conflict';
  return (
    <section aria-labelledby={`${form.id}-title`}>
      <h2 id={`${form.id}-title`}>{t(`caseHandling.gate.${text}Title`)}</h2>
      <p>{t(`caseHandling.gate.${text}Text`)}</p>
      <form method="post" action={`/cases/${cover.id}/actions`} novalidate id={form.id}>
        <CsrfField token={context.csrfToken} />
        <Hidden name="type" value={type} />
        <Hidden name="seen" value={String(cover.seen)} />
        <Hidden name="form" value={key} />
        {mine?.refusal ? <p class="error">{refusalText(context, undefined, mine.refusal)}</p> : null}
        {props.children?.(form)}
        <button type="submit">{t(`caseHandling.gate.${text}Button`)}</button>
      </form>
    </section>
  );
}

/** What a case is, without anything written in it: shown before and after the declaration. */
export function CaseCoverSummary(props: { context: PageContext; cover: CaseCover; received?: boolean }) {
  const { context, cover } = props;
  const { t, language } = context;
  const received: [string, string][] = props.received ? [[t('caseHandling.gate.received'), cover.receivedAt ? formatDate(language, cover.receivedAt) : '']] : [];
  const rows: [string, string][] = [
    ...received,
    [t('caseFile.status'), t(`intake.status.${cover.status}`)],
    [t('caseFile.receiver'), cover.receiver.name],
    [t('caseFile.channel'), cover.channel.name],
    [t('caseFile.path'), t(`intake.paths.${cover.path}.label`)],
    [t('caseFile.identity'), t(`intake.identity.${cover.identityMode}.label`)],
  ];
  return (
    <dl class="case-summary">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CaseProcedureGate(props: { context: PageContext; cover: CaseCover; feedback?: ActionFeedback | undefined }) {
  const { context, cover, feedback } = props;
  const { t } = context;
  return (
    <Layout context={context} title={t('caseHandling.gate.title')}>
      <ActionProblem context={context} view={undefined} feedback={feedback} />
      <p>{t('caseHandling.gate.intro')}</p>
      <p>{t('caseHandling.gate.explain')}</p>
      <section aria-labelledby="gate-about-title">
        <h2 id="gate-about-title">{t('caseHandling.gate.aboutTitle')}</h2>
        <CaseCoverSummary context={context} cover={cover} received />
      </section>
      <GateForm context={context} cover={cover} type="declareNoConflict" feedback={feedback} />
      <GateForm context={context} cover={cover} type="recordConflict" feedback={feedback}>
        {(form) => (
          <>
            <Hidden name="staffId" value={cover.staffId} />
            <Choices
              form={form}
              name="basis"
              legend={t('caseHandling.fields.basis')}
              options={(['relatedToParty', 'namedInCase'] as const).map((value) => ({ value, label: t(`caseHandling.values.basis.${value}`) }))}
            />
            <TextArea form={form} name="reason" label={t('caseHandling.fields.reason')} rows={3} maxLength={REASON_MAX_CHARS} />
          </>
        )}
      </GateForm>
    </Layout>
  );
}
