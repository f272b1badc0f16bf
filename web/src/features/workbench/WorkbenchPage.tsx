import { Route, Routes } from 'react-router';
import { BranchView } from './BranchView';
import { CustomerLogPage } from './CustomerLogPage';
import { RmDrillDown } from './RmDrillDown';
import { RmWorkbench } from './RmWorkbench';

/**
 * The workbench area (/workbench/*): the RM's morning view, the
 * branch-manager's service consistency view with drill-down to one RM, and a
 * customer's interaction log page.
 */
export function WorkbenchPage() {
  return (
    <Routes>
      <Route index element={<RmWorkbench />} />
      <Route path="branch" element={<BranchView />} />
      <Route path="branch/rms/:id" element={<RmDrillDown />} />
      <Route path="customers/:id/log" element={<CustomerLogPage />} />
      <Route path="*" element={<RmWorkbench />} />
    </Routes>
  );
}
