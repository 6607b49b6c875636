import { Link } from 'react-router';
import { Card, Descriptions, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isOrgDetail, type OrgView } from '../../api/orgs';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';

export function OrgProfileCard({ org }: { org: OrgView }) {
  const { t } = useTranslation();
  const { orgType, region, submarket, tag } = useLabels();
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: t('orgs.field.type'), children: orgType(org.type) },
    { key: 'region', label: t('orgs.field.regionCode'), children: region(org.regionCode) },
    { key: 'submarket', label: t('orgs.detail.submarket'), children: submarket(org.submarketCode) },
    { key: 'createdAt', label: t('orgs.detail.createdAt'), children: formatDate(org.createdAt) },
  ];
  if (isOrgDetail(org)) {
    items.push(
      {
        key: 'creditCode',
        label: t('orgs.field.creditCode'),
        // Makers have none: they are identified by a resident ID, shown masked on the maker page.
        children: org.creditCode ? (
          <Typography.Text code copyable data-testid="org-credit-code">
            {org.creditCode}
          </Typography.Text>
        ) : (
          <Link to={`/makers/${org.id}`}>{t('orgs.detail.makerIdentity')}</Link>
        ),
      },
      { key: 'contactName', label: t('orgs.field.contactName'), children: org.contactName || t('common.none') },
      { key: 'contactPhone', label: t('orgs.field.contactPhone'), children: org.contactPhone || t('common.none') },
    );
  }
  items.push(
    {
      key: 'website',
      label: t('orgs.field.website'),
      children: org.website ? (
        <a href={org.website} target="_blank" rel="noreferrer noopener">
          {org.website}
        </a>
      ) : (
        t('common.none')
      ),
    },
    {
      key: 'tags',
      label: t('orgs.field.tags'),
      span: 'filled',
      children: org.tags.length ? org.tags.map((c) => <Tag key={c}>{tag(c)}</Tag>) : t('common.none'),
    },
    {
      key: 'description',
      label: t('orgs.field.description'),
      span: 'filled',
      children: <div className="pre-wrap">{org.description || t('common.none')}</div>,
    },
  );
  return (
    <Card title={t('orgs.detail.profile')} className="section-card">
      <Descriptions column={{ xs: 1, sm: 2 }} items={items} size="middle" />
    </Card>
  );
}
