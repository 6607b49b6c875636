import { ListingBrowse } from './listing-browse';

export default function AchievementListPage() {
  return <ListingBrowse kind="achievement" />;
}
