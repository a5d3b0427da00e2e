import { createElement, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ErrorSummary, TextField, useForm, type FormConfig } from '~/components/form'
import { NOTE_MAX_LENGTH } from '~/domain/booking/limits'
import { PROBLEM_CODES, type FormReply } from '~/domain/input/problems'
import { contactFields, contactSchema } from '~/features/journey/contact-form.server'
import en from '~/i18n/en'
import fr from '~/i18n/fr'
import { TranslationProvider } from '~/i18n/use-translation'
import {
  addProblem,
  checkbox,
  choice,
  optionalText,
  requiredText,
  wholeNumber,
} from '~/platform/form-fields.server'
import {
  formValuesOf,
  maxLengthsOf,
  parseForm,
  refusalOf,
  renderedUpdatedAt,
} from '~/platform/forms.server'

const schema = z
  .object({
    name: requiredText(10),
    note: optionalText(20),
    count: wholeNumber(1, 12),
    role: choice(['ADMIN', 'ADVISOR']),
    notify: checkbox(),
    regions: z.array(z.string()).min(1),
    password: z.string().optional(),
  })
  .superRefine((form, context) => {
    if (form.name === 'robot') addProblem(context, 'ROBOT', 'name')
  })

function formData(entries: [string, string][]) {
  const data = new FormData()
  for (const [name, value] of entries) data.append(name, value)
  return data
}

const valid: [string, string][] = [
  ['name', ' Karim '],
  ['note', ''],
  ['count', '3'],
  ['role', 'ADVISOR'],
  ['notify', 'on'],
  ['regions', 'FR'],
  ['regions', 'RE'],
]

describe('parseForm', () => {
  test('reads a form as its schema means it: trimmed text, numbers, boxes, lists', () => {
    const parsed = parseForm(formData(valid), schema)
    expect(parsed.ok && parsed.value).toEqual({
      name: 'Karim',
      note: null,
      count: 3,
      role: 'ADVISOR',
      notify: true,
      regions: ['FR', 'RE'],
    })
  })

  test('each refused field gets one code of the vocabulary, with its limits', () => {
    const parsed = parseForm(
      formData([
        ['name', '   '],
        ['note', 'x'.repeat(21)],
        ['count', 'douze'],
        ['role', 'OWNER'],
      ]),
      schema,
    )
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.reply.errors).toEqual({
      name: { code: 'REQUIRED' },
      note: { code: 'TOO_LONG', max: 20 },
      count: { code: 'NOT_A_NUMBER' },
      role: { code: 'INVALID_CHOICE' },
      regions: { code: 'REQUIRED' },
    })
    const range = parseForm(formData([...valid.slice(0, 2), ['count', '13']]), schema)
    expect(!range.ok && range.reply.errors.count).toEqual({ code: 'OUT_OF_RANGE', min: 1, max: 12 })
  })

  test('keeps what was typed, to show again, except the fields to hide', () => {
    const sent = formData([...valid, ['note', 'y'.repeat(30)], ['password', 'secret pass']])
    const parsed = parseForm(sent, schema, { hide: ['password'] })
    expect(!parsed.ok && parsed.reply.values).toMatchObject({
      name: ' Karim ',
      note: ['', 'y'.repeat(30)],
      regions: ['FR', 'RE'],
    })
    expect(!parsed.ok && 'password' in parsed.reply.values).toBe(false)
  })

  test("a domain's own code passes through a refinement", () => {
    const parsed = parseForm(formData([...valid.slice(1), ['name', 'robot']]), schema)
    expect(!parsed.ok && parsed.reply.errors).toEqual({ name: { code: 'ROBOT' } })
  })

  test('values kept from an earlier form (a draft) read the same as the form', () => {
    const draft = { firstName: 'Jeanne', lastName: 'Moreau', phone: '06 12 34 56 78' }
    const parsed = parseForm(draft, contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] }))
    expect(parsed.ok && parsed.value.resident.phoneE164).toBe('+33612345678')
  })
})

