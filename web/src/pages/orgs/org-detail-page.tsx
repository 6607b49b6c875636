import { EditOutlined } from '@ant-design/icons';
import { Alert, Col, Row, Space, Tag, Typography } from 'antd';
import type { OrgDetailDto } from '@shared/dto';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { isOrgDetail, useOrg } from '../../api/orgs';
import { useDocumentTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { VerificationTag } from '../../components/status-tag';
import { formatDateTime } from '../../lib/format';
import { canManageOrg } from '../../lib/roles';
import { useLabels } from '../../lib/use-labels';
import { OrgHistoryCard } from './org-history-card';
import { OrgLicenceCard } from './org-licence-card';
import { OrgMembersCard } from './org-members-card';
import { OrgProfileCard } from './org-profile-card';
import { LinkButton } from '../../components/link-button';

/**
 * A verified organisation's requested change of name, code, type or region: the verified values stay shown
 * (page title, public card) until an operator decides; the request is listed here for members and staff.
 */
function ReverificationAlert({
  org,
  change,
}: {
  org: OrgDetailDto;
  change: NonNullable<OrgDetailDto['pendingChange']>;
}) {
  const { t } = useTranslation();
  const { orgType, region } = useLabels();
  const rows = [
    change.name && [t('orgs.field.name'), change.name],
    change.creditCode && [t('orgs.field.creditCode'), change.creditCode],
    change.type && [t('orgs.field.type'), orgType(change.type)],
    change.regionCode && [t('orgs.field.regionCode'), region(change.regionCode)],
  ].filter(Boolean) as Array<[string, string]>;
  return (
    <Alert
      type="info"
      showIcon
      className="page-alert"
      data-testid="org-reverification"
      title={t('orgs.detail.reverifyTitle')}
      description={
        <>
          <div>{t('orgs.detail.reverifyNotice', { name: org.name })}</div>
          <ul className="change-list">
            {rows.map(([label, value]) => (
              <li key={label}>
                {label}: <strong>{value}</strong>
              </li>
            ))}
          </ul>
          <div className="muted small">
            {t('orgs.detail.reverifyRequested', {
              name: change.requestedBy ?? '',
              at: formatDateTime(change.requestedAt),
            })}
          </div>
        </>
      }
    />
  );
}

export default function OrgDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const org = useOrg(id);
  const { orgType } = useLabels();
  useDocumentTitle(org.data?.name ?? t('orgs.title'));

  if (org.isPending)
    return (
      <div className="page">
        <PageSkeleton />
      </div>
    );
  if (org.isError)
    return (
      <div className="page">
        <ErrorResult error={org.error} onRetry={() => void org.refetch()} />
      </div>
    );

  const o = org.data;
  const detail = isOrgDetail(o) ? o : null;
  const manage = canManageOrg(me, o.id);
  return (
    <div className="page" data-testid="org-detail">
      <div className="page-title">
        <div>
          <Typography.Title level={2} className="page-title__main" data-testid="org-name">
            {o.name}
          </Typography.Title>
          <Space wrap className="org-head__meta">
            {o.nameEn && <Typography.Text type="secondary">{o.nameEn}</Typography.Text>}
            <Typography.Text type="secondary">{orgType(o.type)}</Typography.Text>
            <VerificationTag status={o.verificationStatus} />
            {detail?.pendingChange && (
              <Tag color="gold" data-testid="org-reverification-tag">
                {t('orgs.detail.reverifyTitle')}
              </Tag>
            )}
          </Space>
        </div>
        {manage && (
          <LinkButton
            to={`/orgs/${o.id}/edit`}
            className="page-title__extra"
            icon={<EditOutlined />}
            data-testid="org-edit"
          >
            {t('common.edit')}
          </LinkButton>
        )}
      </div>
      {detail?.pendingChange && <ReverificationAlert org={detail} change={detail.pendingChange} />}
      {detail?.verification.status === 'pending' && (
        <Alert type="info" showIcon className="page-alert" title={t('orgs.detail.pendingNotice')} />
      )}
      {detail?.verification.status === 'rejected' && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          data-testid="org-rejected-notice"
          title={t('orgs.detail.rejectedTitle')}
          description={
            <>
              <div>{detail.verification.reason}</div>
              {manage && <div className="muted">{t('orgs.detail.resubmitHint')}</div>}
            </>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={detail ? 15 : 24}>
          <OrgProfileCard org={o} />
          {detail && <OrgLicenceCard org={detail} canManage={manage} />}
          {detail && <OrgMembersCard orgId={o.id} orgName={o.name} canManage={manage} />}
        </Col>
        {detail && (
          <Col xs={24} lg={9}>
            <OrgHistoryCard org={detail} />
          </Col>
        )}
      </Row>
    </div>
  );
}
