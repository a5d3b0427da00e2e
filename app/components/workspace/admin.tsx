// Notices of the workspace's pages: a change saved, or a refusal that concerns no field.
export function Notice({
  text,
  kind = 'status',
}: {
  text: string | null
  kind?: 'status' | 'alert'
}) {
  if (!text) return null
  return kind === 'alert' ? (
    <p className="notice error" role="alert">
      {text}
    </p>
  ) : (
    <p className="notice notice-success" role="status">
      {text}
    </p>
  )
}
