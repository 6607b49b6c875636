import crypto from 'node:crypto';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, NegotiationEventDto, ServerToClientEvents } from '../shared/negotiation-events';
import { needBody, publish } from './catalog-fixtures';
import type { TestApp } from './harness';

type Who = { token: string };
export type RoomClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export const clientId = () => crypto.randomBytes(9).toString('base64url');

export const offerTerms = (over: Record<string, unknown> = {}) => ({
  amountFen: 1_200_000_00,
  category: 'license',
  paymentPlan: {
    kind: 'instalments',
    instalments: [
      { percent: 40, dueMonths: 0 },
      { percent: 60, dueMonths: 6 },
    ],
  },
  termMonths: 60,
  exclusivity: 'sole',
  validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  text: '许可范围：辽宁省内；技术指导 3 次。',
  ...over,
});

/** A published achievement of the seller's organisation and a room the buyer opened on it. */
export async function openRoom(
  app: TestApp,
  seller: Who,
  buyer: Who,
  reviewer: Who,
  message?: string,
): Promise<string> {
  const achievementId = await publish(app, 'achievements', seller, reviewer);
  const res = await app.http('POST', '/api/negotiations', {
    token: buyer.token,
    body: { subject: { kind: 'achievement', id: achievementId }, ...(message ? { message } : {}) },
  });
  if (res.status !== 201) throw new Error(`open failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.negotiation.id as string;
}

/** A challenge need of the poster with a winning proposal of the supplier; returns the proposal id. */
export async function winningProposal(app: TestApp, poster: Who, supplier: Who, reviewer: Who): Promise<string> {
  const needId = await publish(
    app,
    'needs',
    poster,
    reviewer,
    needBody({ challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } }),
  );
  const p = await app.http('POST', `/api/needs/${needId}/proposals`, {
    token: supplier.token,
    body: { summary: '采用结构光视觉与卡尔曼滤波融合的焊缝跟踪方案。', plan: '三个月完成样机', priceFen: 120_000_000 },
  });
  const proposalId = p.body.proposal.id as string;
  const won = await app.http('POST', `/api/needs/${needId}/proposals/${proposalId}/decision`, {
    token: poster.token,
    body: { decision: 'select_winner' },
  });
  if (won.status !== 200) throw new Error(`select_winner failed: ${JSON.stringify(won.body)}`);
  return proposalId;
}

/** A real socket.io client over WebSocket; resolves once connected, rejects with the handshake error code. */
export function connect(
  url: string,
  token: string | undefined,
  opts: { reconnection?: boolean } = {},
): Promise<RoomClient> {
  const socket: RoomClient = connectClient(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      socket.off('connect', onConnect);
      socket.close();
      reject(Object.assign(new Error(err.message), { data: (err as { data?: unknown }).data }));
    };
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** Records every room event a client receives. */
export function recorder(socket: RoomClient) {
  const events: NegotiationEventDto[] = [];
  socket.on('negotiation:events', (list) => events.push(...list));
  return events;
}

export function emitAck<E extends 'negotiation:message' | 'negotiation:sync' | 'negotiation:read'>(
  socket: RoomClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5_000,
): Promise<{ ok: boolean; data?: any; error?: { code: string } }> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<any> }).emitWithAck(
    event,
    payload,
  );
}
