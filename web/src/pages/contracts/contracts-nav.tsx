import { FileAddOutlined, UnorderedListOutlined, UploadOutlined } from '@ant-design/icons';
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';

export type ContractsArea = 'list' | 'new' | 'import';
const paths: Record<ContractsArea, string> = { list: '/contracts', new: '/contracts/new', import: '/contracts/import' };

/**
 * The contracts area's own navigation. Entering and importing paper contracts is for members of an
 * organisation (the API makes their organisation the seller); officials and admins see the list only.
 */
export function ContractsNav({ active }: { active: ContractsArea }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  if (!canEnterContracts(me)) return null;
  const item = (key: ContractsArea, icon: ReactNode) => ({
    key,
    label: (
      <span data-testid={`contracts-nav-${key}`}>
        {icon} {t(`contracts.nav.${key}`)}
      </span>
    ),
  });
  return (
    <Tabs
      className="contracts-nav"
      activeKey={active}
      onChange={(key) => void navigate(paths[key as ContractsArea])}
      items={[
        item('list', <UnorderedListOutlined />),
        item('new', <FileAddOutlined />),
        item('import', <UploadOutlined />),
      ]}
    />
  );
}

export const canEnterContracts = (me: { orgId: string | null } | null | undefined) => !!me?.orgId;
