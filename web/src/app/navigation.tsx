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
 * The areas of the main navigation and the permission each needs. This file is the
 * one place to change which permission opens which area; the server enforces the
 * same permissions on the API, the menu only hides what a user could not use.
 */
export type AreaKey = 'workbench' | 'customers' | 'products' | 'complaints' | 'marketing' | 'reports' | 'admin';

export type Area = {
  key: AreaKey;
  path: `/${string}`;
  permission: string;
  icon: ReactNode;
};

export const areas: readonly Area[] = [
  { key: 'workbench', path: '/workbench', permission: 'workbench:read', icon: <DashboardOutlined aria-hidden /> },
  { key: 'customers', path: '/customers', permission: 'customers:read', icon: <TeamOutlined aria-hidden /> },
  { key: 'products', path: '/products', permission: 'products:read', icon: <ShoppingOutlined aria-hidden /> },
  { key: 'complaints', path: '/complaints', permission: 'complaints:read', icon: <AuditOutlined aria-hidden /> },
  { key: 'marketing', path: '/marketing', permission: 'campaigns:read', icon: <NotificationOutlined aria-hidden /> },
  { key: 'reports', path: '/reports', permission: 'reports:read', icon: <BarChartOutlined aria-hidden /> },
  { key: 'admin', path: '/admin', permission: 'admin:users', icon: <SafetyCertificateOutlined aria-hidden /> },
];

export function areaByKey(key: AreaKey): Area {
  const area = areas.find((a) => a.key === key);
  if (!area) throw new Error(`unknown area ${key}`);
  return area;
}

export function canOpenArea(permissions: readonly string[], key: AreaKey): boolean {
  return permissions.includes(areaByKey(key).permission);
}

/** The areas a user with these permissions may open, in menu order. */
export function visibleAreas(permissions: readonly string[]): Area[] {
  const granted = new Set(permissions);
  return areas.filter((a) => granted.has(a.permission));
}
