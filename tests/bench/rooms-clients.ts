/**
 * The rooms benchmark's clients: organisations, users, sessions and negotiation rooms seeded for it, and the
 * socket.io clients that join those rooms (rooms.bench.ts).
 */
import crypto from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createModels } from '../../api/src/db/models';

export const ROOMS = 50;
const PER_ROOM = 10;

export interface Client {
  socket: Socket;
  room: string;
}

/** Orgs, users, sessions and rooms written straight to the database the API uses (not part of the measurement). */
export async function seed(uri: string, dbName: string): Promise<Array<{ token: string; room: string }>> {
  const conn = mongoose.createConnection(uri, { dbName, maxPoolSize: 1 });
  await conn.asPromise();
  const m = createModels(conn);
  const members: Array<{ token: string; room: string }> = [];
  const now = new Date();
  for (let r = 0; r < ROOMS; r++) {
    const orgIds = [new Types.ObjectId(), new Types.ObjectId()];
    await m.Org.insertMany(
      orgIds.map((_id, i) => ({
        _id,
        name: `压测机构${r}-${i}`,
        type: 'enterprise',
        creditCode: `BENCH${r}X${i}${crypto.randomBytes(4).toString('hex')}`.slice(0, 18),
        regionCode: '210100',
        submarketCode: 'SM-210100',
        verification: { status: 'verified' },
        createdBy: _id,
      })),
    );
    const users = Array.from({ length: PER_ROOM }, (_, i) => ({
      _id: new Types.ObjectId(),
      email: `bench-${r}-${i}-${crypto.randomBytes(3).toString('hex')}@bench.nekj.cn`,
      passwordHash: 'x',
      name: `压测用户${r}-${i}`,
      orgId: orgIds[i % 2],
      orgRole: 'member',
    }));
    await m.User.insertMany(users);
    const room = await m.Negotiation.create({
      subject: { kind: 'achievement', id: new Types.ObjectId(), title: `压测洽谈 ${r}` },
      buyerOrgId: orgIds[0],
      sellerOrgId: orgIds[1],
      submarketCode: 'SM-210100',
      openedBy: users[0]._id,
      status: 'open',
      openKey: `bench:${r}:${crypto.randomBytes(4).toString('hex')}`,
      brokers: [],
      seq: 0,
      lastEventAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    for (const u of users) {
      const token = crypto.randomBytes(32).toString('base64url');
      await m.Session.create({
        _id: crypto.createHash('sha256').update(token).digest('hex'),
        userId: u._id,
        expiresAt: new Date(now.getTime() + 86_400_000),
      });
      members.push({ token, room: String(room._id) });
    }
  }
  await conn.close();
  return members;
}

export async function connectAll(url: string, members: Array<{ token: string; room: string }>): Promise<Client[]> {
  const clients: Client[] = [];
  // In batches: 500 simultaneous handshakes would measure the connect storm, not messaging.
  for (let i = 0; i < members.length; i += 50) {
    const batch = members.slice(i, i + 50).map(
      (mem) =>
        new Promise<Client>((resolve, reject) => {
          const socket = connectClient(url, {
            transports: ['websocket'],
            auth: { token: mem.token, room: mem.room },
            reconnection: false,
            forceNew: true,
          });
          socket.once('connect', () => resolve({ socket, room: mem.room }));
          socket.once('connect_error', reject);
        }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}
