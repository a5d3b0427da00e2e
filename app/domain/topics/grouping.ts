import { isTheme, themeGroup, themeOrder, type Theme, type ThemeGroup } from './themes'

type TopicLike = { theme: string; name: string }

/** Topics as residents browse them: procedures first, then digital skills, each by theme. */
export function groupTopicsByTheme<T extends TopicLike>(topics: T[]) {
  const byTheme = new Map<Theme, T[]>()
  for (const topic of topics) {
    if (!isTheme(topic.theme)) continue
    byTheme.set(topic.theme, [...(byTheme.get(topic.theme) ?? []), topic])
  }
  const themes = [...byTheme.keys()].sort((a, b) => themeOrder(a) - themeOrder(b))
  const groups: { group: ThemeGroup; themes: { theme: Theme; topics: T[] }[] }[] = []
  for (const theme of themes) {
    const group = themeGroup(theme)
    let entry = groups.find((candidate) => candidate.group === group)
    if (!entry) groups.push((entry = { group, themes: [] }))
    entry.themes.push({ theme, topics: byTheme.get(theme)! })
  }
  return groups
}
