import { redirect } from '@remix-run/node'
import { DateTime } from 'luxon'
import type { FormReply } from '~/domain/input/problems'
import { requireAdvisor } from '~/features/access/index.server'
import { organisationSites, receivingAdvisors } from '~/features/admin/index.server'
import { db } from '~/platform/database/client.server'
import { formReply, parseForm } from '~/platform/forms.server'
import { exportResponse } from './export.server'
import { exportFileUrl, exportSchema } from './filters.server'
import { exportScope, exportsEveryone, mayExport } from './scope.server'

// The exports page and its file (decision 086): the page checks the form and sends the
// browser to the file's URL, which checks everything again and streams the file.

async function exporter(request: Request) {
  const signedIn = await requireAdvisor(request)
  if (!mayExport(signedIn.actor)) throw new Response('Forbidden', { status: 403 })
  return signedIn
}

/** The page: the choices the form offers, and this month so far as the default period. */
export async function exportPage(request: Request) {
  const signedIn = await exporter(request)
  const { organisation } = signedIn
  const everyone = exportsEveryone(signedIn.actor)
  const [sites, advisors] = await Promise.all([
    organisationSites(db(), organisation.id),
    everyone ? receivingAdvisors(db(), organisation.id) : Promise.resolve([]),
  ])
  const today = DateTime.now().setZone(organisation.timeZone)
  return {
    everyone,
    zone: organisation.timeZone,
    sites: sites.map((site) => ({ value: site.id, label: site.name })),
    advisors: advisors.map((advisor) => ({
      value: advisor.id,
      label: `${advisor.firstName} ${advisor.lastName}`,
    })),
    defaults: {
      kind: 'reports',
      format: 'csv',
      from: today.startOf('month').toISODate()!,
      to: today.toISODate()!,
    },
  }
}

/** The form: refused with what was typed, or on to the file. */
export async function exportAction(request: Request): Promise<FormReply | Response> {
  const signedIn = await exporter(request)
  const parsed = parseForm(await request.formData(), exportSchema(signedIn.organisation.timeZone))
  if (!parsed.ok) return parsed.reply
  const outcome = await exportScope(
    db(),
    signedIn.actor,
    signedIn.organisation.timeZone,
    parsed.value,
  )
  if (!outcome.ok) {
    if (!outcome.field) throw new Response('Forbidden', { status: 403 })
    return formReply(parsed.values, { [outcome.field]: { code: 'INVALID_CHOICE' } })
  }
  return redirect(exportFileUrl(parsed.value))
}

/** The file: 400 for a garbled URL, 403 or 404 for rows the person may not export. */
export async function exportDownload(request: Request): Promise<Response> {
  const signedIn = await exporter(request)
  const zone = signedIn.organisation.timeZone
  const parsed = parseForm(new URL(request.url).searchParams, exportSchema(zone))
  if (!parsed.ok) throw new Response('Export demandé invalide', { status: 400 })
  const outcome = await exportScope(db(), signedIn.actor, zone, parsed.value)
  if (!outcome.ok) {
    const found = outcome.decision !== 'NOT_FOUND'
    throw new Response(found ? 'Forbidden' : 'Not found', { status: found ? 403 : 404 })
  }
  return exportResponse(db(), signedIn, parsed.value, outcome.scope)
}
