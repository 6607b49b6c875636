import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../../api/notifications';

/** The header bell: unread count polled every 30 s, leading to the notification centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount(true);
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
