import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedSearchEngine } from '../embedded-engine';
import { Lexicon } from '../lexicon';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, type SearchDoc, type SearchFilters } from '../search-engine';
import type { FacetName, SearchSort } from '../../../shared/search-schemas';

/**
 * A local HTTP server that speaks the part of Meilisearch's REST API our adapter uses (indexes, settings,
 * documents, search with filter/facets/sort/highlight/crop, tasks, health, stats), so the real adapter and
 * the real `meilisearch` client are exercised without the Meilisearch binary, which cannot run here. Its
 * search is the embedded engine; it parses the filter syntax the adapter emits and rejects anything else
 * with Meilisearch's error shape. Its query vocabulary is the `synonyms` setting it was sent, so the
 * adapter's mapping of the glossary and thesaurus is what the relevance sets measure through it (its
 * ranking is the embedded engine's, not Meilisearch's ranking rules). State survives stop()/start().
 */
export class FakeMeilisearch {
  private server: http.Server | null = null;
  private port = 0;
  private readonly indexes = new Map<
    string,
    { primaryKey: string; engine: EmbeddedSearchEngine; settings: Record<string, unknown> }
  >();
  private readonly tasks = new Map<number, Record<string, unknown>>();
  private nextTask = 0;
  /** Requests seen, for tests that check what the adapter sent. */
  readonly requests: Array<{ method: string; path: string; body: unknown }> = [];

