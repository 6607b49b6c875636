import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NeedDetail } from '../../../api/listing-types';
import { useLabels } from '../../../lib/use-labels';
import { BudgetText } from '../money-text';

export function NeedContent({ listing }: { listing: NeedDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = (name: string) => t(`catalog.field.${name}`);
  return (
    <>
      <Card title={t('catalog.detail.problem')} className="section-card">
        <Typography.Paragraph className="listing-body" data-testid="listing-problem">
          {listing.problem}
        </Typography.Paragraph>
      </Card>
      {listing.indicators && (
        <Card title={t('catalog.detail.indicators')} className="section-card">
          <Typography.Paragraph className="listing-body">{listing.indicators}</Typography.Paragraph>
        </Card>
      )}
      <Card title={t('catalog.detail.basic')} className="section-card">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            {
              key: 'fieldCode',
              label: f('fieldCode'),
              children: `${labels.field(listing.fieldCode)}${listing.subfieldCode ? ` / ${labels.subfield(listing.subfieldCode)}` : ''}`,
            },
            { key: 'regionCode', label: f('regionCode'), children: labels.region(listing.regionCode) },
            { key: 'budget', label: f('budget'), children: <BudgetText budget={listing.budget} /> },
            ...(listing.deadline ? [{ key: 'deadline', label: f('deadline'), children: listing.deadline }] : []),
            {
              key: 'cooperationModes',
              label: f('cooperationModes'),
              children: listing.cooperationModes.map((m) => <Tag key={m}>{t(`catalog.cooperation.${m}`)}</Tag>),
            },
            { key: 'keywords', label: f('keywords'), children: listing.keywords.map((k) => <Tag key={k}>{k}</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
