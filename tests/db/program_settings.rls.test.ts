/** `public.program_settings`: the RLS matrix (the single row; its defaults are restored afterwards). */
import { afterAll } from 'vitest'
import { programSettingsMatrix, restoreProgramSettings } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(programSettingsMatrix)
afterAll(restoreProgramSettings)
