// Production server: Express 4 with compression; hashed assets are immutable, everything else is revalidated.
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const build = await import('./build/server/index.js')

const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }))
app.all('*', createRequestHandler({ build }))

const server = app.listen(port, host, () => console.log(`Portal on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
