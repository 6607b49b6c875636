import { ListingDetailPage } from './listing-detail-page';

export default function AchievementDetailPage() {
  return <ListingDetailPage kind="achievement" />;
}
