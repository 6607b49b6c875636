import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { notificationKeys, useUnreadCount } from '../../api/notifications';
import { roomSocket } from '../../pages/negotiations/room-socket';

/**
 * The header bell, leading to the notification centre. The unread count refreshes the moment a notice is
 * stored (the server pushes `notification:new` to the user's sockets) and is polled every 30 s besides.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unread = useUnreadCount(true);
  useEffect(() => {
    const socket = roomSocket();
    const refresh = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
    socket.on('notification:new', refresh);
    return () => void socket.off('notification:new', refresh);
  }, [qc]);
  const count = unread.data ?? 0;
  return (
    <Link
      to="/notifications"
      aria-label={t('search.notifications.bell')}
      data-testid="notification-bell"
      data-unread={count}
    >
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined />} />
      </Badge>
    </Link>
  );
}
