import { Flex, Spin } from 'antd';

/** A centred spinner filling its container, for pages and the session check. */
export function FullPageSpinner({ label }: { label: string }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh', height: '100%' }}>
      <Spin size="large" description={label} />
    </Flex>
  );
}
