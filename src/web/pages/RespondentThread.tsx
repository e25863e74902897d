/**
 * The respondent's side of a case, for staff, kept apart from the reporter's: invitations to the
 * portal (make, see, revoke), the thread with the respondent and their adviser, and the
 * respondent's files. A component: the case page embeds it (with the panel read by
 * `readRespondentPanel` in its own transaction), and `/cases/:id/respondent` shows it alone.
 */
import { languageName, languages } from '../../i18n/index.ts';
import { codePolicy } from '../../core/respondent/codeThrottle.ts';
import { invitationKinds } from '../../core/respondent/invitations.ts';
import type { RespondentPanel } from '../../usecases/respondent/readRespondentPanel.ts';
import { CsrfField, Field, Notice, SelectField } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { MessageThread } from './MessageThread.tsx';

export type RespondentThreadProps = {
  context: PageContext;
  panel: RespondentPanel;
  /** Where the forms send the browser back to: this panel's own page, or the case page. */
  returnTo?: 'panel' | 'case';
  /** A notice after an action (message sent, invitation revoked). */
  done?: string | undefined;
  /** The invitation form's field problems, as message keys (what `parseForm` gives). */
  errors?: Partial<Record<'kind' | 'language' | 'days', string>>;
  /** Problems in words: why no invitation was made, and the reply's. */
  problems?: Partial<Record<'invite' | 'reply', string>>;
  values?: Partial<Record<'kind' | 'language' | 'days' | 'reply', string>>;
};

