import { describe, expect, test } from 'vitest'
import type { FormValues } from '~/domain/input/problems'
import { contactSchema } from '~/features/journey/contact-form.server'
import { parseForm } from '~/platform/forms.server'

const schema = contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] })
// Read as the contact step reads what a browser sends.
const contact = (values: FormValues) => {
  const parsed = parseForm(values, schema)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.reply.errors))
  return parsed.value
}
const helped = {
  firstName: 'Jeanne',
  lastName: 'Aidée',
  phone: '03 65 71 00 99',
  forSomeoneElse: 'on',
  helperName: 'Paul Aidant',
  helperPhone: '06 12 00 00 01',
}

describe('who receives the messages when a helper books', () => {
  test('the helper, when they choose so', () => {
    const parsed = contact({ ...helped, messagesTo: 'helper' })
    expect(parsed.helper).toEqual({
      name: 'Paul Aidant',
      phoneE164: '+33612000001',
      email: null,
      receivesMessages: true,
    })
  })

  test('the resident by default', () => {
    expect(contact(helped).helper?.receivesMessages).toBe(false)
  })

  test('any other value is refused', () => {
    expect(parseForm({ ...helped, messagesTo: 'neighbour' }, schema).ok).toBe(false)
  })
})
