import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../link-button';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
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
    // The test id and count sit on a wrapper holding both the link and its badge (tests read the badge).
    <span data-testid="notification-bell" data-unread={count}>
      <Badge count={count} size="small" overflowCount={99}>
        {/* One link with a name (a button inside a link was two controls and no name for a screen reader). */}
        <LinkButton
          to="/notifications"
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t('search.notifications.bell')}
        />
      </Badge>
    </span>
  );
}
