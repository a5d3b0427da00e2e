import { redirect } from '@remix-run/node'
import type { ZodType, ZodTypeDef } from 'zod'
import type { Actor } from '~/domain/access'
import type { FormReply, FormValues } from '~/domain/input/problems'
import { requireAdmin, requirePermission } from '~/features/access/index.server'
import type { Translate } from '~/i18n/translate'
import { db, type Db } from '~/platform/database/client.server'
import {
  formReply,
  formValuesOf,
  maxLengthsOf,
  parseForm,
  renderedUpdatedAt,
} from '~/platform/forms.server'
import type { SaveOutcome } from './records.server'

// The edit pages of the records an admin creates, edits, deactivates and reactivates but
// never deletes (sites, topics: appointments and rules point at them, decision 072). One
// loader and one action for each kind; what differs is said by its RecordKind.

/** The segment of a new record's URL (/espace/admin/lieux/nouveau). */
export const NEW_RECORD = 'nouveau'

type StoredRecord = { id: string; organisationId: string; active: boolean; updatedAt: Date }

export type RecordKind<Stored extends StoredRecord, Input> = {
  /** The list page, e.g. /espace/admin/lieux; a record's page is <path>/<id>. */
  path: string
  /** i18n section under workspace.admin (its editTitle and newTitle). */
  section: 'sites' | 'topics'
  schema: ZodType<Input, ZodTypeDef, unknown>
  find: (db: Db, id: string) => Promise<Stored | null>
  create: (db: Db, actor: Actor, input: Input) => Promise<{ id: string }>
  update: (
    db: Db,
    actor: Actor,
    id: string,
    updatedAt: Date,
    changes: Partial<Input> | { active: boolean },
  ) => Promise<SaveOutcome>
  /** The form's values for a stored record (as typed: phones in the national format). */
  valuesOf: (record: Stored) => Record<string, unknown>
  /** The form's values for a new record. */
  defaults: FormValues
}

export type RecordPageData = {
  title: string
  isNew: boolean
  active: boolean
  values: FormValues
  updatedAt: string
  maxLengths: Record<string, number>
  notice: boolean
}

export type RecordActionData = FormReply & { stale?: boolean }

async function load<Stored extends StoredRecord, Input>(
  request: Request,
  kind: RecordKind<Stored, Input>,
  id: string | undefined,
) {
  const admin = await requireAdmin(request)
  if (id === NEW_RECORD) return { ...admin, record: null }
  const record = await kind.find(db(), id ?? '')
  requirePermission(
    admin.signedIn.actor,
    'organisation.administer',
    record ? { organisationId: record.organisationId } : null,
  )
  return { ...admin, record: record! }
}

const titleOf = (t: Translate, section: string, name: unknown) =>
  name === undefined
    ? t(`workspace.admin.${section}.newTitle`)
    : t(`workspace.admin.${section}.editTitle`, { name })

export async function recordPage<Stored extends StoredRecord & { name: string }, Input>(
  request: Request,
  kind: RecordKind<Stored, Input>,
  id: string | undefined,
): Promise<RecordPageData> {
  const { t, record } = await load(request, kind, id)
  return {
    title: titleOf(t, kind.section, record?.name),
    isNew: !record,
    active: record?.active ?? true,
    values: record ? formValuesOf(kind.valuesOf(record)) : kind.defaults,
    updatedAt: record?.updatedAt.toISOString() ?? '',
    maxLengths: maxLengthsOf(kind.schema),
    notice: new URL(request.url).searchParams.get('enregistre') === '1',
  }
}

/** Save (create or change, refused when stale), deactivate or reactivate. */
export async function recordAction<Stored extends StoredRecord, Input>(
  request: Request,
  kind: RecordKind<Stored, Input>,
  id: string | undefined,
) {
  const { signedIn, record } = await load(request, kind, id)
  const actor = signedIn.actor
  const form = await request.formData()
  const intent = form.get('intent')
  const saved = (savedId: string) => redirect(`${kind.path}/${savedId}?enregistre=1`)
  if (record && (intent === 'deactivate' || intent === 'reactivate')) {
    const outcome = await kind.update(db(), actor, record.id, renderedUpdatedAt(form), {
      active: intent === 'reactivate',
    })
    return outcome === 'STALE' ? staleReply() : saved(record.id)
  }
  const parsed = parseForm(form, kind.schema)
  if (!parsed.ok) return Response.json(parsed.reply satisfies RecordActionData, { status: 400 })
  if (!record) return saved((await kind.create(db(), actor, parsed.value)).id)
  const outcome = await kind.update(db(), actor, record.id, renderedUpdatedAt(form), parsed.value)
  if (outcome === 'FORMAT_IN_USE') {
    const reply = formReply(parsed.values, { format: { code: 'FORMAT_IN_USE' } })
    return Response.json(reply satisfies RecordActionData, { status: 409 })
  }
  return outcome === 'STALE' ? staleReply() : saved(record.id)
}

/** After a stale edit, the page shows the current record (the loader's), not what was typed. */
function staleReply() {
  return Response.json({ ...formReply({}), stale: true } satisfies RecordActionData, {
    status: 409,
  })
}
