import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/renderApp';
import { customer360, rmUser, stubApi, units } from './testing';

const good = '11010519491231002X';

const base = [
  ['GET /api/units', units],
  [/GET \/api\/customers\/(relationship-managers|tags)$/, { status: 200, body: { items: [] } }],
  ['GET /api/customers', { status: 200, body: { items: [], nextCursor: null } }],
] as const;

let router: ReturnType<typeof renderApp>['router'];

async function openDrawer() {
  router = renderApp('/customers', rmUser()).router;
  fireEvent.click(await screen.findByRole('button', { name: '新建客户' }));
  return within(await screen.findByRole('dialog'));
}

function fill(d: ReturnType<typeof within>, label: string, value: string) {
  fireEvent.change(d.getByLabelText(label), { target: { value } });
}

describe('new customer form', () => {
  beforeAll(() => Promise.all([import('./CustomerListPage'), import('./Customer360Page')]), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('checks the ID checksum and the mobile before sending anything', async () => {
    const sent = stubApi([...base]);
    const d = await openDrawer();
    fill(d, '姓名', '张三');
    fill(d, '证件号码', '110105194912310021');
    fill(d, '手机号', '12345');
    fireEvent.click(d.getByRole('button', { name: '创建客户' }));
    expect(await d.findByText('证件号码校验位不正确，请核对')).toBeTruthy();
    expect(await d.findByText('手机号应为 11 位数字')).toBeTruthy();
    expect(sent.some((s) => s.method === 'POST')).toBe(false);
  });

  it("shows the server's field error under the field it names", async () => {
    const sent = stubApi([
      ...base,
      [
        'POST /api/customers',
        {
          status: 409,
          body: {
            error: {
              code: 'customer.duplicate_id',
              message: 'idNumber: a customer with this ID number already exists',
              details: { field: 'idNumber' },
            },
          },
        },
      ],
    ]);
    const d = await openDrawer();
    fill(d, '姓名', '张三');
    fill(d, '证件号码', good);
    fill(d, '手机号', '+86 138 0013 8000');
    fireEvent.click(d.getByRole('button', { name: '创建客户' }));
    expect(await d.findByText('服务器校验未通过：a customer with this ID number already exists')).toBeTruthy();
    expect(d.getByText('已存在相同证件号码或客户号的客户')).toBeTruthy();
    const post = sent.find((s) => s.method === 'POST');
    expect(post?.body).toEqual({
      kind: 'individual',
      name: '张三',
      idType: 'resident_id',
      idNumber: good,
      mobile: '+86 138 0013 8000',
    });
  });

  it('maps schema validation issues (body.email) to their field too', async () => {
    stubApi([
      ...base,
      [
        'POST /api/customers',
        {
          status: 400,
          body: {
            error: {
              code: 'validation.failed',
              message: 'body.email: Invalid email address',
              details: { issues: [{ field: 'body.email', message: 'Invalid email address' }] },
            },
          },
        },
      ],
    ]);
    const d = await openDrawer();
    fill(d, '姓名', '张三');
    fill(d, '证件号码', good);
    fill(d, '电子邮箱', 'zs@example.cn');
    fireEvent.click(d.getByRole('button', { name: '创建客户' }));
    expect(await d.findByText('服务器校验未通过：Invalid email address')).toBeTruthy();
  });

  it('opens the new customer once the server created it', async () => {
    stubApi([
      ...base,
      ['POST /api/customers', { status: 201, body: { ...customer360().header, id: 'cus_new' } }],
      ['GET /api/customers/cus_new', { status: 200, body: customer360() }],
      [/GET \/api\/customers\/cus_new\/.*/, { status: 200, body: { items: [], nextCursor: null } }],
    ]);
    const d = await openDrawer();
    fill(d, '姓名', '张三');
    fill(d, '证件号码', good);
    fireEvent.click(d.getByRole('button', { name: '创建客户' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/customers/cus_new'));
    expect(await screen.findByText('返回客户列表')).toBeTruthy();
  });
});
