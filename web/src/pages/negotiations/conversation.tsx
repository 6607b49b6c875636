import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NegotiationDto, NegotiationEventDto } from '@shared/negotiation-events';
import { formatDateTime } from '../../lib/format';
import { wanText } from '../../lib/money';
import type { useRoom } from './use-room';

/** One line of the log in words: messages show their text, everything else a sentence. */
export function eventText(e: NegotiationEventDto, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e.type === 'message') return e.text ?? '';
  return t(`negotiation.events.${e.type}`, {
    name: e.actor.name,
    amount: e.offer ? wanText(e.offer.terms.amountFen) : '',
    broker: e.broker?.name ?? '',
    status: e.status ? t(`negotiation.status.${e.status}`) : '',
  });
}

export function Conversation({
  negotiation,
  room,
  meId,
}: {
  negotiation: NegotiationDto;
  room: ReturnType<typeof useRoom>;
  meId: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const bottom = useRef<HTMLDivElement>(null);
  const lastSeq = room.events.at(-1)?.seq ?? 0;
  // Once per new last event, not per render: `room` is a new object every render, and every read receipt
  // makes each open page of the room refetch its participants (a re-render), so depending on `room` sent a
  // receipt per render and two open pages kept each other refetching without end.
  const { markRead } = room;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    markRead(lastSeq);
  }, [lastSeq, markRead]);
  const canWrite = negotiation.status === 'open' && negotiation.mySide !== 'operator';
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    void room.send(value);
  };
  return (
    <Card title={t('negotiation.room.conversation')} size="small" className="negotiation-conversation">
      {!room.connected && (
        <Alert type="warning" showIcon message={t('negotiation.room.offline')} style={{ marginBottom: 8 }} />
      )}
      <div
        className="negotiation-log"
        data-testid="message-list"
        // A scrolling box a keyboard can reach and a screen reader announces as the room's log.
        role="log"
        tabIndex={0}
        aria-label={t('negotiation.room.conversation')}
        style={{ maxHeight: 480, overflowY: 'auto' }}
      >
        {room.events.map((e) =>
          e.type === 'message' ? (
            <div
              key={e.seq}
              data-testid="message"
              data-seq={e.seq}
              className={e.actor.id === meId ? 'msg msg--mine' : 'msg'}
              style={{ margin: '6px 0', textAlign: e.actor.id === meId ? 'right' : 'left' }}
            >
              <div>
                <small>
                  {e.actor.name} <Tag>{t(`negotiation.side.${e.actor.side}`)}</Tag>
                  {formatDateTime(e.at)}
                </small>
              </div>
              <Typography.Text
                className="msg__text"
                style={{
                  whiteSpace: 'pre-wrap',
                  background: e.actor.id === meId ? '#e6f4ff' : '#f5f5f5',
                  padding: '4px 10px',
                  borderRadius: 8,
                  display: 'inline-block',
                }}
              >
                {e.text}
              </Typography.Text>
              {e.attachments?.map((a) => (
                <div key={a.id}>
                  <a href={`/api/negotiations/${negotiation.id}/attachments/${a.id}`}>{a.filename}</a>
                </div>
              ))}
            </div>
          ) : (
            <div key={e.seq} data-testid="system-line" style={{ textAlign: 'center', margin: '6px 0' }}>
              <small className="muted">
                {eventText(e, t)} · {formatDateTime(e.at)}
              </small>
            </div>
          ),
        )}
        {room.pending.map((p) => (
          <div key={p.clientMessageId} data-testid="message-pending" style={{ textAlign: 'right', opacity: 0.5 }}>
            {p.text}
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <div data-testid="typing" style={{ minHeight: 20 }}>
        {room.typing
          .filter((x) => x.userId !== meId)
          .map((x) => (
            <small key={x.userId}>{t('negotiation.room.typing', { name: x.name })} </small>
          ))}
      </div>
      {canWrite && (
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea
            data-testid="message-input"
            value={text}
            autoSize={{ minRows: 1, maxRows: 5 }}
            maxLength={8000}
            placeholder={t('negotiation.room.placeholder')}
            onChange={(ev) => {
              setText(ev.target.value);
              room.sendTyping();
            }}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' && !ev.shiftKey) {
                ev.preventDefault();
                submit();
              }
            }}
          />
          <Button type="primary" data-testid="message-send" onClick={submit}>
            {t('negotiation.room.send')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
