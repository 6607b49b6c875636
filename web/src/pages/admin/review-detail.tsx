import { Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { licenceKindOf } from '@shared/licence';
import { isOrgDetail, useOrg } from '../../api/orgs';
import { ErrorResult } from '../../components/query-state';
import { useLabels } from '../../lib/use-labels';
import { LicencePreview } from '../orgs/org-licence-card';

/** What a reviewer checks before deciding: the credit code beside the licence document, contacts, the self-description. */
export function ReviewDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const org = useOrg(id);
  const { tag } = useLabels();
  if (org.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (org.isError) return <ErrorResult error={org.error} />;
  const o = org.data;
  const detail = isOrgDetail(o) ? o : null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        {
          key: 'code',
          label: t('verification.creditCode'),
          children: detail ? (
            <Typography.Text code copyable>
              {detail.creditCode}
            </Typography.Text>
          ) : (
            '–'
          ),
        },
        {
          key: 'contact',
          label: t('verification.contact'),
          children: [detail?.contactName, detail?.contactPhone].filter(Boolean).join(' · ') || t('common.none'),
        },
        { key: 'tags', label: t('orgs.field.tags'), children: o.tags.map(tag).join('、') || t('common.none') },
        {
          key: 'licence',
          label: t(`orgs.licence.kind.${licenceKindOf(o.type)}`),
          span: 'filled',
          children: detail?.licence ? (
            <LicencePreview licence={detail.licence} />
          ) : (
            <Typography.Text type="danger" data-testid="review-licence-missing">
              {t('verification.licenceMissing')}
            </Typography.Text>
          ),
        },
        {
          key: 'desc',
          label: t('orgs.field.description'),
          span: 'filled',
          children: o.description || t('common.none'),
        },
      ]}
    />
  );
}
