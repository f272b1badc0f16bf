import { describe, expect, it } from 'vitest';
import { i18n } from '../../app/i18n';
import type { TimelineEntry } from './api/customerApi';
import { riskWarning } from './CustomerHeaderCard';
import { type Customer360Section, extraSections } from './customer360Sections';
import { relationshipGraph } from './HouseholdSection';
import { changes } from './ProfileEditDrawer';
import { customer360 } from './testing';
import { timelineLabel, timelineSummary } from './timelineLabels';

const t = i18n.getFixedT('zh-CN');
const now = new Date('2026-05-01T00:00:00Z');
const day = 86_400_000;

describe('risk expiry warning (SUIT-05)', () => {
  const risk = (expiresAt: string | null, status = 'valid') => ({ status, level: 'C3', expiresAt, pendingLevel: null });
  it('warns from 30 days before the expiry, and once expired', () => {
    expect(riskWarning(risk(new Date(now.getTime() + 31 * day).toISOString()), now)).toBeNull();
    expect(riskWarning(risk(new Date(now.getTime() + 30 * day).toISOString()), now)).toEqual({
      kind: 'expiring',
      days: 30,
    });
    expect(riskWarning(risk(new Date(now.getTime() - 1000).toISOString()), now)).toEqual({ kind: 'expired' });
    expect(riskWarning(risk(null, 'expired'), now)).toEqual({ kind: 'expired' });
    expect(riskWarning(risk(null, 'none'), now)).toBeNull();
  });
});

describe('relationship graph', () => {
  it('links household members and related customers; people outside the scope cannot be opened', () => {
    const g = relationshipGraph(t, 'cus_1', '张*', {
      households: [
        {
          id: 'hh_1',
          name: '张家',
          aum: 100,
          membersOutOfScope: 1,
          members: [
            { customerId: 'cus_1', name: '张*', role: 'head', inScope: true, aum: 100 },
            { customerId: 'cus_2', name: '李*', role: 'spouse', inScope: true, aum: 0 },
            { customerId: null, name: '王*', role: 'child', inScope: false, aum: null },
          ],
        },
      ],
      relationships: [
        {
          id: 'rel_1',
          kind: 'guarantor',
          direction: 'incoming',
          otherCustomerId: null,
          otherName: '赵*',
          inScope: false,
          createdAt: '2026-01-01T00:00:00Z',
        },
      ],
    });
    const byName = Object.fromEntries(g.nodes.map((n) => [n.name, n]));
    expect(Object.keys(byName).sort()).toEqual(['张*', '张家', '李*', '王*', '赵*'].sort());
    expect(byName['李*']?.customerId).toBe('cus_2');
    expect(byName['王*']?.customerId).toBeUndefined();
    expect(byName['赵*']?.customerId).toBeUndefined();
    expect(g.links.map((l) => l.label.formatter)).toEqual(['户主', '配偶', '子女', '担保人']);
    // an incoming guarantor relationship points from the guarantor to this customer
    expect(g.links[3]).toMatchObject({ target: 'c:cus_1' });
  });
});

describe('profile edit', () => {
  const h = customer360().header;
  const unchanged = {
    name: h.name,
    gender: 'male' as const,
    nationality: 'CN',
    occupation: '工程师',
    education: '本科',
    incomeBand: '300k-1m',
    tags: h.tags,
  };
  it('sends only what changed, with the version read', () => {
    expect(changes(h, unchanged)).toBeNull();
    expect(changes(h, { ...unchanged, occupation: ' 教师 ', employer: '某中学' })).toEqual({
      occupation: '教师',
      employer: '某中学',
      version: 3,
    });
    expect(changes(h, { ...unchanged, occupation: '' })).toEqual({ occupation: null, version: 3 });
  });
});

describe('timeline labels', () => {
  const entry = (type: string, summary: Record<string, unknown>): TimelineEntry => ({
    id: 'tl',
    occurredAt: '2026-01-01T00:00:00Z',
    type,
    actorId: null,
    summary,
  });
  it('reads known events in words and shows unknown ones generically', () => {
    expect(timelineLabel(t, 'customer.contact_added')).toBe('添加联系方式');
    expect(timelineSummary(t, entry('customer.contact_added', { kind: 'mobile' }))).toBe('手机');
    expect(
      timelineSummary(
        t,
        entry('customer.risk_level_changed', { assessmentId: 'ra_1', level: 'C4', previousLevel: 'C3' }),
      ),
    ).toBe('C3 → C4');
    expect(timelineLabel(t, 'loyalty.points_awarded')).toBe('其他事件（loyalty.points_awarded）');
    expect(timelineSummary(t, entry('loyalty.points_awarded', { points: 200, ledgerId: 'x' }))).toBe('points: 200');
  });
});

describe('360 extension sections', () => {
  it('shows a "not available yet" placeholder for each planned domain until a feature provides it', () => {
    const complaints: Customer360Section = {
      key: 'complaints',
      order: 80,
      label: () => 'Complaints',
      permission: 'complaints:read',
      render: () => null,
    };
    expect(extraSections([], []).map((s) => s.key)).toEqual(['complaints', 'campaigns', 'points', 'churn']);
    const withIt = extraSections(['complaints:read'], [complaints]);
    expect(withIt.map((s) => s.key)).toEqual(['complaints', 'campaigns', 'points', 'churn']);
    expect(withIt[0]).toBe(complaints);
    // a section needing a permission the user lacks is not shown (nor its placeholder)
    expect(extraSections([], [complaints]).map((s) => s.key)).toEqual(['campaigns', 'points', 'churn']);
  });
});
