/** `npm start`: build the portal and serve it at http://127.0.0.1:3000 on the local stack with demo data. */
import { runWithStack } from './with-stack.ts'

await runWithStack([
  { command: 'npm', args: ['run', '--silent', 'build'] },
  { command: process.execPath, args: ['server/index.mjs'] },
])
