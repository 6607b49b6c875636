import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { UserDto } from '@shared/dto';
import { useMe } from '../api/auth';
import { CenteredSpin, ErrorResult } from './query-state';

interface Props {
  children: ReactNode;
  /** Extra condition on the signed-in user (e.g. a role); failing it shows 403. */
  allow?: (user: UserDto) => boolean;
}

/** Sends anonymous visitors to /login (coming back afterwards) and refuses users without the role. */
export function RequireAuth({ children, allow }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <CenteredSpin />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (allow && !allow(me.data)) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbidden')} />;
  }
  return <>{children}</>;
}
