import { ListingBrowse } from './listing-browse';

export default function NeedListPage() {
  return <ListingBrowse kind="need" />;
}
