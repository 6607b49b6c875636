import { ListingDetailPage } from './listing-detail-page';

export default function NeedDetailPage() {
  return <ListingDetailPage kind="need" />;
}
