import { describe, expect, test } from 'vitest'
import { firstLoadByRoute, lazyChunks, routePattern, unclaimedCss } from './size.mjs'

/** root → _app (pathless layout) → _app._index; root → login; a shared chunk imported twice. */
const manifest = {
  url: '/assets/manifest-1.js',
  entry: { module: '/assets/entry.js', imports: ['/assets/react.js'], css: [] },
  routes: {
    root: { id: 'root', path: '', module: '/assets/root.js', imports: ['/assets/react.js', '/assets/ui.js'], css: [] },
    'routes/_app': {
      id: 'routes/_app',
      parentId: 'root',
      module: '/assets/app.js',
      imports: ['/assets/ui.js'],
      css: ['/assets/shell.css'],
    },
    'routes/_app._index': { id: 'routes/_app._index', parentId: 'routes/_app', index: true, module: '/assets/home.js', imports: [] },
    'routes/login': { id: 'routes/login', parentId: 'root', path: 'login', module: '/assets/login.js', imports: ['/assets/forms.js'] },
  },
}
const sizes: Record<string, number> = {
  '/assets/manifest-1.js': 1,
  '/assets/entry.js': 10,
  '/assets/react.js': 1000,
  '/assets/root.js': 20,
  '/assets/ui.js': 100,
  '/assets/app.js': 30,
  '/assets/home.js': 5,
  '/assets/login.js': 7,
  '/assets/forms.js': 300,
  '/assets/global.css': 50,
  '/assets/shell.css': 4,
  '/assets/lazy.js': 9,
}
const gzipBytes = (file: string) => sizes[file] ?? Number.NaN

describe('firstLoadByRoute', () => {
  const rows = firstLoadByRoute(manifest, gzipBytes, { globalCss: ['/assets/global.css'] })
  const row = (id: string) => rows.find((r) => r.id === id)!

  test('a route downloads entry.client, root, its layouts and itself, each shared chunk once', () => {
    expect(row('routes/_app._index').js.sort()).toEqual(
      ['/assets/app.js', '/assets/entry.js', '/assets/home.js', '/assets/react.js', '/assets/root.js', '/assets/ui.js'].sort(),
    )
    expect(row('routes/_app._index').jsBytes).toBe(10 + 1000 + 20 + 100 + 30 + 5)
    expect(row('routes/login').jsBytes).toBe(10 + 1000 + 20 + 100 + 7 + 300)
  })

  test('CSS: global stylesheets everywhere, a layout’s stylesheet only under it', () => {
    expect(row('routes/_app._index').cssBytes).toBe(54)
    expect(row('routes/login').css).toEqual(['/assets/global.css'])
  })

  test('rows are sorted by JS, largest first', () => {
    expect(rows.map((r) => r.id)).toEqual(['routes/login', 'routes/_app._index', 'routes/_app', 'root'])
  })

  test('the manifest module counts only without lazy route discovery', () => {
    const eager = firstLoadByRoute(manifest, gzipBytes, { lazyRouteDiscovery: false })
    expect(eager.find((r) => r.id === 'root')!.jsBytes).toBe(row('root').jsBytes + 1)
  })

  test('an unknown parent is an error, not a silently smaller number', () => {
    const broken = { ...manifest, routes: { ...manifest.routes, orphan: { id: 'orphan', parentId: 'gone', module: '/assets/x.js' } } }
    expect(() => firstLoadByRoute(broken, gzipBytes)).toThrow(/gone/)
  })
})

test('routePattern names URLs, and marks root and pathless layouts', () => {
  expect(routePattern(manifest, 'routes/_app._index')).toBe('/')
  expect(routePattern(manifest, 'routes/login')).toBe('/login')
  expect(routePattern(manifest, 'routes/_app')).toBe('(layout)')
  expect(routePattern(manifest, 'root')).toBe('(root)')
})

test('unclaimedCss finds the stylesheets root links; lazyChunks the JS no route preloads', () => {
  expect(unclaimedCss(manifest, ['/assets/global.css', '/assets/shell.css'])).toEqual(['/assets/global.css'])
  const rows = firstLoadByRoute(manifest, gzipBytes)
  expect(lazyChunks(rows, ['/assets/home.js', '/assets/lazy.js', '/assets/manifest-1.js'], manifest.url)).toEqual(['/assets/lazy.js'])
})