  constructor(private readonly masterKey = 'fake-master-key') {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  get key() {
    return this.masterKey;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops answering (an outage); start() brings the same data back on the same port. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  settingsOf(uid: string) {
    return this.indexes.get(uid)?.settings;
  }

  private task(indexUid: string | null, type: string, apply: () => void): Record<string, unknown> {
    const uid = this.nextTask++;
    const now = new Date().toISOString();
    let status = 'succeeded';
    let error: unknown = null;
    try {
      apply();
    } catch (err) {
      status = 'failed';
      error = { message: (err as Error).message, code: 'internal', type: 'internal', link: '' };
    }
    this.tasks.set(uid, {
      uid,
      indexUid,
      status,
      type,
      details: {},
      error,
      duration: 'PT0S',
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    });
    return { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string) =>
      send(status, { message, code, type: 'invalid_request', link: '' });
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? JSON.parse(raw) : undefined;
      const url = new URL(req.url ?? '/', this.url);
      const path = url.pathname.replace(/\/+$/, '');
      const method = req.method ?? 'GET';
      this.requests.push({ method, path, body });
      if (this.requests.length > 1000) this.requests.shift();
      if (path === '/health') return send(200, { status: 'available' });
      if (req.headers.authorization !== `Bearer ${this.masterKey}`)
        return fail(401, 'missing_authorization_header', 'The Authorization header is missing or wrong.');

      let m: RegExpMatchArray | null;
      if ((m = path.match(/^\/tasks\/(\d+)$/))) {
        const t = this.tasks.get(Number(m[1]));
        return t ? send(200, t) : fail(404, 'task_not_found', 'Task not found.');
      }
      if (path === '/multi-search' && method === 'POST') {
        const results: unknown[] = [];
        for (const q of (body?.queries ?? []) as Array<Record<string, unknown>>) {
          const index = this.indexes.get(String(q.indexUid));
          if (!index) return fail(404, 'index_not_found', `Index \`${String(q.indexUid)}\` not found.`);
          let answer: unknown;
          let failed: unknown;
          this.search(
            index.settings,
            index.engine,
            q,
            (_s, b) => (answer = { indexUid: q.indexUid, ...(b as object) }),
            (s, code, m) => (failed = [s, code, m]),
          );
          if (failed) return fail(...(failed as [number, string, string]));
          results.push(answer);
        }
        return send(200, { results });
      }
      if (path === '/indexes' && method === 'POST') {
        const uid = String(body.uid);
        return send(
          202,
          this.task(uid, 'indexCreation', () => {
            if (!this.indexes.has(uid))
              this.indexes.set(uid, {
                primaryKey: body.primaryKey ?? 'id',
                engine: new EmbeddedSearchEngine(undefined, false),
                settings: {},
              });
          }),
        );
      }
      if (!(m = path.match(/^\/indexes\/([\w-]+)(\/.*)?$/))) return fail(404, 'not_found', 'No such route.');
      const uid = m[1];
      const rest = m[2] ?? '';
      const index = this.indexes.get(uid);
      if (!index) return fail(404, 'index_not_found', `Index \`${uid}\` not found.`);
      const engine = index.engine;

      if (rest === '' && method === 'GET')
        return send(200, { uid, primaryKey: index.primaryKey, createdAt: '', updatedAt: '' });
      if (rest === '/settings' && method === 'PATCH') {
        return send(
          202,
          this.task(uid, 'settingsUpdate', () => {
            Object.assign(index.settings, body);
            // Searches use the synonyms the adapter sent, unweighted as Meilisearch stores them.
            if (body.synonyms) engine.setLexicon(Lexicon.fromSynonyms(body.synonyms as Record<string, string[]>));
          }),
        );
      }
      if (rest === '/stats' && method === 'GET')
        return send(200, { numberOfDocuments: await engine.count(), isIndexing: false, fieldDistribution: {} });
      if (rest === '/documents' && method === 'POST') {
        const docs = body as SearchDoc[];
        if (!Array.isArray(docs) || docs.some((d) => typeof d?.[index.primaryKey as 'id'] !== 'string')) {
          return fail(400, 'missing_document_id', 'Every document needs a string primary key.');
        }
        return send(
          202,
          this.task(uid, 'documentAdditionOrUpdate', () => docs.forEach((d) => engine.add(d))),
        );
      }
      if (rest === '/documents/delete-batch' && method === 'POST') {
        return send(
          202,
          this.task(uid, 'documentDeletion', () => void engine.remove((body as unknown[]).map(String))),
        );
      }
      if (rest === '/documents' && method === 'DELETE')
        return send(
          202,
          this.task(uid, 'documentDeletion', () => void engine.clear()),
        );
      if (rest === '/documents' && method === 'GET') {
        const fields = url.searchParams.get('fields')?.split(',');
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const ids = [...(await engine.versions()).keys()].sort();
        const results = await Promise.all(ids.slice(offset, offset + limit).map((id) => engine.get(id)));
        const shaped = results.map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, (d as never)[f]])) : d));
        return send(200, { results: shaped, offset, limit, total: ids.length });
      }
      if ((m = rest.match(/^\/documents\/([^/]+)$/)) && method === 'GET') {
        const doc = await engine.get(decodeURIComponent(m[1]));
        return doc ? send(200, doc) : fail(404, 'document_not_found', 'Document not found.');
      }
      if (rest === '/search' && method === 'POST') return this.search(index.settings, engine, body ?? {}, send, fail);
      return fail(404, 'not_found', 'No such route.');
    } catch (err) {
      fail(400, 'bad_request', (err as Error).message);
    }
  }

  private search(
    settings: Record<string, unknown>,
    engine: EmbeddedSearchEngine,
    body: Record<string, unknown>,
    send: (s: number, b: unknown) => void,
    fail: (s: number, code: string, m: string) => void,
  ) {
    const filterable = new Set((settings.filterableAttributes as string[] | undefined) ?? []);
    const sortable = new Set((settings.sortableAttributes as string[] | undefined) ?? []);
    let filters: SearchFilters;
    try {
      filters = parseFilter(body.filter, filterable);
    } catch (err) {
      return fail(400, 'invalid_search_filter', (err as Error).message);
    }
    const facets = ((body.facets as string[] | undefined) ?? []) as FacetName[];
    for (const f of facets)
      if (!filterable.has(f)) return fail(400, 'invalid_search_facets', `Attribute \`${f}\` is not filterable.`);
    const sortSpec = ((body.sort as string[] | undefined) ?? [])[0];
    if (sortSpec && !sortable.has(sortSpec.split(':')[0]))
      return fail(400, 'invalid_search_sort', `Attribute \`${sortSpec}\` is not sortable.`);
    const sort: SearchSort =
      sortSpec === 'priceFen:asc'
        ? 'price_asc'
        : sortSpec === 'priceFen:desc'
          ? 'price_desc'
          : sortSpec === 'publishedAt:desc'
            ? 'newest'
            : 'relevance';
    const hitsPerPage = Number(body.hitsPerPage ?? body.limit ?? 20);
    const page = Number(body.page ?? 1);
    const offset = body.page === undefined ? Number(body.offset ?? 0) : (page - 1) * hitsPerPage;
    const started = Date.now();
    const result = engine.searchSync({ q: String(body.q ?? ''), filters, facets, sort, offset, limit: hitsPerPage });
    const pre = String(body.highlightPreTag ?? '<em>');
    const post = String(body.highlightPostTag ?? '</em>');
    const tags = (s: string) => s.replaceAll(HIGHLIGHT_PRE, pre).replaceAll(HIGHLIGHT_POST, post);
    send(200, {
      hits: result.hits.map((h) => ({
        ...h.doc,
        _formatted: { ...h.doc, title: tags(h.formatted.title), summary: tags(h.formatted.summary) },
      })),
      query: body.q ?? '',
      processingTimeMs: Date.now() - started,
      hitsPerPage,
      page,
      totalPages: Math.ceil(result.total / hitsPerPage),
      totalHits: result.total,
      facetDistribution: result.facets,
    });
  }
}

/** Parses the AND-of-clauses subset of Meilisearch's filter language that MeiliSearchEngine emits. */
export function parseFilter(filter: unknown, filterable: Set<string>): SearchFilters {
  const clauses =
    filter === undefined ? [] : Array.isArray(filter) ? (filter as string[]) : String(filter).split(' AND ');
  const f: Record<string, unknown> = {};
  for (const clause of clauses) {
    const m = clause.match(/^(\w+) (IN|=|>=|<=) (.+)$/);
    if (!m) throw new Error(`Cannot parse filter \`${clause}\`.`);
    const [, attr, op, value] = m;
    if (!filterable.has(attr)) throw new Error(`Attribute \`${attr}\` is not filterable.`);
    const parsed = JSON.parse(value) as unknown;
    const key = attr === 'id' ? 'ids' : attr;
    if (op === 'IN') f[key] = parsed as string[];
    else if (op === '=') f[key] = attr === 'kind' || attr === 'challenge' ? parsed : [parsed];
    else if (attr === 'priceFen') f[op === '>=' ? 'priceMinFen' : 'priceMaxFen'] = parsed;
    else if (attr === 'publishedAt') f[op === '>=' ? 'publishedFrom' : 'publishedTo'] = parsed;
    else throw new Error(`Unsupported comparison on \`${attr}\`.`);
  }
  return f as SearchFilters;
}