export function RespondentThread(props: RespondentThreadProps) {
  const { context, panel } = props;
  const { t, language } = context;
  const base = `/cases/${panel.caseId}`;
  const returnTo = props.returnTo ?? 'panel';
  const problems = props.problems ?? {};
  const errors = props.errors ?? {};
  const canInvite = invitationKinds.filter((kind) => panel.invite[kind] === null);
  return (
    <section aria-labelledby="respondent-title" id="respondent">
      <h2 id="respondent-title">{t('respondent.staff.title')}</h2>
      {props.done ? <Notice kind="success">{props.done}</Notice> : null}
      <p class="hint">{t('respondent.staff.intro')}</p>

      <h3>{t('respondent.staff.invitationsTitle')}</h3>
      {panel.invitations.length === 0 ? (
        <p>{t('respondent.staff.noInvitations')}</p>
      ) : (
        <ScrollTable t={t} name={t('respondent.staff.invitationsTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('respondent.staff.kindHeading')}</th>
              <th scope="col">{t('respondent.staff.languageHeading')}</th>
              <th scope="col">{t('respondent.staff.statusHeading')}</th>
              <th scope="col">{t('respondent.staff.createdHeading')}</th>
              <th scope="col">{t('respondent.staff.expiresHeading')}</th>
              <th scope="col">{t('respondent.staff.usedHeading')}</th>
              <th scope="col">{t('respondent.staff.revoke')}</th>
            </tr>
          </thead>
          <tbody>
            {panel.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{t(`respondent.staff.kinds.${invitation.kind}`)}</td>
                <td>{languageName(invitation.language)}</td>
                <td>
                  {t(`respondent.staff.statuses.${invitation.status}`)}
                  {invitation.status === 'active' && invitation.attemptsLeft < codePolicy.lockAfter ? ` (${t('respondent.staff.attemptsLeft', { count: invitation.attemptsLeft })})` : ''}
                </td>
                <td>{formatDate(language, invitation.createdAt)}</td>
                <td>{formatDate(language, invitation.expiresAt)}</td>
                <td>{invitation.firstUsedAt ? formatDate(language, invitation.firstUsedAt) : t('respondent.staff.neverUsed')}</td>
                <td>
                  {invitation.revokedAt ? null : (
                    <form method="post" action={`${base}/respondent-invitations/${invitation.id}/revoke`}>
                      <CsrfField token={context.csrfToken} />
                      <input type="hidden" name="returnTo" value={returnTo} />
                      <button type="submit" class="secondary">
                        {t('respondent.staff.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h3>{t('respondent.staff.inviteTitle')}</h3>
      {problems.invite ? <Notice kind="error">{problems.invite}</Notice> : null}
      {canInvite.length === 0
        ? [errors.kind, errors.language, errors.days].filter((error) => error !== undefined).map((error) => <Notice key={error} kind="error">{t(error)}</Notice>)
        : null}
      {invitationKinds
        .filter((kind) => panel.invite[kind] !== null)
        .map((kind) => (
          <p key={kind} class="hint">
            {t(`respondent.staff.kinds.${kind}`)}: {t('respondent.staff.cannotInvite', { reason: t(`respondent.staff.problems.${panel.invite[kind] ?? 'notOnCase'}`) })}
          </p>
        ))}
      {canInvite.length > 0 ? (
        <form method="post" action={`${base}/respondent-invitations`} novalidate>
          <CsrfField token={context.csrfToken} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <SelectField t={t} name="kind" label={t('respondent.staff.inviteKind')} error={errors.kind} value={props.values?.kind}
            options={canInvite.map((kind) => ({ value: kind, label: t(`respondent.staff.kinds.${kind}`) }))} />
          <SelectField t={t} name="language" label={t('respondent.staff.inviteLanguage')} error={errors.language} value={props.values?.language ?? language}
            options={languages.map((code) => ({ value: code, label: languageName(code) }))} />
          <Field t={t} name="days" type="number" inputMode="numeric" label={t('respondent.staff.inviteDays')} hint={t('respondent.staff.inviteDaysHint', { max: panel.days.max })}
            error={errors.days} value={props.values?.days ?? String(panel.days.default)} />
          <button type="submit">{t('respondent.staff.inviteSubmit')}</button>
        </form>
      ) : null}

      <h3>{t('respondent.staff.threadTitle')}</h3>
      <MessageThread
        language={language}
        empty={t('respondent.staff.noMessages')}
        messages={panel.messages}
        label={(message) =>
          message.author === 'staff' ? (message.authorName ?? t('caseFile.formerStaff')) : t(message.author === 'adviser' ? 'respondent.messages.adviser' : 'respondent.messages.respondent')
        }
      />
      {panel.write ? (
        <p class="hint">{t('respondent.staff.cannotWrite', { reason: t(`respondent.staff.problems.${panel.write}`) })}</p>
      ) : (
        <form method="post" action={`${base}/respondent-messages`} novalidate>
          <CsrfField token={context.csrfToken} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <div class={problems.reply ? 'field field-error' : 'field'}>
            <label for="field-respondent-reply">{t('respondent.staff.replyLabel')}</label>
            <p class="hint" id="field-respondent-reply-hint">
              {t('respondent.staff.replyHint')}
            </p>
            {problems.reply ? (
              <p class="error" id="field-respondent-reply-error">
                {problems.reply}
              </p>
            ) : null}
            <textarea id="field-respondent-reply" name="text" rows={5} maxLength={20_000} value={props.values?.reply ?? ''}
              aria-describedby={problems.reply ? 'field-respondent-reply-hint field-respondent-reply-error' : 'field-respondent-reply-hint'} aria-invalid={problems.reply ? 'true' : undefined} />
          </div>
          <button type="submit">{t('respondent.staff.replySubmit')}</button>
        </form>
      )}

      <h3>{t('respondent.staff.filesTitle')}</h3>
      {panel.files.length === 0 ? <p>{t('respondent.staff.noFiles')}</p> : null}
      <ul>
        {panel.files.map((file) => (
          <li key={file.id}>
            <a href={`${base}/respondent-files/${file.id}`}>{file.name}</a> ({file.type}, {t('respondent.portal.size', { size: Math.max(1, Math.round(file.size / 1024)) })}
            {file.addedBy ? `, ${t(file.addedBy === 'respondent' ? 'respondent.staff.addedByRespondent' : 'respondent.staff.addedByStaff')}` : ''},{' '}
            <time dateTime={file.at.toISOString()}>{formatDate(language, file.at)}</time>)
          </li>
        ))}
      </ul>
    </section>
  );
}
