/** `npm run dev`: Vite with hot reload on the local stack. */
import { runWithStack } from './with-stack.ts'

await runWithStack([{ command: process.execPath, args: ['node_modules/@remix-run/dev/dist/cli.js', 'vite:dev'] }])
