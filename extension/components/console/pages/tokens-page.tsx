/**
 * API tokens: issue one for a rep's extension, a manager, another admin or an intake source (the token is
 * shown once), see when each was last used, and revoke it (it gets 401 from its next request on).
 * @module
 */
import { CreateTokenInput } from '../../../../shared/schemas/auth'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { shortDateTime } from '../../../admin/local-time'
import { useEditor } from '../../admin/editor-context'
import { SelectField, TextField } from '../../admin/fields'
import { DateTimeField, RefSelect } from '../console-fields'
import { nameIn, options, type PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'
import { SecretReveal } from '../secret-reveal'

type Token = ItemOf<'tokens'>
type Draft = InputOf<'tokens'>

const ROLES = [
  ['rep', 'Rep (the extension: own leads)'],
  ['manager', 'Manager (all leads, reports)'],
  ['intake', 'Intake (a marketing tool posting leads)'],
  ['admin', 'Admin (everything)'],
] as const

/** Active, expired or revoked, as of `now`. */
export const tokenState = (t: Token, now = Date.now()): 'active' | 'expired' | 'revoked' =>
  t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active'

/** The role; a role without a person drops the person chosen before. */
const RoleField = ({ role }: { role: Draft['role'] }) => {
  const { update } = useEditor()
  return (
    <SelectField
      label="Role"
      path={['role']}
      value={role}
      options={ROLES}
      onSelect={(v) => {
        update(['role'], v)
        if (v !== 'rep' && v !== 'manager') update(['repId'], undefined)
      }}
    />
  )
}

/**
 * @example <TokensPage client={client} lists={lists} />
 */
export const TokensPage = ({ client, lists }: PageProps) => (
  <ResourcePage
    client={client}
    resource="tokens"
    list={lists.tokens}
    title="Tokens"
    noun="token"
    intro="Each token has one role. Only a hash is stored: a token is shown once, when it is issued."
    nameOf={(t) => t.name}
    schema={CreateTokenInput}
    blank={(): Draft => ({ name: '', role: 'rep' })}
    remove={{
      text: 'Revoke',
      confirm: 'Revoke? It stops working at once.',
      when: (t) => tokenState(t) === 'active',
    }}
    fields={(draft) => (
      <>
        <TextField label="Name" path={['name']} value={draft.name} hint="Who or what uses it, e.g. Ana's laptop" />
        <RoleField role={draft.role} />
        {draft.role === 'rep' || draft.role === 'manager' ? (
          <RefSelect
            label="Person"
            path={['repId']}
            value={draft.repId}
            options={options(
              (lists.reps.items ?? []).filter((r) => r.active && (draft.role === 'rep' || r.role === 'manager')),
            )}
            none="— choose —"
            unset={undefined}
          />
        ) : null}
        <DateTimeField label="Expires (optional)" path={['expiresAt']} value={draft.expiresAt} optional />
      </>
    )}
    created={(t, onDone) => (
      <SecretReveal title={`Token '${t.name}' issued`} secrets={[{ label: 'Token', value: t.token }]} onDone={onDone} />
    )}
    columns={[
      {
        label: 'Name',
        cell: (t) => (
          <>
            <strong>{t.name}</strong>
            {t.repId ? <span class="sub">{nameIn(lists.reps.items, t.repId)}</span> : null}
          </>
        ),
      },
      { label: 'Role', cell: (t) => t.role },
      { label: 'Issued', cell: (t) => shortDateTime(t.createdAt) },
      { label: 'Last used', cell: (t) => shortDateTime(t.lastUsedAt, 'Never') },
      { label: 'Expires', cell: (t) => shortDateTime(t.expiresAt, 'Never') },
      {
        label: 'State',
        cell: (t) => {
          const state = tokenState(t)
          return (
            <span class={`state state-${state === 'active' ? 'on' : 'off'}`}>
              {state === 'revoked'
                ? `Revoked ${shortDateTime(t.revokedAt)}`
                : state === 'expired'
                  ? 'Expired'
                  : 'Active'}
            </span>
          )
        },
      },
    ]}
  />
)
