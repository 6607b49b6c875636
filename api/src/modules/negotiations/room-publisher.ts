import type { NegotiationEventDto } from '../../shared/negotiation-events';

/**
 * What the negotiation services need from the real-time layer. Services persist first and publish
 * afterwards; the socket.io implementation lives in src/realtime, and a no-op stands in until it is
 * attached (seed CLI, buildContext without a server).
 */
export interface RoomPublisher {
  /**
   * New events of one room, in seq order: all that one write of the log stored for it, so a socket gets
   * one frame per room and write, not one per event.
   */
  events(events: NegotiationEventDto[]): void;
  /** Joins every connected socket of these users to the room (across instances with the Redis adapter). */
  joinUsers(negotiationId: string, userIds: string[]): void;
  /** Tells these users (on `user:<id>`) that a room concerns them now: opened, invited, assigned. */
  notify(userIds: string[], negotiationId: string): void;
  /** A read receipt, to the room (not logged with a seq: the cursor itself is stored). */
  read(negotiationId: string, userId: string, seq: number): void;
  /** User ids with at least one socket in the room, on any instance. */
  online(negotiationId: string): Promise<string[]>;
}

export const nullPublisher: RoomPublisher = {
  events: () => undefined,
  joinUsers: () => undefined,
  notify: () => undefined,
  read: () => undefined,
  online: async () => [],
};

export const roomName = (negotiationId: string) => `negotiation:${negotiationId}`;
export const userRoom = (userId: string) => `user:${userId}`;
