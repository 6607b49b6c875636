import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NegotiationEventDto } from '@shared/negotiation-events';
import { api } from '../../api/client';
import { fetchEvents, negotiationKeys, newClientId } from '../../api/negotiations';
import { roomSocket } from './room-socket';

interface Pending {
  clientMessageId: string;
  text: string;
}

/**
 * The live log of one room: loads everything after the cursor over HTTP, appends live events, and
 * resyncs after every (re)connect and whenever a seq gap shows an event was missed. Events are keyed by
 * seq, so a duplicate delivery changes nothing.
 */
export function useRoom(id: string, enabled: boolean) {
  const qc = useQueryClient();
  const [events, setEvents] = useState<NegotiationEventDto[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [connected, setConnected] = useState(true);
  const [typing, setTyping] = useState<Record<string, { name: string; at: number }>>({});
  const cursor = useRef(0);
  const syncing = useRef<Promise<void> | null>(null);

  const merge = useCallback(
    (incoming: NegotiationEventDto[]) => {
      if (incoming.length === 0) return;
      setEvents((prev) => {
        const bySeq = new Map(prev.map((e) => [e.seq, e]));
        for (const e of incoming) bySeq.set(e.seq, e);
        return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      });
      cursor.current = Math.max(cursor.current, ...incoming.map((e) => e.seq));
      const mine = new Set(incoming.map((e) => e.clientMessageId).filter(Boolean));
      setPending((p) => p.filter((x) => !mine.has(x.clientMessageId)));
      if (incoming.some((e) => e.type !== 'message'))
        void qc.invalidateQueries({ queryKey: negotiationKeys.detail(id) });
    },
    [id, qc],
  );

  const resync = useCallback(() => {
    syncing.current ??= (async () => {
      try {
        for (;;) {
          const { events: batch } = await fetchEvents(id, cursor.current);
          merge(batch);
          if (batch.length < 500) break;
        }
      } finally {
        syncing.current = null;
      }
    })();
    return syncing.current;
  }, [id, merge]);

  useEffect(() => {
    if (!enabled) return;
    const socket = roomSocket();
    const onEvents = (events: NegotiationEventDto[]) => {
      if (events[0]?.negotiationId !== id) return;
      // A gap means something was missed (e.g. during a reconnect): fetch it from the log.
      const gap = events[0].seq > cursor.current + 1;
      merge(events);
      if (gap) void resync();
    };
    const onConnect = () => {
      setConnected(true);
      void resync();
    };
    const onDisconnect = () => setConnected(false);
    const onTyping = (p: { negotiationId: string; user: { id: string; name: string } }) => {
      if (p.negotiationId === id) setTyping((t) => ({ ...t, [p.user.id]: { name: p.user.name, at: Date.now() } }));
    };
    const onPresence = (p: { negotiationId: string }) => {
      if (p.negotiationId === id) void qc.invalidateQueries({ queryKey: negotiationKeys.participants(id) });
    };
    const onJoined = (p: { negotiationId: string }) => {
      if (p.negotiationId === id) void resync();
    };
    socket.on('negotiation:events', onEvents);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('negotiation:typing', onTyping);
    socket.on('negotiation:presence', onPresence);
    socket.on('negotiation:read', onPresence);
    socket.on('negotiation:joined', onJoined);
    setConnected(socket.connected);
    void resync();
    const sweep = setInterval(
      () => setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => Date.now() - v.at < 4_000))),
      1_000,
    );
    return () => {
      clearInterval(sweep);
      socket.off('negotiation:events', onEvents);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('negotiation:typing', onTyping);
      socket.off('negotiation:presence', onPresence);
      socket.off('negotiation:read', onPresence);
      socket.off('negotiation:joined', onJoined);
    };
  }, [id, enabled, merge, resync, qc]);

  /** Over the socket when connected, else over HTTP; either way the client id makes a retry safe. */
  const send = useCallback(
    async (text: string, attachmentIds: string[] = []) => {
      const clientMessageId = newClientId();
      setPending((p) => [...p, { clientMessageId, text }]);
      const socket = roomSocket();
      const body = { clientMessageId, text, attachmentIds };
      if (socket.connected) {
        const res = await socket
          .timeout(10_000)
          .emitWithAck('negotiation:message', { negotiationId: id, ...body })
          .catch(() => null);
        if (res?.ok) return merge([res.data]);
      }
      const res = await api.post<{ event: NegotiationEventDto }>(`/api/negotiations/${id}/messages`, body);
      merge([res.event]);
    },
    [id, merge],
  );

  const sendTyping = useCallback(() => roomSocket().emit('negotiation:typing', { negotiationId: id }), [id]);
  const markRead = useCallback(
    (seq: number) => {
      if (seq > 0) roomSocket().emit('negotiation:read', { negotiationId: id, seq });
    },
    [id],
  );

  return {
    events,
    pending,
    connected,
    typing: Object.entries(typing).map(([userId, v]) => ({ userId, name: v.name })),
    send,
    sendTyping,
    markRead,
    resync,
  };
}
