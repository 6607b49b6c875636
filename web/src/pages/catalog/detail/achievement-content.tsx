import { Card, Descriptions, Empty, Image, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../../../api/attachments';
import type { AchievementDetail, IpRight } from '../../../api/listing-types';
import { useLabels } from '../../../lib/use-labels';
import { PriceText } from '../money-text';

/** The achievement's content fields (public part): the view decides which copy (live or working) they are. */
export function AchievementContent({ listing }: { listing: AchievementDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = (name: string) => t(`catalog.field.${name}`);
  const tags = (codes: string[] | undefined, label: (c: string) => string) =>
    (codes ?? []).map((c) => <Tag key={c}>{label(c)}</Tag>);
  return (
    <>
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
            { key: 'form', label: f('form'), children: labels.achievementForm(listing.form) },
            {
              key: 'innovationType',
              label: f('innovationType'),
              children: labels.innovationType(listing.innovationType),
            },
            { key: 'stage', label: f('stage'), children: labels.stage(listing.stage) },
            { key: 'trl', label: f('trl'), children: `TRL ${listing.trl}` },
            { key: 'level', label: f('level'), children: labels.level(listing.level) },
            { key: 'keywords', label: f('keywords'), children: tags(listing.keywords, (c) => c) },
            ...(listing.tags?.length
              ? [{ key: 'tags', label: f('tags'), children: tags(listing.tags, labels.crossTag) }]
              : []),
            ...(listing.inventors?.length
              ? [{ key: 'inventors', label: f('inventors'), children: listing.inventors.join('、') }]
              : []),
          ]}
        />
      </Card>
      <Card title={t('catalog.detail.summary')} className="section-card">
        <Typography.Paragraph className="listing-body" data-testid="listing-summary">
          {listing.summary}
        </Typography.Paragraph>
        {listing.imageIds?.length > 0 && (
          <Image.PreviewGroup>
            <div className="listing-images">
              {listing.imageIds.map((id) => (
                <Image key={id} width={160} src={attachmentUrl(id)} alt="" />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card title={t('catalog.detail.trade')} className="section-card">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'price', label: f('price'), children: <PriceText price={listing.price} /> },
            { key: 'tradingMode', label: f('tradingMode'), children: labels.tradingMode(listing.tradingMode) },
            {
              key: 'transferModes',
              label: f('transferModes'),
              children: tags(listing.transferModes, labels.transferMode),
            },
          ]}
        />
      </Card>
      <Card title={t('catalog.detail.ip')} className="section-card">
        {listing.ipRights?.length ? (
          <Table<IpRight>
            size="small"
            rowKey={(r) => `${r.type}-${r.number}`}
            pagination={listing.ipRights.length > 10 ? { pageSize: 10 } : false}
            dataSource={listing.ipRights}
            columns={[
              { title: f('ipType'), dataIndex: 'type', render: (v: string) => labels.ipType(v) },
              { title: f('ipNumber'), dataIndex: 'number' },
              {
                title: f('ipLegalStatus'),
                dataIndex: 'legalStatus',
                render: (v: string) => t(`catalog.legalStatus.${v}`),
              },
              { title: f('ipApplicationDate'), dataIndex: 'applicationDate' },
              { title: f('ipGrantDate'), dataIndex: 'grantDate' },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.detail.noIp')} />
        )}
      </Card>
    </>
  );
}
