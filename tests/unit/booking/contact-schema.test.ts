import { describe, expect, test } from 'vitest'
import { contactSchema } from '~/features/journey/contact-form.server'

const schema = contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] })
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
    const parsed = schema.parse({ ...helped, messagesTo: 'helper' })
    expect(parsed.helper).toEqual({
      name: 'Paul Aidant',
      phoneE164: '+33612000001',
      email: null,
      receivesMessages: true,
    })
  })

  test('the resident by default', () => {
    expect(schema.parse(helped).helper?.receivesMessages).toBe(false)
  })

  test('any other value is refused', () => {
    expect(schema.safeParse({ ...helped, messagesTo: 'neighbour' }).success).toBe(false)
  })
})
