/** `npm start`: build the portal and serve it at http://127.0.0.1:3000 on the local stack with demo data. */
import { runWithStack } from './with-stack.ts'

await runWithStack([
  { command: process.execPath, args: ['node_modules/@remix-run/dev/dist/cli.js', 'vite:build'] },
  { command: process.execPath, args: ['server.mjs'] },
])
