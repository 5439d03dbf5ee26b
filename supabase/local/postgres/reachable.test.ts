import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { firstUnreachableFolder } from './reachable.ts'

const root = mkdtempSync(path.join(tmpdir(), 'sb-reachable-'))
const deep = path.join(root, 'project', 'node_modules', 'bin')
mkdirSync(deep, { recursive: true })
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('firstUnreachableFolder', () => {
  it('finds the mktemp folder (mode 700) on the way to a binary, for a user that owns nothing', () => {
    expect(firstUnreachableFolder(path.join(deep, 'postgres'), {})).toEqual({ folder: root, mode: 0o700 })
  })

  it('lets the owner in, and anyone once the folder has o+x', () => {
    const { uid, gid } = statSync(root)
    expect(firstUnreachableFolder(deep, { uid, gid })).toBeUndefined()
    chmodSync(root, 0o711)
    expect(firstUnreachableFolder(deep, {})).toBeUndefined()
  })

  it('stops at the first folder that is closed, deeper down too', () => {
    chmodSync(path.join(root, 'project'), 0o750)
    expect(firstUnreachableFolder(deep, {})).toEqual({ folder: path.join(root, 'project'), mode: 0o750 })
  })
})
