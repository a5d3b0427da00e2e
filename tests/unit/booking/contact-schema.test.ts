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

describe('the someone-else block: filled in, it books for someone else; never dropped', () => {
  const alone = { firstName: 'Jeanne', lastName: 'Seule', phone: '03 65 71 00 99' }
  const problems = (values: FormValues) => {
    const parsed = parseForm(values, schema)
    return parsed.ok ? {} : parsed.reply.errors
  }

  test('left empty, the booking is the resident’s own, whatever the radio button says', () => {
    expect(contact(alone).helper).toBeNull()
    expect(contact({ ...alone, messagesTo: 'resident' }).helper).toBeNull()
  })

  test('any helper field typed in makes it a helper’s booking, with what they gave', () => {
    expect(
      contact({ ...alone, helperName: 'Paul', helperEmail: 'paul@example.fr' }).helper,
    ).toEqual({ name: 'Paul', phoneE164: null, email: 'paul@example.fr', receivesMessages: false })
  })

  test('what is missing for a helper is asked for on its field, not dropped', () => {
    expect(problems({ ...alone, helperPhone: '06 12 00 00 01' })).toEqual({
      helperName: { code: 'REQUIRED' },
    })
    expect(problems({ ...alone, helperName: 'Paul' })).toEqual({
      helperPhone: { code: 'CONTACT_REQUIRED' },
    })
    expect(problems({ ...alone, messagesTo: 'helper' })).toEqual({
      helperName: { code: 'REQUIRED' },
      helperPhone: { code: 'CONTACT_REQUIRED' },
    })
    expect(problems({ ...alone, helperName: 'Paul', helperPhone: '06 12' })).toEqual({
      helperPhone: { code: 'INVALID_PHONE' },
    })
  })
})
