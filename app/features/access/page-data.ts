// What the password link pages (reset and invitation) receive from their loader.
export type ChoosePasswordData =
  | { ok: true; title: string; intro: string }
  | { ok: false; title: string; problem: 'UNKNOWN' | 'USED' | 'EXPIRED' }
