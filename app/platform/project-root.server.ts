import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder holding package.json, found upwards from this module. The same module runs
 * from app/ (tsx) and from build/server (the Remix bundle), at different depths.
 */
export function projectRoot(from = fileURLToPath(import.meta.url)): string {
  let folder = path.dirname(from)
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error(`No package.json above ${from}`)
    folder = parent
  }
  return folder
}
