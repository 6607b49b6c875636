import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedSearchEngine } from '../embedded-engine';
import { Lexicon } from '../lexicon';
import type { SearchDoc, SearchFilters } from '../search-engine';
import { federatedSearch, hitOf, MeiliError, runQuery, type FakeIndex } from './fake-meili-search';

/**
 * A local HTTP server that speaks the part of Meilisearch's REST API our adapter uses (indexes, settings,
 * documents, search with filter/facets/sort/highlight/crop, multi-search and federated multi-search with
 * weights and `facetsByIndex`, tasks, health, stats), so the real adapter and the real `meilisearch` client
 * are exercised without the Meilisearch binary, which cannot run here. It parses the filter syntax the
 * adapter emits and rejects anything else with Meilisearch's error shape. Which documents match is decided
 * by the embedded engine's tokenizer with the index's `synonyms` setting as its only vocabulary (a stand-in
 * for Meilisearch's matching); their order by the index's ranking rules (fake-meili-search.ts,
 * fake-meili-ranking.ts), never by the embedded engine's scores. State survives stop()/start().
 */
export class FakeMeilisearch {
  private server: http.Server | null = null;
  private port = 0;
  private readonly indexes = new Map<string, FakeIndex & { primaryKey: string }>();
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
        const parse = (index: FakeIndex) => (f: unknown) =>
          parseFilter(f, new Set((index.settings.filterableAttributes as string[] | undefined) ?? []));
        if (body?.federation) return send(200, federatedSearch(this.indexes, body, parse));
        const results: unknown[] = [];
        for (const q of (body?.queries ?? []) as Array<Record<string, unknown>>) {
          const index = this.indexes.get(String(q.indexUid));
          if (!index) return fail(404, 'index_not_found', `Index \`${String(q.indexUid)}\` not found.`);
          results.push({ indexUid: q.indexUid, ...this.search(index, q) });
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
                uid,
                primaryKey: body.primaryKey ?? 'id',
                // No vocabulary until a `synonyms` setting arrives, as in Meilisearch.
                engine: new EmbeddedSearchEngine(Lexicon.fromSynonyms({}), false),
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
            const typo = index.settings.typoTolerance as { disableOnWords?: string[] } | undefined;
            engine.setLexicon(
              Lexicon.fromSynonyms(
                (index.settings.synonyms as Record<string, string[]> | undefined) ?? {},
                undefined,
                typo?.disableOnWords,
              ),
            );
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
      if (rest === '/search' && method === 'POST') return send(200, this.search(index, body ?? {}));
      return fail(404, 'not_found', 'No such route.');
    } catch (err) {
      if (err instanceof MeiliError) fail(err.status, err.code, err.message);
      else fail(400, 'bad_request', (err as Error).message);
    }
  }

  /** `POST /indexes/:uid/search` (and a non-federated multi-search query): offset/limit or page/hitsPerPage. */
  private search(index: FakeIndex, body: Record<string, unknown>) {
    const filterable = new Set((index.settings.filterableAttributes as string[] | undefined) ?? []);
    const { ranked, facetDistribution } = runQuery(index, body, (f) => parseFilter(f, filterable));
    const paged = body.page !== undefined || body.hitsPerPage !== undefined;
    const hitsPerPage = Number(body.hitsPerPage ?? 20);
    const page = Number(body.page ?? 1);
    const offset = paged ? (page - 1) * hitsPerPage : Number(body.offset ?? 0);
    const limit = paged ? hitsPerPage : Number(body.limit ?? 20);
    return {
      hits: ranked.slice(offset, offset + limit).map((r) => hitOf(r, body)),
      query: body.q ?? '',
      processingTimeMs: 0,
      ...(paged
        ? { hitsPerPage, page, totalPages: Math.ceil(ranked.length / hitsPerPage), totalHits: ranked.length }
        : { limit, offset, estimatedTotalHits: ranked.length }),
      ...(body.facets ? { facetDistribution } : {}),
    };
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
