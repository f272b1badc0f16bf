import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ShoppingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * The areas of the main navigation and the permissions that open each (any one of
 * them). This file is the one place to change which permission opens which area; the
 * server enforces the same permissions on the API, the menu only hides what a user
 * could not use.
 */
export type AreaKey = 'workbench' | 'customers' | 'products' | 'complaints' | 'marketing' | 'reports' | 'admin';

export type Area = {
  key: AreaKey;
  path: `/${string}`;
  /** any one of these opens the area */
  permissions: readonly string[];
  icon: ReactNode;
};

export const areas: readonly Area[] = [
  { key: 'workbench', path: '/workbench', permissions: ['workbench:read'], icon: <DashboardOutlined aria-hidden /> },
  { key: 'customers', path: '/customers', permissions: ['customers:read'], icon: <TeamOutlined aria-hidden /> },
  { key: 'products', path: '/products', permissions: ['products:read'], icon: <ShoppingOutlined aria-hidden /> },
  { key: 'complaints', path: '/complaints', permissions: ['complaints:read'], icon: <AuditOutlined aria-hidden /> },
  { key: 'marketing', path: '/marketing', permissions: ['campaigns:read'], icon: <NotificationOutlined aria-hidden /> },
  { key: 'reports', path: '/reports', permissions: ['reports:read'], icon: <BarChartOutlined aria-hidden /> },
  {
    key: 'admin',
    path: '/admin',
    // administration, audit oversight, and the maker-checker queue and RM covers of managers
    permissions: [
      'admin:read',
      'admin:users',
      'admin:units',
      'admin:sessions',
      'admin:tokens',
      'audit:read',
      'approvals:decide',
      'covers:manage',
    ],
    icon: <SafetyCertificateOutlined aria-hidden />,
  },
];

export function areaByKey(key: AreaKey): Area {
  const area = areas.find((a) => a.key === key);
  if (!area) throw new Error(`unknown area ${key}`);
  return area;
}

function opens(area: Area, granted: ReadonlySet<string>): boolean {
  return area.permissions.some((p) => granted.has(p));
}

export function canOpenArea(permissions: readonly string[], key: AreaKey): boolean {
  return opens(areaByKey(key), new Set(permissions));
}

/** The areas a user with these permissions may open, in menu order. */
export function visibleAreas(permissions: readonly string[]): Area[] {
  const granted = new Set(permissions);
  return areas.filter((a) => opens(a, granted));
}
