import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/StatusPages';
import { Customer360Page } from './Customer360Page';
import { CustomerListPage } from './CustomerListPage';

/** The customers area (routed at /customers/*): the list and search, and the 360 view of one customer. */
export function CustomersPage() {
  return (
    <Routes>
      <Route index element={<CustomerListPage />} />
      <Route path=":id" element={<Customer360Page />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
