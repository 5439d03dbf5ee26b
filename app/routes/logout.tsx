/** POST /logout signs out; GET /logout changes nothing and goes home. */
import { action, loader } from './logout.server.ts'

export { action, loader }
