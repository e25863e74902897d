/**
 * Pieces the administration pages share: a multiple-choice list, the scope-and-role picker
 * used by invitations and role grants, how a role in a scope is written, and dates.
 * Everything works as a plain HTML form, without JavaScript.
 */
import { staffRoles, type StaffRole } from '../../core/roles.ts';
import type { Translate } from '../../i18n/index.ts';
import type { NamedGrant, Scope } from '../../usecases/staff/listStaff.ts';
import { describedBy, FieldFrame } from '../components/Form.tsx';

/** The form value that stands for the network scope in a scope picker. */
export const NETWORK_SCOPE = 'network';

export function scopeValue(orgId: string | null): string {
  return orgId ?? NETWORK_SCOPE;
}

export function scopeLabel(t: Translate, scope: { orgId: string | null; name: string | null }): string {
  return scope.orgId === null ? t('adminStaff.networkScope') : (scope.name ?? scope.orgId);
}

/** "Handler (focal point) — in Riverside Women's Centre" */
export function grantText(t: Translate, grant: NamedGrant): string {
  const where = grant.orgId === null ? t('adminStaff.inNetwork') : t('adminStaff.inOrganisation', { organisation: grant.organisationName ?? grant.orgId });
  return `${t(`roles.${grant.role}`)} — ${where}`;
}

export function GrantLabel(props: { t: Translate; grant: NamedGrant }) {
  return <>{grantText(props.t, props.grant)}</>;
}

export function GrantList(props: { t: Translate; grants: NamedGrant[] }) {
  if (props.grants.length === 0) return <>{props.t('adminStaff.noRoles')}</>;
  return (
    <ul>
      {props.grants.map((grant) => (
        <li key={`${grant.role}@${scopeValue(grant.orgId)}`}>
          <GrantLabel t={props.t} grant={grant} />
        </li>
      ))}
    </ul>
  );
}

export function MultiSelectField(props: {
  t: Translate;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  values: readonly string[];
  error?: string | undefined;
}) {
  const id = `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error ? props.t(props.error) : undefined}>
      <select id={id} name={props.name} multiple size={8} aria-describedby={describedBy(id, props.hint, props.error)} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={props.values.includes(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** One "role in scope" choice: two labelled selects, the role left empty to skip the row. */
export function ScopeRolePicker(props: {
  t: Translate;
  /** Suffix of the field names (`scope1`, `role1`); empty for a single picker. */
  index: string;
  legend: string;
  scopes: Scope[];
  values: Record<string, string>;
  error?: string | undefined;
  roleOptional?: boolean;
}) {
  const { t, index } = props;
  const scopeName = `scope${index}`;
  const roleName = `role${index}`;
  const errorId = `field-${roleName}-error`;
  return (
    <fieldset class={props.error ? 'field-error' : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <p class="error" id={errorId}>
          {t(props.error)}
        </p>
      ) : null}
      <div class="field">
        <label for={`field-${roleName}`}>{t('adminStaff.role')}</label>
        <select id={`field-${roleName}`} name={roleName} aria-describedby={props.error ? errorId : undefined} aria-invalid={props.error ? 'true' : undefined}>
          {props.roleOptional ? <option value="">{t('adminStaff.noRoleChosen')}</option> : null}
          {staffRoles.map((role: StaffRole) => (
            <option key={role} value={role} selected={props.values[roleName] === role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`field-${scopeName}`}>{t('adminStaff.scope')}</label>
        <select id={`field-${scopeName}`} name={scopeName}>
          {props.scopes.map((scope) => (
            <option key={scopeValue(scope.orgId)} value={scopeValue(scope.orgId)} selected={props.values[scopeName] === scopeValue(scope.orgId)}>
              {scopeLabel(t, scope)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/** A date and time in the reader's language, in UTC so that every reader sees the same moment. */
export function DateTime(props: { language: string; value: Date }) {
  const text = new Intl.DateTimeFormat(props.language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(props.value);
  return <time dateTime={props.value.toISOString()}>{`${text} UTC`}</time>;
}
