import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * Security headers for every response. Scripts only from our own origin (no inline scripts);
 * inline styles are allowed because the component library sets CSS variables at run time.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense over HTTPS; set below when the request came that way.
    hsts: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (request, reply) => {
    // API answers carry personal data (persons, cases, notes, audit exports): no browser, proxy or
    // shared cache may keep them. One rule for every route, so that a new route cannot forget it;
    // a route may only choose something at least as strict.
    // The one exception: the public open-data aggregates (suppressed, no person) may be cached.
    const cacheControl = String(reply.getHeader('cache-control') ?? '')
    const publicAggregate = request.url.startsWith('/api/open-data/') && cacheControl.startsWith('public')
    if (isApiPath(request.url) && !publicAggregate && !cacheControl.includes('no-store')) {
      reply.header('cache-control', 'no-store')
    }
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    }
  })
}

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
