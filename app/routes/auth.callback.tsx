/** A resource route: it only redirects, so it has no component. */
import { loader } from './auth.callback.server.ts'

export { loader }
