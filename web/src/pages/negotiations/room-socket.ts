import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/negotiation-events';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: RoomSocket | null = null;

/**
 * One socket per tab, authenticated by the session cookie in the handshake (same origin). The server
 * decides which rooms it is in; the pages only listen and resync from their cursor on every (re)connect.
 */
export function roomSocket(): RoomSocket {
  shared ??= io({ path: '/socket.io', transports: ['websocket'], withCredentials: true, reconnectionDelayMax: 5_000 });
  return shared;
}

/** After sign-out the socket must not keep the old session's rooms. */
export function closeRoomSocket(): void {
  shared?.close();
  shared = null;
}
