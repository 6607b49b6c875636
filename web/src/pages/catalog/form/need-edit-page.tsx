import { ListingEditPage } from './listing-edit-page';

export default function NeedEditPage() {
  return <ListingEditPage kind="need" />;
}
