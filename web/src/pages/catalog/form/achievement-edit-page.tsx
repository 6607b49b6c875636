import { ListingEditPage } from './listing-edit-page';

export default function AchievementEditPage() {
  return <ListingEditPage kind="achievement" />;
}
