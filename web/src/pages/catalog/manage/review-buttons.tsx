import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client';
import type { ListingKind } from '../../../api/listing-types';
import { useReviewListing } from '../../../api/listings';
import type { RejectTarget } from './listing-reject-modal';

interface Props {
  kind: ListingKind;
  target: RejectTarget;
  onReject: (target: RejectTarget) => void;
  size?: 'small' | 'middle';
}

/** Approve at once; reject opens the reason modal (owned by the caller, one per page). */
export function ReviewButtons({ kind, target, onReject, size = 'small' }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const review = useReviewListing(kind);
  const approve = () =>
    review.mutate(
      { id: target.id, decision: 'approve' },
      {
        onSuccess: () => void message.success(t('catalog.review.approved', { title: target.title })),
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  return (
    <Space>
      <Button
        type="primary"
        size={size}
        icon={<CheckOutlined />}
        loading={review.isPending}
        onClick={approve}
        data-testid="listing-approve"
        data-id={target.id}
      >
        {t('catalog.review.approve')}
      </Button>
      <Button
        danger
        size={size}
        icon={<CloseOutlined />}
        onClick={() => onReject(target)}
        data-testid="listing-reject"
        data-id={target.id}
      >
        {t('catalog.review.reject')}
      </Button>
    </Space>
  );
}
