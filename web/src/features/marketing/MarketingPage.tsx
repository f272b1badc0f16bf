import { SegmentsPage } from '../segments/SegmentsPage';

/** The marketing area (营销): segments first; campaigns target them. */
export function MarketingPage() {
  return <SegmentsPage />;
}
