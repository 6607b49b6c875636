import { TrophyOutlined } from '@ant-design/icons';
import { Badge, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { attachmentUrl } from '../../../api/attachments';
import type { AchievementCard, NeedCard } from '../../../api/listing-types';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/use-labels';
import type { EvaluationBadgeDto } from '@shared/evaluation';
import { EvaluationTag } from '../../evaluations/evaluation-badge';
import { BudgetText, PriceText, WanText } from '../money-text';

/** An achievement's card; `evaluation` is its badge (asked for a page of cards at once, evaluations module). */
export function AchievementCardView({ item, evaluation }: { item: AchievementCard; evaluation?: EvaluationBadgeDto }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Link to={`/achievements/${item.id}`} className="listing-card-link" data-testid="listing-card" data-id={item.id}>
      <Card
        hoverable
        className="listing-card"
        cover={
          item.imageId ? <img alt="" className="listing-card__cover" src={attachmentUrl(item.imageId)} /> : undefined
        }
      >
        <div className="listing-card__title">{item.title}</div>
        <div>
          <Tag color="blue">{labels.field(item.fieldCode)}</Tag>
          <Tag>{labels.stage(item.stage)}</Tag>
          <Tag>{t('catalog.list.trl', { trl: item.trl })}</Tag>
          <Tag>{labels.level(item.level)}</Tag>
          <EvaluationTag badge={evaluation} />
        </div>
        <div className="listing-card__text">{item.summary}</div>
        <div className="listing-card__foot">
          <span>
            {item.ownerOrg?.name} · {labels.region(item.regionCode)}
          </span>
          <PriceText price={item.price} />
        </div>
      </Card>
    </Link>
  );
}

export function NeedCardView({ item }: { item: NeedCard }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const card = (
    <Card hoverable className="listing-card">
      <div className="listing-card__title">{item.title}</div>
      <div>
        <Tag color="blue">{labels.field(item.fieldCode)}</Tag>
        <Tag>{labels.region(item.regionCode)}</Tag>
        {item.cooperationModes.slice(0, 2).map((m) => (
          <Tag key={m}>{t(`catalog.cooperation.${m}`)}</Tag>
        ))}
      </div>
      <div className="listing-card__text">{item.problem}</div>
      {item.challenge && (
        <div className="small">
          <TrophyOutlined /> <WanText fen={item.challenge.rewardFen} /> ·{' '}
          {t('catalog.list.closesAt', { date: formatDate(item.challenge.closesAt) })}
        </div>
      )}
      <div className="listing-card__foot">
        <span>{item.ownerOrg?.name}</span>
        <BudgetText budget={item.budget} />
      </div>
    </Card>
  );
  return (
    <Link to={`/needs/${item.id}`} className="listing-card-link" data-testid="listing-card" data-id={item.id}>
      {item.challenge ? (
        <Badge.Ribbon text={t('catalog.challenge.badge')} color="#ad2102">
          {card}
        </Badge.Ribbon>
      ) : (
        card
      )}
    </Link>
  );
}
