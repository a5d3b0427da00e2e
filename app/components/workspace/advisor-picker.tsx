import { useTranslation } from '~/i18n/use-translation'

export type AdvisorChoice = { id: string; name: string }

/**
 * The advisor a workspace page is about (its `conseiller` query parameter): a labelled
 * select, nothing when there is no one to choose from. `anyLabel` adds a first choice
 * meaning "whoever is free".
 */
export function AdvisorPicker({
  id,
  label,
  advisors,
  value,
  anyLabel,
}: {
  id: string
  label?: string
  advisors: AdvisorChoice[]
  value: string | null | undefined
  anyLabel?: string
}) {
  const { t } = useTranslation()
  if (advisors.length === 0) return null
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('workspace.calendar.advisor')}</label>
      <select id={id} name="conseiller" defaultValue={value ?? (anyLabel ? '' : undefined)}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {advisors.map((advisor) => (
          <option key={advisor.id} value={advisor.id}>
            {advisor.name}
          </option>
        ))}
      </select>
    </div>
  )
}
