import { Card, Result, theme } from 'antd';
import type { ReactNode } from 'react';

type AreaEmptyStateProps = {
  icon: ReactNode;
  title: string;
  description: string;
  extra?: ReactNode;
};

/** The page of an area that has no content yet: its icon, title and what it will hold. */
export function AreaEmptyState({ icon, title, description, extra }: AreaEmptyStateProps) {
  const { token } = theme.useToken();
  return (
    <Card variant="borderless" style={{ minHeight: 420 }}>
      <Result
        icon={<span style={{ fontSize: 72, color: token.colorPrimary }}>{icon}</span>}
        title={<h1 style={{ fontSize: token.fontSizeHeading3, margin: 0, fontWeight: 600 }}>{title}</h1>}
        subTitle={description}
        extra={extra}
      />
    </Card>
  );
}