describe('TOO_LONG and its max', () => {
  test('the limit has one home: the schema gives the input its maxlength and the error its max', () => {
    expect(maxLengthsOf(contactFields).note).toBe(NOTE_MAX_LENGTH)
    const parsed = parseForm(
      { firstName: 'Jeanne', lastName: 'Moreau', phone: '06 12 34 56 78', note: 'z'.repeat(501) },
      contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] }),
    )
    expect(!parsed.ok && parsed.reply.errors.note).toEqual({
      code: 'TOO_LONG',
      max: NOTE_MAX_LENGTH,
    })
  })

  test("a domain's TOO_LONG takes the field's max from the schema", () => {
    const long = 'a'.repeat(40)
    const parsed = parseForm(
      { firstName: `${long} ${long}`, lastName: 'Moreau', phone: '06 12 34 56 78' },
      contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] }),
    )
    expect(!parsed.ok && parsed.reply.errors.firstName).toEqual({ code: 'TOO_LONG', max: 80 })
  })
})

describe('the vocabulary', () => {
  test('every code reads in French and English, under form.errors and nowhere else', () => {
    expect(Object.keys(fr.form.errors).sort()).toEqual([...PROBLEM_CODES].sort())
    expect(Object.keys(en.form.errors).sort()).toEqual([...PROBLEM_CODES].sort())
  })
})

function render(
  config: Omit<FormConfig, 'labels'>,
  field: (form: ReturnType<typeof useForm>) => ReactNode,
) {
  function Page() {
    const form = useForm({ ...config, labels: { note: 'Votre note' } })
    return createElement('div', null, createElement(ErrorSummary, { form }), field(form))
  }
  return renderToStaticMarkup(
    createElement(TranslationProvider, {
      language: 'fr',
      translations: fr,
      children: createElement(Page),
    }),
  )
}

describe('the fields', () => {
  const reply: FormReply = {
    values: { note: 'trop' },
    errors: { note: { code: 'TOO_LONG', max: 1200 } },
  }

  test('say the problem next to the field and in the summary, with the max, tied for screen readers', () => {
    const html = render({ reply, maxLengths: { note: 1200 } }, (form) =>
      createElement(TextField, { form, name: 'note', hint: 'Facultatif' }),
    )
    const message = 'Ce texte est trop long (1 200 caractères au plus).'
    expect(html.replaceAll('\u202f', ' ').split(message)).toHaveLength(3)
    expect(html).toContain('href="#field-note"')
    expect(html).toContain('maxLength="1200"')
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('aria-describedby="field-note-hint field-note-error"')
    expect(html).toContain('value="trop"')
  })

  test('a field may word its message its own way', () => {
    const html = render(
      {
        reply: { values: {}, errors: { note: { code: 'REQUIRED' } } },
        messages: { note: { REQUIRED: 'journey.contact.lastNameRequired' } },
      },
      (form) => createElement(TextField, { form, name: 'note' }),
    )
    expect(html).toContain('Indiquez le nom de famille.')
    expect(html).not.toContain('Ce champ est obligatoire.')
  })

  test('without a reply, the defaults show and nothing is in error', () => {
    const html = render({ defaults: { note: 'déjà écrit' } }, (form) =>
      createElement(TextField, { form, name: 'note' }),
    )
    expect(html).toContain('value="déjà écrit"')
    expect(html).not.toContain('error')
  })
})

describe('helpers every action shares', () => {
  test('several schemas of one form refuse it in one reply; the first problem of a field wins', () => {
    const first = parseForm({ a: '' }, z.object({ a: requiredText(5) }))
    const second = parseForm(
      { a: '', b: '' },
      z.object({ a: z.string().email(), b: requiredText(5) }),
    )
    expect(refusalOf(first, second)?.errors).toEqual({
      a: { code: 'REQUIRED' },
      b: { code: 'REQUIRED' },
    })
    expect(refusalOf(parseForm({ a: 'ok' }, z.object({ a: requiredText(5) })))).toBeNull()
  })

  test('a missing or garbled updatedAt is the epoch, so the edit is refused as stale', () => {
    expect(renderedUpdatedAt({ updatedAt: '2026-12-01T10:00:00.000Z' }).toISOString()).toBe(
      '2026-12-01T10:00:00.000Z',
    )
    expect(renderedUpdatedAt({ updatedAt: 'hier' }).getTime()).toBe(0)
    expect(renderedUpdatedAt({}).getTime()).toBe(0)
  })

  test('a stored record reads as its form shows it', () => {
    expect(formValuesOf({ name: 'Mairie', phone: null, active: true, closed: false })).toEqual({
      name: 'Mairie',
      phone: '',
      active: 'on',
      closed: '',
    })
  })
})
