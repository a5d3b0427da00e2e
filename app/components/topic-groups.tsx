import type { ReactNode } from 'react'
import { useTranslation } from '~/i18n/use-translation'
import type { groupTopicsByTheme } from '~/domain/topics/grouping'

type Groups<T extends { theme: string; name: string; id: string }> = ReturnType<
  typeof groupTopicsByTheme<T>
>

/**
 * Topics grouped as residents browse them (procedures, then digital skills, by theme);
 * `headingLevel` is the level of the group headings, themes come one level below.
 */
export function TopicGroups<T extends { theme: string; name: string; id: string }>({
  groups,
  headingLevel,
  renderTopic,
}: {
  groups: Groups<T>
  headingLevel: 2 | 3
  renderTopic: (topic: T) => ReactNode
}) {
  const { t } = useTranslation()
  const GroupHeading = headingLevel === 2 ? 'h2' : 'h3'
  const ThemeHeading = headingLevel === 2 ? 'h3' : 'h4'
  return groups.map((group) => (
    <section key={group.group} aria-labelledby={`group-${group.group}`}>
      <GroupHeading id={`group-${group.group}`}>
        {t(group.group === 'PROCEDURES' ? 'organisation.procedures' : 'organisation.digitalSkills')}
      </GroupHeading>
      {group.themes.map((theme) => (
        <section key={theme.theme} aria-labelledby={`theme-${theme.theme}`}>
          <ThemeHeading id={`theme-${theme.theme}`}>{t(`theme.${theme.theme}`)}</ThemeHeading>
          <ul className="card-list">
            {theme.topics.map((topic) => (
              <li key={topic.id} className="card card-link">
                {renderTopic(topic)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  ))
}
