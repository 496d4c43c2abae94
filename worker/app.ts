import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { authenticate, principal } from './auth';
import type { AppEnv, Lang } from './env';
import { ApiError, envelope, errorItem } from './errors';
import { BODY_LIMIT } from './http';
import { openApiDocument } from './openapi';
import { auditTrail } from './routes/audit';
import { consolidated } from './routes/consolidated';
import { touchKey } from './db/page';
import { keys } from './routes/keys';
import { periods } from './routes/periods';
import { policy } from './routes/policy';
import { decisions } from './routes/decisions';
import { reports } from './routes/reports';
import { status } from './routes/status';
import { units } from './routes/units';

const API_VERSION = "1";

function langOf(header: string | undefined): Lang {
  return /^\s*en\b/i.test(header ?? '') ? 'en' : 'vi';
}

/** Per isolate: the minute each key was last marked used. */
const touched = new Map<string, string>();

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use('/api/*', async (c, next) => {
    c.set('lang', langOf(c.req.header('Accept-Language')));
    const t0 = Date.now();
    await next();
    // time inside the Worker (I/O included), to tell it apart from the network in benchmarks
    c.header('Server-Timing', `app;dur=${Date.now() - t0}`);
  });
  // CORS: the Worker's own origin (the add-in and the page are served from it) and the configured origins only
  app.use(
    '/api/*',
    cors({
      origin: (origin, c) => {
        const own = new URL(c.req.url).origin;
        const allowed = (c.env.ALLOWED_ORIGINS ?? '').split(',').map((s: string) => s.trim()).filter(Boolean);
        return origin === own || allowed.includes(origin) ? origin : null;
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Accept-Language'],
      allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw ApiError.of(413, 'request.too-large', { limit: BODY_LIMIT / 1024 });
      },
    }),
  );

  app.get('/api/v1/health', async (c) => {
    const db = await c.env.DB.prepare('SELECT COUNT(*) AS units FROM units').first<{ units: number }>();
    return c.json({ ok: true, version: API_VERSION, time: new Date().toISOString(), units: db?.units ?? 0 });
  });
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));

  app.use('/api/v1/*', authenticate);
  // the key list shows when each key was last used: marked after the answer, at most once a minute per key
  app.use('/api/v1/*', async (c, next) => {
    await next();
    const p = c.get('principal');
    if (!p || p.keyId === 'bootstrap') return;
    const now = new Date().toISOString();
    // this isolate wrote this key's minute already: no second write (the SQL also writes at most once a minute)
    if (touched.get(p.keyId) === now.slice(0, 16)) return;
    touched.set(p.keyId, now.slice(0, 16));
    if (touched.size > 10_000) touched.clear();
    const write = touchKey(c.env.DB, p.keyId, now).run().catch(() => undefined);
    try {
      c.executionCtx.waitUntil(write);
    } catch {
      await write; // no execution context (app.request in a script): finish it before answering
    }
  });
  // who the key is: its unit and role (clients default their unit from it)
  app.get('/api/v1/me', async (c) => {
    const p = await principal(c);
    return c.json({ keyId: p.keyId, unit: p.unit, role: p.role });
  });
  app.route('/api/v1/units', units);
  app.route('/api/v1/keys', keys);
  app.route('/api/v1/reports', reports);
  app.route('/api/v1/consolidated', consolidated);
  app.route('/api/v1/status', status);
  app.route('/api/v1/periods', periods);
  app.route('/api/v1/policy', policy);
  app.route('/api/v1/decisions', decisions);
  app.route('/api/v1/audit', auditTrail);

  // the web page: "/" is index.html (the assets serve files by their names only)
  app.get('/', (c) => (c.env.ASSETS ? c.env.ASSETS.fetch(new Request(new URL('/index.html', c.req.url))) : c.text('Xếp loại', 200)));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json(envelope([errorItem('request.not-found')], c.get('lang') ?? 'vi'), 404);
    return c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.text('Not found', 404);
  });

  app.onError((err, c) => {
    const lang = c.get('lang') ?? 'vi';
    if (err instanceof ApiError) return c.json(envelope(err.items, lang), err.status);
    console.error(err);
    return c.json(envelope([errorItem('internal')], lang), 500);
  });

  return app;
}

